using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.SqlServer.Migrations
{
    /// <summary>
    /// Records the model's read-only StateStudentNamePairs mapping only: the table is SQLite's (its migration creates it
    /// and its triggers); SQL Server has none and its DOJ search never reads it (decision 0012).
    /// </summary>
    public partial class DojNamePairs : Migration
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
