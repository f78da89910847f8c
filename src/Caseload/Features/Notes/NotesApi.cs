using System.Globalization;
using Caseload.Features.Cases;
using Caseload.Features.Notes.Objectivity;
using Caseload.Features.Notes.Search;
using Caseload.Features.Tasks;
using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Notes;

public sealed record CheckRequest(string? Text);

public sealed record FindingDto(int Start, int Length, string Category, string Message, string Suggestion);

public sealed record CheckResponse(IReadOnlyList<FindingDto> Findings);

/// <param name="Action">What will be done.</param>
/// <param name="DueOn">The day it is due by.</param>
/// <param name="Owner">User name of who does it, or follows it up when <paramref name="ExternalOwner"/> does it; the writer when left out.</param>
/// <param name="ExternalOwner">Someone outside Caseload who does it, named in free text (e.g. "Mum (Sarah Jones)", "School nurse").</param>
public sealed record NextStepRequest(string? Action, string? Owner, DateOnly? DueOn, string? ExternalOwner = null);

public sealed record NoteRequest(string? Type, string? OccurredAt, string? PresentAndSpokenTo, string? WhatHappened, string? WhatWasDone,
    string? Outcome, bool? SafeguardingConcern, bool? ConfidentialityExplained, string? LateEntryReason, IReadOnlyList<NextStepRequest>? NextSteps,
    int? FindingsShown, bool? FindingsAcknowledged);

public sealed record AmendmentRequest(string? Reason, string? Type, string? OccurredAt, string? PresentAndSpokenTo, string? WhatHappened,
    string? WhatWasDone, string? Outcome, bool? SafeguardingConcern, bool? ConfidentialityExplained, string? LateEntryReason,
    IReadOnlyList<NextStepRequest>? NextSteps, int? FindingsShown, bool? FindingsAcknowledged);

public sealed record StrikeThroughRequest(string? Reason);

public sealed record ObjectivityDto(int FindingsShown, int FindingsAtSave, string Review);

public sealed record NoteVersionDto(int Number, bool Superseded, string Type, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string Author,
    string? PresentAndSpokenTo, string WhatHappened, string? WhatWasDone, string? AgreedNextSteps, string? Outcome, bool SafeguardingConcern,
    bool ConfidentialityExplained, bool LateEntry, string? LateEntryReason, string? AmendmentReason, ObjectivityDto Objectivity)
{
    public static NoteVersionDto From(CaseNoteVersion v) => new(v.Number, !v.IsCurrent, v.Type, v.OccurredAt, v.RecordedAt, v.AuthorName,
        v.PresentAndSpokenTo, v.WhatHappened, v.WhatWasDone, v.AgreedNextSteps, v.Outcome, v.SafeguardingConcern, v.ConfidentialityExplained,
        v.IsLateEntry, v.LateEntryReason, v.AmendmentReason, new ObjectivityDto(v.FindingsShown, v.FindingsAtSave, v.ObjectivityReview.ToCode()));
}

public sealed record StruckThroughDto(DateTimeOffset At, string By, string Reason);

public sealed record NoteDto(Guid Id, Guid CaseId, int Version, DateTimeOffset RecordedAt, string Author, bool Amended, StruckThroughDto? StruckThrough,
    NoteVersionDto Current, IReadOnlyList<NoteVersionDto> Versions)
{
    public static NoteDto From(CaseNote n) => new(n.Id, n.CaseId, n.Version, n.RecordedAt, n.AuthorName, n.Versions.Count > 1,
        n.StruckThroughAt is { } at ? new StruckThroughDto(at, n.StruckThroughByName!, n.StruckThroughReason!) : null,
        NoteVersionDto.From(n.Current), n.Versions.OrderBy(v => v.Number).Select(NoteVersionDto.From).ToList());
}

public sealed record NoteListDto(IReadOnlyList<NoteDto> Items, int Total, int Page, int PageSize);

public sealed record SearchHitDto(Guid NoteId, Guid CaseId, Guid PersonId, string PersonName, string Type, DateTimeOffset OccurredAt, string Author,
    bool LateEntry, bool Amended, bool SafeguardingConcern, string Snippet, IReadOnlyList<Highlight> Highlights);

public sealed record SearchResultDto(string Query, IReadOnlyList<SearchHitDto> Items, int Considered, bool Limited);

