using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DojSearchOrderOptedIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StateStudents_SearchOrder",
                table: "StateStudents");

            migrationBuilder.CreateIndex(
                name: "IX_StateStudents_SearchOrder",
                table: "StateStudents",
                columns: new[] { "LastName", "FirstName", "BirthDate", "SearchName" },
                filter: "OptIn = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StateStudents_SearchOrder",
                table: "StateStudents");

            migrationBuilder.CreateIndex(
                name: "IX_StateStudents_SearchOrder",
                table: "StateStudents",
                columns: new[] { "LastName", "FirstName", "BirthDate", "OptIn", "SearchName" });
        }
    }
}
