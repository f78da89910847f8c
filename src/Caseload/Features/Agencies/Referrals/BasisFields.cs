namespace Caseload.Features.Agencies.Referrals;

/// <summary>The consent-or-lawful-basis fields a referral and a share both ask for.</summary>
public sealed record BasisFields(IReadOnlyList<Consent> Consents, Guid? ConsentId, string? LawfulBasis, string? LawfulReason, string? LawfulDecidedBy, string ConsentHint);
