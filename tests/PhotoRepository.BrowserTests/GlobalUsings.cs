// The namespaces every browser test uses.
global using Microsoft.Playwright;
global using PhotoRepository.BrowserTests.Infrastructure;
global using PhotoRepository.Web.Seeding;
