using Caseload.Features.Agencies;
using Caseload.Features.Notes;
using Caseload.Features.Plans;
using Caseload.Features.Supervision;

namespace Caseload.Features.DataProtection.Retention;

/// <summary>
/// The one way past the append-only guards (note versions, supervision records, consent and the sharing log, feedback), for
/// the destruction of a case at the end of its retention period and for nothing else. Called by the Retention migration.
/// <list type="bullet">
/// <item>The triggers let a row be <b>deleted</b> (never changed, never truncated) while a row of <c>RetentionErasures</c>
/// exists. Only <see cref="CaseErasure"/> writes one: in the destruction's own transaction, naming the destruction record
/// it has just written, and it deletes it again before the commit, so no other transaction ever sees one.</item>
/// <item>On PostgreSQL the app's role may not delete from these tables at all (Data/AppRoleGrants). The function
/// <c>retention_erase_rows</c> runs as the tables' owner (SECURITY DEFINER): it deletes rows of the listed tables only, by
/// one column's values, and only while a destruction's mark exists. It takes values, never SQL.</item>
/// <item>The audit trail has no such way: its events keep ids, and a destruction never deletes one.</item>
/// </list>
/// </summary>
public static class RetentionErasureSql
{
    private const string Marked = "EXISTS (SELECT 1 FROM \"RetentionErasures\")";

    /// <summary>The append-only tables a destruction may delete from.</summary>
    public static IReadOnlyList<string> AppendOnlyTables =>
        ["CaseNoteVersions", "CaseNoteFindingCounts", "Consents", "FeedbackLinks", .. AgencyRecordTriggers.Tables, .. FeedbackTriggers.Tables, .. SupervisionRecordTriggers.Tables];

    public static IReadOnlyList<string> Up(bool postgres) => postgres ? [.. PostgresFunctions(erasable: true), EraseRowsFunction] : SqliteTriggers(erasable: true);

    public static IReadOnlyList<string> Down(bool postgres) => postgres
        ? ["DROP FUNCTION IF EXISTS retention_erase_rows(text, text, text[]);", .. PostgresFunctions(erasable: false)]
        : SqliteTriggers(erasable: false);

    /// <summary>The erasing function for the tables of <see cref="AppendOnlyTables"/> as they are now (a migration that adds one replaces it).</summary>
    public static string EraseRowsFunction => $$"""
        CREATE OR REPLACE FUNCTION retention_erase_rows(p_table text, p_column text, p_keys text[]) RETURNS integer
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            key_type text;
            erased integer;
        BEGIN
            IF p_table <> ALL (ARRAY[{{string.Join(", ", AppendOnlyTables.Select(t => $"'{t}'"))}}]) THEN
                RAISE EXCEPTION 'retention_erase_rows deletes from the append-only tables only';
            END IF;
            IF NOT {{Marked}} THEN
                RAISE EXCEPTION 'Append-only rows are deleted only by the destruction of a case at the end of its retention period';
            END IF;
            -- The column's own type, so the comparison uses its index.
            SELECT format_type(a.atttypid, a.atttypmod) INTO key_type FROM pg_attribute a
            WHERE a.attrelid = format('%I', p_table)::regclass AND a.attname = p_column AND NOT a.attisdropped;
            IF key_type IS NULL THEN RAISE EXCEPTION 'No column % on %', p_column, p_table; END IF;
            EXECUTE format('DELETE FROM %I WHERE %I = ANY (CAST($1 AS %s[]))', p_table, p_column, key_type) USING p_keys;
            GET DIAGNOSTICS erased = ROW_COUNT;
            RETURN erased;
        END $$;
        """;

