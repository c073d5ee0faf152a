using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DojCaseDescription : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AgencyPhone",
                table: "MissingChildCases",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ChildEyes",
                table: "MissingChildCases",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ChildHair",
                table: "MissingChildCases",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ChildHeightInches",
                table: "MissingChildCases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ChildWeightPounds",
                table: "MissingChildCases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastSeenAt",
                table: "MissingChildCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastSeenPlace",
                table: "MissingChildCases",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AgencyPhone",
                table: "MissingChildCases");

            migrationBuilder.DropColumn(
                name: "ChildEyes",
                table: "MissingChildCases");

            migrationBuilder.DropColumn(
                name: "ChildHair",
                table: "MissingChildCases");

            migrationBuilder.DropColumn(
                name: "ChildHeightInches",
                table: "MissingChildCases");

            migrationBuilder.DropColumn(
                name: "ChildWeightPounds",
                table: "MissingChildCases");

            migrationBuilder.DropColumn(
                name: "LastSeenAt",
                table: "MissingChildCases");

            migrationBuilder.DropColumn(
                name: "LastSeenPlace",
                table: "MissingChildCases");
        }
    }
}
