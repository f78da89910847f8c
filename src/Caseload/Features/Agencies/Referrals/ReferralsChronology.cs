using Caseload.Data;
using Caseload.Features.Chronology;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Agencies.Referrals;

/// <summary>
/// Referrals and shares on the chronology: each referral when it was made (to whom, what for, on which basis), each later step
/// on its path, and each share logged on its own (a referral's own share is the referral's entry).
/// </summary>
public sealed class ReferralsChronology(CaseloadDb db) : IChronologySource
{
    public const string Referral = "referral";
    public const string ReferralStep = "referral-step";
    public const string Share = "information-share";

    public IReadOnlyList<ChronologyKind> Kinds { get; } = [new(Referral, "Referral made"), new(ReferralStep, "Referral progress"), new(Share, "Information shared")];

    public async Task<IReadOnlyList<ChronologyEntry>> EntriesAsync(ChronologyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caseId = request.Case.CaseId;
        var referrals = await db.Set<Referral>().AsNoTracking().Where(r => r.CaseId == caseId)
            .Select(r => new { r.Id, r.SentOn, r.RecordedAt, r.RecordedByName, Agency = r.Agency!.Name, r.Urgency, r.ConsentId, r.LawfulBasis })
            .ToListAsync(ct);
        var steps = await (from s in db.Set<ReferralStep>().AsNoTracking()
                           join r in db.Set<Referral>() on s.ReferralId equals r.Id
                           where r.CaseId == caseId && s.Status != ReferralCodes.Sent
                           select new { s.Id, s.ReferralId, s.Status, s.On, s.RecordedAt, s.RecordedByName, s.Note, Agency = r.Agency!.Name })
            .ToListAsync(ct);
        var shares = await db.Set<InformationShare>().AsNoTracking().Where(s => s.CaseId == caseId && s.ReferralId == null)
            .Select(s => new { s.Id, s.SharedOn, s.RecordedAt, s.SharedWith, s.Method, s.ConsentId, s.LawfulBasis, s.DecidedBy })
            .ToListAsync(ct);

        var entries = new List<ChronologyEntry>();
        entries.AddRange(referrals.Select(r => new ChronologyEntry(r.SentOn, r.RecordedAt, Referral, r.Id.ToString(),
            $"Referral to {r.Agency} ({r.Urgency}), {Basis(r.ConsentId, r.LawfulBasis)}", r.RecordedByName, $"/Cases/{caseId}/Referrals/{r.Id}")));
        entries.AddRange(steps.Select(s => new ChronologyEntry(s.On, s.RecordedAt, ReferralStep, s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Referral to {s.Agency}: {ReferralCodes.Title(ReferralCodes.Statuses, s.Status).ToLowerInvariant()}{(s.Note is { } n ? $" ({ChronologyRules.FirstLine(n)})" : "")}",
            s.RecordedByName, $"/Cases/{caseId}/Referrals/{s.ReferralId}")));
        entries.AddRange(shares.Select(s => new ChronologyEntry(s.SharedOn, s.RecordedAt, Share, s.Id.ToString(),
            $"Information shared with {s.SharedWith} by {ReferralCodes.Title(ReferralCodes.Methods, s.Method).ToLowerInvariant()}, {Basis(s.ConsentId, s.LawfulBasis)}; decided by {s.DecidedBy}",
            null, $"/Cases/{caseId}/Referrals#shares")));
        return entries;
    }

    private static string Basis(Guid? consentId, string? lawfulBasis) =>
        consentId is not null ? "with consent" : $"without consent ({ReferralCodes.Title(ReferralCodes.LawfulBases, lawfulBasis ?? "").ToLowerInvariant()})";
}
