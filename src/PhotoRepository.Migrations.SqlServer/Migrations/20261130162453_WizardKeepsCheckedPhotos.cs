using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class WizardKeepsCheckedPhotos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "CaptureDate",
                table: "PhotoImportItems",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Sha256",
                table: "PhotoImportItems",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PhotoImportContents",
                columns: table => new
                {
                    BatchId = table.Column<int>(type: "int", nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    DistrictId = table.Column<int>(type: "int", nullable: false),
                    Jpeg = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    Thumbnail = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    Width = table.Column<int>(type: "int", nullable: false),
                    Height = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhotoImportContents", x => new { x.BatchId, x.Sha256 });
                    table.ForeignKey(
                        name: "FK_PhotoImportContents_PhotoImportBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "PhotoImportBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PhotoImportContents");

            migrationBuilder.DropColumn(
                name: "CaptureDate",
                table: "PhotoImportItems");

            migrationBuilder.DropColumn(
                name: "Sha256",
                table: "PhotoImportItems");
        }
    }
}
