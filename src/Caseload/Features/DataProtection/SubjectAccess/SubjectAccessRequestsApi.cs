using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.DataProtection.SubjectAccess;

public sealed record SubjectAccessCreateRequest(Guid? PersonId, string? RequesterName, string? Relationship, DateOnly? ReceivedOn, DateOnly? IdentityVerifiedOn);

public sealed record SubjectAccessPauseRequest(string? Reason, DateOnly? From);

public sealed record SubjectAccessResumeRequest(DateOnly? On);

public sealed record SubjectAccessExtensionRequest(string? Reason, DateOnly? ToldRequesterOn);

public sealed record SubjectAccessCompletionRequest(DateOnly? SentOn);

public sealed record SubjectAccessRedactionRequest(string? Item, string? Field, string? Action, string? Reason);

public sealed record SubjectAccessPauseDto(DateOnly From, string Reason, DateOnly? ResumedOn);

public sealed record SubjectAccessRedactionWithdrawalRequest(long? RedactionId, string? Reason);

public sealed record SubjectAccessRedactionWithdrawalDto(DateTimeOffset At, string By, string Reason);

public sealed record SubjectAccessRedactionDto(long Id, string Item, string? Field, string Action, string Reason, DateTimeOffset RecordedAt, string RecordedBy,
    SubjectAccessRedactionWithdrawalDto? Withdrawal)
{
    public static SubjectAccessRedactionDto From(SubjectAccessRedaction r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Item, r.Field, r.Action, r.Reason, r.RecordedAt, r.RecordedByName,
            r.WithdrawnAt is { } at ? new SubjectAccessRedactionWithdrawalDto(at, r.WithdrawnByName ?? "", r.WithdrawalReason ?? "") : null);
    }
}

public sealed record SubjectAccessRequestDto(Guid Id, Guid PersonId, string RequesterName, string Relationship, DateOnly ReceivedOn, DateOnly? IdentityVerifiedOn,
    string Division, string Status, DateOnly ClockStartsOn, DateOnly DueOn, bool Overdue, string? Awaiting, int DaysPaused, bool Extended, string? ExtensionReason,
    DateOnly? ExtensionToldRequesterOn, DateOnly? SentOn, string Explanation, IReadOnlyList<SubjectAccessPauseDto> Pauses, IReadOnlyList<SubjectAccessRedactionDto> Redactions)
{
    public static SubjectAccessRequestDto From(SubjectAccessView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var r = v.Request;
        return new(r.Id, r.PersonId, r.RequesterName, r.Relationship, r.ReceivedOn, r.IdentityVerifiedOn, r.Division, r.Completed ? "completed" : "open",
            v.Clock.StartsOn, v.Clock.DueOn, v.Clock.Overdue, v.Clock.Awaiting, v.Clock.DaysPaused, r.Extended, r.ExtensionReason, r.ExtensionToldRequesterOn, r.SentOn,
            v.Clock.Explanation, r.Pauses.OrderBy(p => p.From).Select(p => new SubjectAccessPauseDto(p.From, p.Reason, p.ResumedOn)).ToList(),
            r.Redactions.OrderBy(x => x.Id).Select(SubjectAccessRedactionDto.From).ToList());
    }
}

public static class SubjectAccessRequestsApi
{
    public static void MapSubjectAccessRequestsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/subject-access-requests").RequireAuthorization(Policies.ManageSubjectAccess).WithTags("Subject access requests");

        group.MapGet("/", async Task<IResult> (CurrentUserAccessor users, SubjectAccessService sar, CancellationToken ct, string? all = null) =>
        {
            if (all is not null && all is not ("true" or "false")) return ApiProblems.Validation(new Dictionary<string, string> { ["all"] = "All must be true or false" }, StatusCodes.Status400BadRequest);
            var list = await sar.ListAsync(await users.GetAsync(ct), all == "true", ct);
            return TypedResults.Ok(new { items = list.Select(SubjectAccessRequestDto.From) });
        }).WithName("listSubjectAccessRequests").Produces<SubjectAccessRequestDto[]>()
          .WithSummary("Open subject access requests, soonest due first, each with its due date and whether it is overdue (?all=true with completed ones). Data protection officers.");

        group.MapPost("/", async Task<IResult> (HttpRequest request, CurrentUserAccessor users, SubjectAccessService sar, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<SubjectAccessCreateRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await sar.LogAsync(await users.GetAsync(ct),
                new SubjectAccessInput(body!.PersonId, body.RequesterName, body.Relationship, body.ReceivedOn, body.IdentityVerifiedOn), ct);
            return ApiProblems.From(outcome, v => v.Request.Version, v => TypedResults.Created($"/api/v1/subject-access-requests/{v.Request.Id}", SubjectAccessRequestDto.From(v)));
        }).WithName("createSubjectAccessRequest").Accepts<SubjectAccessCreateRequest>("application/json").Produces<SubjectAccessRequestDto>(StatusCodes.Status201Created)
          .WithSummary("Log a subject access request: the person, the requester and their relationship (the-person, parent-with-parental-responsibility, representative-with-authority), the date received and, when confirmed, the date identity was; answers the due date by the ICO's rule.");

        group.MapGet("/{id:guid}", async Task<IResult> (Guid id, CurrentUserAccessor users, SubjectAccessService sar, CancellationToken ct) =>
        {
            var view = await sar.GetAsync(await users.GetAsync(ct), id, ct);
            return view is null ? ApiProblems.NotFound() : Concurrency.WithETag(TypedResults.Ok(SubjectAccessRequestDto.From(view)), view.Request.Version);
        }).WithName("getSubjectAccessRequest").Produces<SubjectAccessRequestDto>()
          .WithSummary("One subject access request with its clock (day one, due date, days paused, what is awaited), extension, pauses and redactions, and its ETag.");

