using System.Globalization;
using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Agencies;

/// <summary>
/// The one writer of consent. A person's consents are read and recorded by whoever may see the person and works with cases
/// (the person scope has found them through VisiblePeople); a withdrawal is recorded on the consent, which is otherwise never
/// changed. Referrals and the information sharing log find a consent here and judge it with <see cref="ConsentRules.Covers"/>.
/// </summary>
public sealed class ConsentService(CaseloadDb db, AuditTrail audit, TimeProvider clock)
{
    public DateOnly Today => UkTime.Today(clock);

    public async Task<Outcome<Consent>> RecordAsync(PersonContext scoped, ConsentInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        ArgumentNullException.ThrowIfNull(input);
        var user = scoped.User;
        if (!user.WorksWithCases) return Outcome<Consent>.Forbidden("Only practitioners, supervisors and service managers record consent.");
        var bornOn = await db.People.Where(p => p.Id == scoped.PersonId).Select(p => p.DateOfBirth).SingleAsync(ct);
        var errors = ConsentRules.Check(input, bornOn, Today);
        var agencyIds = (input.AgencyIds ?? []).Distinct().ToList();
        if (!errors.ContainsKey("agencyIds") && agencyIds.Count > 0)
        {
            var known = await db.Set<Agency>().CountAsync(a => agencyIds.Contains(a.Id), ct);
            if (known != agencyIds.Count) errors["agencyIds"] = "Choose agencies from the directory";
        }

        if (errors.Count > 0) return Outcome<Consent>.Invalid(errors);
        var givenBy = input.GivenBy!.Trim();
        var consent = new Consent
        {
            Id = Guid.CreateVersion7(),
            PersonId = scoped.PersonId,
            Purpose = input.Purpose!.Trim(),
            Agencies = agencyIds.Select(a => new ConsentAgency { AgencyId = a }).ToList(),
            GivenBy = givenBy,
            GivenByName = input.GivenByName!.Trim(),
            Competence = TextField.Clean(input.Competence),
            Method = input.Method!.Trim(),
            GivenOn = input.GivenOn!.Value,
            ReviewOn = input.ReviewOn,
            RecordedAt = clock.GetUtcNow(),
            RecordedById = user.Id,
            RecordedByName = user.DisplayName,
        };
        db.Set<Consent>().Add(consent);
        audit.Add(user, AuditActions.ConsentRecorded, "consent", consent.Id.ToString(), personId: scoped.PersonId,
            details: $"purpose={consent.Purpose}; agencyIds={string.Join(",", agencyIds)}; givenBy={givenBy}; method={consent.Method}; givenOn={Iso(consent.GivenOn)}; " +
                     $"reviewOn={(consent.ReviewOn is { } r ? Iso(r) : "-")}");
        await db.SaveChangesAsync(ct);
        await LoadAgenciesAsync([consent], ct);
        return Outcome<Consent>.Ok(consent);
    }

    /// <summary>Records a withdrawal on the consent; If-Match, when sent, is the consent's version.</summary>
    public async Task<Outcome<Consent>> WithdrawAsync(PersonContext scoped, Guid consentId, int? expectedVersion, DateOnly? withdrawnOn, string? reason,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var user = scoped.User;
        var consent = await db.Set<Consent>().Include(c => c.Agencies).SingleOrDefaultAsync(c => c.Id == consentId && c.PersonId == scoped.PersonId, ct);
        if (consent is null) return Outcome<Consent>.NotFound();
        if (!user.WorksWithCases) return Outcome<Consent>.Forbidden("Only practitioners, supervisors and service managers record consent.");
        if (expectedVersion is { } v && v != consent.Version) return Outcome<Consent>.Stale(consent);
        var errors = ConsentRules.CheckWithdrawal(consent, withdrawnOn, reason, Today);
        if (errors.Count > 0) return Outcome<Consent>.Invalid(errors);

        consent.WithdrawnOn = withdrawnOn!.Value;
        consent.WithdrawalReason = reason!.Trim();
        consent.WithdrawnByName = user.DisplayName;
        consent.WithdrawnAt = clock.GetUtcNow();
        consent.Version++;
        audit.Add(user, AuditActions.ConsentWithdrawn, "consent", consent.Id.ToString(), personId: scoped.PersonId, details: $"withdrawnOn={Iso(consent.WithdrawnOn.Value)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Set<Consent>().AsNoTracking().Include(c => c.Agencies).SingleAsync(c => c.Id == consentId, ct);
            await LoadAgenciesAsync([current], ct);
            return Outcome<Consent>.Stale(current);
        }

        await LoadAgenciesAsync([consent], ct);
        return Outcome<Consent>.Ok(consent);
    }

    /// <summary>The person's consents, newest first, recorded as read against the person.</summary>
    public async Task<IReadOnlyList<Consent>> ListAsync(PersonContext scoped, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var consents = await db.Set<Consent>().AsNoTracking().Include(c => c.Agencies).Where(c => c.PersonId == scoped.PersonId).ToListAsync(ct);
        consents = consents.OrderByDescending(c => c.GivenOn).ThenByDescending(c => c.RecordedAt).ToList();
        await LoadAgenciesAsync(consents, ct);
        await audit.RecordReadAsync(scoped.User, AuditActions.ConsentListed, "person", scoped.PersonId.ToString(), personId: scoped.PersonId,
            details: $"consents={consents.Count}", ct: ct);
        return consents;
    }

    /// <summary>One consent of the person the scope found (the scope records the read); null when they have none with this id.</summary>
    public async Task<Consent?> GetAsync(PersonContext scoped, Guid consentId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var consent = await db.Set<Consent>().AsNoTracking().Include(c => c.Agencies).SingleOrDefaultAsync(c => c.Id == consentId && c.PersonId == scoped.PersonId, ct);
        if (consent is not null) await LoadAgenciesAsync([consent], ct);
        return consent;
    }

    // The directory is small: the agencies' names come in one query rather than a join per consent.
    private async Task LoadAgenciesAsync(IReadOnlyList<Consent> consents, CancellationToken ct)
    {
        var ids = consents.SelectMany(c => c.Agencies).Select(a => a.AgencyId).Distinct().ToList();
        if (ids.Count == 0) return;
        var agencies = await db.Set<Agency>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        foreach (var link in consents.SelectMany(c => c.Agencies)) link.Agency = agencies.GetValueOrDefault(link.AgencyId);
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
