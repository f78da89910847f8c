using Caseload.Features.DataProtection.Retention;

namespace Caseload.Features.DataProtection;

/// <summary>
/// The database's own guard, whoever is connected, on two evidence tables written once and never changed (migration
/// AppendOnlyEvidence):
/// <list type="bullet">
/// <item><c>SubjectAccessReleases</c>: the bundle as it was sent, byte for byte with its SHA-256. Never changed or deleted, by
/// anyone, not even by a destruction: a request has no key to the person, so what was sent outlives their records.</item>
/// <item><c>CaseNoteFindingCounts</c>: the objectivity findings a saved note version kept, written with the version. Never
/// changed; deleted only with their version by the destruction of a case (<see cref="RetentionErasureSql"/>'s way through).</item>
/// </list>
/// Neither may be truncated on PostgreSQL, and there the app's role may not update or delete them at all (Data/AppRoleGrants).
/// </summary>
public static class EvidenceTriggers
{
    public const string ReleaseRefusal = "A subject access bundle as sent is append-only";
    public const string FindingCountRefusal = "The finding counts of note versions are append-only";

    public static readonly IReadOnlyList<string> Tables = ["SubjectAccessReleases", "CaseNoteFindingCounts"];

    private const string Marked = "EXISTS (SELECT 1 FROM \"RetentionErasures\")";

    public static string Postgres => $$"""
        CREATE FUNCTION subject_access_releases_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{{ReleaseRefusal}}';
        END $$;
        CREATE TRIGGER subject_access_releases_append_only BEFORE UPDATE OR DELETE ON "SubjectAccessReleases" FOR EACH ROW EXECUTE FUNCTION subject_access_releases_append_only();
        CREATE TRIGGER subject_access_releases_no_truncate BEFORE TRUNCATE ON "SubjectAccessReleases" FOR EACH STATEMENT EXECUTE FUNCTION subject_access_releases_append_only();
        CREATE FUNCTION case_note_finding_counts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND {{Marked}} THEN RETURN OLD; END IF;
            RAISE EXCEPTION '{{FindingCountRefusal}}';
        END $$;
        CREATE TRIGGER case_note_finding_counts_append_only BEFORE UPDATE OR DELETE ON "CaseNoteFindingCounts" FOR EACH ROW EXECUTE FUNCTION case_note_finding_counts_append_only();
        CREATE TRIGGER case_note_finding_counts_no_truncate BEFORE TRUNCATE ON "CaseNoteFindingCounts" FOR EACH STATEMENT EXECUTE FUNCTION case_note_finding_counts_append_only();
        """;

    public static string PostgresDown => """
        DROP TRIGGER IF EXISTS case_note_finding_counts_no_truncate ON "CaseNoteFindingCounts";
        DROP TRIGGER IF EXISTS case_note_finding_counts_append_only ON "CaseNoteFindingCounts";
        DROP FUNCTION IF EXISTS case_note_finding_counts_append_only();
        DROP TRIGGER IF EXISTS subject_access_releases_no_truncate ON "SubjectAccessReleases";
        DROP TRIGGER IF EXISTS subject_access_releases_append_only ON "SubjectAccessReleases";
        DROP FUNCTION IF EXISTS subject_access_releases_append_only();
        """;

    // SQLite has no TRUNCATE: emptying a table is a DELETE, which the delete guards refuse.
    public static string Sqlite => $"""
        CREATE TRIGGER subject_access_releases_no_update BEFORE UPDATE ON "SubjectAccessReleases" BEGIN SELECT RAISE(ABORT, '{ReleaseRefusal}'); END;
        CREATE TRIGGER subject_access_releases_no_delete BEFORE DELETE ON "SubjectAccessReleases" BEGIN SELECT RAISE(ABORT, '{ReleaseRefusal}'); END;
        CREATE TRIGGER case_note_finding_counts_no_update BEFORE UPDATE ON "CaseNoteFindingCounts" BEGIN SELECT RAISE(ABORT, '{FindingCountRefusal}'); END;
        CREATE TRIGGER case_note_finding_counts_no_delete BEFORE DELETE ON "CaseNoteFindingCounts" WHEN NOT {Marked} BEGIN SELECT RAISE(ABORT, '{FindingCountRefusal}'); END;
        """;

    public static string SqliteDown => """
        DROP TRIGGER IF EXISTS case_note_finding_counts_no_delete;
        DROP TRIGGER IF EXISTS case_note_finding_counts_no_update;
        DROP TRIGGER IF EXISTS subject_access_releases_no_delete;
        DROP TRIGGER IF EXISTS subject_access_releases_no_update;
        """;

    public static string RevokeFromAppRole(string quotedRole) =>
        string.Concat(Tables.Select(t => $"REVOKE UPDATE, DELETE ON \"{t}\" FROM {quotedRole};\n"));
}
