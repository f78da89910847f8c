using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Supervision;

public sealed record SupervisionActionRequest(string? Action, string? Owner, DateOnly? DueOn);

public sealed record CaseDiscussionRequest(Guid? CaseId, string? Discussion, string? Decision, string? Rationale, IReadOnlyList<SupervisionActionRequest?>? Actions);

public sealed record WellbeingRequest(int? Rating, string? Notes);

public sealed record SupervisionRequest(string? Practitioner, DateOnly? OccurredOn, string? Kind, IReadOnlyList<CaseDiscussionRequest?>? CaseDiscussions,
    WellbeingRequest? Wellbeing, string? Workload, string? Learning, DateOnly? NextSessionOn)
{
    public SessionContent ToContent() => SupervisionsApi.Content(OccurredOn, Kind, CaseDiscussions, Wellbeing, Workload, Learning, NextSessionOn);
}

public sealed record SupervisionAmendmentRequest(DateOnly? OccurredOn, string? Kind, IReadOnlyList<CaseDiscussionRequest?>? CaseDiscussions,
    WellbeingRequest? Wellbeing, string? Workload, string? Learning, DateOnly? NextSessionOn, string? Reason)
{
    public SessionContent ToContent() => SupervisionsApi.Content(OccurredOn, Kind, CaseDiscussions, Wellbeing, Workload, Learning, NextSessionOn);
}

public sealed record AgreementRequest(bool? Agreed, string? Comment);

public sealed record SupervisionActionDto(string Action, string Owner, string OwnerName, DateOnly DueOn, Guid TaskId);

public sealed record CaseDiscussionDto(Guid CaseId, string PersonName, string Discussion, string Decision, string Rationale, IReadOnlyList<SupervisionActionDto> Actions);

public sealed record WellbeingDto(int? Rating, string? Notes);

public sealed record SupervisionVersionDto(int Number, bool Superseded, DateOnly OccurredOn, string Kind, IReadOnlyList<CaseDiscussionDto> CaseDiscussions,
    int WithheldCaseDiscussions, WellbeingDto Wellbeing, string? Workload, string? Learning, DateOnly? NextSessionOn, DateTimeOffset RecordedAt, string Author,
    string? AmendmentReason);

public sealed record SupervisionResponseDto(int Version, bool Agreed, string? Comment, DateTimeOffset At, string By);

/// <summary>
/// A session as the reader may see it: the version in force at the top level, every version (the first stays readable
/// after amendments) and the supervisee's responses. Case discussions about cases the reader may not see are counted in
/// <c>withheldCaseDiscussions</c>, never shown.
/// </summary>
public sealed record SupervisionDto(Guid Id, string Status, int Version, int CurrentVersion, string Practitioner, string PractitionerName, string Supervisor,
    DateTimeOffset RecordedAt, bool Amended, DateOnly OccurredOn, string Kind, IReadOnlyList<CaseDiscussionDto> CaseDiscussions, int WithheldCaseDiscussions,
    WellbeingDto Wellbeing, string? Workload, string? Learning, DateOnly? NextSessionOn, IReadOnlyList<SupervisionResponseDto> Responses,
    IReadOnlyList<SupervisionVersionDto> Versions)
{
    public static SupervisionDto From(SessionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var s = view.Session;
        var versions = s.Versions.OrderBy(v => v.Number).Select(v => VersionOf(view, v)).ToList();
        var current = versions.Single(v => v.Number == s.CurrentVersion);
        return new SupervisionDto(s.Id, s.Status.ToCode(), s.Version, s.CurrentVersion, s.PractitionerUserName, s.PractitionerName, s.SupervisorName, s.RecordedAt,
            s.Versions.Count > 1, current.OccurredOn, current.Kind, current.CaseDiscussions, current.WithheldCaseDiscussions, current.Wellbeing, current.Workload,
            current.Learning, current.NextSessionOn,
            s.Responses.OrderBy(r => r.At).Select(r => new SupervisionResponseDto(r.VersionNumber, r.Agreed, r.Comment, r.At, r.ByName)).ToList(),
            versions);
    }

    private static SupervisionVersionDto VersionOf(SessionView view, SupervisionSessionVersion v) =>
        new(v.Number, v.Number != view.Session.CurrentVersion, v.OccurredOn, v.Kind.ToCode(),
            view.Visible(v).Select(d => new CaseDiscussionDto(d.CaseId, view.Cases[d.CaseId].PersonName, d.Discussion, d.Decision, d.Rationale,
                d.Actions.OrderBy(a => a.Position).Select(a => new SupervisionActionDto(a.Action, a.OwnerUserName, a.OwnerName, a.DueOn, a.TaskId)).ToList())).ToList(),
            view.Withheld(v), new WellbeingDto(v.WellbeingRating, v.WellbeingNotes), v.Workload, v.Learning, v.NextSessionOn, v.RecordedAt, v.AuthorName,
            v.AmendmentReason);
}

public sealed record SupervisionSummaryDto(Guid Id, DateOnly OccurredOn, string Kind, string Supervisor, string Status, int Version, bool Amended,
    DateOnly? NextSessionOn, DateTimeOffset RecordedAt)
{
    public static SupervisionSummaryDto From(SupervisionSession s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.OccurredOn, s.Kind.ToCode(), s.SupervisorName, s.Status.ToCode(), s.Version, s.CurrentVersion > 1, s.NextSessionOn, s.RecordedAt);
    }
}

public sealed record SupervisionListDto(string Practitioner, string PractitionerName, IReadOnlyList<SupervisionSummaryDto> Items);

