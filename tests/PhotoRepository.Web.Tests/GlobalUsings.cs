// The namespaces nearly every web test uses.
global using System.Net;
global using Microsoft.EntityFrameworkCore;
global using PhotoRepository.Core.Entities;
global using PhotoRepository.Web.Seeding;
global using PhotoRepository.Web.Tests.Infrastructure;
