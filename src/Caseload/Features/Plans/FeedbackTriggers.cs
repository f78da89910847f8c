namespace Caseload.Features.Plans;

/// <summary>
/// The database's own guard on feedback and closing outcomes (migration PlanFeedbackOutcomes), whoever is connected: feedback,
/// the views on goals given with it and the goals' outcomes at closure are never changed or deleted (nor, on PostgreSQL,
/// truncated). A feedback link changes once: when the family uses it (UsedAt and FeedbackId set, nothing else).
/// </summary>
public static class FeedbackTriggers
{
    public const string Refusal = "Feedback and closing outcomes are append-only";
    public const string LinkRefusal = "A feedback link is only ever marked used, once";

    public static readonly IReadOnlyList<string> Tables = ["CaseFeedback", "FeedbackGoalViews", "GoalOutcomes"];

    /// <summary>The link's columns a use leaves as they were; FeedbackTriggerTests fails when one is missing.</summary>
    public static readonly IReadOnlyList<string> LinkColumns = ["Id", "CaseId", "TokenHash", "CreatedAt", "ExpiresAt", "CreatedById", "CreatedByName"];

    public static string Postgres =>
        $$"""
        CREATE FUNCTION feedback_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{{Refusal}}';
        END $$;
        CREATE FUNCTION feedback_links_used_once() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND OLD."UsedAt" IS NULL AND NEW."UsedAt" IS NOT NULL
               AND to_jsonb(NEW) - 'UsedAt' - 'FeedbackId' = to_jsonb(OLD) - 'UsedAt' - 'FeedbackId' THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION '{{LinkRefusal}}';
        END $$;
        CREATE TRIGGER feedback_links_used_once BEFORE UPDATE OR DELETE ON "FeedbackLinks" FOR EACH ROW EXECUTE FUNCTION feedback_links_used_once();
        CREATE TRIGGER feedback_links_no_truncate BEFORE TRUNCATE ON "FeedbackLinks" FOR EACH STATEMENT EXECUTE FUNCTION feedback_links_used_once();
        """ + string.Concat(Tables.Select(t => $"""

        CREATE TRIGGER "{t}_append_only" BEFORE UPDATE OR DELETE ON "{t}" FOR EACH ROW EXECUTE FUNCTION feedback_append_only();
        CREATE TRIGGER "{t}_no_truncate" BEFORE TRUNCATE ON "{t}" FOR EACH STATEMENT EXECUTE FUNCTION feedback_append_only();
        """));

    public static string PostgresDown =>
        string.Concat(Tables.Select(t => $"""
        DROP TRIGGER IF EXISTS "{t}_no_truncate" ON "{t}";
        DROP TRIGGER IF EXISTS "{t}_append_only" ON "{t}";

        """)) + """
        DROP TRIGGER IF EXISTS feedback_links_no_truncate ON "FeedbackLinks";
        DROP TRIGGER IF EXISTS feedback_links_used_once ON "FeedbackLinks";
        DROP FUNCTION IF EXISTS feedback_links_used_once();
        DROP FUNCTION IF EXISTS feedback_append_only();
        """;

    // SQLite has no TRUNCATE (emptying a table is a DELETE) and cannot compare whole rows: the link's columns are named.
    public static string Sqlite =>
        $"""
        CREATE TRIGGER feedback_links_no_delete BEFORE DELETE ON "FeedbackLinks" BEGIN SELECT RAISE(ABORT, '{LinkRefusal}'); END;
        CREATE TRIGGER feedback_links_no_update BEFORE UPDATE ON "FeedbackLinks"
        WHEN NOT (old."UsedAt" IS NULL AND new."UsedAt" IS NOT NULL AND {string.Join(" AND ", LinkColumns.Select(c => $"new.\"{c}\" IS old.\"{c}\""))})
        BEGIN SELECT RAISE(ABORT, '{LinkRefusal}'); END;
        """ + string.Concat(Tables.Select(t => $"""

        CREATE TRIGGER "{t}_no_update" BEFORE UPDATE ON "{t}" BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        CREATE TRIGGER "{t}_no_delete" BEFORE DELETE ON "{t}" BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;
        """));

    public static string SqliteDown =>
        string.Concat(Tables.Select(t => $"""
        DROP TRIGGER IF EXISTS "{t}_no_delete";
        DROP TRIGGER IF EXISTS "{t}_no_update";

        """)) + """
        DROP TRIGGER IF EXISTS feedback_links_no_update;
        DROP TRIGGER IF EXISTS feedback_links_no_delete;
        """;
}
