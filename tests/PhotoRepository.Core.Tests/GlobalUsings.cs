// The namespaces nearly every Core test uses.
global using Microsoft.EntityFrameworkCore;
global using PhotoRepository.Core.Entities;
global using PhotoRepository.Core.Rules;
