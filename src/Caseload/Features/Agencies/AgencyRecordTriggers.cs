namespace Caseload.Features.Agencies;

/// <summary>
/// The database's own guard on consent and the information sharing log (migration AgenciesAppendOnly), whoever is connected:
/// what a person consented to, the agencies it covers and every disclosure logged are never changed or deleted (nor, on
/// PostgreSQL, truncated). The one change the app makes, recording a consent's withdrawal once (its date, reason, who and when,
/// and the next version), is let through; nothing else on the consent may change with it, and a withdrawal is never undone.
/// </summary>
public static class AgencyRecordTriggers
{
    public const string Refusal = "Consent and the information sharing log are append-only: only the withdrawal of a consent is recorded on it";

    /// <summary>Never changed at all.</summary>
    public static readonly IReadOnlyList<string> Tables = ["ConsentAgencies", "InformationShares"];

    /// <summary>The consent's columns a withdrawal writes; every other column stays as it was given.</summary>
    public static readonly IReadOnlyList<string> WithdrawalColumns = ["WithdrawnOn", "WithdrawalReason", "WithdrawnByName", "WithdrawnAt", "Version"];

    /// <summary>The consent's other columns, named for SQLite (which cannot compare whole rows); AgencyRecordTriggerTests fails when one is missing.</summary>
    public static readonly IReadOnlyList<string> ConsentColumns =
        ["Id", "PersonId", "Purpose", "GivenBy", "GivenByName", "Competence", "Method", "GivenOn", "ReviewOn", "RecordedAt", "RecordedById", "RecordedByName"];

    // PostgreSQL compares the whole row but the withdrawal's columns, so a column added later is protected without changing this.
    public static string Postgres =>
        $$"""
        CREATE FUNCTION agency_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{{Refusal}}';
        END $$;
        CREATE FUNCTION consents_withdrawal_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                IF OLD."WithdrawnOn" IS NULL AND NEW."WithdrawnOn" IS NOT NULL AND NEW."WithdrawalReason" IS NOT NULL AND NEW."WithdrawnAt" IS NOT NULL
                   AND NEW."Version" = OLD."Version" + 1
                   AND to_jsonb(NEW) {{Without()}} = to_jsonb(OLD) {{Without()}} THEN
                    RETURN NEW;
                END IF;
            END IF;
            RAISE EXCEPTION '{{Refusal}}';
        END $$;
        CREATE TRIGGER consents_withdrawal_only BEFORE UPDATE OR DELETE ON "Consents" FOR EACH ROW EXECUTE FUNCTION consents_withdrawal_only();
        -- A row-level trigger does not fire on TRUNCATE.
        CREATE TRIGGER consents_no_truncate BEFORE TRUNCATE ON "Consents" FOR EACH STATEMENT EXECUTE FUNCTION agency_records_append_only();
        """ + string.Concat(Tables.Select(t => $"""

        CREATE TRIGGER "{t}_append_only" BEFORE UPDATE OR DELETE ON "{t}" FOR EACH ROW EXECUTE FUNCTION agency_records_append_only();
        CREATE TRIGGER "{t}_no_truncate" BEFORE TRUNCATE ON "{t}" FOR EACH STATEMENT EXECUTE FUNCTION agency_records_append_only();
        """));

    public static string PostgresDown =>
        string.Concat(Tables.Select(t => $"""
        DROP TRIGGER IF EXISTS "{t}_no_truncate" ON "{t}";
        DROP TRIGGER IF EXISTS "{t}_append_only" ON "{t}";

        """)) + """
        DROP TRIGGER IF EXISTS consents_no_truncate ON "Consents";
        DROP TRIGGER IF EXISTS consents_withdrawal_only ON "Consents";
        DROP FUNCTION IF EXISTS consents_withdrawal_only();
        DROP FUNCTION IF EXISTS agency_records_append_only();
        """;

    // SQLite has no TRUNCATE (emptying a table is a DELETE).
    public static string Sqlite =>
        $"""
        CREATE TRIGGER consents_no_delete BEFORE DELETE ON "Consents" BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        CREATE TRIGGER consents_no_update BEFORE UPDATE ON "Consents"
        WHEN NOT (old."WithdrawnOn" IS NULL AND new."WithdrawnOn" IS NOT NULL AND new."WithdrawalReason" IS NOT NULL AND new."WithdrawnAt" IS NOT NULL
            AND new."Version" = old."Version" + 1
            AND {string.Join(" AND ", ConsentColumns.Select(c => $"new.\"{c}\" IS old.\"{c}\""))})
        BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        """ + string.Concat(Tables.Select(t => $"""

        CREATE TRIGGER "{t}_no_update" BEFORE UPDATE ON "{t}" BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        CREATE TRIGGER "{t}_no_delete" BEFORE DELETE ON "{t}" BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        """));

    public static string SqliteDown =>
        string.Concat(Tables.Select(t => $"""
        DROP TRIGGER IF EXISTS "{t}_no_delete";
        DROP TRIGGER IF EXISTS "{t}_no_update";

        """)) + """
        DROP TRIGGER IF EXISTS consents_no_update;
        DROP TRIGGER IF EXISTS consents_no_delete;
        """;

    /// <summary>
    /// What the app's own role may not do on PostgreSQL (Data/AppRoleGrants): change or delete a consent beyond its withdrawal,
    /// the agencies it covers, or a logged share.
    /// </summary>
    public static string RevokeFromAppRole(string quotedRole) =>
        string.Concat(Tables.Select(t => $"REVOKE UPDATE, DELETE ON \"{t}\" FROM {quotedRole};\n"))
        + $"REVOKE UPDATE, DELETE ON \"Consents\" FROM {quotedRole};\n"
        + $"GRANT UPDATE ({string.Join(", ", WithdrawalColumns.Select(c => $"\"{c}\""))}) ON \"Consents\" TO {quotedRole};\n";

    private static string Without() => string.Concat(WithdrawalColumns.Select(c => $"- '{c}' "));
}
