using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Notes.Objectivity.Manage;

public sealed record ObjectivityRuleRequest(string? Category, IReadOnlyList<string?>? Phrases, IReadOnlyList<string?>? Exceptions, string? Message,
    string? Suggestion, string? Reason)
{
    public ObjectivityRuleInput ToInput() => new(Category, Join(Phrases), Join(Exceptions), Message, Suggestion);

    // One phrase per item; a line break inside an item would smuggle in a second phrase, so it is kept as written and refused.
    private static string? Join(IReadOnlyList<string?>? items) => items is null ? null : string.Join('\n', items.Select(i => (i ?? "").Replace('\n', ' ')));
}

public sealed record ReasonRequest(string? Reason);

public sealed record PreviewRequest(string? Text, ObjectivityRuleRequest? Rule);

public sealed record RuleChangeDto(int Version, string State, DateTimeOffset ChangedAt, string ChangedBy, string Reason);

public sealed record ObjectivityRuleDto(string Id, bool BuiltIn, string Category, IReadOnlyList<string> Phrases, IReadOnlyList<string> Exceptions,
    string Message, string Suggestion, string State, int Version, RuleChangeDto? LastChange)
{
    public static ObjectivityRuleDto From(ObjectivityRuleView r) => new(r.Id, r.BuiltIn, r.Category.ToCode(), r.Phrases, r.Exceptions, r.Message, r.Suggestion,
        r.StateCode, r.Version, r.LastChange is { } c ? Change(c) : null);

    public static RuleChangeDto Change(ObjectivityRuleVersion v) => new(v.Number,
        v.State switch { StoredRuleState.Retired => "retired", StoredRuleState.SwitchedOff => "switched-off", _ => "in-force" },
        v.ChangedAt, v.ChangedByName, v.Reason);
}

public sealed record ObjectivityRuleDetailDto(ObjectivityRuleDto Rule, IReadOnlyList<RuleChangeDto> History);

public sealed record PreviewFindingDto(int Start, int Length, string Category, string RuleId, string Message, string Suggestion);

public sealed record PreviewResponse(IReadOnlyList<PreviewFindingDto> Findings);

/// <summary>Administrators list, add, change, retire and switch objectivity rules; every change applies to the check at once.</summary>
public static class ObjectivityRulesApi
{
    public static void MapObjectivityRulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/objectivity-rules").RequireAuthorization(Policies.Administer).WithTags("Administration");

        group.MapGet("/", async Task<IResult> (ObjectivityRuleService rules, CancellationToken ct) =>
            TypedResults.Ok((await rules.ListAsync(ct)).Select(ObjectivityRuleDto.From).ToList()))
            .WithSummary("Every objectivity rule: the administrators' own (local-N) and the built-in ones, with their state and last change.");

        group.MapGet("/{id}", async Task<IResult> (string id, ObjectivityRuleService rules, CancellationToken ct) =>
        {
            var rule = await rules.GetAsync(id, ct);
            if (rule is null) return ApiProblems.NotFound("No objectivity rule with this id was found");
            return Concurrency.WithETag(TypedResults.Ok(new ObjectivityRuleDetailDto(ObjectivityRuleDto.From(rule), (await rules.HistoryAsync(id, ct)).Select(ObjectivityRuleDto.Change).ToList())), rule.Version);
        }).WithSummary("One rule with every version (who, when, why), and its ETag for a change.");

        group.MapPost("/", async Task<IResult> (HttpRequest request, CurrentUserAccessor users, ObjectivityRuleService rules, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ObjectivityRuleRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await rules.AddAsync(await users.GetAsync(ct), body!.ToInput(), body.Reason, ct);
            return Answer(outcome, created: true);
        }).WithSummary("Add a rule. Phrases use the phrase syntax (whole words; a|b; [optional]; word*; _), never regular expressions. In force at once.")
            .Accepts<ObjectivityRuleRequest>("application/json");

