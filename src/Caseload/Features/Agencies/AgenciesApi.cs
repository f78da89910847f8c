using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Agencies;

public sealed record AgencyRequest(string? Name, string? Kind, string? Phone, string? Email, string? Address, string? SecureEmail);

public sealed record AgencyDto(int Id, string Name, string Kind, string? Phone, string? Email, string? Address, string? SecureEmail, int Version)
{
    public static AgencyDto From(Agency a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.Name, a.Kind, a.Phone, a.Email, a.Address, a.SecureEmail, a.Version);
    }
}

public sealed record AgencyListDto(IReadOnlyList<AgencyDto> Items);

public sealed record ProfessionalRequest(string? Name, string? Role, string? Contact);

public sealed record InvolvementRequest(int? AgencyId, ProfessionalRequest? Professional, string? Role, DateOnly? From, bool? Lead);

public sealed record InvolvementEndRequest(DateOnly? Until, string? Reason);

public sealed record ProfessionalDto(string Name, string? Role, string? Contact);

public sealed record InvolvementDto(Guid Id, Guid CaseId, int? AgencyId, string? Agency, ProfessionalDto? Professional, string Role, DateOnly From,
    DateOnly? Until, string? EndReason, bool Lead, DateOnly? LeadEndedOn, DateTimeOffset RecordedAt, string RecordedBy, int Version, Guid? ReplacedLeadId = null)
{
    public static InvolvementDto Of(Involvement i, Guid? replacedLeadId = null)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.Id, i.CaseId, i.AgencyId, i.Agency?.Name, i.ProfessionalName is { } name ? new ProfessionalDto(name, i.ProfessionalRole, i.ProfessionalContact) : null,
            i.Role, i.From, i.Until, i.EndReason, i.Lead, i.LeadEndedOn, i.RecordedAt, i.RecordedByName, i.Version, replacedLeadId);
    }
}

/// <summary>Another open case of the person in our services: the service and how to reach its worker; its id only when the caller may open it.</summary>
public sealed record OtherServiceDto(Guid? CaseId, string Service, string Status, string? Worker, string? Team, string? Email, string? Phone)
{
    public static OtherServiceDto From(OtherService o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Visible ? o.CaseId : null, o.Service, o.Status.ToString().ToLowerInvariant(), o.Worker, o.Team, o.Email, o.Phone);
    }
}

public sealed record InvolvementListDto(IReadOnlyList<InvolvementDto> Items, IReadOnlyList<OtherServiceDto> OtherServices);

public sealed record ConsentRequest(string? Purpose, IReadOnlyList<int>? AgencyIds, string? GivenBy, string? GivenByName, string? Competence, string? Method,
    DateOnly? GivenOn, DateOnly? ReviewOn);

public sealed record WithdrawalRequest(DateOnly? WithdrawnOn, string? Reason);

public sealed record ConsentAgencyDto(int Id, string? Name);

public sealed record WithdrawalDto(DateOnly WithdrawnOn, string? Reason, string? RecordedBy, DateTimeOffset? RecordedAt);

public sealed record ConsentDto(Guid Id, Guid PersonId, string Purpose, IReadOnlyList<int> AgencyIds, IReadOnlyList<ConsentAgencyDto> Agencies, string GivenBy,
    string GivenByName, string? Competence, string Method, DateOnly GivenOn, DateOnly? ReviewOn, string Status, bool DueForReview, WithdrawalDto? Withdrawal,
    DateTimeOffset RecordedAt, string RecordedBy, int Version)
{
    public static ConsentDto From(Consent c, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(c);
        var agencies = c.Agencies.OrderBy(a => a.AgencyId).ToList();
        return new(c.Id, c.PersonId, c.Purpose, agencies.Select(a => a.AgencyId).ToList(), agencies.Select(a => new ConsentAgencyDto(a.AgencyId, a.Agency?.Name)).ToList(),
            c.GivenBy, c.GivenByName, c.Competence, c.Method, c.GivenOn, c.ReviewOn, ConsentDisplay.StatusCode(c, today), ConsentRules.IsDueForReview(c, today),
            c.WithdrawnOn is { } on ? new WithdrawalDto(on, c.WithdrawalReason, c.WithdrawnByName, c.WithdrawnAt) : null, c.RecordedAt, c.RecordedByName, c.Version);
    }
}

public sealed record ConsentListDto(IReadOnlyList<ConsentDto> Items);