public static class NotesApi
{
    public static void MapNotesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/notes/check", async Task<IResult> (HttpRequest request, ObjectivityRulesInForce objectivity, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<CheckRequest>(request, ct);
            if (problem is not null) return problem;
            if (body!.Text is null) return ApiProblems.Validation(new Dictionary<string, string> { ["text"] = "Enter the text to check" });
            if (body.Text.Length > NoteRules.MaxWhatHappenedLength) return ApiProblems.Validation(new Dictionary<string, string> { ["text"] = $"Text must be {NoteRules.MaxWhatHappenedLength:N0} characters or fewer" });
            return TypedResults.Ok(new CheckResponse(Findings(objectivity.Check.Check(body.Text))));
        }).RequireAuthorization(Policies.CaseWork).WithTags("Notes")
            .WithSummary("The objectivity check: words that record opinion or judgement rather than fact, with what to record instead. Advises; stores nothing.")
            .Accepts<CheckRequest>("application/json");

        var group = app.MapGroup("/api/v1/cases/{id:guid}/notes").RequireAuthorization(Policies.CaseWork).WithCaseScope("id").WithTags("Notes");

        group.MapPost("/", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, NoteService notes, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<NoteRequest>(request, ct);
            if (problem is not null) return problem;
            if (!TryContent(body!.OccurredAt, out var occurred, out problem)) return problem!;
            var content = new NoteContent(body.Type, occurred, body.PresentAndSpokenTo, body.WhatHappened, body.WhatWasDone, body.Outcome,
                body.SafeguardingConcern ?? false, body.ConfidentialityExplained ?? false, body.LateEntryReason, Steps(body.NextSteps),
                body.FindingsShown ?? 0, body.FindingsAcknowledged ?? false);
            var outcome = await notes.CreateAsync(await users.GetAsync(ct), id, content, ct);
            if (outcome.Kind == OutcomeKind.Invalid) return Invalid(outcome, content, notes.Check);
            return ApiProblems.From(outcome, n => n.Version, n => TypedResults.Created($"/api/v1/cases/{id}/notes/{n.Id}", NoteDto.From(n)));
        }).WithSummary("Record a case note. recordedAt is the server's time; occurredAt is ISO 8601 (UK local time without an offset).")
            .Accepts<NoteRequest>("application/json");

        group.MapGet("/", async Task<IResult> (Guid id, CurrentUserAccessor users, NoteService notes, CancellationToken ct,
            string? type = null, string? from = null, string? to = null, int page = 1, int pageSize = 100) =>
        {
            var errors = new Dictionary<string, string>();
            if (type is not null && !NoteTypes.IsKnown(type)) errors["type"] = $"Type must be one of {string.Join(", ", NoteTypes.Titles.Keys)}";
            var fromDay = Day(from, "from", errors);
            var toDay = Day(to, "to", errors);
            if (page < 1) errors["page"] = "Page must be 1 or more";
            if (pageSize is < 1 or > 500) errors["pageSize"] = "Page size must be between 1 and 500";
            if (errors.Count > 0) return ApiProblems.Validation(errors, StatusCodes.Status400BadRequest);
            var result = await notes.ListAsync(await users.GetAsync(ct), id, new NoteFilter(type, fromDay, toDay, page, pageSize), ct);
            return result is null
                ? ApiProblems.NotFound("No case with this id was found")
                : TypedResults.Ok(new NoteListDto(result.Items.Select(NoteDto.From).ToList(), result.Total, page, pageSize));
        }).WithSummary("A case's notes, newest first by when they happened, each with every version: ?type=&from=YYYY-MM-DD&to=YYYY-MM-DD&page=&pageSize=");

        group.MapGet("/{noteId:guid}", async Task<IResult> (Guid id, Guid noteId, CaseScope scope, NoteService notes, CancellationToken ct) =>
        {
            var note = await notes.ReadAsync(scope.Case, noteId, recordView: true, ct);
            if (note is null) return ApiProblems.NotFound("No note with this id was found on this case");
            return Concurrency.WithETag(TypedResults.Ok(NoteDto.From(note)), note.Version);
        }).WithSummary("One note with every version, and its ETag for an amendment.");

        group.MapPost("/{noteId:guid}/amendments", async Task<IResult> (Guid id, Guid noteId, HttpRequest request, CurrentUserAccessor users, NoteService notes,
            CancellationToken ct) =>
        {
            if (!Concurrency.TryReadIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<AmendmentRequest>(request, ct);
            if (problem is not null) return problem;
            if (!TryContent(body!.OccurredAt, out var occurred, out problem)) return problem!;
            var content = new NoteContent(body.Type, occurred, body.PresentAndSpokenTo, body.WhatHappened, body.WhatWasDone, body.Outcome,
                body.SafeguardingConcern ?? false, body.ConfidentialityExplained ?? false, body.LateEntryReason, Steps(body.NextSteps),
                body.FindingsShown ?? 0, body.FindingsAcknowledged ?? false);
            var outcome = await notes.AmendAsync(await users.GetAsync(ct), id, noteId, expected, content, body.Reason, ct);
            if (outcome.Kind == OutcomeKind.Invalid) return Invalid(outcome, content, notes.Check);
            return ApiProblems.From(outcome, n => n.Version, n => TypedResults.Created($"/api/v1/cases/{id}/notes/{n.Id}", NoteDto.From(n)), Stale);
        }).WithSummary("Amend a note: a new version with the reason; the previous stays readable, marked superseded. Needs If-Match; 412 with the current note when it changed.")
            .Accepts<AmendmentRequest>("application/json").RequiresIfMatch();

        group.MapPost("/{noteId:guid}/strike-through", async Task<IResult> (Guid id, Guid noteId, HttpRequest request, CurrentUserAccessor users, NoteService notes,
            CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var precondition)) return precondition!;

            var (body, problem) = await JsonBody.ReadAsync<StrikeThroughRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await notes.StrikeThroughAsync(await users.GetAsync(ct), id, noteId, expected, body!.Reason, ct);
            return ApiProblems.From(outcome, n => n.Version, n => TypedResults.Ok(NoteDto.From(n)), Stale);
        }).WithSummary("Strike through a note entered on the wrong case, with the reason. It stays readable; nothing is deleted.")
            .Accepts<StrikeThroughRequest>("application/json").AcceptsIfMatch();

        app.MapGet("/api/v1/search/notes", async Task<IResult> (CurrentUserAccessor users, NoteSearch search, CancellationToken ct, string? q = null, int take = 20) =>
        {
            var errors = new Dictionary<string, string>();
            var query = SearchQuery.Parse(q);
            if (query.IsEmpty) errors["q"] = "Enter words to search for";
            else if (q!.Length > 500) errors["q"] = "Search words must be 500 characters or fewer";
            if (take is < 1 or > NoteSearch.MaxResults) errors["take"] = $"Take must be between 1 and {NoteSearch.MaxResults}";
            if (errors.Count > 0) return ApiProblems.Validation(errors, StatusCodes.Status400BadRequest);
            var result = await search.SearchAsync(await users.GetAsync(ct), query, take, ct);
            return TypedResults.Ok(new SearchResultDto(result.Query.ToString(),
                result.Items.Select(i => new SearchHitDto(i.NoteId, i.CaseId, i.PersonId, i.PersonName, i.Type, i.OccurredAt, i.Author, i.LateEntry,
                    i.Amended, i.SafeguardingConcern, i.Snippet.Text, i.Snippet.Highlights)).ToList(),
                result.Considered, result.Limited));
        }).RequireAuthorization(Policies.CaseWork).WithTags("Notes")
            .WithSummary("Full-text search of the notes of every case the caller may see, most relevant first, with the matched words highlighted.");
    }

    public static IReadOnlyList<FindingDto> Findings(IEnumerable<ObjectivityFinding> findings) =>
        findings.Select(f => new FindingDto(f.Start, f.Length, f.Category.ToCode(), f.Message, f.Suggestion)).ToList();

    private static bool TryContent(string? occurredAt, out DateTimeOffset? occurred, out IResult? problem)
    {
        occurred = null;
        problem = null;
        if (occurredAt is null) return true;
        if (NoteRules.TryParseInstant(occurredAt, out var instant))
        {
            occurred = instant;
            return true;
        }

        const string detail = "'occurredAt' must be an ISO 8601 date and time, e.g. 2026-11-20T14:30:00Z, or UK local time without an offset.";
        problem = ApiProblems.Problem(StatusCodes.Status400BadRequest, "invalid-json", "The request body could not be read", detail,
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["occurredAt"] = [detail] } });
        return false;
    }

    private static List<NextStepInput>? Steps(IReadOnlyList<NextStepRequest>? steps) =>
        steps?.Select(s => new NextStepInput(s?.Action, s?.Owner, s?.DueOn, s?.ExternalOwner)).ToList();

    private static DateOnly? Day(string? value, string field, Dictionary<string, string> errors)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // A year like 0001 or 9999 is a placeholder, not a day a note could have happened on.
            if (day.Year is >= 1900 and <= 2099) return day;
            errors[field] = $"'{field}' must be a date between 1900-01-01 and 2099-12-31";
            return null;
        }

        errors[field] = $"'{field}' must be a date as YYYY-MM-DD";
        return null;
    }

    /// <summary>422 with the fields at fault; when the objectivity check is what stopped the note, its findings too.</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Invalid(Outcome<CaseNote> outcome, NoteContent content, ObjectivityCheck check)
    {
        if (!outcome.Errors.ContainsKey("findingsAcknowledged")) return ApiProblems.Validation(outcome.Errors);
        var findings = NoteRules.CheckObjectivity(content, check)
            .GroupBy(f => f.Field)
            .ToDictionary(g => g.Key, g => Findings(g.Select(f => f.Finding)));
        var errorCode = outcome.Errors.Count == 1 ? "objectivity-findings-unacknowledged" : "validation-failed";
        return ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, errorCode, "The request has invalid fields",
            string.Join("; ", outcome.Errors.Select(e => $"{e.Key}: {e.Value}")),
            new Dictionary<string, object?>
            {
                ["errors"] = outcome.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }),
                ["findings"] = findings,
            });
    }

    private static IResult Stale(CaseNote current) =>
        ApiProblems.Problem(StatusCodes.Status412PreconditionFailed, "stale-etag", "The note has changed since you read it",
            "Someone else amended or struck through this note. Read the current version below, then send your amendment with its ETag.",
            new Dictionary<string, object?> { ["currentETag"] = Concurrency.ETagFor(current.Version), ["current"] = NoteDto.From(current) });
}
