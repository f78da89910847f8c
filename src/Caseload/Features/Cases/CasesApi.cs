using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Features.People;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Cases;

public sealed record CaseRequest(Guid? PersonId, string? Service, string? AllocatedTo, string? Risk, bool? Restricted,
    IReadOnlyList<string>? RestrictedTo, int? ExpectedContactEveryWorkingDays, DateOnly? ReviewDueOn = null, string? Complexity = null,
    string? OverCapacityRationale = null, string? ReferralSource = null);

public sealed record CasePatchRequest(string? Risk, string? RiskReason, bool? Restricted, IReadOnlyList<string>? RestrictedTo,
    int? ExpectedContactEveryWorkingDays, string? AllocatedTo, DateOnly? ReviewDueOn = null, bool? ClearReviewDueOn = null,
    string? Complexity = null, string? ComplexityReason = null, string? OverCapacityRationale = null);

public sealed record GoalOutcomeRequest(Guid? GoalId, string? Outcome);

public sealed record CloseCaseRequest(string? Reason, string? ReasonCode = null, IReadOnlyList<GoalOutcomeRequest?>? GoalOutcomes = null)
{
    public Closure.ClosureOutcomeInput Outcome => new(ReasonCode, GoalOutcomes?.Select(o => o is null ? null : new Closure.GoalOutcomeInput(o.GoalId, o.Outcome)).ToList());
}

public sealed record GoalOutcomeDto(Guid GoalId, string Outcome);

public sealed record CaseDto(Guid Id, Guid PersonId, PersonDto Person, string Service, string Status, string? AllocatedTo,
    string? AllocatedToName, string? Team, string Risk, bool Restricted, IReadOnlyList<string> RestrictedTo, IReadOnlyList<string> CoWorkers,
    int? ExpectedContactEveryWorkingDays, DateOnly ReferredOn, DateOnly? OpenedOn, DateOnly? ClosedOn, string? ClosureReason,
    int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<RiskChangeDto> RiskHistory, DateTimeOffset? SafeguardingConcernSince,
    DateOnly? ReviewDueOn, DateTimeOffset? LastContactAt, string? Complexity, bool ComplexityAssessed, IReadOnlyList<ComplexityChangeDto> ComplexityHistory,
    string? ClosureReasonCode, IReadOnlyList<GoalOutcomeDto> GoalOutcomes, string? ReferralSource)
{
    public static CaseDto From(Case c) => new(c.Id, c.PersonId, PersonDto.From(c.Person), c.Service, c.Status.ToString().ToLowerInvariant(),
        c.AllocatedTo?.UserName, c.AllocatedTo?.DisplayName, c.Team?.Name, c.Risk.ToCode(), c.Restricted,
        c.RestrictedTo.Select(r => r.User!.UserName!).Order(StringComparer.Ordinal).ToList(),
        c.CoWorkers.Select(w => w.User!.UserName!).Order(StringComparer.Ordinal).ToList(),
        c.ExpectedContactEveryWorkingDays, c.ReferredOn, c.OpenedOn, c.ClosedOn, c.ClosureReason, c.Version, c.CreatedAt, c.UpdatedAt,
        c.RiskHistory.OrderBy(r => r.ChangedAt).ThenBy(r => r.Id).Select(r => new RiskChangeDto(r.From?.ToCode(), r.To.ToCode(), r.ChangedByName, r.ChangedAt, r.Reason)).ToList(),
        c.SafeguardingConcernSince, c.ReviewDueOn, c.LastContactAt,
        // Unassessed counts as medium and says so: complexityAssessed is false.
        (c.Complexity ?? ComplexityCodes.Unassessed).ToCode(), c.Complexity is not null,
        c.ComplexityHistory.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id).Select(h => new ComplexityChangeDto(h.From?.ToCode(), h.To.ToCode(), h.ChangedByName, h.ChangedAt, h.Reason)).ToList(),
        c.Status == CaseStatus.Closed ? c.ClosureReasonCode : null, Closure.GoalOutcomeCodes.OfLastClosing(c.GoalOutcomes).Select(o => new GoalOutcomeDto(o.GoalId, o.Outcome)).ToList(),
        c.ReferralSource);

    public string ETag => Concurrency.ETagFor(Version);
}

