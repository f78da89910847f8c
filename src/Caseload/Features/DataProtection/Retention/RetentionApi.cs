using System.Globalization;
using Caseload.Features.DataProtection.LegalHolds;
using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.DataProtection.Retention;

public sealed record RetentionRuleDto(string Service, string RecordClass, int Years, string RunsFrom, string Source);

public sealed record RetentionScheduleDto(int Version, DateTimeOffset? ChangedAt, string? ChangedBy, string? Reason, IReadOnlyList<RetentionRuleDto> Rules)
{
    public static RetentionScheduleDto From(ScheduleInForce s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.ETagVersion, s.Version?.ChangedAt, s.Version?.ChangedByName, s.Version?.Reason,
            s.Schedule.Rules.Select(r => new RetentionRuleDto(r.Service, r.RecordClass, r.Years, r.RunsFrom, r.Source)).ToList());
    }
}

public sealed record RetentionScheduleRequest(IReadOnlyList<RetentionRuleDto?>? Rules, string? Reason);

public sealed record RetentionDueItemDto(Guid CaseId, Guid PersonId, string Service, string RecordClass, string Rule, DateOnly ReferredOn, DateOnly ClosedOn,
    DateOnly ScheduledOn, DateOnly ReviewOn, bool Extended, DateOnly? PersonReviewOn, bool Held, IReadOnlyList<Guid> LegalHoldIds)
{
    public static RetentionDueItemDto From(RetentionItem i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.CaseId, i.PersonId, i.Service, i.Review.RecordClass, i.Review.Rule.Describe(), i.ReferredOn, i.ClosedOn, i.Review.ScheduledOn, i.Review.ReviewOn,
            i.Review.Extended, i.PersonReviewOn, i.Held, i.Holds.Select(h => h.Id).ToList());
    }
}

public sealed record RetentionDueDto(DateOnly On, IReadOnlyList<RetentionDueItemDto> Items);

public sealed record RetentionDecisionRequest(string? Decision, string? Reason, DateOnly? Until);

public sealed record RetentionDestructionDto(Guid Id, Guid CaseId, string Service, string RecordClass, string Rule, DateOnly ReferredOn, DateOnly ClosedOn,
    DateOnly ReviewOn, DateTimeOffset DestroyedAt, string AuthorisedBy, string Reason, bool PersonDestroyed)
{
    public static RetentionDestructionDto From(RetentionDestruction d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.CaseId, d.Service, d.RecordClass, d.Rule, d.ReferredOn, d.ClosedOn, d.ReviewOn, d.DestroyedAt, d.AuthorisedByName, d.Reason, d.PersonDestroyed);
    }
}

public sealed record RetentionDecisionDto(Guid CaseId, string Decision, RetentionDestructionDto? Destruction, DateOnly? KeptUntil, LegalHoldDto? Hold);

public static class RetentionApi
{
    public static void MapRetentionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/retention").WithTags("Retention");

        group.MapGet("/schedule", async Task<IResult> (RetentionService retention, CancellationToken ct) =>
        {
            var schedule = await retention.ScheduleAsync(ct);
            return Concurrency.WithETag(TypedResults.Ok(RetentionScheduleDto.From(schedule)), schedule.ETagVersion);
        }).RequireAuthorization(Policies.ManageRetention).WithName("getRetentionSchedule").Produces<RetentionScheduleDto>()
          .WithSummary("The retention schedule in force (data protection officers): per service and class of record, how many years from what, and the source; with its ETag (\"0\" for the default).");

        group.MapPut("/schedule", async Task<IResult> (HttpRequest request, CurrentUserAccessor users, RetentionService retention, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<RetentionScheduleRequest>(request, ct);
            if (problem is not null) return problem;
            var rules = body!.Rules?.Select(r => r is null ? null! : new RetentionRule(r.Service, r.RecordClass, r.Years, r.RunsFrom, r.Source)).ToList();
            var outcome = await retention.SaveScheduleAsync(await users.GetAsync(ct), expected, rules, body.Reason, ct);
            return ApiProblems.From(outcome, s => s.ETagVersion, s => TypedResults.Ok(RetentionScheduleDto.From(s)));
        }).RequireAuthorization(Policies.ManageRetention).WithName("replaceRetentionSchedule").Accepts<RetentionScheduleRequest>("application/json")
          .Produces<RetentionScheduleDto>().RequiresIfMatch()
          .WithSummary("Save a new version of the retention schedule with the reason (data protection officers). Needs If-Match with the ETag last read; earlier versions are kept.");

        group.MapGet("/due", async Task<IResult> (CurrentUserAccessor users, RetentionService retention, CancellationToken ct, string? on = null) =>
        {
            var day = retention.Today;
            if (!string.IsNullOrWhiteSpace(on) && !DateOnly.TryParseExact(on.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                return ApiProblems.Validation(new Dictionary<string, string> { ["on"] = "On must be a date as YYYY-MM-DD" }, StatusCodes.Status400BadRequest);
            }

            var items = await retention.DueAsync(await users.GetAsync(ct), day, ct);
            return TypedResults.Ok(new RetentionDueDto(day, items.Select(RetentionDueItemDto.From).ToList()));
        }).RequireAuthorization(Policies.ManageRetention).WithName("listRetentionDue").Produces<RetentionDueDto>()
          .WithSummary("Closed cases due for a retention review on a day (?on=YYYY-MM-DD, default today), earliest first: ids, class, rule and dates, and the legal holds that keep any of them. Data protection officers.");

        group.MapPost("/cases/{id:guid}/decision", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, RetentionService retention, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<RetentionDecisionRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await retention.DecideAsync(await users.GetAsync(ct), id, body!.Decision, body.Reason, body.Until, ct);
            return ApiProblems.From(outcome, d => TypedResults.Ok(new RetentionDecisionDto(d.CaseId, d.Decision,
                d.Destruction is null ? null : RetentionDestructionDto.From(d.Destruction), d.Extension?.Until, d.Hold is null ? null : LegalHoldDto.From(d.Hold))));
        }).RequireAuthorization(Policies.ManageRetention).WithName("decideRetention").Accepts<RetentionDecisionRequest>("application/json").Produces<RetentionDecisionDto>()
          .WithSummary("The DPO's decision on a closed case: destroy (irreversible; 409 not-due before its review date, 409 legal-hold under a hold), extend with a reason and a new date (until), or hold.");
    }
}
