using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class IncrementalSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ChangedSince",
                table: "SyncRuns",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Scope",
                table: "SyncRuns",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "ChangedAt",
                table: "Students",
                type: "datetime2",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.CreateIndex(
                name: "IX_Students_ChangedAt",
                table: "Students",
                column: "ChangedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Students_ChangedAt",
                table: "Students");

            migrationBuilder.DropColumn(
                name: "ChangedSince",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "ChangedAt",
                table: "Students");
        }
    }
}
