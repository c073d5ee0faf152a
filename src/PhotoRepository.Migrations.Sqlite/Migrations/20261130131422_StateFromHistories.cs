using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StateFromHistories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Totals_RemovedNoLongerHeld",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Counts_RemovedNoLongerHeld",
                table: "SyncRunDistricts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "LastExplicitOptIn",
                table: "Students",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastExplicitOptInAt",
                table: "Students",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StateIdSince",
                table: "Students",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // The state value is now decided from each record's last explicit choice: fill it from the history,
            // or from the current value where a record has no history.
            migrationBuilder.Sql(@"UPDATE Students SET
                LastExplicitOptIn = (SELECT c.NewValue FROM OptInChanges c WHERE c.StudentId = Students.Id AND c.NewValue IN (1, 2) ORDER BY c.ChangedAt DESC, c.Id DESC LIMIT 1),
                LastExplicitOptInAt = (SELECT c.ChangedAt FROM OptInChanges c WHERE c.StudentId = Students.Id AND c.NewValue IN (1, 2) ORDER BY c.ChangedAt DESC, c.Id DESC LIMIT 1);");
            migrationBuilder.Sql(@"UPDATE Students SET LastExplicitOptIn = OptIn, LastExplicitOptInAt = OptInRecordedAt
                WHERE LastExplicitOptIn IS NULL AND OptIn IN (1, 2);");
            migrationBuilder.Sql(@"UPDATE Students SET StateIdSince = COALESCE(
                (SELECT MIN(c.ChangedAt) FROM OptInChanges c WHERE c.StudentId = Students.Id), ChangedAt);");
            // The name folding changed (SearchText): blank keys are folded again at start-up or by the migrate command.
            migrationBuilder.Sql("UPDATE Students SET SearchName = '';");
            migrationBuilder.Sql("UPDATE StateStudents SET SearchName = '';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Totals_RemovedNoLongerHeld",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "Counts_RemovedNoLongerHeld",
                table: "SyncRunDistricts");

            migrationBuilder.DropColumn(
                name: "LastExplicitOptIn",
                table: "Students");

            migrationBuilder.DropColumn(
                name: "LastExplicitOptInAt",
                table: "Students");

            migrationBuilder.DropColumn(
                name: "StateIdSince",
                table: "Students");
        }
    }
}
