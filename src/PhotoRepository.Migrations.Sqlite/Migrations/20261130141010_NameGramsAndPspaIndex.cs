using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NameGramsAndPspaIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "IndexRow",
                table: "PhotoImportItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IndexFile",
                table: "PhotoImportBatches",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "IndexIdColumn",
                table: "PhotoImportBatches",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StateStudentNameGrams",
                columns: table => new
                {
                    Gram = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    StateStudentId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateStudentNameGrams", x => new { x.Gram, x.StateStudentId });
                    table.ForeignKey(
                        name: "FK_StateStudentNameGrams_StateStudents_StateStudentId",
                        column: x => x.StateStudentId,
                        principalTable: "StateStudents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StateStudentNameGrams_StateStudentId",
                table: "StateStudentNameGrams",
                column: "StateStudentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StateStudentNameGrams");

            migrationBuilder.DropColumn(
                name: "IndexRow",
                table: "PhotoImportItems");

            migrationBuilder.DropColumn(
                name: "IndexFile",
                table: "PhotoImportBatches");

            migrationBuilder.DropColumn(
                name: "IndexIdColumn",
                table: "PhotoImportBatches");
        }
    }
}
