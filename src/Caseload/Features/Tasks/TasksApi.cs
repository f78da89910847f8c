using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;

namespace Caseload.Features.Tasks;

public sealed record TaskOutcomeRequest(string? Status, string? Outcome);

public sealed record TaskReassignRequest(string? Owner, string? Reason);

/// <summary>
/// A task: on a case (<c>kind</c> <c>case</c>, with its <c>caseId</c>), or an action agreed in answer to a capacity escalation
/// (<c>kind</c> <c>escalation-action</c>, with its <c>escalationId</c> and no case; its outcome is recorded at
/// <c>/api/v1/escalations/actions/{id}/outcome</c>). <c>status</c> is <c>open</c>, <c>due-today</c> (open and due today),
/// <c>done</c> or <c>not-done</c>.
/// </summary>
public sealed record TaskDto(Guid Id, Guid? CaseId, Guid? NoteId, string Action, string OwnerName, DateOnly DueOn, string Status, DateTimeOffset? CreatedAt,
    string? CreatedBy, DateTimeOffset? ClosedAt, string? ClosedBy, string? Outcome, int Version, string Kind = TaskDto.CaseKind, Guid? EscalationId = null,
    string? ExternalOwner = null)
{
    public const string CaseKind = "case";
    public const string EscalationActionKind = "escalation-action";

    public static TaskDto From(CaseTask t, DateOnly today) => new(t.Id, t.CaseId, t.NoteId, t.Action, t.OwnerName, t.DueOn, TaskRules.StatusCode(t.Status, t.DueOn, today), t.CreatedAt, t.CreatedByName,
        t.ClosedAt, t.ClosedByName, t.Outcome, t.Version, ExternalOwner: t.ExternalOwner);

    public static TaskDto From(Capacity.Escalations.EscalationAction a, DateOnly today) => new(a.TaskId, null, null, a.Action, a.OwnerName, a.DueOn,
        TaskRules.StatusCode(a.Status, a.DueOn, today), null, null,
        a.ClosedAt, a.ClosedByName, a.Outcome, a.Version, EscalationActionKind, a.EscalationId);
}

public static class TasksApi
{
    public static void MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tasks").RequireAuthorization(Policies.CaseWork).WithTags("Tasks");

        group.MapGet("/", async Task<IResult> (CurrentUserAccessor users, TaskService tasks, Capacity.Escalations.EscalationService escalations, TimeProvider clock, CancellationToken ct) =>
        {
            var today = UkTime.Today(clock);
            var user = await users.GetAsync(ct);
            var rows = await tasks.MineAsync(user, includeClosed: true, ct);
            var actions = await escalations.ActionsOwnedByAsync(user, includeClosed: true, ct);
            var all = rows.Select(r => TaskDto.From(r.Task, today)).Concat(actions.Select(a => TaskDto.From(a, today)))
                .OrderBy(t => t.Status is "open" or TaskRules.DueTodayCode ? 0 : 1).ThenBy(t => t.DueOn).ToList();
            return TypedResults.Ok(all);
        }).WithSummary("The caller's tasks, on cases and from capacity escalations (kind): open ones (status open or due-today) by due date, then those closed in the last 30 days.")
            .Produces<List<TaskDto>>();

        group.MapPost("/{id:guid}/outcome", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, TaskService tasks, TimeProvider clock,
            CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var precondition)) return precondition!;

            var (body, problem) = await JsonBody.ReadAsync<TaskOutcomeRequest>(request, ct);
            if (problem is not null) return problem;
            if (!CaseTaskStatusCodes.TryParseClosed(body!.Status, out var status))
            {
                return ApiProblems.Validation(new Dictionary<string, string> { ["status"] = "Status must be done or not-done" });
            }

            var outcome = await tasks.CloseAsync(await users.GetAsync(ct), id, expected, status, body.Outcome, ct);
            return ApiProblems.From(outcome, t => t.Version, t => TypedResults.Ok(TaskDto.From(t, UkTime.Today(clock))));
        }).WithSummary("Record that a task was done or not done, with what came of it.").Accepts<TaskOutcomeRequest>("application/json").WithCaseScope("id", ScopedBy.Task).AcceptsIfMatch().WithName("recordTaskOutcome");

        group.MapPost("/{id:guid}/reassign", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, TaskService tasks, TimeProvider clock,
            CancellationToken ct) =>
        {
            if (!Concurrency.TryReadIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<TaskReassignRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await tasks.ReassignAsync(await users.GetAsync(ct), id, expected, body!.Owner, body.Reason, ct);
            return ApiProblems.From(outcome, t => t.Version, t => TypedResults.Ok(TaskDto.From(t, UkTime.Today(clock))));
        }).WithSummary("Hand an open task to another owner who may see the case (user name), with the reason. The owner, or a supervisor or service manager of the case. Needs If-Match.")
            .Accepts<TaskReassignRequest>("application/json").WithCaseScope("id", ScopedBy.Task).RequiresIfMatch();
    }
}
