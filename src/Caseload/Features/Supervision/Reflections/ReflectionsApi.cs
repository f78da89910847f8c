using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Supervision.Reflections;

public sealed record ReflectionRequest(string? Model, Guid? CaseId, Dictionary<string, string?>? Sections, bool? Shared);

public sealed record ReflectionCommentRequest(string? Text);

public sealed record ReflectionCommentDto(string Author, string Text, DateTimeOffset At);

/// <summary>A reflection: its sections in the model's order, the case it is about (named only for a reader who may see it), sharing and comments.</summary>
public sealed record ReflectionDto(Guid Id, string Author, string AuthorName, string Model, Guid? CaseId, string? PersonName, IReadOnlyDictionary<string, string> Sections,
    bool Shared, DateTimeOffset? SharedAt, DateTimeOffset CreatedAt, IReadOnlyList<ReflectionCommentDto> Comments)
{
    public static ReflectionDto From(ReflectionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var r = view.Reflection;
        return new(r.Id, r.AuthorUserName, r.AuthorName, r.Model.ToCode(), view.Case is null ? null : r.CaseId, view.Case?.PersonName,
            r.Sections.OrderBy(s => s.Position).ToDictionary(s => s.Section, s => s.Text, StringComparer.Ordinal),
            r.Shared, r.SharedAt, r.CreatedAt, r.Comments.OrderBy(c => c.At).ThenBy(c => c.Id).Select(c => new ReflectionCommentDto(c.AuthorName, c.Text, c.At)).ToList());
    }
}

public static class ReflectionsApi
{
    public static void MapReflectionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reflections").RequireAuthorization(Policies.CaseWork).WithTags("Supervision");

        group.MapPost("/", async Task<IResult> (HttpRequest request, CurrentUserAccessor users, ReflectionService reflections, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ReflectionRequest>(request, ct);
            if (problem is not null) return problem;
            var user = await users.GetAsync(ct);
            var outcome = await reflections.CreateAsync(user, body!.Model, body.CaseId, body.Sections, body.Shared ?? false, ct);
            if (!outcome.Succeeded) return ApiProblems.From(outcome, _ => TypedResults.Ok());
            var view = await reflections.ViewAfterWriteAsync(user, outcome.Value!, ct);
            return TypedResults.Created($"/api/v1/reflections/{view.Reflection.Id}", ReflectionDto.From(view));
        }).WithSummary("Keep a reflection in the reflective log: model gibbs (description, feelings, evaluation, analysis, conclusion, actionPlan) or kolb (experience, reflection, conceptualisation, experimentation), every section filled; optionally about a case you may see; private unless shared with your supervisors. Never on the child's record.")
            .Accepts<ReflectionRequest>("application/json");

        group.MapGet("/", async Task<IResult> (CurrentUserAccessor users, ReflectionService reflections, CancellationToken ct) =>
        {
            var items = await reflections.ListAsync(await users.GetAsync(ct), ct);
            return TypedResults.Ok(new { items = items.Select(ReflectionDto.From) });
        }).WithSummary("Your reflections, and those your supervisees shared with you, newest first.");

        group.MapPost("/{id:guid}/comments", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, ReflectionService reflections, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ReflectionCommentRequest>(request, ct);
            if (problem is not null) return problem;
            var user = await users.GetAsync(ct);
            var outcome = await reflections.CommentAsync(user, id, body!.Text, ct);
            if (outcome.Kind == OutcomeKind.NotFound) return ApiProblems.NotFound("No reflection with this id was found");
            if (!outcome.Succeeded) return ApiProblems.From(outcome, _ => TypedResults.Ok());
            var view = await reflections.ViewAfterWriteAsync(user, outcome.Value!, ct);
            return TypedResults.Created($"/api/v1/reflections/{id}", ReflectionDto.From(view));
        }).WithSummary("Comment on a shared reflection: its author's supervisor chain, or the author replying. 404 for anyone else.")
            .Accepts<ReflectionCommentRequest>("application/json");
    }
}
