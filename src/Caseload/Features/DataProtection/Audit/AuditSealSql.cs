namespace Caseload.Features.DataProtection.Audit;

/// <summary>
/// The sealed batches are append-only like the events they seal: the database refuses a change or a deletion. Called from the
/// DataProtection migration of each provider, so the SQL survives the migration being regenerated.
/// </summary>
public static class AuditSealSql
{
    public static IReadOnlyList<string> Up(bool postgres) => postgres
        ?
        [
            "CREATE FUNCTION audit_seals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'Sealed audit batches are append-only'; END $$;",
            "CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON \"AuditSeals\" FOR EACH ROW EXECUTE FUNCTION audit_seals_append_only();",
        ]
        :
        [
            "CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON AuditSeals BEGIN SELECT RAISE(ABORT, 'Sealed audit batches are append-only'); END;",
            "CREATE TRIGGER audit_seals_no_delete BEFORE DELETE ON AuditSeals BEGIN SELECT RAISE(ABORT, 'Sealed audit batches are append-only'); END;",
        ];

    public static IReadOnlyList<string> Down(bool postgres) => postgres
        ? ["DROP TRIGGER IF EXISTS audit_seals_append_only ON \"AuditSeals\";", "DROP FUNCTION IF EXISTS audit_seals_append_only();"]
        : ["DROP TRIGGER IF EXISTS audit_seals_no_update;", "DROP TRIGGER IF EXISTS audit_seals_no_delete;"];
}
