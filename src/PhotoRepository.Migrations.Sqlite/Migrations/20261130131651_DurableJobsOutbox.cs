using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DurableJobsOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "HeartbeatAt",
                table: "PhotoImportBatches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportError",
                table: "PhotoImportBatches",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StateSyncRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StateStudentId = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateSyncRequests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StateSyncRequests_StateStudentId",
                table: "StateSyncRequests",
                column: "StateStudentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StateSyncRequests");

            migrationBuilder.DropColumn(
                name: "HeartbeatAt",
                table: "PhotoImportBatches");

            migrationBuilder.DropColumn(
                name: "ImportError",
                table: "PhotoImportBatches");
        }
    }
}
