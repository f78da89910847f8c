using System.Globalization;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Capacity.Escalations;

/// <summary>One person an escalation may go to, and why them.</summary>
public sealed record EscalationRecipient(string Id, string UserName, string DisplayName, string Role);

/// <summary>
/// Where a capacity escalation goes: the practitioner's line manager (their team's supervisor), then each team above's
/// supervisor, then a service manager of the services of the practitioner's open cases. It also raises the system's own
/// escalations, and gives each recipient <see cref="RespondWithinWorkingDays"/> working days to answer.
/// </summary>
public sealed class EscalationRouting(CaseloadDb db, AuditTrail audit, TimeProvider clock, Calendars calendars, IConfiguration config)
{
    public const string SystemName = "system";

    /// <summary>Working days a recipient has before it goes up the chain (Capacity:EscalationWorkingDays, 5 by default).</summary>
    public int RespondWithinWorkingDays => Math.Clamp(config.GetValue("Capacity:EscalationWorkingDays", 5), 1, 60);

    public WorkingDayCalendar Calendar =>
        calendars.For(DivisionCodes.TryParse(config["Deadlines:DefaultDivision"] ?? DivisionCodes.EnglandAndWales, out var d) ? d : Division.EnglandAndWales);

    public DateOnly RespondByFrom(DateOnly day) => Calendar.AddWorkingDays(day, RespondWithinWorkingDays);

