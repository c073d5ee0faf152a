// The namespaces most of Core uses: EF Core, the entities and the rules.
global using Microsoft.EntityFrameworkCore;
global using PhotoRepository.Core.Entities;
global using PhotoRepository.Core.Rules;