public static class AgenciesApi
{
    public static void MapAgenciesApi(this IEndpointRouteBuilder app)
    {
        var agencies = app.MapGroup("/api/v1/agencies").WithTags("Agencies");

        agencies.MapGet("/", async Task<IResult> (AgencyService service, CancellationToken ct) =>
            TypedResults.Ok(new AgencyListDto((await service.ListAsync(ct)).Select(AgencyDto.From).ToList())))
            .RequireAuthorization(Policies.SignedIn).WithName("listAgencies")
            .WithSummary("The agency directory, by name: kind, contact details and secure email. Any signed-in user.");

        agencies.MapPost("/", async Task<IResult> (HttpRequest request, CurrentUserAccessor users, AgencyService service, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<AgencyRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await service.CreateAsync(await users.GetAsync(ct),
                new AgencyInput(body!.Name, body.Kind, body.Phone, body.Email, body.Address, body.SecureEmail), ct);
            return ApiProblems.From(outcome, a => a.Version, a => TypedResults.Created($"/api/v1/agencies/{a.Id}", AgencyDto.From(a)));
        }).RequireAuthorization(Policies.Administer).WithName("createAgency").Accepts<AgencyRequest>("application/json")
            .WithSummary("Add an agency to the directory (administrators): name, kind (health, police, education, housing, youth-justice, mental-health, "
                         + "voluntary, local-authority, other), phone, email, address and secure email. 422 names each field that is wrong.");

        var involvements = app.MapGroup("/api/v1/cases/{id:guid}/involvements").RequireAuthorization(Policies.CaseWork).WithCaseScope("id").WithTags("Agencies");

        involvements.MapGet("/", async Task<IResult> (Guid id, CaseScope scope, InvolvementService service, CancellationToken ct) =>
        {
            var team = await service.TeamAsync(scope.Case, ct: ct);
            return TypedResults.Ok(new InvolvementListDto(team.Involvements.Select(i => InvolvementDto.Of(i)).ToList(),
                team.OtherServices.Select(OtherServiceDto.From).ToList()));
        }).WithName("listCaseInvolvements")
            .WithSummary("Who else is involved with the child or family on this case, current first with the lead professional at the top; and the person's "
                         + "other open cases in our own services (service, worker and how to reach them, never their content; a restricted case only for those named on it).");

        involvements.MapPost("/", async Task<IResult> (Guid id, HttpRequest request, CaseScope scope, InvolvementService service, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<InvolvementRequest>(request, ct);
            if (problem is not null) return problem;
            var p = body!.Professional;
            var outcome = await service.RecordAsync(scope.Case,
                new InvolvementInput(body.AgencyId, p is null ? null : new ProfessionalInput(p.Name, p.Role, p.Contact), body.Role, body.From, body.Lead ?? false), ct);
            return ApiProblems.From(outcome, r => r.Involvement.Version,
                r => TypedResults.Created($"/api/v1/cases/{id}/involvements/{r.Involvement.Id}", InvolvementDto.Of(r.Involvement, r.ReplacedLead?.Id)));
        }).WithName("createCaseInvolvement").Accepts<InvolvementRequest>("application/json")
            .WithSummary("Record who else is involved: agencyId (from the directory), professional {name, role, contact}, or both; their role, from (a date), "
                         + "and lead. Setting lead when the case has a lead professional hands the lead over: the earlier one stays involved, no longer the lead "
                         + "(replacedLeadId names it). A closed case takes none (422 naming status).");

        involvements.MapPost("/{involvementId:guid}/end", async Task<IResult> (Guid id, Guid involvementId, HttpRequest request, CaseScope scope,
            InvolvementService service, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<InvolvementEndRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await service.EndAsync(scope.Case, involvementId, expected, body!.Until, body.Reason, ct);
            return outcome.Kind == OutcomeKind.NotFound
                ? ApiProblems.NotFound("No involvement with this id was found on this case")
                : ApiProblems.From(outcome, i => i.Version, i => TypedResults.Ok(InvolvementDto.Of(i)));
        }).WithName("endCaseInvolvement").Accepts<InvolvementEndRequest>("application/json").AcceptsIfMatch()
            .WithSummary("End an involvement: until (a date, not in the future) and an optional reason. A lead professional stops being the lead. "
                         + "If-Match with the involvement's ETag is optional; 412 when it changed.");

        var consents = app.MapGroup("/api/v1/people/{id:guid}/consents").RequireAuthorization(Policies.CaseWork).WithPersonScope("id").WithTags("Agencies");

        consents.MapGet("/", async Task<IResult> (Guid id, CaseScope scope, ConsentService service, CancellationToken ct) =>
        {
            var list = await service.ListAsync(scope.Person, ct);
            return TypedResults.Ok(new ConsentListDto(list.Select(c => ConsentDto.From(c, service.Today)).ToList()));
        }).WithName("listPersonConsents")
            .WithSummary("The person's consents, newest first: purpose, agencies covered, who gave it, how, when, the review date (status due-for-review once "
                         + "it has come) and any withdrawal.");

        consents.MapPost("/", async Task<IResult> (Guid id, HttpRequest request, CaseScope scope, ConsentService service, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ConsentRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await service.RecordAsync(scope.Person,
                new ConsentInput(body!.Purpose, body.AgencyIds, body.GivenBy, body.GivenByName, body.Competence, body.Method, body.GivenOn, body.ReviewOn), ct);
            return ApiProblems.From(outcome, c => c.Version, c => TypedResults.Created($"/api/v1/people/{id}/consents/{c.Id}", ConsentDto.From(c, service.Today)));
        }).WithName("createPersonConsent").Accepts<ConsentRequest>("application/json")
            .WithSummary("Record consent: purpose (referral, information-sharing, contact-by-text, contact-by-email, contact-by-phone), agencyIds it covers "
                         + "(required for referral and information-sharing), givenBy (person, parent-carer, other-with-authority), givenByName, method (verbal, "
                         + "written, electronic), givenOn, reviewOn (optional) and competence: required when the person gave it under 16, saying why they "
                         + "were competent to decide.");

        consents.MapPost("/{consentId:guid}/withdrawal", async Task<IResult> (Guid id, Guid consentId, HttpRequest request, CaseScope scope,
            ConsentService service, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<WithdrawalRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await service.WithdrawAsync(scope.Person, consentId, expected, body!.WithdrawnOn, body.Reason, ct);
            return outcome.Kind == OutcomeKind.NotFound
                ? ApiProblems.NotFound("No consent with this id was found for this person")
                : ApiProblems.From(outcome, c => c.Version, c => TypedResults.Ok(ConsentDto.From(c, service.Today)));
        }).WithName("withdrawPersonConsent").Accepts<WithdrawalRequest>("application/json").AcceptsIfMatch()
            .WithSummary("Withdraw consent: withdrawnOn (not in the future, not before it was given) and the reason. Nothing may be shared under it from "
                         + "that day. If-Match with the consent's ETag is optional; 412 when it changed.");
    }
}