    /// <summary>The practitioner's chain, nearest first: team supervisors up the team tree, then the service managers of their services.</summary>
    public async Task<IReadOnlyList<EscalationRecipient>> ChainAsync(string practitionerId, CancellationToken ct = default)
    {
        var chain = new List<EscalationRecipient>();
        var teamId = await db.Users.Where(u => u.Id == practitionerId).Select(u => u.TeamId).SingleOrDefaultAsync(ct);
        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.ParentTeamId, t.SupervisorId }).ToDictionaryAsync(t => t.Id, ct);
        var seenTeams = new HashSet<int>();
        var supervisorIds = new List<string>();
        while (teamId is { } id && teams.TryGetValue(id, out var team) && seenTeams.Add(id))
        {
            if (team.SupervisorId is { } s && s != practitionerId && !supervisorIds.Contains(s)) supervisorIds.Add(s);
            teamId = team.ParentTeamId;
        }

        var services = db.Cases.Where(c => c.AllocatedToId == practitionerId && c.Status != CaseStatus.Closed).Select(c => c.Service);
        var managers = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.Id != practitionerId && u.ManagedServices.Any(m => services.Contains(m.Service)))
            .OrderBy(u => u.UserName).Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(ct);
        var supervisors = await db.Users.AsNoTracking().Where(u => u.IsActive && supervisorIds.Contains(u.Id))
            .Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(ct);
        foreach (var id in supervisorIds)
        {
            var s = supervisors.FirstOrDefault(x => x.Id == id);
            if (s is not null) chain.Add(new EscalationRecipient(s.Id, s.UserName!, s.DisplayName, chain.Count == 0 ? "line manager" : "supervisor of a team above"));
        }

        foreach (var m in managers.Where(m => chain.All(c => c.Id != m.Id))) chain.Add(new EscalationRecipient(m.Id, m.UserName!, m.DisplayName, "service manager"));
        return chain;
    }

    /// <summary>Sends an escalation to the first of the chain after <paramref name="after"/> (or the first of all), recording the step and why.</summary>
    public async Task RouteAsync(CapacityEscalation escalation, string? after, string why, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        var chain = await ChainAsync(escalation.PractitionerId, ct);
        var from = after is null ? -1 : chain.ToList().FindIndex(c => c.Id == after);
        var next = after is not null && from < 0 ? (chain.Count > 0 ? chain[0] : null) : chain.Skip(from + 1).FirstOrDefault();
        var now = clock.GetUtcNow();
        if (next is null)
        {
            escalation.RespondBy = null;
            escalation.Steps.Add(new EscalationStep { At = now, ToId = escalation.RecipientId, ToName = escalation.RecipientName, Why = $"{why}; nobody is higher in the chain, so it stays with {escalation.RecipientName ?? "nobody"}" });
            return;
        }

        escalation.RecipientId = next.Id;
        escalation.RecipientName = next.UserName;
        escalation.RespondBy = RespondByFrom(UkTime.Today(clock));
        escalation.Steps.Add(new EscalationStep
        {
            At = now, ToId = next.Id, ToName = next.UserName,
            Why = $"{why}; to {next.DisplayName} ({next.Role}), to answer by {escalation.RespondBy:yyyy-MM-dd}",
        });
    }

    /// <summary>
    /// Raises an escalation for the practitioner when the change just saved put them over capacity, unless one is already open
    /// for them. Saves it with its audit event.
    /// </summary>
    public async Task<CapacityEscalation?> RaiseIfOverAsync(string practitionerId, (decimal Load, decimal Capacity, decimal? Utilisation, CapacityBand Band) figures,
        string trigger, CancellationToken ct = default)
    {
        if (figures.Band != CapacityBand.Over) return null;
        if (await db.Set<CapacityEscalation>().AnyAsync(e => e.PractitionerId == practitionerId && e.Status == EscalationStatus.Open, ct)) return null;
        var practitioner = await db.Users.AsNoTracking().Where(u => u.Id == practitionerId).Select(u => new { u.Id, u.UserName, u.DisplayName }).SingleAsync(ct);
        var escalation = New(practitioner.Id, practitioner.UserName!, practitioner.DisplayName, null, SystemName,
            $"Over capacity after {trigger}: load {CapacityRules.Format(figures.Load)} points against capacity {CapacityRules.Format(figures.Capacity)}.", figures);
        await RouteAsync(escalation, null, $"Raised by the system after {trigger}", ct);
        db.Add(escalation);
        audit.Add(CurrentUser.ForAudit(null, SystemName), AuditActions.EscalationRaised, "capacity-escalation", escalation.Id.ToString(), details: Describe(escalation));
        await db.SaveChangesAsync(ct);
        return escalation;
    }

    /// <summary>
    /// After an allocation that put the practitioner over capacity, made with a rationale: raises the escalation with the
    /// rationale in its reason, or, when one is already open for them, adds the allocation and its rationale to that one as a
    /// step (one open escalation a practitioner, as for any other change). Saves it with its audit event.
    /// </summary>
    public async Task<CapacityEscalation?> RaiseForAllocationAsync(string practitionerId, (decimal Load, decimal Capacity, decimal? Utilisation, CapacityBand Band) figures,
        string trigger, CurrentUser allocatedBy, string rationale, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(allocatedBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(rationale);
        if (figures.Band != CapacityBand.Over) return null;
        var figuresWords = $"load {CapacityRules.Format(figures.Load)} points against capacity {CapacityRules.Format(figures.Capacity)}";
        var why = $"Allocated over capacity by {allocatedBy.UserName}, who gave the rationale: {rationale.Trim()}";
        var open = await db.Set<CapacityEscalation>().Include(e => e.Steps)
            .Where(e => e.PractitionerId == practitionerId && e.Status == EscalationStatus.Open).OrderBy(e => e.RaisedAt).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            var step = $"{char.ToUpperInvariant(trigger[0])}{trigger[1..]} while this was open ({figuresWords}). {why}";
            open.Steps.Add(new EscalationStep { At = clock.GetUtcNow(), ToId = open.RecipientId, ToName = open.RecipientName, Why = step.Length > 1000 ? step[..999] + "…" : step });
            audit.Add(allocatedBy, AuditActions.EscalationAllocationNoted, "capacity-escalation", open.Id.ToString(),
                details: $"{Describe(open)}; {figuresWords}; rationale={rationale.Trim()}");
            await db.SaveChangesAsync(ct);
            return open;
        }

        var practitioner = await db.Users.AsNoTracking().Where(u => u.Id == practitionerId).Select(u => new { u.Id, u.UserName, u.DisplayName }).SingleAsync(ct);
        var escalation = New(practitioner.Id, practitioner.UserName!, practitioner.DisplayName, null, SystemName,
            $"Over capacity after {trigger}: {figuresWords}. {why}", figures);
        await RouteAsync(escalation, null, $"Raised by the system after {trigger}", ct);
        db.Add(escalation);
        audit.Add(CurrentUser.ForAudit(null, SystemName), AuditActions.EscalationRaised, "capacity-escalation", escalation.Id.ToString(),
            details: $"{Describe(escalation)}; allocatedBy={allocatedBy.UserName}; rationale={rationale.Trim()}");
        await db.SaveChangesAsync(ct);
        return escalation;
    }

    public CapacityEscalation New(string practitionerId, string userName, string displayName, string? raisedById, string raisedByName, string reason,
        (decimal Load, decimal Capacity, decimal? Utilisation, CapacityBand Band) figures) => new()
    {
        Id = Guid.CreateVersion7(),
        PractitionerId = practitionerId,
        PractitionerUserName = userName,
        PractitionerName = displayName,
        RaisedById = raisedById,
        RaisedByName = raisedByName,
        RaisedAt = clock.GetUtcNow(),
        Reason = reason,
        LoadPoints = figures.Load,
        CapacityPoints = figures.Capacity,
        Utilisation = figures.Utilisation,
        Band = figures.Band.ToCode(),
        Status = EscalationStatus.Open,
        Version = 1,
    };

    public static string Describe(CapacityEscalation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return string.Create(CultureInfo.InvariantCulture,
            $"practitioner={e.PractitionerUserName}; raisedBy={e.RaisedByName}; load={CapacityRules.Format(e.LoadPoints)}; capacity={CapacityRules.Format(e.CapacityPoints)}; band={e.Band}; to={e.RecipientName ?? "-"}");
    }
}
