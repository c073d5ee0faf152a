using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// DOJ search by a two-letter name part: every two-letter piece of each opted-in state student's search name, keyed
    /// by the piece and then the result order, so such a search reads its first 26 matches in order (decision 0012).
    /// Written by hand (EF maps the table read-only): the triggers keep it from every write to StateStudents, as the
    /// trigram index's do. A later migration that rebuilds StateStudents drops these triggers with it and must
    /// recreate them (StateStudentNamePairsTests fails if they are gone).
    /// </summary>
    public partial class DojNamePairs : Migration
    {
        // The pieces of a search name: consecutive characters within one name part (parts are separated by one space).
        private static string Pieces(string row) => $"""
            WITH RECURSIVE at(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM at WHERE n < length({row}.SearchName) - 1)
            SELECT DISTINCT substr({row}.SearchName, n, 2) AS Pair FROM at
            WHERE length(substr({row}.SearchName, n, 2)) = 2 AND instr(substr({row}.SearchName, n, 2), ' ') = 0
            """;

        private static string Add(string row) => $"""
            INSERT OR IGNORE INTO StateStudentNamePairs (Pair, LastName, FirstName, BirthDate, StateStudentId)
            SELECT Pair, {row}.LastName, {row}.FirstName, {row}.BirthDate, {row}.Id FROM ({Pieces(row)}) WHERE {row}.OptIn = 1;
            """;

        // Each row is found by its whole key, so a removal is a handful of seeks, not a scan.
        private static string Remove(string row) => $"""
            DELETE FROM StateStudentNamePairs
            WHERE {row}.OptIn = 1 AND LastName = {row}.LastName AND FirstName = {row}.FirstName AND BirthDate = {row}.BirthDate
              AND StateStudentId = {row}.Id AND Pair IN ({Pieces(row)});
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE StateStudentNamePairs (
                    Pair TEXT NOT NULL, LastName TEXT NOT NULL, FirstName TEXT NOT NULL, BirthDate TEXT NOT NULL, StateStudentId INTEGER NOT NULL,
                    PRIMARY KEY (Pair, LastName, FirstName, BirthDate, StateStudentId)) WITHOUT ROWID;
                """);
            // The students already there, sorted first so the table is written in key order.
            migrationBuilder.Sql("""
                INSERT INTO StateStudentNamePairs (Pair, LastName, FirstName, BirthDate, StateStudentId)
                WITH RECURSIVE at(Id, Name, LastName, FirstName, BirthDate, n) AS (
                    SELECT Id, SearchName, LastName, FirstName, BirthDate, 1 FROM StateStudents WHERE OptIn = 1 AND length(SearchName) > 1
                    UNION ALL SELECT Id, Name, LastName, FirstName, BirthDate, n + 1 FROM at WHERE n < length(Name) - 1)
                SELECT DISTINCT substr(Name, n, 2), LastName, FirstName, BirthDate, Id FROM at WHERE instr(substr(Name, n, 2), ' ') = 0
                ORDER BY 1, 2, 3, 4, 5;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER StateStudentNamePairs_Insert AFTER INSERT ON StateStudents BEGIN
                    {Add("new")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER StateStudentNamePairs_Delete AFTER DELETE ON StateStudents BEGIN
                    {Remove("old")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER StateStudentNamePairs_Update AFTER UPDATE OF Id, OptIn, LastName, FirstName, BirthDate, SearchName ON StateStudents BEGIN
                    {Remove("old")}
                    {Add("new")}
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS StateStudentNamePairs_Update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS StateStudentNamePairs_Delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS StateStudentNamePairs_Insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS StateStudentNamePairs;");
        }
    }
}
