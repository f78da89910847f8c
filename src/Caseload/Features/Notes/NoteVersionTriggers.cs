namespace Caseload.Features.Notes;

/// <summary>
/// The database's own guard on case note versions (migration NoteVersionsAppendOnly), whoever is connected: a saved
/// version's content is never changed and no version is deleted (nor, on PostgreSQL, truncated). The one change the app
/// makes to a saved version, an amendment marking the version it supersedes (IsCurrent from true to false and nothing
/// else), is let through.
/// </summary>
public static class NoteVersionTriggers
{
    public const string Refusal = "Case note versions are append-only: an amendment adds a version and only marks the one it supersedes";

    // Every column but IsCurrent is compared, so a column added later is protected without changing this trigger. The
    // generated full-text column is left out: a BEFORE trigger sees it before it is computed.
    public const string Postgres = $$"""
        CREATE FUNCTION case_note_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                IF OLD."IsCurrent" AND NOT NEW."IsCurrent"
                   AND to_jsonb(NEW) - 'IsCurrent' - 'SearchVector' = to_jsonb(OLD) - 'IsCurrent' - 'SearchVector' THEN
                    RETURN NEW;
                END IF;
            END IF;
            RAISE EXCEPTION '{{Refusal}}';
        END $$;
        CREATE TRIGGER case_note_versions_append_only BEFORE UPDATE OR DELETE ON "CaseNoteVersions"
            FOR EACH ROW EXECUTE FUNCTION case_note_versions_append_only();
        -- A row-level trigger does not fire on TRUNCATE.
        CREATE TRIGGER case_note_versions_no_truncate BEFORE TRUNCATE ON "CaseNoteVersions"
            FOR EACH STATEMENT EXECUTE FUNCTION case_note_versions_append_only();
        """;

    public const string PostgresDown = """
        DROP TRIGGER IF EXISTS case_note_versions_no_truncate ON "CaseNoteVersions";
        DROP TRIGGER IF EXISTS case_note_versions_append_only ON "CaseNoteVersions";
        DROP FUNCTION IF EXISTS case_note_versions_append_only();
        """;

    // SQLite has no TRUNCATE (emptying a table is a DELETE) and no way to compare whole rows: the columns are named, and
    // NoteVersionTriggerTests fails when the table gains one that is not.
    public const string Sqlite = $"""
        CREATE TRIGGER case_note_versions_no_delete BEFORE DELETE ON "CaseNoteVersions"
        BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        CREATE TRIGGER case_note_versions_no_update BEFORE UPDATE ON "CaseNoteVersions"
        WHEN NOT (old."IsCurrent" = 1 AND new."IsCurrent" = 0
            AND new."Id" IS old."Id" AND new."NoteId" IS old."NoteId" AND new."CaseId" IS old."CaseId" AND new."Number" IS old."Number"
            AND new."Type" IS old."Type" AND new."OccurredAt" IS old."OccurredAt" AND new."RecordedAt" IS old."RecordedAt"
            AND new."AuthorId" IS old."AuthorId" AND new."AuthorName" IS old."AuthorName"
            AND new."PresentAndSpokenTo" IS old."PresentAndSpokenTo" AND new."WhatHappened" IS old."WhatHappened"
            AND new."WhatWasDone" IS old."WhatWasDone" AND new."AgreedNextSteps" IS old."AgreedNextSteps" AND new."Outcome" IS old."Outcome"
            AND new."SafeguardingConcern" IS old."SafeguardingConcern" AND new."ConfidentialityExplained" IS old."ConfidentialityExplained"
            AND new."IsLateEntry" IS old."IsLateEntry" AND new."LateEntryReason" IS old."LateEntryReason"
            AND new."AmendmentReason" IS old."AmendmentReason" AND new."FindingsShown" IS old."FindingsShown"
            AND new."FindingsAtSave" IS old."FindingsAtSave" AND new."ObjectivityReview" IS old."ObjectivityReview")
        BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        """;

    public const string SqliteDown = """
        DROP TRIGGER IF EXISTS case_note_versions_no_update;
        DROP TRIGGER IF EXISTS case_note_versions_no_delete;
        """;
}
