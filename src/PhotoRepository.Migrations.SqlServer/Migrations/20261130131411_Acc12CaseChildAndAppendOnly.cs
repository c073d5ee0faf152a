using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Acc12CaseChildAndAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ChildBirthDate",
                table: "MissingChildCases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ChildDistrictId",
                table: "MissingChildCases",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChildFirstName",
                table: "MissingChildCases",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ChildLastName",
                table: "MissingChildCases",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_MissingChildCases_ChildDistrictId",
                table: "MissingChildCases",
                column: "ChildDistrictId");

            migrationBuilder.AddForeignKey(
                name: "FK_MissingChildCases_Districts_ChildDistrictId",
                table: "MissingChildCases",
                column: "ChildDistrictId",
                principalTable: "Districts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Cases opened from a photo before the child's fields existed: copy them from the state record.
            migrationBuilder.Sql("""
                UPDATE c SET c.ChildFirstName = s.FirstName, c.ChildLastName = s.LastName, c.ChildBirthDate = s.BirthDate, c.ChildDistrictId = s.DistrictId
                FROM MissingChildCases c JOIN StateStudents s ON s.Id = c.StateStudentId;
                """);

            // The legal records are append-only in the database itself, not only by the app's convention. AFTER triggers
            // (an INSTEAD OF trigger is not allowed on a table with a cascading foreign key); THROW rolls the statement back.
            // CREATE TRIGGER must start its batch: EXEC keeps it valid inside the idempotent script's IF ... BEGIN ... END.
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [dbo].[DisclosureRecords_AppendOnly] ON [dbo].[DisclosureRecords] AFTER UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF EXISTS (SELECT 1 FROM deleted) THROW 50001, ''DisclosureRecords is append-only'', 1;
                END')
                """);
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [dbo].[OptInChanges_AppendOnly] ON [dbo].[OptInChanges] AFTER UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF EXISTS (SELECT 1 FROM deleted) THROW 50001, ''OptInChanges is append-only'', 1;
                END')
                """);
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [dbo].[AuditEvents_AppendOnly] ON [dbo].[AuditEvents] AFTER UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF EXISTS (SELECT 1 FROM deleted) THROW 50001, ''AuditEvents is append-only'', 1;
                END')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [dbo].[DisclosureRecords_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [dbo].[OptInChanges_AppendOnly];");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [dbo].[AuditEvents_AppendOnly];");

            migrationBuilder.DropForeignKey(
                name: "FK_MissingChildCases_Districts_ChildDistrictId",
                table: "MissingChildCases");

            migrationBuilder.DropIndex(
                name: "IX_MissingChildCases_ChildDistrictId",
                table: "MissingChildCases");

            migrationBuilder.DropColumn(
                name: "ChildBirthDate",
                table: "MissingChildCases");

            migrationBuilder.DropColumn(
                name: "ChildDistrictId",
                table: "MissingChildCases");

            migrationBuilder.DropColumn(
                name: "ChildFirstName",
                table: "MissingChildCases");

            migrationBuilder.DropColumn(
                name: "ChildLastName",
                table: "MissingChildCases");
        }
    }
}
