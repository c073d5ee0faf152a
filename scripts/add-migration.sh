#!/usr/bin/env bash
# Adds a migration with the same name to both provider sets: ./scripts/add-migration.sh Name
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: add-migration.sh Name}
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer; do
  dotnet ef migrations add "$name" \
    --project "src/PhotoRepository.Migrations.$provider" \
    --startup-project "src/PhotoRepository.Migrations.$provider" \
    --output-dir Migrations
done
