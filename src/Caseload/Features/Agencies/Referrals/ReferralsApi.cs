using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.Agencies.Referrals;

public sealed record LawfulBasisRequest(string? Basis, string? Reason, string? DecidedBy);

public sealed record ReferralRequest(int? AgencyId, string? Reason, string? Requested, string? Urgency, Guid? ConsentId, LawfulBasisRequest? LawfulBasis,
    string? InformationShared, int? FollowUpInWorkingDays);

public sealed record ReferralStepRequest(string? Status, DateOnly? On, string? Note);

public sealed record ShareRequest(string? SharedWith, int? AgencyId, string? What, string? Purpose, Guid? ConsentId, LawfulBasisRequest? LawfulBasis, string? DecidedBy,
    DateOnly? SharedOn, string? Method);

public sealed record LawfulBasisDto(string Basis, string? Reason, string? DecidedBy);

public sealed record ReferralStepDto(string Status, DateOnly On, string? Note, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record ReferralDto(Guid Id, Guid CaseId, int AgencyId, string? Agency, string Reason, string Requested, string Urgency, string InformationShared,
    Guid? ConsentId, LawfulBasisDto? LawfulBasis, bool ConsentWithdrawn, string Status, DateOnly SentOn, int FollowUpInWorkingDays, Guid? FollowUpTaskId,
    DateOnly? FollowUpDueOn, IReadOnlyList<ReferralStepDto> Steps, DateTimeOffset RecordedAt, string RecordedBy, int Version)
{
    public static ReferralDto From(Referral r, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.CaseId, r.AgencyId, r.Agency?.Name, r.Reason, r.Requested, r.Urgency, r.InformationShared, r.ConsentId,
            r.LawfulBasis is { } b ? new LawfulBasisDto(b, r.LawfulBasisReason, r.LawfulBasisDecidedBy) : null,
            ReferralRules.ConsentWithdrawnFlag(r.Status, r.Consent, today), r.Status, r.SentOn, r.FollowUpWorkingDays, r.FollowUpTaskId, r.FollowUpDueOn,
            r.Steps.OrderBy(s => s.On).ThenBy(s => s.RecordedAt).ThenBy(s => s.Id).Select(s => new ReferralStepDto(s.Status, s.On, s.Note, s.RecordedByName, s.RecordedAt)).ToList(),
            r.RecordedAt, r.RecordedByName, r.Version);
    }
}

public sealed record ReferralListDto(IReadOnlyList<ReferralDto> Items);

public sealed record ShareDto(Guid Id, Guid CaseId, string SharedWith, int? AgencyId, string What, string Purpose, Guid? ConsentId, LawfulBasisDto? LawfulBasis,
    string DecidedBy, DateOnly SharedOn, string Method, Guid? ReferralId, DateTimeOffset RecordedAt, string RecordedBy)
{
    public static ShareDto From(InformationShare s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.CaseId, s.SharedWith, s.AgencyId, s.What, s.Purpose, s.ConsentId,
            s.LawfulBasis is { } b ? new LawfulBasisDto(b, s.LawfulBasisReason, s.LawfulBasisDecidedBy) : null, s.DecidedBy, s.SharedOn, s.Method, s.ReferralId,
            s.RecordedAt, s.RecordedByName);
    }
}

public sealed record ShareListDto(IReadOnlyList<ShareDto> Items);

public static class ReferralsApi
{
    internal static LawfulBasisInput? Basis(LawfulBasisRequest? b) => b is null ? null : new LawfulBasisInput(b.Basis, b.Reason, b.DecidedBy);