public sealed record ComplexityChangeDto(string? From, string To, string ChangedBy, DateTimeOffset ChangedAt, string Reason);

public sealed record RiskChangeDto(string? From, string To, string ChangedBy, DateTimeOffset ChangedAt, string? Reason);

/// <summary>
/// A case in a list. A referral waiting for allocation (status <c>referred</c>) carries <c>waitingWorkingDays</c> (working days since it
/// was referred, in its service's division) and <c>breached</c> (waited past its service's standard); both are null for other cases.
/// </summary>
public sealed record CaseSummaryDto(Guid Id, Guid PersonId, string PersonName, DateOnly DateOfBirth, string Service, string Status,
    string? AllocatedTo, string Risk, bool Restricted, DateOnly ReferredOn, DateTimeOffset UpdatedAt, int? WaitingWorkingDays = null, bool? Breached = null);

public sealed record CaseListDto(IReadOnlyList<CaseSummaryDto> Items, int Total, int Page, int PageSize);

public static class CasesApi
{
    public static void MapCasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases").RequireAuthorization(Policies.CaseWork).WithTags("Cases");

        group.MapGet("/", List).WithSummary("The caller's visible cases, newest first; a referral waiting for allocation carries waitingWorkingDays and breached (past its service's standard).");

        group.MapGet("/{id:guid}", async Task<IResult> (Guid id, CaseScope scope, CaseService cases, CancellationToken ct) =>
        {
            var @case = await cases.ReadAsync(scope.Case, ct);
            return Concurrency.WithETag(TypedResults.Ok(CaseDto.From(@case)), @case.Version);
        }).WithSummary("One case, with its ETag for changes.").WithCaseScope("id");

        group.MapPost("/", async Task<IResult> (HttpRequest request, CurrentUserAccessor users, CaseService cases, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<CaseRequest>(request, ct);
            if (problem is not null) return problem;
            Risk? risk = null;
            if (body!.Risk is not null)
            {
                if (!RiskCodes.TryParse(body.Risk, out var r)) return ApiProblems.Validation(new Dictionary<string, string> { ["risk"] = "Select a risk rating: green, amber or red" });
                risk = r;
            }

            Complexity? complexity = null;
            if (body.Complexity is not null)
            {
                if (!ComplexityCodes.TryParse(body.Complexity, out var c)) return ApiProblems.Validation(new Dictionary<string, string> { ["complexity"] = $"Select a complexity: {ComplexityCodes.Choices}" });
                complexity = c;
            }

            var outcome = await cases.CreateAsync(await users.GetAsync(ct),
                new NewCase(body.PersonId, body.Service, body.AllocatedTo, risk, body.Restricted ?? false, body.RestrictedTo, body.ExpectedContactEveryWorkingDays, body.ReviewDueOn, complexity,
                    body.OverCapacityRationale, body.ReferralSource), ct);
            return ApiProblems.From(outcome, c => c.Version, c => TypedResults.Created($"/api/v1/cases/{c.Id}", CaseDto.From(c)));
        }).WithSummary("Open a case (a referral when nobody is allocated).").Accepts<CaseRequest>("application/json");

        group.MapPatch("/{id:guid}", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, CaseService cases, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadIfMatch(request, out var expected, out var preconditionProblem)) return preconditionProblem!;
            var (body, problem) = await JsonBody.ReadAsync<CasePatchRequest>(request, ct);
            if (problem is not null) return problem;
            Risk? risk = null;
            if (body!.Risk is not null)
            {
                if (!RiskCodes.TryParse(body.Risk, out var r)) return ApiProblems.Validation(new Dictionary<string, string> { ["risk"] = "Select a risk rating: green, amber or red" });
                risk = r;
            }

            Complexity? complexity = null;
            if (body.Complexity is not null)
            {
                if (!ComplexityCodes.TryParse(body.Complexity, out var c)) return ApiProblems.Validation(new Dictionary<string, string> { ["complexity"] = $"Select a complexity: {ComplexityCodes.Choices}" });
                complexity = c;
            }

