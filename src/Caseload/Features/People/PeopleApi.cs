using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.People;

public sealed record PersonRequest(string? GivenName, string? FamilyName, DateOnly? DateOfBirth, IReadOnlyList<string>? Characteristics,
    string? Sex = null, string? Ethnicity = null, string? Postcode = null);

/// <summary>A change to a person's details: a value replaces what is recorded, "" clears it, a field left out stays as it is.</summary>
public sealed record PersonPatchRequest(string? Sex, string? Ethnicity, string? Postcode);

public sealed record CharacteristicsChangeRequest(IReadOnlyList<string>? Add, IReadOnlyList<string>? Remove, string? Reason);

public sealed record PersonDto(Guid Id, string GivenName, string FamilyName, DateOnly DateOfBirth, IReadOnlyList<string> Characteristics,
    string? Sex, string? Ethnicity, string? Postcode)
{
    public static PersonDto From(Person p) => new(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth,
        p.Characteristics.Select(c => c.Code).Order(StringComparer.Ordinal).ToList(), p.Sex, p.Ethnicity, p.Postcode);
}

public static class PeopleApi
{
    private static readonly string SexChoices = string.Join(", ", Sexes.Titles.Keys);

    public static void MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/people").RequireAuthorization(Policies.CaseWork).WithTags("People");

        group.MapPost("/", async Task<IResult> (HttpRequest request, CurrentUserAccessor users, PeopleService people, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<PersonRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await people.CreateAsync(await users.GetAsync(ct),
                new NewPerson(body!.GivenName, body.FamilyName, body.DateOfBirth, body.Characteristics, new PersonDetailsInput(body.Sex, body.Ethnicity, body.Postcode)), ct);
            return ApiProblems.From(outcome, p => p.Version, p => TypedResults.Created($"/api/v1/people/{p.Id}", PersonDto.From(p)));
        }).WithSummary("Record a person (child, young person or client). Optional: sex (" + SexChoices + "), ethnicity (the DfE census code, e.g. WBRI; "
                       + "REFU refused, NOBT not yet obtained) and a UK postcode (stored as \"LS6 2AB\"); each 422 naming the field when not known.")
            .Accepts<PersonRequest>("application/json");

        group.MapGet("/", async Task<IResult> (CaseloadDb db, AuditTrail audit, CurrentUserAccessor users, CancellationToken ct, string? q = null) =>
        {
            if (string.IsNullOrWhiteSpace(q)) return ApiProblems.Validation(new Dictionary<string, string> { ["q"] = "Enter a name, date of birth or id" }, StatusCodes.Status400BadRequest);
            if (q.Trim().Length > PersonSearch.MaxQueryLength) return ApiProblems.Validation(new Dictionary<string, string> { ["q"] = $"Search must be {PersonSearch.MaxQueryLength} characters or fewer" }, StatusCodes.Status400BadRequest);
            if (PersonSearch.Parse(q).IsEmpty) return ApiProblems.Validation(new Dictionary<string, string> { ["q"] = "Enter a name, date of birth or id using letters or numbers" }, StatusCodes.Status400BadRequest);
            var result = await PersonSearch.RunAsync(db, audit, await users.GetAsync(ct), q, ct);
            return TypedResults.Ok(new
            {
                items = result.People.Select(p => new
                {
                    id = p.Id, givenName = p.GivenName, familyName = p.FamilyName, dateOfBirth = p.DateOfBirth,
                    openCases = p.OpenCases.Select(c => new { caseId = c.CaseId, service = c.Service, status = c.Status.ToString().ToLowerInvariant(), risk = c.Risk.ToCode(), allocatedTo = c.AllocatedTo }),
                }),
                more = result.More,
            });
        }).WithSummary("Search for people the caller may see by name (any part, accents ignored), date of birth or id (?q=); each with their open cases. At most 50; more says there were others.")
            .WithName("searchPeople");

        group.MapGet("/{id:guid}", async Task<IResult> (Guid id, CurrentUserAccessor users, PeopleService people, CancellationToken ct) =>
        {
            var person = await people.GetAsync(await users.GetAsync(ct), id, ct);
            return person is null ? ApiProblems.NotFound("No person with this id was found") : Concurrency.WithETag(TypedResults.Ok(PersonDto.From(person)), person.Version);
        }).WithSummary("One person, if the caller may see them, with their ETag.").WithPersonScope("id");

        group.MapPatch("/{id:guid}", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, PeopleService people, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<PersonPatchRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await people.ChangeDetailsAsync(await users.GetAsync(ct), id, expected, new PersonDetailsInput(body!.Sex, body.Ethnicity, body.Postcode), ct);
            return ApiProblems.From(outcome, p => p.Version, p => TypedResults.Ok(PersonDto.From(p)));
        }).WithSummary("Change a person's sex, ethnicity or postcode: a value replaces what is recorded, \"\" clears it, a field left out stays. "
                       + "Needs If-Match with the ETag last read; 412 when someone changed the person since. By those who work the person's cases.")
            .Accepts<PersonPatchRequest>("application/json").WithPersonScope("id").RequiresIfMatch().WithName("changePerson");

        group.MapPost("/{id:guid}/characteristics", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, PeopleService people, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<CharacteristicsChangeRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await people.ChangeCharacteristicsAsync(await users.GetAsync(ct), id, body!.Add, body.Remove, body.Reason, ct);
            return ApiProblems.From(outcome, p => TypedResults.Ok(PersonDto.From(p)));
        }).WithSummary("Add or remove characteristics with the reason; the person's cases are re-prioritised at once.")
            .Accepts<CharacteristicsChangeRequest>("application/json").WithPersonScope("id").WithName("changePersonCharacteristics");
    }
}
