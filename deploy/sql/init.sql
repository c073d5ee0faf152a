-- Creates the database and the two logins the application uses, with the least each needs.
-- Run as sa by the `db-init` one-shot service in docker-compose.yml (sqlcmd variables: MIGRATOR_PASSWORD,
-- APP_PASSWORD). Idempotent: safe to run on every `docker compose up`. Passwords must not contain a quote.
--   photorepo_migrator  owns the schema: applies the EF migrations and installs Hangfire's tables (`migrate`).
--   photorepo_app       what the web app runs as: reads and writes rows, changes no table, trigger or
--                       permission, so it cannot drop or disable the append-only triggers on the record
--                       of disclosures, the opt-in history and the audit trail.
IF DB_ID(N'PhotoRepository') IS NULL
    CREATE DATABASE [PhotoRepository];
GO

IF SUSER_ID(N'photorepo_migrator') IS NULL
    CREATE LOGIN [photorepo_migrator] WITH PASSWORD = N'$(MIGRATOR_PASSWORD)', CHECK_POLICY = ON;
ELSE
    ALTER LOGIN [photorepo_migrator] WITH PASSWORD = N'$(MIGRATOR_PASSWORD)';
IF SUSER_ID(N'photorepo_app') IS NULL
    CREATE LOGIN [photorepo_app] WITH PASSWORD = N'$(APP_PASSWORD)', CHECK_POLICY = ON;
ELSE
    ALTER LOGIN [photorepo_app] WITH PASSWORD = N'$(APP_PASSWORD)';
GO

USE [PhotoRepository];
GO

IF USER_ID(N'photorepo_migrator') IS NULL
    CREATE USER [photorepo_migrator] FOR LOGIN [photorepo_migrator] WITH DEFAULT_SCHEMA = [dbo];
ALTER ROLE [db_owner] ADD MEMBER [photorepo_migrator];
GO

IF USER_ID(N'photorepo_app') IS NULL
    CREATE USER [photorepo_app] FOR LOGIN [photorepo_app] WITH DEFAULT_SCHEMA = [dbo];
-- Rows only: SELECT, INSERT, UPDATE, DELETE on every table (the append-only tables refuse UPDATE and
-- DELETE in their own triggers, whoever asks).
ALTER ROLE [db_datareader] ADD MEMBER [photorepo_app];
ALTER ROLE [db_datawriter] ADD MEMBER [photorepo_app];
-- Said explicitly, so a later grant by mistake does not widen it: no DDL, no ALTER TABLE (which DISABLE
-- TRIGGER and TRUNCATE need), no permission changes, in the app's schema or anywhere in the database.
DENY ALTER ON SCHEMA::[dbo] TO [photorepo_app];
DENY ALTER ANY SCHEMA TO [photorepo_app];
DENY CREATE TABLE, CREATE PROCEDURE, CREATE FUNCTION, CREATE VIEW TO [photorepo_app];
DENY ALTER ANY DATABASE DDL TRIGGER TO [photorepo_app];
DENY ALTER ANY USER, ALTER ANY ROLE TO [photorepo_app];
GO

-- Hangfire keeps its jobs in the [HangFire] schema; the migrator creates it, the app only uses its rows.
IF SCHEMA_ID(N'HangFire') IS NULL
    EXEC (N'CREATE SCHEMA [HangFire] AUTHORIZATION [dbo]');
DENY ALTER ON SCHEMA::[HangFire] TO [photorepo_app];
GO