            var outcome = await cases.ChangeAsync(await users.GetAsync(ct), id, expected,
                new CaseChange(risk, body.RiskReason, body.Restricted, body.RestrictedTo, body.ExpectedContactEveryWorkingDays, body.AllocatedTo, body.ReviewDueOn, body.ClearReviewDueOn ?? false,
                    complexity, body.ComplexityReason, body.OverCapacityRationale), ct);
            return ApiProblems.From(outcome, c => c.Version, c => TypedResults.Ok(CaseDto.From(c)));
        }).WithSummary("Change a case. Needs If-Match with the ETag last read; 412 when someone changed it since.").Accepts<CasePatchRequest>("application/json").WithCaseScope("id").RequiresIfMatch();

        group.MapPost("/{id:guid}/close", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, CaseService cases, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var preconditionProblem)) return preconditionProblem!;

            var (body, problem) = await JsonBody.ReadAsync<CloseCaseRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await cases.CloseAsync(await users.GetAsync(ct), id, expected, body!.Reason, body.Outcome, ct);
            return ApiProblems.From(outcome, c => c.Version, c => TypedResults.Ok(CaseDto.From(c)));
        }).WithSummary("Close a case with a reason: reasonCode, one of the service's closure reasons (for children's social care the DfE census codes RC1-RC9; "
                       + "unknown: 422), and/or reason in words (needed without a code); goalOutcomes: {goalId, outcome: achieved, partly-achieved or "
                       + "not-achieved} for each goal of the plan in force that is still open (422 naming goalOutcomes when one is missing).").Accepts<CloseCaseRequest>("application/json").WithCaseScope("id").AcceptsIfMatch();
    }

    private static async Task<IResult> List(CurrentUserAccessor users, CaseloadDb db, AuditTrail audit, Drift.DriftService drift, CancellationToken ct,
        string? status = null, string? service = null, string? allocatedTo = null, int page = 1, int pageSize = 100)
    {
        var errors = new Dictionary<string, string>();
        if (page < 1) errors["page"] = "Page must be 1 or more";
        if (pageSize is < 1 or > 1000) errors["pageSize"] = "Page size must be between 1 and 1000";
        CaseStatus? statusFilter = null;
        if (status is not null)
        {
            if (Enum.TryParse<CaseStatus>(status, ignoreCase: true, out var s) && !int.TryParse(status, out _)) statusFilter = s;
            else errors["status"] = "Status must be referred, open or closed";
        }

        if (service is not null && !Services.IsKnown(service)) errors["service"] = $"Service must be one of {string.Join(", ", Services.Titles.Keys)}";
        if (errors.Count > 0) return ApiProblems.Validation(errors, StatusCodes.Status400BadRequest);

        var user = await users.GetAsync(ct);
        var query = db.VisibleCases(user);
        if (statusFilter is { } sf) query = query.Where(c => c.Status == sf);
        if (service is not null) query = query.Where(c => c.Service == service);
        if (allocatedTo is not null)
        {
            var normalised = allocatedTo.Trim().ToUpperInvariant();
            query = query.Where(c => c.AllocatedTo!.NormalizedUserName == normalised);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new CaseSummaryDto(c.Id, c.PersonId, c.Person.GivenName + " " + c.Person.FamilyName, c.Person.DateOfBirth, c.Service,
                c.Status == CaseStatus.Referred ? "referred" : c.Status == CaseStatus.Open ? "open" : "closed",
                c.AllocatedTo!.UserName, c.Risk == Risk.Red ? "red" : c.Risk == Risk.Amber ? "amber" : "green", c.Restricted, c.ReferredOn, c.UpdatedAt))
            .ToListAsync(ct);
        var referred = items.Where(i => i.Status == "referred").ToList();
        if (referred.Count > 0)
        {
            var waits = await drift.ReferralWaitsAsync(referred.Select(i => (i.Service, i.ReferredOn)).ToList(), ct);
            var byId = referred.Select((i, n) => (i.Id, Wait: waits[n])).ToDictionary(x => x.Id, x => x.Wait);
            items = items.Select(i => byId.TryGetValue(i.Id, out var w) ? i with { WaitingWorkingDays = w.WorkingDaysWaited, Breached = w.Breached } : i).ToList();
        }

        await audit.RecordListAsync(user, AuditActions.CaseListed, items.Select(i => i.Id), ct);
        return TypedResults.Ok(new CaseListDto(items, total, page, pageSize));
    }
}