    // The guards' functions as their migrations wrote them, with the destruction's way through first when erasable.
    private static IReadOnlyList<string> PostgresFunctions(bool erasable)
    {
        var through = erasable ? $"IF TG_OP = 'DELETE' AND {Marked} THEN RETURN OLD; END IF;" : "";
        var withdrawal = string.Concat(AgencyRecordTriggers.WithdrawalColumns.Select(c => $"- '{c}' "));
        return
        [
            $$"""
            CREATE OR REPLACE FUNCTION case_note_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {{through}}
                IF TG_OP = 'UPDATE' THEN
                    IF OLD."IsCurrent" AND NOT NEW."IsCurrent"
                       AND to_jsonb(NEW) - 'IsCurrent' - 'SearchVector' = to_jsonb(OLD) - 'IsCurrent' - 'SearchVector' THEN
                        RETURN NEW;
                    END IF;
                END IF;
                RAISE EXCEPTION '{{NoteVersionTriggers.Refusal}}';
            END $$;
            """,
            $$"""
            CREATE OR REPLACE FUNCTION agency_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {{through}}
                RAISE EXCEPTION '{{AgencyRecordTriggers.Refusal}}';
            END $$;
            """,
            $$"""
            CREATE OR REPLACE FUNCTION consents_withdrawal_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {{through}}
                IF TG_OP = 'UPDATE' THEN
                    IF OLD."WithdrawnOn" IS NULL AND NEW."WithdrawnOn" IS NOT NULL AND NEW."WithdrawalReason" IS NOT NULL AND NEW."WithdrawnAt" IS NOT NULL
                       AND NEW."Version" = OLD."Version" + 1
                       AND to_jsonb(NEW) {{withdrawal}} = to_jsonb(OLD) {{withdrawal}} THEN
                        RETURN NEW;
                    END IF;
                END IF;
                RAISE EXCEPTION '{{AgencyRecordTriggers.Refusal}}';
            END $$;
            """,
            $$"""
            CREATE OR REPLACE FUNCTION feedback_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {{through}}
                RAISE EXCEPTION '{{FeedbackTriggers.Refusal}}';
            END $$;
            """,
            $$"""
            CREATE OR REPLACE FUNCTION feedback_links_used_once() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {{through}}
                IF TG_OP = 'UPDATE' AND OLD."UsedAt" IS NULL AND NEW."UsedAt" IS NOT NULL
                   AND to_jsonb(NEW) - 'UsedAt' - 'FeedbackId' = to_jsonb(OLD) - 'UsedAt' - 'FeedbackId' THEN
                    RETURN NEW;
                END IF;
                RAISE EXCEPTION '{{FeedbackTriggers.LinkRefusal}}';
            END $$;
            """,
            $$"""
            CREATE OR REPLACE FUNCTION supervision_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {{through}}
                RAISE EXCEPTION '{{SupervisionRecordTriggers.Refusal}}';
            END $$;
            """,
        ];
    }

    // SQLite's delete guards are recreated with a WHEN clause that lets a destruction through; the update guards are untouched.
    private static IReadOnlyList<string> SqliteTriggers(bool erasable)
    {
        var when = erasable ? $" WHEN NOT {Marked}" : "";
        string Guard(string name, string table, string refusal) =>
            $"""
            DROP TRIGGER IF EXISTS "{name}";
            CREATE TRIGGER "{name}" BEFORE DELETE ON "{table}"{when} BEGIN SELECT RAISE(ABORT, '{refusal}'); END;
            """;
        return
        [
            Guard("case_note_versions_no_delete", "CaseNoteVersions", NoteVersionTriggers.Refusal),
            Guard("consents_no_delete", "Consents", AgencyRecordTriggers.Refusal),
            Guard("feedback_links_no_delete", "FeedbackLinks", FeedbackTriggers.LinkRefusal),
            .. AgencyRecordTriggers.Tables.Select(t => Guard($"{t}_no_delete", t, AgencyRecordTriggers.Refusal)),
            .. FeedbackTriggers.Tables.Select(t => Guard($"{t}_no_delete", t, FeedbackTriggers.Refusal)),
            .. SupervisionRecordTriggers.Tables.Select(t => Guard($"{t}_no_delete", t, SupervisionRecordTriggers.Refusal)),
        ];
    }
}
