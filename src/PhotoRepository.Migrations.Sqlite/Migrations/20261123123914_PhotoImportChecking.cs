using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PhotoImportChecking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CheckError",
                table: "PhotoImportBatches",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CheckTotal",
                table: "PhotoImportBatches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "CheckedCount",
                table: "PhotoImportBatches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CheckError",
                table: "PhotoImportBatches");

            migrationBuilder.DropColumn(
                name: "CheckTotal",
                table: "PhotoImportBatches");

            migrationBuilder.DropColumn(
                name: "CheckedCount",
                table: "PhotoImportBatches");
        }
    }
}
