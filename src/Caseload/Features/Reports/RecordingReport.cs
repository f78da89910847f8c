using System.Globalization;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Notes;
using Caseload.Features.Notes.Objectivity;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Reports;

/// <summary>The recording report's pure rules: the time from an event to its note, as a median and in bands. No I/O.</summary>
public static class RecordingReportRules
{
    /// <summary>Up to two days the hours are counted whole; past that, in whole days (as hours).</summary>
    public const int WholeHoursUpTo = 48;

    /// <summary>The bands of the time-to-record chart by their upper bound in hours.</summary>
    public static readonly IReadOnlyList<(string Label, int UpToHours)> Bands =
        [("Within 24 hours", 24), ("1 to 2 days", 48), ("3 to 7 days", 7 * 24), ("8 to 28 days", 28 * 24), ("More than 28 days", int.MaxValue)];

    /// <summary>
    /// Hours from the event to its note being written, counted up to the next whole hour (written 20 minutes after: 1 hour; a
    /// note written before the time it gives, a planned visit, counts as 0), and past two days up to the next whole day (50 hours:
    /// 72). The bands' bounds are whole hours and days, so a note falls in the same band as by its exact time.
    /// </summary>
    public static int HoursToRecord(DateTimeOffset occurredAt, DateTimeOffset recordedAt)
    {
        var ticks = Math.Max(0, recordedAt.UtcTicks - occurredAt.UtcTicks);
        var hours = (int)Math.Min(int.MaxValue - 24, (ticks + TimeSpan.TicksPerHour - 1) / TimeSpan.TicksPerHour);
        return hours <= WholeHoursUpTo ? hours : (hours + 23) / 24 * 24;
    }

    public static string BandOf(int hours) => Bands.First(b => hours <= b.UpToHours).Label;

    /// <summary>
    /// The median of notes counted by their hours to record: the hours within which the middle note was written (of an even
    /// count, the earlier of the middle two), so "half the notes were written within this"; null for none.
    /// </summary>
    public static int? MedianHours(IEnumerable<KeyValuePair<int, long>> notesByHours)
    {
        ArgumentNullException.ThrowIfNull(notesByHours);
        var sorted = notesByHours.Where(h => h.Value > 0).OrderBy(h => h.Key).ToList();
        var total = sorted.Sum(h => h.Value);
        if (total == 0) return null;
        var middle = (total + 1) / 2;
        long seen = 0;
        foreach (var (hours, count) in sorted)
        {
            seen += count;
            if (seen >= middle) return hours;
        }

        return sorted[^1].Key;
    }
}

