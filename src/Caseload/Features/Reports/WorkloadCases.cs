using System.Runtime.CompilerServices;
using Caseload.Data;
using Caseload.Features.Capacity;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.People;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Reports;

/// <summary>
/// The workload report's rows a case at a time (<c>?format=csv&amp;rows=cases</c>): one row per open case the reader reports on,
/// with its service, practitioner, team, complexity, weighted points, RAG rating, last contact (its UK date) and next deadline
/// (the earliest unmet and not paused), and never the name of the child or young person. Read from the database as a cursor and
/// written as it is read, so an export of every case in an authority is never held in memory.
/// </summary>
public sealed class WorkloadCases(CaseloadDb db, CapacityService capacity)
{
    public const string RowsParameter = "cases";

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        new("caseId", "Case", ColumnKind.Text), new("service", "Service", ColumnKind.Text), new("practitioner", "Practitioner", ColumnKind.Text),
        new("team", "Team", ColumnKind.Text), new("complexity", "Complexity", ColumnKind.Text), new("points", "Weighted points", ColumnKind.Points),
        new("rag", "RAG rating", ColumnKind.Text), new("lastContact", "Last contact", ColumnKind.Text), new("nextDeadline", "Next deadline", ColumnKind.Text),
    ];

    /// <summary>What a row reads of its case: the stored points, and the scheme's facts only for a case weighed under another scheme.</summary>
    private sealed record Row(Guid Id, string Service, string? Practitioner, string? Team, Complexity? Complexity, int? Tenths, bool Current,
        bool ChildProtectionPlan, bool LookedAfter, bool CourtWork, bool Restricted, int Workers, Risk Risk, DateTimeOffset? LastContactAt, DateOnly? NextDeadline);

    /// <summary>The header of the export: its name (which names the file), the filters and these columns.</summary>
    public static ReportData Header(ReportFilter filter) =>
        new(ReportNames.Workload + "-cases", "Workload cases", "", filter, Columns, [], []);

    /// <summary>The open cases in view, ordered by team, practitioner and case, streamed row by row.</summary>
    public async IAsyncEnumerable<IReadOnlyList<object?>> RowsAsync(CurrentUser user, ReportFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var rules = capacity.Rules;
        var stamp = rules.Stamp;
        var characteristics = db.Set<PersonCharacteristic>();
        var deadlines = db.Set<CaseDeadline>();
        // The scheme's facts are asked only of a case whose stored points were weighed under another scheme (until the background
        // job re-weighs it), as the workload's loads weigh it: the subqueries after "stale &&" are not run for the others.
        var query = ReportFilters.CasesInView(db, user, filter).AsNoTracking()
            .Where(c => c.Status == CaseStatus.Open)
            .OrderBy(c => c.Team!.Name).ThenBy(c => c.AllocatedTo!.DisplayName).ThenBy(c => c.Id)
            .Select(c => new Row(c.Id, c.Service, c.AllocatedTo!.DisplayName, c.Team!.Name, c.Complexity, c.WeightTenths, c.WeightStamp == stamp,
                c.WeightStamp != stamp && characteristics.Any(ch => ch.PersonId == c.PersonId && ch.Code == Characteristics.ChildProtectionPlan),
                c.WeightStamp != stamp && characteristics.Any(ch => ch.PersonId == c.PersonId && ch.Code == Characteristics.LookedAfter),
                c.WeightStamp != stamp && characteristics.Any(ch => ch.PersonId == c.PersonId && ch.Code == Characteristics.YouthJustice),
                c.Restricted,
                c.WeightStamp == stamp ? 0 : (c.AllocatedToId != null ? 1 : 0) + c.CoWorkers.Count(w => w.UserId != c.AllocatedToId),
                c.Risk, c.LastContactAt,
                deadlines.Where(d => d.CaseId == c.Id && d.MetOn == null && d.PausedFrom == null).Min(d => (DateOnly?)d.DueDate)));
        await foreach (var r in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            var points = r.Current
                ? (r.Tenths ?? 0) / 10m
                : rules.Weigh(new CaseLoadFacts(r.Service, r.Complexity, r.ChildProtectionPlan, r.LookedAfter, r.CourtWork, r.Restricted, r.Workers)).Points;
            yield return
            [
                r.Id.ToString(), Services.Title(r.Service), r.Practitioner ?? "Not allocated", r.Team ?? "No team", ComplexityCodes.Text(r.Complexity), points,
                r.Risk.ToCode(), r.LastContactAt is { } at ? (object?)UkTime.DateOf(at) : null, r.NextDeadline,
            ];
        }
    }
}