public static class SupervisionsApi
{
    public static void MapSupervisionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/supervisions").RequireAuthorization(Policies.CaseWork).WithTags("Supervision");

        group.MapPost("/", async Task<IResult> (HttpRequest request, CurrentUserAccessor users, SupervisionService supervision, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<SupervisionRequest>(request, ct);
            if (problem is not null) return problem;
            var user = await users.GetAsync(ct);
            var outcome = await supervision.RecordAsync(user, body!.Practitioner, body.ToContent(), ct);
            if (!outcome.Succeeded) return ApiProblems.From(outcome, _ => TypedResults.Ok());
            var view = await supervision.ViewAfterWriteAsync(user, outcome.Value!, ct);
            return Concurrency.WithETag(TypedResults.Created($"/api/v1/supervisions/{view.Session.Id}", SupervisionDto.From(view)), view.Session.Version);
        }).WithSummary("Record a supervision session with a supervisee (their supervisor chain only): case discussions with decisions, rationale and actions (each becomes a task for its owner), wellbeing, workload, learning and the next session. 201 with status awaiting-agreement.")
            .Accepts<SupervisionRequest>("application/json");

        group.MapGet("/", async Task<IResult> (CurrentUserAccessor users, SupervisionService supervision, CancellationToken ct, string? practitioner = null) =>
        {
            var outcome = await supervision.ListAsync(await users.GetAsync(ct), practitioner, ct);
            if (outcome.Kind == OutcomeKind.Invalid) return ApiProblems.Validation(outcome.Errors, StatusCodes.Status400BadRequest);
            if (!outcome.Succeeded) return ApiProblems.From(outcome, _ => TypedResults.Ok());
            var (who, sessions) = outcome.Value;
            return TypedResults.Ok(new SupervisionListDto(who.UserName, who.DisplayName,
                sessions.Select(SupervisionSummaryDto.From).ToList()));
        }).WithSummary("A practitioner's supervision sessions, newest first: ?practitioner=<user name> (the caller's own without it). The supervisee, their supervisor chain and service managers of their service.");

        group.MapGet("/{id:guid}", async Task<IResult> (Guid id, CurrentUserAccessor users, SupervisionService supervision, CancellationToken ct) =>
        {
            var view = await supervision.ReadAsync(await users.GetAsync(ct), id, ct);
            return view is null
                ? ApiProblems.NotFound(NotFound)
                : Concurrency.WithETag(TypedResults.Ok(SupervisionDto.From(view)), view.Session.Version);
        }).WithSummary("One session with every version and the supervisee's responses, and its ETag. 404 for anyone but the supervisee, their supervisor chain and service managers of their service.");

        group.MapPost("/{id:guid}/agreement", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, SupervisionService supervision,
            CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<AgreementRequest>(request, ct);
            if (problem is not null) return problem;
            var user = await users.GetAsync(ct);
            var outcome = await supervision.RespondAsync(user, id, expected, body!.Agreed, body.Comment, ct);
            if (outcome.Kind == OutcomeKind.NotFound) return ApiProblems.NotFound(NotFound);
            if (!outcome.Succeeded) return ApiProblems.From(outcome, s => s.Version, _ => TypedResults.Ok());
            var view = await supervision.ViewAfterWriteAsync(user, outcome.Value!, ct);
            return Concurrency.WithETag(TypedResults.Ok(SupervisionDto.From(view)), view.Session.Version);
        }).WithSummary("The supervisee agrees with the record ({\"agreed\":true}) or records their disagreement with a comment; once per version. Others who may read the session get 403, anyone else 404.")
            .Accepts<AgreementRequest>("application/json").AcceptsIfMatch();

        group.MapPost("/{id:guid}/amendments", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, SupervisionService supervision,
            CancellationToken ct) =>
        {
            if (!Concurrency.TryReadIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<SupervisionAmendmentRequest>(request, ct);
            if (problem is not null) return problem;
            var user = await users.GetAsync(ct);
            var outcome = await supervision.AmendAsync(user, id, expected, body!.ToContent(), body.Reason, ct);
            if (outcome.Kind == OutcomeKind.NotFound) return ApiProblems.NotFound(NotFound);
            if (!outcome.Succeeded) return ApiProblems.From(outcome, s => s.Version, _ => TypedResults.Ok());
            var view = await supervision.ViewAfterWriteAsync(user, outcome.Value!, ct);
            return Concurrency.WithETag(TypedResults.Created($"/api/v1/supervisions/{id}", SupervisionDto.From(view)), view.Session.Version);
        }).WithSummary("Amend the record (the supervisee's supervisor chain): a new version with the whole content and the reason; earlier versions stay readable and the supervisee is asked to agree again. Needs If-Match.")
            .Accepts<SupervisionAmendmentRequest>("application/json").RequiresIfMatch();
    }

    private const string NotFound = "No supervision session with this id was found";

    /// <summary>The request's parts as the rules read them; a null inside a list is an empty entry, refused for what it lacks.</summary>
    public static SessionContent Content(DateOnly? occurredOn, string? kind, IReadOnlyList<CaseDiscussionRequest?>? discussions, WellbeingRequest? wellbeing,
        string? workload, string? learning, DateOnly? nextSessionOn) =>
        new(occurredOn, kind,
            discussions?.Select(d => new CaseDiscussionInput(d?.CaseId, d?.Discussion, d?.Decision, d?.Rationale,
                d?.Actions?.Select(a => new SupervisionActionInput(a?.Action, a?.Owner, a?.DueOn)).ToList())).ToList(),
            wellbeing is null ? null : new WellbeingInput(wellbeing.Rating, wellbeing.Notes),
            workload, learning, nextSessionOn);
}