/// <summary>
/// The recording report, by team and service over the cases the reader may see (<see cref="CaseAccess.VisibleCases"/>): notes
/// first written in the period, how many were late entries and the reasons given (grouped as the deadlines report groups its
/// reasons), how long after the event they were written, and the notes and amendments saved with objectivity findings still in
/// their words, counted by the kind of finding (<see cref="NoteFindingCount"/>). Counts are made in SQL; no note's words are read
/// but the late-entry reasons, which are counted, and the times from event to record, which are read as two instants a note and kept as hours by group.
/// </summary>
public sealed class RecordingReport(CaseloadDb db)
{
    public const int ReasonsShown = 8;

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        new("team", "Team", ColumnKind.Text), new("service", "Service", ColumnKind.Text),
        new("notes", "Notes written", ColumnKind.Count), new("late", "Written late", ColumnKind.Count), new("lateShare", "Written late, of those written", ColumnKind.Share),
        new("medianHoursToRecord", "Half written within (hours from the event, counted up)", ColumnKind.Number),
        new("saved", "Notes and amendments saved", ColumnKind.Count), new("savedWithFindings", "Saved with objectivity findings", ColumnKind.Count),
        new("revised", "Revised until no findings remained", ColumnKind.Count),
        .. ObjectivityCategoryCodes.All.Select(c => new ReportColumn(KindKey(c), $"Findings saved: {KindTitle(c)}", ColumnKind.Count)),
    ];

    private sealed record Key(int? TeamId, string Service);

    private sealed class Counts
    {
        public int Notes { get; private set; }
        public int Late { get; private set; }
        public int Saved { get; private set; }
        public int WithFindings { get; private set; }
        public int Revised { get; private set; }

        public void Add(int notes, int late, int saved, int withFindings, int revised) =>
            (Notes, Late, Saved, WithFindings, Revised) = (Notes + notes, Late + late, Saved + saved, WithFindings + withFindings, Revised + revised);
    }

    public static string KindKey(string code) => "findings" + string.Concat(code.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    public static string KindTitle(string code) => code switch
    {
        ObjectivityCategoryCodes.ValueLaden => "value-laden",
        ObjectivityCategoryCodes.FavourableJudgement => "favourable judgement",
        _ => code,
    };

    public async Task<ReportData> BuildAsync(CurrentUser user, ReportFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var (first, last) = (filter.From, filter.To);
        var totals = new Dictionary<Key, Counts>();
        var kinds = new Dictionary<(Key Key, string Category), long>();
        var hoursOf = new Dictionary<Key, Dictionary<int, long>>();
        var reasons = new List<(string Reason, long Count)>();
        Counts CountsOf(Key key) => totals.TryGetValue(key, out var c) ? c : totals[key] = new Counts();
        void AddHours(Key key, int hours, long count)
        {
            if (!hoursOf.TryGetValue(key, out var byHours)) hoursOf[key] = byHours = [];
            byHours[hours] = byHours.GetValueOrDefault(hours) + count;
        }

        // The cases the reader sees by team or service, unrestricted, are counted by day as their notes are saved
        // (RecordingSummarySql): the period is a sum of days. Restricted cases, and cases seen only as their own or by a grant,
        // are counted live from their notes; so is everything when the report is narrowed to one practitioner's cases.
        var teams = user.SupervisedTeamIds;
        var services = user.ManagedServices;
        var live = ReportFilters.CasesInView(db, user, filter);
        if (filter.PractitionerId is null)
        {
            live = live.Where(c => c.Restricted || !((c.TeamId != null && teams.Contains(c.TeamId.Value)) || services.Contains(c.Service)));
            await AddSummaryAsync();
        }

        await AddLiveAsync();

        // The summary's rows of the period in the reader's teams or services, narrowed as the filter asks.
        IQueryable<T> InScope<T>(IQueryable<T> rows)
            where T : class, IRecordingSummaryRow
        {
            rows = rows.Where(d => d.Day >= first && d.Day <= last && (teams.Contains(d.TeamId) || services.Contains(d.Service)));
            if (filter.TeamId is { } team) rows = rows.Where(d => d.TeamId == team);
            if (filter.Service is { } service) rows = rows.Where(d => d.Service == service);
            return rows;
        }

        async Task AddSummaryAsync()
        {
            var days = InScope(db.Set<RecordingDay>());
            var findings = InScope(db.Set<RecordingFindingDay>());
            var hours = InScope(db.Set<RecordingHourDay>());
            var reasonDays = InScope(db.Set<RecordingReasonDay>());

            static Key KeyOf(int teamId, string service) => new(teamId == 0 ? null : teamId, service);
            foreach (var g in await days.GroupBy(d => new { d.TeamId, d.Service })
                         .Select(g => new { g.Key.TeamId, g.Key.Service, Notes = g.Sum(d => d.Notes), Late = g.Sum(d => d.Late), Saved = g.Sum(d => d.Saved), WithFindings = g.Sum(d => d.WithFindings), Revised = g.Sum(d => d.Revised) })
                         .ToListAsync(ct))
            {
                CountsOf(KeyOf(g.TeamId, g.Service)).Add(g.Notes, g.Late, g.Saved, g.WithFindings, g.Revised);
            }

            foreach (var k in await findings.GroupBy(d => new { d.TeamId, d.Service, d.Category }).Select(g => new { g.Key.TeamId, g.Key.Service, g.Key.Category, Count = g.Sum(d => d.Count) }).ToListAsync(ct))
            {
                var key = (KeyOf(k.TeamId, k.Service), k.Category);
                kinds[key] = kinds.GetValueOrDefault(key) + k.Count;
            }

            foreach (var h in await hours.GroupBy(d => new { d.TeamId, d.Service, d.Hours }).Select(g => new { g.Key.TeamId, g.Key.Service, g.Key.Hours, Notes = g.Sum(d => d.Notes) }).ToListAsync(ct))
            {
                AddHours(KeyOf(h.TeamId, h.Service), h.Hours, h.Notes);
            }

            reasons.AddRange((await reasonDays.GroupBy(d => d.Reason).Select(g => new { Reason = g.Key, Notes = g.Sum(d => d.Notes) }).ToListAsync(ct))
                .Select(r => (r.Reason, (long)r.Notes)));
        }

        async Task AddLiveAsync()
        {
            // The few cases counted live, by id first: their notes are then read through the case's index rather than by scanning
            // every note of the period for the one in a thousand on such a case.
            var ids = await live.Select(c => c.Id).ToListAsync(ct);
            if (ids.Count == 0) return;
            var (since, until) = (UkTime.StartOfDay(first), UkTime.StartOfDay(last.AddDays(1)));
            var saved = from v in db.Set<CaseNoteVersion>()
                        join c in db.Cases on v.CaseId equals c.Id
                        where ids.Contains(v.CaseId) && v.RecordedAt >= since && v.RecordedAt < until
                        select new { v.Id, v.Number, v.IsLateEntry, v.LateEntryReason, v.FindingsAtSave, v.ObjectivityReview, v.OccurredAt, v.RecordedAt, c.TeamId, c.Service };
            foreach (var g in await saved.GroupBy(x => new { x.TeamId, x.Service })
                         .Select(g => new
                         {
                             g.Key.TeamId, g.Key.Service,
                             Notes = g.Count(x => x.Number == 1), Late = g.Count(x => x.Number == 1 && x.IsLateEntry), Saved = g.Count(),
                             WithFindings = g.Count(x => x.FindingsAtSave > 0), Revised = g.Count(x => x.ObjectivityReview == ObjectivityReview.Revised),
                         }).ToListAsync(ct))
            {
                CountsOf(new Key(g.TeamId, g.Service)).Add(g.Notes, g.Late, g.Saved, g.WithFindings, g.Revised);
            }

            foreach (var k in await (from f in db.Set<NoteFindingCount>()
                                     join x in saved on f.VersionId equals x.Id
                                     group f by new { x.TeamId, x.Service, f.Category } into g
                                     select new { g.Key.TeamId, g.Key.Service, g.Key.Category, Count = g.Sum(f => f.Count) }).ToListAsync(ct))
            {
                var key = (new Key(k.TeamId, k.Service), k.Category);
                kinds[key] = kinds.GetValueOrDefault(key) + k.Count;
            }

            reasons.AddRange((await saved.Where(x => x.Number == 1 && x.IsLateEntry).GroupBy(x => x.LateEntryReason)
                .Select(g => new { Reason = g.Key, Count = g.Count() }).ToListAsync(ct)).Select(r => (r.Reason ?? "", (long)r.Count)));
            // Two instants a note (SQLite cannot subtract them in SQL), for the few cases counted live.
            await foreach (var x in saved.Where(x => x.Number == 1).Select(x => new { x.TeamId, x.Service, x.OccurredAt, x.RecordedAt }).AsAsyncEnumerable().WithCancellation(ct))
            {
                AddHours(new Key(x.TeamId, x.Service), RecordingReportRules.HoursToRecord(x.OccurredAt, x.RecordedAt), 1);
            }
        }

        var groups = totals.Where(t => t.Value.Saved > 0).Select(t => (t.Key, Counts: t.Value)).ToList();
        var teamIds = groups.Where(g => g.Key.TeamId != null).Select(g => g.Key.TeamId!.Value).Distinct().ToList();
        var teamNames = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        string TeamName(int? id) => id is { } i && teamNames.TryGetValue(i, out var n) ? n : "No team";

        var ordered = groups.OrderBy(g => TeamName(g.Key.TeamId), StringComparer.Ordinal).ThenBy(g => Services.Title(g.Key.Service), StringComparer.Ordinal).ToList();
        var rows = ordered.Select(g => (IReadOnlyList<object?>)
        [
            TeamName(g.Key.TeamId), Services.Title(g.Key.Service), g.Counts.Notes, g.Counts.Late, ReportText.Share(g.Counts.Late, g.Counts.Notes),
            RecordingReportRules.MedianHours(hoursOf.TryGetValue(g.Key, out var hours) ? hours : []),
            g.Counts.Saved, g.Counts.WithFindings, g.Counts.Revised,
            .. ObjectivityCategoryCodes.All.Select(c => (object?)kinds.GetValueOrDefault((g.Key, c))),
        ]).ToList();

        var (notes, late, savedAll, withFindings) = (groups.Sum(g => g.Counts.Notes), groups.Sum(g => g.Counts.Late), groups.Sum(g => g.Counts.Saved), groups.Sum(g => g.Counts.WithFindings));
        var grouped = reasons.Where(r => r.Count > 0).GroupBy(r => DeadlinesReportRules.ReasonKey(r.Reason), StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Count: g.Sum(r => r.Count)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var shown = grouped.Take(ReasonsShown).Select(r => (Label: DeadlinesReportRules.ReasonLabel(r.Key), r.Count)).ToList();
        if (grouped.Count > ReasonsShown) shown.Add(("Other reasons", grouped.Skip(ReasonsShown).Sum(r => r.Count)));
        var byKind = ObjectivityCategoryCodes.All.Select(c => (decimal?)kinds.Where(k => k.Key.Category == c).Sum(k => k.Value)).ToList();
        var allHours = hoursOf.Values.SelectMany(h => h).GroupBy(h => h.Key).ToDictionary(g => g.Key, g => g.Sum(h => h.Value));
        var median = RecordingReportRules.MedianHours(allHours);
        var bands = RecordingReportRules.Bands.Select(b => (decimal?)allHours.Where(h => RecordingReportRules.BandOf(h.Key) == b.Label).Sum(h => h.Value)).ToList();
        var teamShares = groups.GroupBy(g => TeamName(g.Key.TeamId), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Team: g.Key, Share: ReportText.Share(g.Sum(x => x.Counts.Late), g.Sum(x => x.Counts.Notes)))).ToList();

        var period = $"{UkTime.Format(first)} to {UkTime.Format(last)}";
        var summary = savedAll == 0
            ? $"No note on the cases you report on was written or amended from {period}."
            : $"{ReportText.Plural(notes, "note", "notes")} written from {period}, {late} of them late"
              + (ReportText.Share(late, notes) is { } share ? $" ({ReportText.Percent(share)})" : "")
              + (median is { } m ? string.Create(CultureInfo.InvariantCulture, $", half of them within {m} {(m == 1 ? "hour" : "hours")} of the event") : "")
              + $"; {withFindings} of {ReportText.Plural(savedAll, "note and amendment", "notes and amendments")} saved still had objectivity findings.";

        ReportChart[] charts =
        [
            new("recording-late-teams", "Notes written late, by team", $"Each team's notes written from {period} that were late entries, as a share of its notes written. The table after the chart gives the same figures.",
                ChartKind.ShareBars, "Team", teamShares.Select(t => t.Team).ToList(), [new ReportSeries("Written late", teamShares.Select(t => t.Share).ToList())]),
            new("recording-late-reasons", "Reasons given for writing late", $"How many of the {late} notes written late gave each reason, the {ReasonsShown} most given first. The table after the chart gives the same figures.",
                ChartKind.CountBars, "Reason", shown.Select(r => r.Label).ToList(), [new ReportSeries("Notes written late", shown.Select(r => (decimal?)r.Count).ToList())]),
            new("recording-findings", "Objectivity findings saved, by kind", $"How many objectivity findings of each kind remained in the {withFindings} notes and amendments saved with findings from {period}. Counts only: no words of any note. The table after the chart gives the same figures.",
                ChartKind.CountBars, "Kind of finding", ObjectivityCategoryCodes.All.Select(c => char.ToUpperInvariant(KindTitle(c)[0]) + KindTitle(c)[1..]).ToList(), [new ReportSeries("Findings", byKind)]),
            new("recording-time", "Time from event to record", $"How many of the {notes} notes written from {period} were written within each time of the event they record. The table after the chart gives the same figures.",
                ChartKind.CountBars, "Written", RecordingReportRules.Bands.Select(b => b.Label).ToList(), [new ReportSeries("Notes", bands)]),
        ];
        return new ReportData(ReportNames.Recording, ReportNames.Titles[ReportNames.Recording], summary, filter, Columns, rows, charts);
    }
}