        group.MapPut("/{id}", async Task<IResult> (string id, HttpRequest request, CurrentUserAccessor users, ObjectivityRuleService rules, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<ObjectivityRuleRequest>(request, ct);
            if (problem is not null) return problem;
            return Answer(await rules.ChangeAsync(await users.GetAsync(ct), id, expected, body!.ToInput(), body.Reason, ct));
        }).WithSummary("Change an administrator's rule: a new version with the reason. Needs If-Match; 412 when someone changed it first.")
            .Accepts<ObjectivityRuleRequest>("application/json").RequiresIfMatch();

        MapReasoned(group, "/{id}/retire", (rules, user, id, version, reason, ct) => rules.RetireAsync(user, id, version, reason, ct))
            .WithSummary("Retire an administrator's rule: it stops flagging at once; its versions stay readable. Needs If-Match.");
        MapReasoned(group, "/{id}/switch-off", (rules, user, id, version, reason, ct) => rules.SwitchBuiltInAsync(user, id, on: false, version, reason, ct))
            .WithSummary("Switch off a built-in rule that causes false alarms locally, with the reason. Needs If-Match (\"0\" for a rule never switched).");
        MapReasoned(group, "/{id}/switch-on", (rules, user, id, version, reason, ct) => rules.SwitchBuiltInAsync(user, id, on: true, version, reason, ct))
            .WithSummary("Switch a built-in rule back on, with the reason. Needs If-Match.");

        group.MapPost("/preview", async Task<IResult> (HttpRequest request, ObjectivityRuleService rules, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<PreviewRequest>(request, ct);
            if (problem is not null) return problem;
            if (string.IsNullOrWhiteSpace(body!.Text)) return ApiProblems.Validation(new Dictionary<string, string> { ["text"] = "Enter a sentence to try" });
            if (body.Text.Length > PreviewMaxLength) return ApiProblems.Validation(new Dictionary<string, string> { ["text"] = $"The sentence must be {PreviewMaxLength:N0} characters or fewer" });
            ObjectivityRule? draft = null;
            if (body.Rule is { } rule)
            {
                var errors = new Dictionary<string, string>(ObjectivityRuleInputRules.Validate(ObjectivityRuleService.DraftId, rule.ToInput(), out draft));
                if (rule.Reason is { Length: > ObjectivityRuleService.MaxReasonLength }) errors["reason"] = $"The reason must be {ObjectivityRuleService.MaxReasonLength:N0} characters or fewer";
                if (errors.Count > 0) return ApiProblems.Validation(errors.ToDictionary(e => $"rule.{e.Key}", e => e.Value));
            }

            return TypedResults.Ok(new PreviewResponse(rules.Preview(body.Text, draft)
                .Select(f => new PreviewFindingDto(f.Start, f.Length, f.Category.ToCode(), f.RuleId, f.Message, f.Suggestion)).ToList()));
        }).WithSummary("Try a sentence against the rules in force, optionally with a draft rule added. Stores nothing.")
            .Accepts<PreviewRequest>("application/json");
    }

    public const int PreviewMaxLength = 2_000;

    private static RouteHandlerBuilder MapReasoned(RouteGroupBuilder group, string pattern,
        Func<ObjectivityRuleService, CurrentUser, string, int, string?, CancellationToken, Task<Outcome<ObjectivityRuleView>>> change) =>
        group.MapPost(pattern, async Task<IResult> (string id, HttpRequest request, CurrentUserAccessor users, ObjectivityRuleService rules, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<ReasonRequest>(request, ct);
            if (problem is not null) return problem;
            return Answer(await change(rules, await users.GetAsync(ct), id, expected, body!.Reason, ct));
        }).Accepts<ReasonRequest>("application/json").RequiresIfMatch();

    private static IResult Answer(Outcome<ObjectivityRuleView> outcome, bool created = false) =>
        ApiProblems.From(outcome, r => r.Version, r =>
        {
            var dto = ObjectivityRuleDto.From(r);
            return created ? TypedResults.Created($"/api/v1/admin/objectivity-rules/{r.Id}", dto) : TypedResults.Ok(dto);
        });
}
