using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.SqlServer.Migrations
{
    /// <summary>
    /// Intentionally empty: the Sqlite set adds a trigram index for DOJ name search here. SQL Server has no
    /// built-in index for any-part-of-a-word matching (its full-text search matches words and prefixes only),
    /// so on SQL Server the name search stays a scan of the narrow SearchName index. Kept so both sets have the
    /// same migrations by name.
    /// </summary>
    public partial class StateStudentNameIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
