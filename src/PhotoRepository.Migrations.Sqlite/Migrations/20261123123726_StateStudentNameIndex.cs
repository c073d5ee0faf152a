using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhotoRepository.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// A trigram full-text index over StateStudents.SearchName, so DOJ name search (any part of a name) finds its
    /// candidates without scanning every state student. External content: the index keeps no copy of the names,
    /// and triggers keep it in step with every insert, delete and name change, whichever code path writes.
    /// A later migration that rebuilds the StateStudents table drops these triggers with it: recreate them there
    /// (MigrationsTests checks they exist and work).
    /// </summary>
    public partial class StateStudentNameIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE VIRTUAL TABLE StateStudentNames USING fts5(SearchName, content='StateStudents', content_rowid='Id', tokenize='trigram');");
            migrationBuilder.Sql("INSERT INTO StateStudentNames(StateStudentNames) VALUES ('rebuild');");
            migrationBuilder.Sql("""
                CREATE TRIGGER StateStudentNames_Insert AFTER INSERT ON StateStudents BEGIN
                    INSERT INTO StateStudentNames(rowid, SearchName) VALUES (new.Id, new.SearchName);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER StateStudentNames_Delete AFTER DELETE ON StateStudents BEGIN
                    INSERT INTO StateStudentNames(StateStudentNames, rowid, SearchName) VALUES ('delete', old.Id, old.SearchName);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER StateStudentNames_Update AFTER UPDATE OF Id, SearchName ON StateStudents BEGIN
                    INSERT INTO StateStudentNames(StateStudentNames, rowid, SearchName) VALUES ('delete', old.Id, old.SearchName);
                    INSERT INTO StateStudentNames(rowid, SearchName) VALUES (new.Id, new.SearchName);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS StateStudentNames_Update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS StateStudentNames_Delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS StateStudentNames_Insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS StateStudentNames;");
        }
    }
}
