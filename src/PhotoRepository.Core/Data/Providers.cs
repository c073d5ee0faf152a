using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PhotoRepository.Core.Data;

public static class Providers
{
    /// <summary>
    /// Whether the context runs on the embedded SQLite provider. Core does not reference that provider's package (whose
    /// IsSqlite() says the same), so its name is compared here, once.
    /// </summary>
    public static bool RunsOnSqlite(this DatabaseFacade database) => database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";
}
