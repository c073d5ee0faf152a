using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PhotoImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PhotoImportBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    ZipFileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    StoredFile = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ZipBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    IdentifierKind = table.Column<int>(type: "INTEGER", nullable: false),
                    PhotoDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReplaceExisting = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhotoImportBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PhotoImportItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BatchId = table.Column<int>(type: "INTEGER", nullable: false),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryName = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Identifier = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    StudentId = table.Column<int>(type: "INTEGER", nullable: true),
                    StudentName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhotoImportItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PhotoImportItems_PhotoImportBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "PhotoImportBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PhotoImportBatches_DistrictId_CreatedAt",
                table: "PhotoImportBatches",
                columns: new[] { "DistrictId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PhotoImportItems_BatchId_Outcome",
                table: "PhotoImportItems",
                columns: new[] { "BatchId", "Outcome" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PhotoImportItems");

            migrationBuilder.DropTable(
                name: "PhotoImportBatches");
        }
    }
}
