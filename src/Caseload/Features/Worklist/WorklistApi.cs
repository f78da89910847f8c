using Caseload.Features.Cases;
using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Worklist;

public sealed record OverrideRequest(string? Direction, string? Rationale, DateOnly? ExpiresOn);

/// <summary>One reason: Factor is a stable code for programs, Title the factor in words for people.</summary>
public sealed record ReasonDto(string Factor, string Detail, int Weight, string Title);

public sealed record OverrideDto(Guid Id, string Direction, string Rationale, DateOnly? ExpiresOn, string Author, DateTimeOffset CreatedAt, DateTimeOffset? EndedAt, bool InForce)
{
    public static OverrideDto From(PriorityOverrideRecord o, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.Direction == OverrideDirection.Raise ? "raise" : "lower", o.Rationale, o.ExpiresOn, o.AuthorName, o.CreatedAt, o.EndedAt,
            o.EndedAt is null && (o.ExpiresOn is null || o.ExpiresOn >= today));
    }
}

public sealed record NextDeadlineDto(Guid Id, string Title, DateOnly Due, bool Statutory, int WorkingDaysUntilDue, bool Overdue);

public sealed record WorklistItemDto(Guid CaseId, int Rank, string Rag, int Score, IReadOnlyList<ReasonDto> Reasons, OverrideDto? Override,
    NextDeadlineDto? NextDeadline, DateTimeOffset? LastContactAt, string PersonName, string Service, string Risk, string? AllocatedTo, int OpenTasks, string Explanation,
    string? RatingInconsistency)
{
    public static WorklistItemDto From(WorklistItem i, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.CaseId, i.Rank, i.Assessment.Band.ToCode(), i.Assessment.Score,
            i.Assessment.Reasons.Select(r => new ReasonDto(r.Factor, r.Detail, r.Weight, PriorityFactors.Title(r.Factor))).ToList(),
            i.Override is null ? null : OverrideDto.From(i.Override, today),
            i.NextDeadline is { } d ? new NextDeadlineDto(d.Id, d.Title, d.Due, d.Statutory, d.WorkingDaysUntilDue, d.Overdue) : null,
            i.LastContactAt, i.PersonName, i.Service, i.Risk.ToCode(), i.AllocatedTo, i.OpenTasks, i.Assessment.Explain(),
            i.Assessment.RatingInconsistency);
    }
}

public static class WorklistApi
{
    public static void MapWorklistApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/worklist", async Task<IResult> (CurrentUserAccessor users, WorklistService worklists, CancellationToken ct,
            string? userName = null, string? team = null, string? service = null, string? rag = null, bool overdueOnly = false, string? scope = null) =>
        {
            var errors = new Dictionary<string, string>();
            PriorityBand? band = null;
            if (rag is not null)
            {
                if (RiskCodes.TryParse(rag, out var r)) band = (PriorityBand)(int)r;
                else errors["rag"] = "RAG must be red, amber or green";
            }

            if (service is not null && !Services.IsKnown(service)) errors["service"] = $"Service must be one of {string.Join(", ", Services.Titles.Keys)}";
            if (team is not null && team is not ("true" or "false")) errors["team"] = "Team must be true or false";
            if (scope is not (null or "mine" or "team")) errors["scope"] = "Scope must be mine or team";
            if (errors.Count > 0) return ApiProblems.Validation(errors, StatusCodes.Status400BadRequest);

            var user = await users.GetAsync(ct);
            var filter = new WorklistFilter(service, band, overdueOnly);
            if (team == "true" || scope == "team")
            {
                if (!user.IsInRole(Roles.Supervisor) && !user.IsInRole(Roles.ServiceManager)) return ApiProblems.Forbidden("Only supervisors see a team worklist.");
                var teamItems = await worklists.ForTeamsAsync(user, filter, ct);
                var teamToday = worklists.Today;
                var teamUnseen = await worklists.RestrictedUnseenAsync(user, null, team: true, ct);
                return TypedResults.Ok(new { items = teamItems.Select(i => WorklistItemDto.From(i, teamToday)), restrictedCases = teamUnseen });
            }

            var outcome = await worklists.ForPractitionerAsync(user, userName, filter, ct);
            var today = worklists.Today;
            var unseen = outcome.Succeeded && outcome.Value.Practitioner.Id != user.Id
                ? await worklists.RestrictedUnseenAsync(user, outcome.Value.Practitioner.UserName, team: false, ct)
                : 0;
            return ApiProblems.From(outcome, v => TypedResults.Ok(new
            {
                userName = v.Practitioner.UserName,
                items = v.Items.Select(i => WorklistItemDto.From(i, today)),
                restrictedCases = unseen,
            }));
        }).RequireAuthorization(Policies.CaseWork).WithTags("Worklist")
          .WithSummary("Open cases in the order to work them, each with its priority band, score and reasons; ?userName= for a supervisor, ?scope=team (or ?team=true) for the teams a supervisor or service manager looks after; restrictedCases counts the restricted open cases of that worklist the caller may not see (never listed).");

        var cases = app.MapGroup("/api/v1/cases/{caseId:guid}").RequireAuthorization(Policies.CaseWork).WithCaseScope("caseId").WithTags("Worklist");
        cases.MapPost("/priority-overrides", async Task<IResult> (Guid caseId, HttpRequest request, CurrentUserAccessor users, WorklistService worklists, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<OverrideRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await worklists.OverrideAsync(await users.GetAsync(ct), caseId, body!.Direction, body.Rationale, body.ExpiresOn, ct);
            return ApiProblems.From(outcome, o => TypedResults.Created($"/api/v1/cases/{caseId}/priority-history", OverrideDto.From(o, worklists.Today)));
        }).WithSummary("Raise or lower a case's priority; a rationale is required, an expiry optional.").Accepts<OverrideRequest>("application/json");

        cases.MapGet("/priority-history", async Task<IResult> (Guid caseId, CurrentUserAccessor users, WorklistService worklists, CancellationToken ct) =>
        {
            var history = await worklists.HistoryAsync(await users.GetAsync(ct), caseId, ct);
            if (history is null) return ApiProblems.NotFound("No open case with this id was found");
            var today = worklists.Today;
            return TypedResults.Ok(new
            {
                current = WorklistItemDto.From(history.Current, today),
                rank = history.Rank is { } r ? new { position = r.Position, of = r.Of, practitioner = r.Practitioner } : null,
                overrides = history.Overrides.Select(o => OverrideDto.From(o, today)),
                events = history.Events.Select(e => new { at = e.At, kind = e.Kind, detail = e.Detail, by = e.By }),
            });
        }).WithSummary("Why the case is where it is: the current explanation, overrides and the facts that moved it.");
    }
}
