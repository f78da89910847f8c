using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Chronology;

public sealed record ChronologyMarkRequest(string? Kind, string? SourceId, bool? Significant);

public sealed record ChronologyMarkDto(string By, DateTimeOffset At);

public sealed record ChronologyEntryDto(DateOnly Date, DateTimeOffset? At, string Kind, string SourceId, string Summary, string? By, string Link,
    bool Significant, ChronologyMarkDto? Marked)
{
    public static ChronologyEntryDto From(ChronologyItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var e = item.Entry;
        return new(e.On, e.At, e.Kind, e.SourceId, e.Summary, e.By, e.Link, item.Significant,
            item.Significant ? new ChronologyMarkDto(item.Mark!.MarkedByName, item.Mark.MarkedAt) : null);
    }
}

public sealed record ChronologyKindDto(string Code, string Title);

public sealed record ChronologyDto(Guid CaseId, IReadOnlyList<ChronologyEntryDto> Items, IReadOnlyList<ChronologyKindDto> Kinds);

public static class ChronologyApi
{
    public static void MapChronologyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases/{id:guid}/chronology").RequireAuthorization(Policies.CaseWork).WithCaseScope("id").WithTags("Chronology");

        group.MapGet("/", async Task<IResult> (Guid id, CaseScope scope, ChronologyService chronology, CancellationToken ct,
            string[]? kinds = null, string? from = null, string? to = null, string? significantOnly = null) =>
        {
            var (filter, errors) = ChronologyRules.ReadFilter(kinds, from, to, significantOnly, chronology.KindCodes, ChronologyRules.ApiDateFormats);
            if (filter is null) return ApiProblems.Validation(errors, StatusCodes.Status400BadRequest);
            var read = await chronology.ReadAsync(scope.Case, filter, ct);
            return TypedResults.Ok(new ChronologyDto(id, read.Items.Select(ChronologyEntryDto.From).ToList(),
                read.Kinds.Select(k => new ChronologyKindDto(k.Code, k.Title)).ToList()));
        }).WithSummary("The case's chronology, oldest first: notes, reviews, supervision decisions, risk changes, safeguarding concerns, characteristics, "
                       + "deadlines set, met and missed, allocation and status. ?kinds=note,review&from=YYYY-MM-DD&to=YYYY-MM-DD&significantOnly=true")
            .WithName("getCaseChronology");

        group.MapPost("/marks", async Task<IResult> (Guid id, HttpRequest request, CaseScope scope, ChronologyService chronology, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ChronologyMarkRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await chronology.MarkAsync(scope.Case, body!.Kind, body.SourceId, body.Significant, ct);
            return ApiProblems.From(outcome, item => TypedResults.Ok(ChronologyEntryDto.From(item)));
        }).WithSummary("Mark an entry of the chronology as a significant event (significant: true), or remove the mark (false). Only those who may change the case.")
            .Accepts<ChronologyMarkRequest>("application/json").WithName("markChronologyEntry");
    }
}
