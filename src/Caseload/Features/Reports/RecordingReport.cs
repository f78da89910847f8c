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
    /// <summary>The bands of the time-to-record chart by their upper bound in hours.</summary>
    public static readonly IReadOnlyList<(string Label, double UpToHours)> Bands =
        [("Within 24 hours", 24), ("1 to 2 days", 48), ("3 to 7 days", 7 * 24), ("8 to 28 days", 28 * 24), ("More than 28 days", double.MaxValue)];

    /// <summary>Hours from the event to its note being written; a note written before the time it gives (a planned visit) counts as 0.</summary>
    public static double Hours(DateTimeOffset occurredAt, DateTimeOffset recordedAt) => Math.Max(0, (recordedAt - occurredAt).TotalHours);

    public static string BandOf(double hours) => Bands.First(b => hours <= b.UpToHours).Label;

    /// <summary>The median of some hours to one decimal place (the mean of the middle two for an even count); null for none.</summary>
    public static decimal? MedianHours(IReadOnlyCollection<double> hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        if (hours.Count == 0) return null;
        var sorted = hours.Order().ToList();
        var mid = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return Math.Round((decimal)median, 1, MidpointRounding.AwayFromZero);
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
        new("medianHoursToRecord", "Median hours from event to record", ColumnKind.Number),
        new("saved", "Notes and amendments saved", ColumnKind.Count), new("savedWithFindings", "Saved with objectivity findings", ColumnKind.Count),
        new("revised", "Revised until no findings remained", ColumnKind.Count),
        .. ObjectivityCategoryCodes.All.Select(c => new ReportColumn(KindKey(c), $"Findings saved: {KindTitle(c)}", ColumnKind.Count)),
    ];

    private sealed record Key(int? TeamId, string Service);

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
        var cases = ReportFilters.CasesInView(db, user, filter);
        var (first, last) = (filter.From, filter.To);
        var (since, until) = (UkTime.StartOfDay(first), UkTime.StartOfDay(last.AddDays(1)));
        var saved = from v in db.Set<CaseNoteVersion>()
                    join c in cases on v.CaseId equals c.Id
                    where v.RecordedAt >= since && v.RecordedAt < until
                    select new { v.Id, v.Number, v.IsLateEntry, v.LateEntryReason, v.FindingsAtSave, v.ObjectivityReview, v.OccurredAt, v.RecordedAt, c.TeamId, c.Service };

        var groups = await saved.GroupBy(x => new { x.TeamId, x.Service })
            .Select(g => new
            {
                g.Key.TeamId, g.Key.Service,
                Notes = g.Count(x => x.Number == 1), Late = g.Count(x => x.Number == 1 && x.IsLateEntry), Saved = g.Count(),
                WithFindings = g.Count(x => x.FindingsAtSave > 0), Revised = g.Count(x => x.ObjectivityReview == ObjectivityReview.Revised),
            }).ToListAsync(ct);
        var kinds = await (from f in db.Set<NoteFindingCount>()
                           join x in saved on f.VersionId equals x.Id
                           group f by new { x.TeamId, x.Service, f.Category } into g
                           select new { g.Key.TeamId, g.Key.Service, g.Key.Category, Count = g.Sum(f => f.Count) }).ToListAsync(ct);
        var reasons = await saved.Where(x => x.Number == 1 && x.IsLateEntry).GroupBy(x => x.LateEntryReason)
            .Select(g => new { Reason = g.Key, Count = g.Count() }).ToListAsync(ct);
        // Two instants a note written in the period: durations need them both, and SQLite cannot subtract them in SQL. Streamed
        // into one list of hours per team and service (8 bytes a note: a whole authority's notes over two years is tens of MB,
        // and each group's median sorts only its own).
        var hoursOf = new Dictionary<Key, List<double>>();
        await foreach (var x in saved.Where(x => x.Number == 1).Select(x => new { x.TeamId, x.Service, x.OccurredAt, x.RecordedAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var key = new Key(x.TeamId, x.Service);
            if (!hoursOf.TryGetValue(key, out var list)) hoursOf[key] = list = [];
            list.Add(RecordingReportRules.Hours(x.OccurredAt, x.RecordedAt));
        }

        var allHours = hoursOf.Values.SelectMany(h => h).ToList();

        var teamIds = groups.Where(g => g.TeamId != null).Select(g => g.TeamId!.Value).Distinct().ToList();
        var teamNames = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        string TeamName(int? id) => id is { } i && teamNames.TryGetValue(i, out var n) ? n : "No team";

        var ordered = groups.OrderBy(g => TeamName(g.TeamId), StringComparer.Ordinal).ThenBy(g => Services.Title(g.Service), StringComparer.Ordinal).ToList();
        var rows = ordered.Select(g =>
        {
            var key = new Key(g.TeamId, g.Service);
            return (IReadOnlyList<object?>)
            [
                TeamName(g.TeamId), Services.Title(g.Service), g.Notes, g.Late, ReportText.Share(g.Late, g.Notes),
                RecordingReportRules.MedianHours(hoursOf.TryGetValue(key, out var hours) ? hours : []),
                g.Saved, g.WithFindings, g.Revised,
                .. ObjectivityCategoryCodes.All.Select(c => (object?)kinds.Where(k => k.TeamId == g.TeamId && k.Service == g.Service && k.Category == c).Sum(k => k.Count)),
            ];
        }).ToList();

        var (notes, late, savedAll, withFindings) = (groups.Sum(g => g.Notes), groups.Sum(g => g.Late), groups.Sum(g => g.Saved), groups.Sum(g => g.WithFindings));
        var grouped = reasons.GroupBy(r => DeadlinesReportRules.ReasonKey(r.Reason), StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Count: g.Sum(r => r.Count)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var shown = grouped.Take(ReasonsShown).Select(r => (Label: DeadlinesReportRules.ReasonLabel(r.Key), r.Count)).ToList();
        if (grouped.Count > ReasonsShown) shown.Add(("Other reasons", grouped.Skip(ReasonsShown).Sum(r => r.Count)));
        var byKind = ObjectivityCategoryCodes.All.Select(c => (decimal?)kinds.Where(k => k.Category == c).Sum(k => k.Count)).ToList();
        var median = RecordingReportRules.MedianHours(allHours);
        var perBand = allHours.CountBy(RecordingReportRules.BandOf).ToDictionary(b => b.Key, b => b.Value, StringComparer.Ordinal);
        var bands = RecordingReportRules.Bands.Select(b => (decimal?)perBand.GetValueOrDefault(b.Label)).ToList();
        var teams = groups.GroupBy(g => TeamName(g.TeamId), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Team: g.Key, Share: ReportText.Share(g.Sum(x => x.Late), g.Sum(x => x.Notes)))).ToList();

        var period = $"{UkTime.Format(first)} to {UkTime.Format(last)}";
        var summary = savedAll == 0
            ? $"No note on the cases you report on was written or amended from {period}."
            : $"{ReportText.Plural(notes, "note", "notes")} written from {period}, {late} of them late"
              + (ReportText.Share(late, notes) is { } share ? $" ({ReportText.Percent(share)})" : "")
              + (median is { } m ? string.Create(CultureInfo.InvariantCulture, $", a median of {m:0.#} {(m == 1m ? "hour" : "hours")} after the event") : "")
              + $"; {withFindings} of {ReportText.Plural(savedAll, "note and amendment", "notes and amendments")} saved still had objectivity findings.";

        ReportChart[] charts =
        [
            new("recording-late-teams", "Notes written late, by team", $"Each team's notes written from {period} that were late entries, as a share of its notes written. The table after the chart gives the same figures.",
                ChartKind.ShareBars, "Team", teams.Select(t => t.Team).ToList(), [new ReportSeries("Written late", teams.Select(t => t.Share).ToList())]),
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