    public static void MapReferralsApi(this IEndpointRouteBuilder app)
    {
        var referrals = app.MapGroup("/api/v1/cases/{id:guid}/referrals").RequireAuthorization(Policies.CaseWork).WithCaseScope("id").WithTags("Agencies");

        referrals.MapGet("/", async Task<IResult> (Guid id, CaseScope scope, ReferralService service, CancellationToken ct) =>
        {
            var list = await service.ListAsync(scope.Case, ct: ct);
            return TypedResults.Ok(new ReferralListDto(list.Select(r => ReferralDto.From(r, service.Today)).ToList()));
        }).WithName("listCaseReferrals")
            .WithSummary("The case's referrals out, newest first: agency, reason, what was asked, urgency, what was shared and on which basis, the status with "
                         + "each step (dated, who recorded it), the open follow-up task, and consentWithdrawn when a referral not yet closed relied on a consent since withdrawn.");

        referrals.MapPost("/", async Task<IResult> (Guid id, HttpRequest request, CaseScope scope, ReferralService service, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ReferralRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await service.MakeAsync(scope.Case, new ReferralInput(body!.AgencyId, body.Reason, body.Requested, body.Urgency, body.ConsentId,
                Basis(body.LawfulBasis), body.InformationShared, body.FollowUpInWorkingDays), ct);
            return ApiProblems.From(outcome, r => r.Version, r => TypedResults.Created($"/api/v1/cases/{id}/referrals/{r.Id}", ReferralDto.From(r, service.Today)));
        }).WithName("createCaseReferral").Accepts<ReferralRequest>("application/json")
            .WithSummary("Make a referral: agencyId, reason, requested, urgency (routine, urgent, emergency), informationShared, and either consentId (a consent "
                         + "of the person for referral that covers the agency today) or lawfulBasis {basis: legal-obligation, public-task, vital-interests or "
                         + "safeguarding; reason consent was not sought; decidedBy}. Neither (or both): 422 naming consent; a withdrawn or non-covering consent: "
                         + "422 naming consentId, saying why. followUpInWorkingDays (1-60) overrides the follow-up period (emergency 1, urgent 2, routine 5 working "
                         + "days). Answers the referral with status sent and followUpTaskId, the referrer's follow-up task; the share is logged too. The seven "
                         + "golden rules are confirmed on the page; the API does not ask for the confirmation.");

        referrals.MapPost("/{referralId:guid}/status", async Task<IResult> (Guid id, Guid referralId, HttpRequest request, CaseScope scope,
            ReferralService service, CancellationToken ct) =>
        {
            if (!Concurrency.TryReadOptionalIfMatch(request, out var expected, out var precondition)) return precondition!;
            var (body, problem) = await JsonBody.ReadAsync<ReferralStepRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await service.RecordStepAsync(scope.Case, referralId, expected, body!.Status, body.On, body.Note, ct);
            return outcome.Kind == OutcomeKind.NotFound
                ? ApiProblems.NotFound("No referral with this id was found on this case")
                : ApiProblems.From(outcome, r => r.Version, r => TypedResults.Ok(ReferralDto.From(r, service.Today)));
        }).WithName("recordCaseReferralStatus").Accepts<ReferralStepRequest>("application/json").AcceptsIfMatch()
            .WithSummary("Record the referral's next step: status (sent → acknowledged → accepted or declined → appointment-offered → accessed or not-accessed "
                         + "→ closed; acknowledged may be skipped, closed may follow any step, not-accessed may be offered again), on (a date, not in the future, "
                         + "not before the last step) and note (required for declined: the reason). An invalid step: 422 naming status. The follow-up task is "
                         + "closed and a new one opened until accessed, declined or closed. If-Match with the referral's ETag is optional; 412 when it changed.");

        var shares = app.MapGroup("/api/v1/cases/{id:guid}/information-sharing").RequireAuthorization(Policies.CaseWork).WithCaseScope("id").WithTags("Agencies");

        shares.MapGet("/", async Task<IResult> (Guid id, CaseScope scope, ReferralService service, CancellationToken ct) =>
            TypedResults.Ok(new ShareListDto((await service.SharesAsync(scope.Case, ct: ct)).Select(ShareDto.From).ToList())))
            .WithName("listCaseInformationShares")
            .WithSummary("The case's information sharing log, newest first: when, with whom, what, why, consent or lawful basis, who decided and how it was "
                         + "sent (method referral for the share a referral logged).");

        shares.MapPost("/", async Task<IResult> (Guid id, HttpRequest request, CaseScope scope, ReferralService service, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ShareRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await service.RecordShareAsync(scope.Case, new ShareInput(body!.SharedWith, body.AgencyId, body.What, body.Purpose, body.ConsentId,
                Basis(body.LawfulBasis), body.DecidedBy, body.SharedOn, body.Method), ct);
            return ApiProblems.From(outcome, _ => 1, s => TypedResults.Created($"/api/v1/cases/{id}/information-sharing/{s.Id}", ShareDto.From(s)));
        }).WithName("createCaseInformationShare").Accepts<ShareRequest>("application/json")
            .WithSummary("Log information shared: sharedWith, what, purpose, decidedBy, sharedOn (not in the future), method (secure-email, email, phone, "
                         + "meeting, letter, portal, other), and either consentId (a consent for information-sharing covering agencyId, the directory agency "
                         + "shared with, on sharedOn) or lawfulBasis {basis, reason, decidedBy}; the same rules as a referral (422 naming consent or consentId).");
    }
}
