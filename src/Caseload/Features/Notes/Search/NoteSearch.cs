using System.Text;
using System.Text.Encodings.Web;
using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Notes.Search;

/// <summary>A span of a snippet that matched the query.</summary>
public sealed record Highlight(int Start, int Length);

/// <summary>A line of matching text with the matched words marked.</summary>
public sealed record Snippet(string Text, IReadOnlyList<Highlight> Highlights)
{
    public const char Open = '\u0002';
    public const char Close = '\u0003';

    /// <summary>Reads the database's marked snippet (matches between \u0002 and \u0003).</summary>
    public static Snippet FromMarked(string? marked)
    {
        var text = new StringBuilder();
        var highlights = new List<Highlight>();
        var start = -1;
        foreach (var ch in marked ?? "")
        {
            if (ch == Open) start = text.Length;
            else if (ch == Close && start >= 0)
            {
                if (text.Length > start) highlights.Add(new Highlight(start, text.Length - start));
                start = -1;
            }
            else if (!char.IsControl(ch) || ch == '\n') text.Append(ch);
        }

        return new Snippet(text.ToString().ReplaceLineEndings(" "), highlights);
    }

    /// <summary>The snippet as HTML: the note's words encoded, the matches in &lt;mark&gt;.</summary>
    public IHtmlContent ToHtml()
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (var h in Highlights)
        {
            html.Append(HtmlEncoder.Default.Encode(Text[at..h.Start]));
            html.Append("<mark>").Append(HtmlEncoder.Default.Encode(Text.Substring(h.Start, h.Length))).Append("</mark>");
            at = h.Start + h.Length;
        }

        html.Append(HtmlEncoder.Default.Encode(Text[at..]));
        return new HtmlString(html.ToString());
    }
}

public sealed record NoteSearchHit(Guid NoteId, Guid CaseId, Guid PersonId, string PersonName, string Type, DateTimeOffset OccurredAt,
    string Author, bool LateEntry, bool Amended, bool SafeguardingConcern, Snippet Snippet);

/// <summary>
/// The results, best first. <c>Limited</c>: more notes matched than <see cref="NoteSearch.Candidates"/>, so the results are
/// the best of the most recent ones.
/// </summary>
public sealed record NoteSearchResult(SearchQuery Query, IReadOnlyList<NoteSearchHit> Items, int Considered, bool Limited);

/// <summary>A row of the full-text query: a version of a note and its relevance (higher is better).</summary>
public sealed class NoteSearchRow
{
    public long VersionId { get; set; }
    public Guid NoteId { get; set; }
    public Guid CaseId { get; set; }
    public double Score { get; set; }
}

/// <summary>
/// Full-text search over the current versions of the notes a user may see: FTS5 on SQLite, tsvector and GIN on PostgreSQL.
/// Every query joins <see cref="CaseAccess.VisibleCases"/> in SQL, so a note of a case the user cannot see is never a
/// result. Results are ranked by relevance among the most recent <see cref="Candidates"/> matches, which keeps a search
/// for a very common word fast at millions of notes; each result read is audited as a read of its case.
/// </summary>
public sealed class NoteSearch(CaseloadDb db, AuditTrail audit)
{
    /// <summary>How many of the most recent matching notes are ranked.</summary>
    public const int Candidates = 500;

    /// <summary>Up to this many visible cases, the search is narrowed to them inside the full-text index first.</summary>
    public const int NarrowCaseLimit = 1_000;

    public const int MaxResults = 50;

    // Column weights: who was there, what happened, what was done, next steps, outcome; the case key counts for nothing.
    // bm25 is lower for better matches: negated, so that higher is better on both databases.
    private const string SqliteMatchSql = """
        SELECT f.rowid AS "VersionId", v."NoteId", v."CaseId", -bm25("CaseNoteSearch", 0.6, 1.0, 0.8, 0.6, 0.8, 0.0) AS "Score"
        FROM "CaseNoteSearch" f JOIN "CaseNoteVersions" v ON v."Id" = f.rowid
        WHERE "CaseNoteSearch" MATCH {0} AND v."IsCurrent"
        """;

