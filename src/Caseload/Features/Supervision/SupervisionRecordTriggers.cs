namespace Caseload.Features.Supervision;

/// <summary>
/// The database's own guard on supervision records (migration Supervision), whoever is connected: a saved version of a
/// session, its case discussions and their actions, and the supervisee's responses are never changed or deleted (nor, on
/// PostgreSQL, truncated). An amendment adds a version; the session row itself only points at the version in force.
/// </summary>
public static class SupervisionRecordTriggers
{
    public const string Refusal = "Supervision records are append-only: an amendment adds a version and the earlier ones stay as they were";

    public static readonly IReadOnlyList<string> Tables = ["SupervisionSessionVersions", "SupervisionCaseDiscussions", "SupervisionActions", "SupervisionResponses"];

    public static string Postgres =>
        $$"""
        CREATE FUNCTION supervision_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{{Refusal}}';
        END $$;
        """ + string.Concat(Tables.Select(t => $"""

        CREATE TRIGGER "{t}_append_only" BEFORE UPDATE OR DELETE ON "{t}" FOR EACH ROW EXECUTE FUNCTION supervision_records_append_only();
        CREATE TRIGGER "{t}_no_truncate" BEFORE TRUNCATE ON "{t}" FOR EACH STATEMENT EXECUTE FUNCTION supervision_records_append_only();
        """));

    public static string PostgresDown =>
        string.Concat(Tables.Select(t => $"""
        DROP TRIGGER IF EXISTS "{t}_no_truncate" ON "{t}";
        DROP TRIGGER IF EXISTS "{t}_append_only" ON "{t}";

        """)) + "DROP FUNCTION IF EXISTS supervision_records_append_only();";

    public static string Sqlite =>
        string.Concat(Tables.Select(t => $"""
        CREATE TRIGGER "{t}_no_update" BEFORE UPDATE ON "{t}" BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        CREATE TRIGGER "{t}_no_delete" BEFORE DELETE ON "{t}" BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;

        """));

    public static string SqliteDown =>
        string.Concat(Tables.Select(t => $"""
        DROP TRIGGER IF EXISTS "{t}_no_delete";
        DROP TRIGGER IF EXISTS "{t}_no_update";

        """));

    /// <summary>What the app's own role may not do on PostgreSQL (Data/AppRoleGrants): change or delete a saved record.</summary>
    public static string RevokeFromAppRole(string quotedRole) =>
        string.Concat(Tables.Select(t => $"REVOKE UPDATE, DELETE ON \"{t}\" FROM {quotedRole};\n"));
}
