using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.SqlServer.Migrations
{
    /// <summary>
    /// Empty on purpose: on SQLite this migration adds a trigram full-text index for DOJ name search.
    /// SQL Server has no built-in index for matching part of a word, so the search scans there (see
    /// docs/performance.md); the migration exists so both sets keep the same names and order.
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
