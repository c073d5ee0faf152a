using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.SqlServer.Migrations
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
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IndexFile",
                table: "PhotoImportBatches",
                type: "nvarchar(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "IndexIdColumn",
                table: "PhotoImportBatches",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StateStudentNameGrams",
                columns: table => new
                {
                    Gram = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    StateStudentId = table.Column<int>(type: "int", nullable: false)
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

            // Hand-written: the name index of the students already here. Blank search keys are folded again, and
            // the n-gram table filled, by `migrate` (SearchKeys.RefoldBlankAsync through NameGramKeeper) right after.
            migrationBuilder.Sql("UPDATE [StateStudents] SET [SearchName] = N'';");
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
