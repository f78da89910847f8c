using System.Globalization;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Agencies;

/// <summary>An involvement as recorded, and the one that was the lead professional until it took the lead (null if none was).</summary>
public sealed record RecordedInvolvement(Involvement Involvement, Involvement? ReplacedLead);

/// <summary>
/// Another open case of the same person in one of our own services: which service, who works it and how to reach them.
/// Never what the case holds. <see cref="Visible"/> says whether the caller may open it.
/// </summary>
public sealed record OtherService(Guid CaseId, string Service, CaseStatus Status, string? Worker, string? Team, string? Email, string? Phone, bool Visible);

/// <summary>The team around the child on a case, and the person's other open cases in our own services.</summary>
public sealed record TeamAroundTheChild(IReadOnlyList<Involvement> Involvements, IReadOnlyList<OtherService> OtherServices);

/// <summary>
/// The one writer of involvements. Whoever may see a case and works with cases records who else is involved (as with notes);
/// a closed case takes no new involvement, but one can still be ended so the record is right. Setting a new lead professional
/// hands the lead over: the earlier lead stays involved, no longer the lead, from that day.
/// </summary>
public sealed class InvolvementService(CaseloadDb db, AuditTrail audit, TimeProvider clock)
{
    public const string ClosedCaseMessage = "The case is closed: record who is involved on a new referral";

    public DateOnly Today => UkTime.Today(clock);

