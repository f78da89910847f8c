using Microsoft.EntityFrameworkCore.Migrations;

namespace Caseload.Platform.Audit;

/// <summary>
/// The database's side of <see cref="AuditEventCase"/>, which EF's model does not describe; the CompactListAudit migrations
/// call it once, after creating the table and its index.
/// <list type="bullet">
/// <item>Append-only like AuditEvents: UPDATE and DELETE refused on both databases, TRUNCATE on PostgreSQL, with the same
/// message (PostgreSQL reuses the events' trigger function).</item>
/// <item>On SQLite the table is remade WITHOUT ROWID (EF cannot say so): its rows then live in the primary key itself, two
/// b-trees instead of three, about a third fewer bytes per case shown. A later migration that rebuilds this table must
/// keep both.</item>
/// </list>
/// </summary>
public static class CompactListAuditSql
{
    private const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";

    public static void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.ActiveProvider == Sqlite)
        {
            // The table is new and empty here.
            migrationBuilder.Sql("""DROP INDEX "IX_AuditEventCases_CaseId";""");
            migrationBuilder.Sql("""DROP TABLE "AuditEventCases";""");
            migrationBuilder.Sql("""
                CREATE TABLE "AuditEventCases" (
                    "AuditEventId" INTEGER NOT NULL,
                    "CaseId" TEXT NOT NULL,
                    CONSTRAINT "PK_AuditEventCases" PRIMARY KEY ("AuditEventId", "CaseId")
                ) WITHOUT ROWID;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_AuditEventCases_CaseId" ON "AuditEventCases" ("CaseId");""");
            migrationBuilder.Sql("CREATE TRIGGER audit_event_cases_no_update BEFORE UPDATE ON AuditEventCases BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_event_cases_no_delete BEFORE DELETE ON AuditEventCases BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;");
        }
        else
        {
            migrationBuilder.Sql("""CREATE TRIGGER audit_event_cases_append_only BEFORE UPDATE OR DELETE ON "AuditEventCases" FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();""");
            migrationBuilder.Sql("""CREATE TRIGGER audit_event_cases_no_truncate BEFORE TRUNCATE ON "AuditEventCases" FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();""");
        }
    }

    public static void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.ActiveProvider == Sqlite)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_event_cases_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_event_cases_no_delete;");
        }
        else
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS audit_event_cases_append_only ON "AuditEventCases";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS audit_event_cases_no_truncate ON "AuditEventCases";""");
        }
    }
}