        group.MapPost("/{id:guid}/pause", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, SubjectAccessService sar, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<SubjectAccessPauseRequest>(request, ct);
            if (problem is not null) return problem;
            return Answer(await sar.PauseAsync(await users.GetAsync(ct), id, expected, body!.Reason, body.From, ct));
        }).WithName("pauseSubjectAccessRequest").Accepts<SubjectAccessPauseRequest>("application/json").Produces<SubjectAccessRequestDto>().AcceptsIfMatch()
          .WithSummary("Stop the clock from a day while clarification is awaited (409 clock-stopped when it already is; 409 request-completed once completed).");

        group.MapPost("/{id:guid}/resume", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, SubjectAccessService sar, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<SubjectAccessResumeRequest>(request, ct);
            if (problem is not null) return problem;
            return Answer(await sar.ResumeAsync(await users.GetAsync(ct), id, expected, body!.On, ct));
        }).WithName("resumeSubjectAccessRequest").Accepts<SubjectAccessResumeRequest>("application/json").Produces<SubjectAccessRequestDto>().AcceptsIfMatch()
          .WithSummary("Restart the clock on the day what was awaited arrived: the due date moves on by the days paused; when identity was awaited, that day becomes day one (409 clock-running when nothing is awaited).");

        group.MapPost("/{id:guid}/extension", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, SubjectAccessService sar, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<SubjectAccessExtensionRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await sar.ExtendAsync(await users.GetAsync(ct), id, expected, body!.Reason, body.ToldRequesterOn, ct);
            if (outcome is { Kind: OutcomeKind.Conflict, Code: SubjectAccessService.ExtensionTooLate })
            {
                return ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, SubjectAccessService.ExtensionTooLate, "The extension was not told to the requester within the first month",
                    outcome.Message, new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["toldRequesterOn"] = [outcome.Message!] } });
            }

            return Answer(outcome);
        }).WithName("extendSubjectAccessRequest").Accepts<SubjectAccessExtensionRequest>("application/json").Produces<SubjectAccessRequestDto>().AcceptsIfMatch()
          .WithSummary("Extend a complex request by two further months, with reasons: only if the requester was told within the first month (422 extension-too-late after it; 409 already-extended).");

        group.MapPost("/{id:guid}/redactions", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, SubjectAccessService sar, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<SubjectAccessRedactionRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await sar.RedactAsync(await users.GetAsync(ct), id, expected, body!.Item, body.Field, body.Action, body.Reason, ct);
            return ApiProblems.From(outcome, r => r.View.Request.Version,
                r => TypedResults.Created($"/api/v1/subject-access-requests/{id}", SubjectAccessRedactionDto.From(r.Redaction)));
        }).WithName("createSubjectAccessRedaction").Accepts<SubjectAccessRedactionRequest>("application/json").Produces<SubjectAccessRedactionDto>(StatusCodes.Status201Created).AcceptsIfMatch()
          .WithSummary("Redact or withhold an item of the bundle (its key, e.g. CaseNoteVersions/12, as the bundle's JSON names it) or one field of it, with the reason or exemption; the bundle then shows \"[redacted: reason]\" in its place.");

        group.MapPost("/{id:guid}/redaction-withdrawals", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, SubjectAccessService sar, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<SubjectAccessRedactionWithdrawalRequest>(request, ct);
            if (problem is not null) return problem;
            if (body!.RedactionId is not { } redactionId) return ApiProblems.Validation(new Dictionary<string, string> { ["redactionId"] = "Give the id of the redaction to withdraw" });
            return Answer(await sar.WithdrawRedactionAsync(await users.GetAsync(ct), id, redactionId, expected, body.Reason, ct));
        }).WithName("withdrawSubjectAccessRedaction").Accepts<SubjectAccessRedactionWithdrawalRequest>("application/json").Produces<SubjectAccessRequestDto>().AcceptsIfMatch()
          .WithSummary("Withdraw a redaction or exemption ({redactionId, reason}) before the request is completed: it is kept as a record (shown with its "
                       + "withdrawal), and the bundle no longer applies it. 404 for a redaction not of this request; 409 already-withdrawn, request-completed.");

        group.MapGet("/{id:guid}/bundle", async Task<IResult> (Guid id, CurrentUserAccessor users, SubjectAccessService sar, CancellationToken ct) =>
        {
            var outcome = await sar.DownloadAsync(await users.GetAsync(ct), id, ct);
            return ApiProblems.From(outcome, d => TypedResults.File(d.Content, "application/zip", d.FileName));
        }).WithName("getSubjectAccessBundle").Produces(StatusCodes.Status200OK, contentType: "application/zip")
          .WithSummary("The bundle as one zip: a readable HTML copy (printable to PDF) and a JSON copy of everything Caseload holds about the person, third-party information marked, redactions applied. Once completed, the copy kept as sent.");

        group.MapPost("/{id:guid}/completion", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, SubjectAccessService sar, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<SubjectAccessCompletionRequest>(request, ct);
            if (problem is not null) return problem;
            return Answer(await sar.CompleteAsync(await users.GetAsync(ct), id, expected, body!.SentOn, ct));
        }).WithName("completeSubjectAccessRequest").Accepts<SubjectAccessCompletionRequest>("application/json").Produces<SubjectAccessRequestDto>().AcceptsIfMatch()
          .WithSummary("Close the request on the day the response was sent: the bundle is kept byte for byte as sent; later changes answer 409 request-completed.");
    }

    private static IResult Answer(Outcome<SubjectAccessView> outcome) =>
        ApiProblems.From(outcome, v => v.Request.Version, v => TypedResults.Ok(SubjectAccessRequestDto.From(v)));
}
