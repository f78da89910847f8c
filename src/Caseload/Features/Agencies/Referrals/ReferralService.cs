using System.Globalization;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Tasks;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Agencies.Referrals;

/// <summary>
/// The one writer of referrals and of the information sharing log. Whoever may see a case and works with cases makes a referral
/// (as with notes); it is sent only on a consent that covers the agency for referral that day, or on a lawful basis without it,
/// and logs its share. Each step on the path closes the follow-up task and, until the help is reached, declined or the referral
/// closed, opens the next one for the referrer, due after the follow-up period in working days.
/// </summary>
public sealed class ReferralService(CaseloadDb db, AuditTrail audit, TimeProvider clock, Calendars calendars, TaskService tasks)
{
    public const string ClosedCaseMessage = "The case is closed: a referral is made on an open case";

    public DateOnly Today => UkTime.Today(clock);

    public async Task<Outcome<Referral>> MakeAsync(CaseContext scoped, ReferralInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        ArgumentNullException.ThrowIfNull(input);
        var user = scoped.User;
        if (!user.WorksWithCases) return Outcome<Referral>.Forbidden("Only practitioners, supervisors and service managers make referrals.");
        if (scoped.Status == CaseStatus.Closed) return Outcome<Referral>.Invalid("status", ClosedCaseMessage);
        var today = Today;
        var errors = ReferralRules.Check(input);
        Agency? agency = null;
        if (input.AgencyId is { } agencyId)
        {
            agency = await db.Set<Agency>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId, ct);
            if (agency is null) errors["agencyId"] = "Choose an agency from the directory";
        }

        if (input.ConsentId is { } consentId && !errors.ContainsKey("consent") && agency is not null)
        {
            var consent = await ConsentAsync(scoped, consentId, ct);
            if (ReferralRules.ConsentError(consent, agency.Id, today, ConsentCodes.Referral) is { } error) errors["consentId"] = error;
        }

