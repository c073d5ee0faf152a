using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ChildDistrictId",
                table: "MissingChildCases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChildFirstName",
                table: "MissingChildCases",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ChildLastName",
                table: "MissingChildCases",
                type: "TEXT",
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
                UPDATE MissingChildCases SET
                    ChildFirstName = (SELECT FirstName FROM StateStudents s WHERE s.Id = MissingChildCases.StateStudentId),
                    ChildLastName = (SELECT LastName FROM StateStudents s WHERE s.Id = MissingChildCases.StateStudentId),
                    ChildBirthDate = (SELECT BirthDate FROM StateStudents s WHERE s.Id = MissingChildCases.StateStudentId),
                    ChildDistrictId = (SELECT DistrictId FROM StateStudents s WHERE s.Id = MissingChildCases.StateStudentId)
                WHERE StateStudentId IS NOT NULL;
                """);

            // The legal records are append-only in the database itself, not only by the app's convention.
            migrationBuilder.Sql("CREATE TRIGGER DisclosureRecords_NoUpdate BEFORE UPDATE ON DisclosureRecords BEGIN SELECT RAISE(ABORT, 'DisclosureRecords is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER DisclosureRecords_NoDelete BEFORE DELETE ON DisclosureRecords BEGIN SELECT RAISE(ABORT, 'DisclosureRecords is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER OptInChanges_NoUpdate BEFORE UPDATE ON OptInChanges BEGIN SELECT RAISE(ABORT, 'OptInChanges is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER OptInChanges_NoDelete BEFORE DELETE ON OptInChanges BEGIN SELECT RAISE(ABORT, 'OptInChanges is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER AuditEvents_NoUpdate BEFORE UPDATE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'AuditEvents is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER AuditEvents_NoDelete BEFORE DELETE ON AuditEvents BEGIN SELECT RAISE(ABORT, 'AuditEvents is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS DisclosureRecords_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS DisclosureRecords_NoDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS OptInChanges_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS OptInChanges_NoDelete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEvents_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEvents_NoDelete;");

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
