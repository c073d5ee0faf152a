// The namespaces nearly every page model and setup file uses.
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.EntityFrameworkCore;
global using PhotoRepository.Core.Csv;
global using PhotoRepository.Core.Data;
global using PhotoRepository.Core.Entities;
global using PhotoRepository.Core.Rules;