        if (errors.Count > 0) return Outcome<Referral>.Invalid(errors);
        var urgency = input.Urgency!.Trim();
        var days = ReferralRules.FollowUpWorkingDays(urgency, input.FollowUpInWorkingDays);
        var basis = input.LawfulBasis;
        var referral = new Referral
        {
            Id = Guid.CreateVersion7(),
            CaseId = scoped.CaseId,
            PersonId = scoped.PersonId,
            AgencyId = agency!.Id,
            Reason = input.Reason!.Trim(),
            Requested = input.Requested!.Trim(),
            Urgency = urgency,
            InformationShared = input.InformationShared!.Trim(),
            ConsentId = input.ConsentId,
            LawfulBasis = basis?.Basis?.Trim(),
            LawfulBasisReason = TextField.Clean(basis?.Reason),
            LawfulBasisDecidedBy = TextField.Clean(basis?.DecidedBy),
            FollowUpWorkingDays = days,
            Status = ReferralCodes.Sent,
            SentOn = today,
            RecordedAt = clock.GetUtcNow(),
            RecordedById = user.Id,
            RecordedByName = user.DisplayName,
        };
        referral.Steps.Add(new ReferralStep { Status = ReferralCodes.Sent, On = today, RecordedAt = referral.RecordedAt, RecordedById = user.Id, RecordedByName = user.DisplayName });
        db.Set<Referral>().Add(referral);
        await StageFollowUpAsync(scoped, referral, agency.Name, ct);
        var share = new InformationShare
        {
            Id = Guid.CreateVersion7(),
            CaseId = scoped.CaseId,
            PersonId = scoped.PersonId,
            SharedWith = agency.Name,
            AgencyId = agency.Id,
            What = referral.InformationShared,
            Purpose = $"Referral: {referral.Requested}",
            ConsentId = referral.ConsentId,
            LawfulBasis = referral.LawfulBasis,
            LawfulBasisReason = referral.LawfulBasisReason,
            LawfulBasisDecidedBy = referral.LawfulBasisDecidedBy,
            DecidedBy = referral.LawfulBasisDecidedBy ?? user.DisplayName,
            SharedOn = today,
            Method = ReferralCodes.ByReferral,
            ReferralId = referral.Id,
            RecordedAt = referral.RecordedAt,
            RecordedById = user.Id,
            RecordedByName = user.DisplayName,
        };
        db.Set<InformationShare>().Add(share);
        var on = referral.ConsentId is { } c ? $"consentId={c}" : $"lawfulBasis={referral.LawfulBasis}";
        audit.Add(user, AuditActions.ReferralMade, "referral", referral.Id.ToString(), scoped.CaseId, scoped.PersonId,
            $"agencyId={agency.Id.ToString(CultureInfo.InvariantCulture)}; urgency={urgency}; {on}; followUpWorkingDays={days.ToString(CultureInfo.InvariantCulture)}");
        audit.Add(user, AuditActions.InformationShared, "information-share", share.Id.ToString(), scoped.CaseId, scoped.PersonId,
            $"agencyId={agency.Id.ToString(CultureInfo.InvariantCulture)}; {on}; method={share.Method}; referralId={referral.Id}");
        await db.SaveChangesAsync(ct);
        referral.Agency = agency;
        return Outcome<Referral>.Ok(referral);
    }

    /// <summary>Records the next step on the referral's path; If-Match, when sent, is the referral's version.</summary>
    public async Task<Outcome<Referral>> RecordStepAsync(CaseContext scoped, Guid referralId, int? expectedVersion, string? status, DateOnly? on, string? note,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var user = scoped.User;
        var referral = await db.Set<Referral>().Include(r => r.Steps).Include(r => r.Agency).Include(r => r.Consent).ThenInclude(c => c!.Agencies)
            .SingleOrDefaultAsync(r => r.Id == referralId && r.CaseId == scoped.CaseId, ct);
        if (referral is null) return Outcome<Referral>.NotFound();
        if (!user.WorksWithCases) return Outcome<Referral>.Forbidden("Only practitioners, supervisors and service managers record a referral's progress.");
        if (expectedVersion is { } v && v != referral.Version) return Outcome<Referral>.Stale(referral);
        var lastOn = referral.Steps.Max(s => s.On);
        var errors = ReferralRules.CheckStep(referral.Status, lastOn, status, on, note, Today);
        if (errors.Count > 0) return Outcome<Referral>.Invalid(errors);

        var to = status!.Trim();
        var now = clock.GetUtcNow();
        referral.Steps.Add(new ReferralStep { Status = to, On = on!.Value, Note = TextField.Clean(note), RecordedAt = now, RecordedById = user.Id, RecordedByName = user.DisplayName });
        referral.Status = to;
        referral.Version++;
        if (referral.FollowUpTaskId is { } taskId)
        {
            var task = await db.Set<CaseTask>().SingleOrDefaultAsync(t => t.Id == taskId, ct);
            if (task is { Status: CaseTaskStatus.Open })
            {
                task.Status = CaseTaskStatus.Done;
                task.Outcome = $"The referral was recorded as {ReferralCodes.Title(ReferralCodes.Statuses, to).ToLowerInvariant()} on {UkTime.Format(on.Value)}";
                task.ClosedAt = now;
                task.ClosedById = user.Id;
                task.ClosedByName = user.UserName;
                task.Version++;
                audit.Add(user, AuditActions.TaskClosed, "task", task.Id.ToString(), task.CaseId, scoped.PersonId, "status=done; by=referral");
            }

            referral.FollowUpTaskId = null;
            referral.FollowUpDueOn = null;
        }

        if (ReferralRules.NeedsFollowUp(to)) await StageFollowUpAsync(scoped, referral, referral.Agency!.Name, ct);
        audit.Add(user, AuditActions.ReferralStepRecorded, "referral", referral.Id.ToString(), scoped.CaseId, scoped.PersonId,
            $"status={to}; on={on.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; followUpTaskId={referral.FollowUpTaskId?.ToString() ?? "-"}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Set<Referral>().AsNoTracking().Include(r => r.Steps).Include(r => r.Agency).Include(r => r.Consent)
                .SingleAsync(r => r.Id == referralId, ct);
            return Outcome<Referral>.Stale(current);
        }

        return Outcome<Referral>.Ok(referral);
    }

    /// <summary>The case's referrals, newest first, each with its steps and consent; recorded as read when <paramref name="recordList"/>.</summary>
    public async Task<IReadOnlyList<Referral>> ListAsync(CaseContext scoped, bool recordList = true, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var referrals = await db.Set<Referral>().AsNoTracking().Include(r => r.Steps).Include(r => r.Agency).Include(r => r.Consent)
            .Where(r => r.CaseId == scoped.CaseId).ToListAsync(ct);
        referrals = referrals.OrderByDescending(r => r.SentOn).ThenByDescending(r => r.RecordedAt).ToList();
        if (recordList)
        {
            await audit.RecordReadAsync(scoped.User, AuditActions.ReferralListed, "case", scoped.CaseId.ToString(), scoped.CaseId, scoped.PersonId,
                $"referrals={referrals.Count.ToString(CultureInfo.InvariantCulture)}", ct);
        }

        return referrals;
    }

    /// <summary>One referral of the case the scope found (the scope records the read); null when the case has none with this id.</summary>
    public Task<Referral?> GetAsync(CaseContext scoped, Guid referralId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        return db.Set<Referral>().AsNoTracking().Include(r => r.Steps).Include(r => r.Agency).Include(r => r.Consent)
            .SingleOrDefaultAsync(r => r.Id == referralId && r.CaseId == scoped.CaseId, ct);
    }

    /// <summary>Logs a disclosure on its own (a call to a school, a report to a conference), on a consent for information sharing or a lawful basis.</summary>
    public async Task<Outcome<InformationShare>> RecordShareAsync(CaseContext scoped, ShareInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        ArgumentNullException.ThrowIfNull(input);
        var user = scoped.User;
        if (!user.WorksWithCases) return Outcome<InformationShare>.Forbidden("Only practitioners, supervisors and service managers log information shared.");
        var bornOn = await db.People.Where(p => p.Id == scoped.PersonId).Select(p => p.DateOfBirth).SingleAsync(ct);
        var errors = ReferralRules.CheckShare(input, Today, bornOn);
        if (input.AgencyId is { } agencyId && !await db.Set<Agency>().AnyAsync(a => a.Id == agencyId, ct)) errors["agencyId"] = "Choose an agency from the directory";
        if (input.ConsentId is { } consentId && input.AgencyId is { } covered && input.SharedOn is { } sharedOn && !errors.ContainsKey("consent") && !errors.ContainsKey("agencyId"))
        {
            var consent = await ConsentAsync(scoped, consentId, ct);
            if (ReferralRules.ConsentError(consent, covered, sharedOn, ConsentCodes.InformationSharing) is { } error) errors["consentId"] = error;
        }

        if (errors.Count > 0) return Outcome<InformationShare>.Invalid(errors);
        var basis = input.LawfulBasis;
        var share = new InformationShare
        {
            Id = Guid.CreateVersion7(),
            CaseId = scoped.CaseId,
            PersonId = scoped.PersonId,
            SharedWith = input.SharedWith!.Trim(),
            AgencyId = input.AgencyId,
            What = input.What!.Trim(),
            Purpose = input.Purpose!.Trim(),
            ConsentId = input.ConsentId,
            LawfulBasis = basis?.Basis?.Trim(),
            LawfulBasisReason = TextField.Clean(basis?.Reason),
            LawfulBasisDecidedBy = TextField.Clean(basis?.DecidedBy),
            DecidedBy = input.DecidedBy!.Trim(),
            SharedOn = input.SharedOn!.Value,
            Method = input.Method!.Trim(),
            RecordedAt = clock.GetUtcNow(),
            RecordedById = user.Id,
            RecordedByName = user.DisplayName,
        };
        db.Set<InformationShare>().Add(share);
        audit.Add(user, AuditActions.InformationShared, "information-share", share.Id.ToString(), scoped.CaseId, scoped.PersonId,
            $"agencyId={input.AgencyId?.ToString(CultureInfo.InvariantCulture) ?? "-"}; " +
            (share.ConsentId is { } c ? $"consentId={c}" : $"lawfulBasis={share.LawfulBasis}") + $"; method={share.Method}");
        await db.SaveChangesAsync(ct);
        return Outcome<InformationShare>.Ok(share);
    }

    /// <summary>The case's information sharing log, newest first, recorded as read when <paramref name="recordList"/>.</summary>
    public async Task<IReadOnlyList<InformationShare>> SharesAsync(CaseContext scoped, bool recordList = true, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var shares = await db.Set<InformationShare>().AsNoTracking().Where(s => s.CaseId == scoped.CaseId).ToListAsync(ct);
        shares = shares.OrderByDescending(s => s.SharedOn).ThenByDescending(s => s.RecordedAt).ToList();
        if (recordList)
        {
            await audit.RecordReadAsync(scoped.User, AuditActions.InformationShareListed, "case", scoped.CaseId.ToString(), scoped.CaseId, scoped.PersonId,
                $"shares={shares.Count.ToString(CultureInfo.InvariantCulture)}", ct);
        }

        return shares;
    }

    /// <summary>The person's consents a referral or share could rely on, with the agencies they cover.</summary>
    public async Task<IReadOnlyList<Consent>> ConsentsAsync(CaseContext scoped, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        return await db.Set<Consent>().AsNoTracking().Include(c => c.Agencies).ThenInclude(a => a.Agency)
            .Where(c => c.PersonId == scoped.PersonId && (c.Purpose == ConsentCodes.Referral || c.Purpose == ConsentCodes.InformationSharing))
            .OrderByDescending(c => c.GivenOn).ToListAsync(ct);
    }

    private Task<Consent?> ConsentAsync(CaseContext scoped, Guid consentId, CancellationToken ct) =>
        db.Set<Consent>().AsNoTracking().Include(c => c.Agencies).SingleOrDefaultAsync(c => c.Id == consentId && c.PersonId == scoped.PersonId, ct);

    // The follow-up belongs to whoever made the referral; due after the follow-up period in working days of the service's nation.
    private async Task StageFollowUpAsync(CaseContext scoped, Referral referral, string agencyName, CancellationToken ct)
    {
        var owner = await db.Users.SingleOrDefaultAsync(u => u.Id == referral.RecordedById, ct)
                    ?? await db.Users.SingleAsync(u => u.Id == scoped.User.Id, ct);
        var due = calendars.For(calendars.DivisionOf(scoped.Service)).AddWorkingDays(Today, referral.FollowUpWorkingDays);
        var status = ReferralCodes.Title(ReferralCodes.Statuses, referral.Status).ToLowerInvariant();
        var staged = tasks.Stage(scoped.User, scoped.CaseId, scoped.PersonId, null, [($"Follow up the referral to {agencyName} ({status})", owner, due)]);
        referral.FollowUpTaskId = staged[0].Id;
        referral.FollowUpDueOn = due;
    }
}