    private const string SqliteSnippetSql =
        """SELECT rowid AS "VersionId", snippet("CaseNoteSearch", -1, char(2), char(3), '…', 24) AS "Marked" FROM "CaseNoteSearch" WHERE "CaseNoteSearch" MATCH {0} AND rowid IN (SELECT value FROM json_each({1}))""";

    public async Task<NoteSearchResult> SearchAsync(CurrentUser user, SearchQuery query, int take = 20, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        take = Math.Clamp(take, 1, MaxResults);
        if (query.IsEmpty || !user.WorksWithCases) return new NoteSearchResult(query, [], 0, false);

        // One connection for the search's few queries: a pooled connection is reset each time it is returned.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await SearchOpenAsync(user, query, take, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<NoteSearchResult> SearchOpenAsync(CurrentUser user, SearchQuery query, int take, CancellationToken ct)
    {
        var narrow = await NarrowCasesAsync(user, ct);
        var sqlite = db.Database.IsSqlite();
        var hits = sqlite ? SqliteMatches(query, narrow) : PostgresMatches(query, narrow);
        var visible = db.VisibleCases(user);
        // The full-text query yields current versions with their note and case, so nothing joins the versions again.
        var candidates = await (from h in hits
                                join n in db.Set<CaseNote>() on h.NoteId equals n.Id
                                join c in visible on h.CaseId equals c.Id
                                where n.StruckThroughAt == null
                                orderby h.VersionId descending
                                select new { h.VersionId, h.Score })
            .Take(Candidates).ToListAsync(ct);

        var scores = sqlite
            ? candidates.Select(c => (c.VersionId, c.Score)).ToList()
            : await PostgresRanksAsync(query, candidates.Select(c => c.VersionId).ToArray(), ct);
        var top = scores.OrderByDescending(c => c.Score).ThenByDescending(c => c.VersionId).Take(take).Select(c => c.VersionId).ToList();
        var details = await (from v in db.Set<CaseNoteVersion>().AsNoTracking()
                             join c in visible on v.CaseId equals c.Id
                             where top.Contains(v.Id)
                             select new
                             {
                                 v.Id, v.NoteId, v.CaseId, c.PersonId, PersonName = c.Person.GivenName + " " + c.Person.FamilyName,
                                 v.Type, v.OccurredAt, v.AuthorName, v.IsLateEntry, Amended = v.Number > 1, v.SafeguardingConcern,
                             }).ToListAsync(ct);
        var snippets = await SnippetsAsync(query, top, sqlite, ct);
        var byId = details.ToDictionary(d => d.Id);
        var items = top.Where(byId.ContainsKey).Select(id =>
        {
            var d = byId[id];
            return new NoteSearchHit(d.NoteId, d.CaseId, d.PersonId, d.PersonName, d.Type, d.OccurredAt, d.AuthorName, d.IsLateEntry, d.Amended,
                d.SafeguardingConcern, snippets.GetValueOrDefault(id) ?? new Snippet("", []));
        }).ToList();

        // Each case whose note is shown has been read; a search that shows nothing is still recorded. The words searched are
        // not kept (often a name, which the append-only trail would keep after the records are destroyed): how many, and the
        // notes shown by id.
        var shown = items.Count == 0 ? "" : ": " + string.Join(',', items.Select(i => i.NoteId));
        await audit.RecordListAsync(user, AuditActions.NoteSearched, items.Select(i => i.CaseId), $"terms={query.Terms.Count}; results={items.Count}{shown}", personId: null, ct);
        return new NoteSearchResult(query, items, candidates.Count, candidates.Count == Candidates);
    }

    /// <summary>
    /// The user's visible cases when they are few enough to narrow the full-text query to them, else null. The union of
    /// indexed relationships is only a fast superset; <see cref="CaseAccess.VisibleCases"/> decides.
    /// </summary>
    private async Task<IReadOnlyList<Guid>?> NarrowCasesAsync(CurrentUser user, CancellationToken ct)
    {
        // A service manager sees whole services: tens of thousands of cases.
        if (user.ManagedServices.Count > 0) return null;
        var userId = user.Id;
        var teams = user.SupervisedTeamIds;
        var related = db.CaseIdsHeldBy(userId)
            .Union(db.CaseRestrictedAccess.Where(r => r.UserId == userId).Select(r => r.CaseId));
        if (teams.Count > 0) related = related.Union(db.Cases.Where(c => c.TeamId != null && teams.Contains(c.TeamId.Value)).Select(c => c.Id));
        var ids = await db.VisibleCases(user).Where(c => related.Contains(c.Id)).Select(c => c.Id).Take(NarrowCaseLimit + 1).ToListAsync(ct);
        return ids.Count > NarrowCaseLimit ? null : ids;
    }

    private IQueryable<NoteSearchRow> SqliteMatches(SearchQuery query, IReadOnlyList<Guid>? narrow)
    {
        var match = query.ToFts5(NoteSearchSql.TextColumns);
        if (narrow is not null)
        {
            // An empty caseload matches nothing: a key no case has.
            var keys = narrow.Count == 0 ? "k0" : string.Join(" OR ", narrow.Select(CaseKey));
            match = $"{match} AND CaseKey : ({keys})";
        }

        return db.Database.SqlQueryRaw<NoteSearchRow>(SqliteMatchSql, match);
    }

    private IQueryable<NoteSearchRow> PostgresMatches(SearchQuery query, IReadOnlyList<Guid>? narrow)
    {
        var text = query.ToWebSearch();
        // Ranked afterwards, and only the candidates: ts_rank reads each note's tsvector, which is most of the cost.
        if (narrow is not null)
        {
            var ids = narrow.ToArray();
            return db.Database.SqlQuery<NoteSearchRow>($"""
                SELECT v."Id" AS "VersionId", v."NoteId", v."CaseId", 0::float8 AS "Score"
                FROM "CaseNoteVersions" v
                WHERE v."IsCurrent" AND v."CaseId" = ANY({ids}) AND v."SearchVector" @@ websearch_to_tsquery('english', {text})
                """);
        }

        return db.Database.SqlQuery<NoteSearchRow>($"""
            SELECT v."Id" AS "VersionId", v."NoteId", v."CaseId", 0::float8 AS "Score"
            FROM "CaseNoteVersions" v
            WHERE v."IsCurrent" AND v."SearchVector" @@ websearch_to_tsquery('english', {text})
            """);
    }

    private async Task<List<(long VersionId, double Score)>> PostgresRanksAsync(SearchQuery query, long[] ids, CancellationToken ct)
    {
        if (ids.Length == 0) return [];
        var text = query.ToWebSearch();
        var rows = await db.Database.SqlQuery<NoteSearchRow>($"""
            SELECT v."Id" AS "VersionId", v."NoteId", v."CaseId", ts_rank(v."SearchVector", q)::float8 AS "Score"
            FROM "CaseNoteVersions" v, websearch_to_tsquery('english', {text}) q
            WHERE v."Id" = ANY({ids})
            """).ToListAsync(ct);
        return rows.Select(r => (r.VersionId, r.Score)).ToList();
    }

    private async Task<Dictionary<long, Snippet>> SnippetsAsync(SearchQuery query, List<long> ids, bool sqlite, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        List<SnippetRow> rows;
        if (sqlite)
        {
            var match = query.ToFts5(NoteSearchSql.TextColumns);
            var list = $"[{string.Join(",", ids)}]";
            rows = await db.Database.SqlQueryRaw<SnippetRow>(SqliteSnippetSql, match, list).ToListAsync(ct);
        }
        else
        {
            var text = query.ToWebSearch();
            var array = ids.ToArray();
            rows = await db.Database.SqlQuery<SnippetRow>($"""
                SELECT v."Id" AS "VersionId",
                       ts_headline('english', concat_ws(E'\n', v."WhatHappened", v."WhatWasDone", v."Outcome", v."PresentAndSpokenTo", v."AgreedNextSteps"),
                                   websearch_to_tsquery('english', {text}),
                                   'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "') AS "Marked"
                FROM "CaseNoteVersions" v
                WHERE v."Id" = ANY({array})
                """).ToListAsync(ct);
        }

        return rows.ToDictionary(r => r.VersionId, r => Snippet.FromMarked(r.Marked));
    }

    /// <summary>The FTS5 token of a case: "k" and the id's hex digits, as the index's triggers write it.</summary>
    public static string CaseKey(Guid caseId) => "k" + caseId.ToString("N");

    public sealed class SnippetRow
    {
        public long VersionId { get; set; }
        public string? Marked { get; set; }
    }
}