    public async Task<Outcome<RecordedInvolvement>> RecordAsync(CaseContext scoped, InvolvementInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        ArgumentNullException.ThrowIfNull(input);
        var user = scoped.User;
        if (!user.WorksWithCases) return Outcome<RecordedInvolvement>.Forbidden("Only practitioners, supervisors and service managers record who is involved.");
        if (scoped.Status == CaseStatus.Closed) return Outcome<RecordedInvolvement>.Invalid("status", ClosedCaseMessage);
        var bornOn = await db.People.Where(p => p.Id == scoped.PersonId).Select(p => p.DateOfBirth).SingleAsync(ct);
        var errors = InvolvementRules.Check(input, bornOn, Today);
        if (input.AgencyId is { } agencyId && !errors.ContainsKey("agencyId") && !await db.Set<Agency>().AnyAsync(a => a.Id == agencyId, ct))
        {
            errors["agencyId"] = "Choose an agency from the directory";
        }

        if (errors.Count > 0) return Outcome<RecordedInvolvement>.Invalid(errors);

        for (var attempt = 0; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            Involvement? replaced = null;
            if (input.Lead)
            {
                replaced = await db.Set<Involvement>().Include(i => i.Agency).SingleOrDefaultAsync(i => i.CaseId == scoped.CaseId && i.Lead, ct);
                if (replaced is not null)
                {
                    replaced.Lead = false;
                    replaced.LeadEndedOn = Today;
                    replaced.Version++;
                    // The lead moves first, so the unique index of one lead per case never sees two.
                    await db.SaveChangesAsync(ct);
                }
            }

            var professional = input.Professional;
            var involvement = new Involvement
            {
                Id = Guid.CreateVersion7(),
                CaseId = scoped.CaseId,
                AgencyId = input.AgencyId,
                ProfessionalName = TextField.Clean(professional?.Name),
                ProfessionalRole = TextField.Clean(professional?.Name) is null ? null : TextField.Clean(professional?.Role),
                ProfessionalContact = TextField.Clean(professional?.Name) is null ? null : TextField.Clean(professional?.Contact),
                Role = input.Role!.Trim(),
                From = input.From!.Value,
                Lead = input.Lead,
                RecordedAt = clock.GetUtcNow(),
                RecordedById = user.Id,
                RecordedByName = user.DisplayName,
            };
            db.Set<Involvement>().Add(involvement);
            audit.Add(user, AuditActions.InvolvementRecorded, "involvement", involvement.Id.ToString(), scoped.CaseId, scoped.PersonId,
                $"agencyId={input.AgencyId?.ToString(CultureInfo.InvariantCulture) ?? "-"}; professional={(involvement.ProfessionalName is null ? "no" : "yes")}; " +
                $"from={Iso(involvement.From)}; lead={(input.Lead ? "yes" : "no")}{(replaced is null ? "" : $"; replacedLead={replaced.Id}")}");
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Someone else set a lead on this case at the same moment: read the lead again and hand it over from theirs.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                continue;
            }

            involvement.Agency = input.AgencyId is { } id ? await db.Set<Agency>().AsNoTracking().SingleAsync(a => a.Id == id, ct) : null;
            return Outcome<RecordedInvolvement>.Ok(new RecordedInvolvement(involvement, replaced));
        }
    }

    /// <summary>Ends an involvement on the day given (which stops it being the lead); If-Match, when sent, is its version.</summary>
    public async Task<Outcome<Involvement>> EndAsync(CaseContext scoped, Guid involvementId, int? expectedVersion, DateOnly? until, string? reason,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var user = scoped.User;
        var involvement = await db.Set<Involvement>().Include(i => i.Agency).SingleOrDefaultAsync(i => i.Id == involvementId && i.CaseId == scoped.CaseId, ct);
        if (involvement is null) return Outcome<Involvement>.NotFound();
        if (!user.WorksWithCases) return Outcome<Involvement>.Forbidden("Only practitioners, supervisors and service managers record who is involved.");
        if (expectedVersion is { } v && v != involvement.Version) return Outcome<Involvement>.Stale(involvement);
        if (involvement.Until is { } ended) return Outcome<Involvement>.Invalid("until", $"This involvement already ended on {UkTime.Format(ended)}");
        var errors = InvolvementRules.CheckEnd(involvement.From, until, reason, Today);
        if (errors.Count > 0) return Outcome<Involvement>.Invalid(errors);

        involvement.Until = until!.Value;
        involvement.EndReason = TextField.Clean(reason);
        if (involvement.Lead)
        {
            involvement.Lead = false;
            involvement.LeadEndedOn = until.Value;
        }

        involvement.Version++;
        audit.Add(user, AuditActions.InvolvementEnded, "involvement", involvement.Id.ToString(), scoped.CaseId, scoped.PersonId, $"until={Iso(until.Value)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Set<Involvement>().AsNoTracking().Include(i => i.Agency).SingleAsync(i => i.Id == involvementId, ct);
            return Outcome<Involvement>.Stale(current);
        }

        return Outcome<Involvement>.Ok(involvement);
    }

    /// <summary>One involvement of the case the scope found (the scope records the read); null when the case has none with this id.</summary>
    public Task<Involvement?> GetAsync(CaseContext scoped, Guid involvementId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        return db.Set<Involvement>().AsNoTracking().Include(i => i.Agency).SingleOrDefaultAsync(i => i.Id == involvementId && i.CaseId == scoped.CaseId, ct);
    }

    /// <summary>The case's current lead professional, if it has one.</summary>
    public Task<Involvement?> CurrentLeadAsync(CaseContext scoped, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        return db.Set<Involvement>().AsNoTracking().Include(i => i.Agency).SingleOrDefaultAsync(i => i.CaseId == scoped.CaseId && i.Lead, ct);
    }

    /// <summary>
    /// The case's involvements (current first, the lead at the top) and the person's other open cases in our services, recorded
    /// as read: each other case shown against that case, and the involvements against this case when <paramref name="recordList"/>
    /// (the case page leaves it to the case scope, whose case.viewed covers everything the page shows).
    /// </summary>
    public async Task<TeamAroundTheChild> TeamAsync(CaseContext scoped, bool recordList = true, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var involvements = await db.Set<Involvement>().AsNoTracking().Include(i => i.Agency).Where(i => i.CaseId == scoped.CaseId).ToListAsync(ct);
        var ordered = involvements.OrderBy(i => i.Until is null ? 0 : 1).ThenByDescending(i => i.Lead).ThenByDescending(i => i.From).ThenBy(i => i.Id).ToList();
        var others = await OtherServicesAsync(scoped, ct);
        if (recordList)
        {
            await audit.RecordReadAsync(scoped.User, AuditActions.InvolvementListed, "case", scoped.CaseId.ToString(), scoped.CaseId, scoped.PersonId,
                $"involvements={ordered.Count}; otherServices={others.Count}", ct);
        }

        await audit.RecordListAsync(scoped.User, AuditActions.OtherServiceListed, others.Select(o => o.CaseId), details: null, personId: scoped.PersonId, ct);
        return new TeamAroundTheChild(ordered, others);
    }

    /// <summary>
    /// The person's other open cases (not closed) in our own services: every one that is not restricted, and a restricted one
    /// only when the caller is named on it, so what the caller may not know of is never hinted at. Found in SQL.
    /// </summary>
    private async Task<IReadOnlyList<OtherService>> OtherServicesAsync(CaseContext scoped, CancellationToken ct)
    {
        var userId = scoped.User.Id;
        var others = await db.Cases.AsNoTracking()
            .Where(c => c.PersonId == scoped.PersonId && c.Id != scoped.CaseId && c.Status != CaseStatus.Closed)
            .Where(c => !c.Restricted || c.RestrictedTo.Any(r => r.UserId == userId))
            .OrderBy(c => c.Service).ThenBy(c => c.Id)
            .Select(c => new OtherService(c.Id, c.Service, c.Status,
                c.AllocatedTo != null ? c.AllocatedTo.DisplayName : null,
                c.Team != null ? c.Team.Name : null,
                c.AllocatedTo != null ? c.AllocatedTo.Email : null,
                c.AllocatedTo != null ? c.AllocatedTo.PhoneNumber : null,
                false))
            .ToListAsync(ct);
        if (others.Count == 0) return others;
        // Which of those few the caller may open, asked of those cases by id: as a subquery of the first, PostgreSQL worked out
        // every case the caller may see (a second over 150,000 cases) to answer for two.
        var ids = others.Select(o => o.CaseId).ToList();
        var visible = (await db.VisibleCases(scoped.User).Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        return others.Select(o => o with { Visible = visible.Contains(o.CaseId) }).ToList();
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
