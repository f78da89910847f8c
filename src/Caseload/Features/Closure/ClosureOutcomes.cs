using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Closure;

/// <summary>A reason a case closes, from its service's list: a stable code and its words.</summary>
public sealed record ClosureReasonOption(string Code, string Title, bool Census = false)
{
    /// <summary>As shown and kept as the case's reason: a census reason leads with its code ("RC8 – Case closed after assessment, …").</summary>
    public string Label => Census ? $"{Code} – {Title}" : Title;
}

/// <summary>
/// The reasons a case may close, kept by service (<c>Closure:Reasons:{service}</c> in configuration, a list of Code and Title).
/// Children's social care uses the DfE's children in need census reasons RC1–RC9 unless configured otherwise; the other
/// services share a local list.
/// </summary>
public sealed class ClosureReasonList(IReadOnlyDictionary<string, IReadOnlyList<ClosureReasonOption>> byService)
{
    public const string Other = "other";

    // DfE children in need census, reason for closure (CINdetails ReasonForClosure, N00103).
    public static readonly IReadOnlyList<ClosureReasonOption> CensusReasons =
    [
        new("RC1", "Adopted", true),
        new("RC2", "Died", true),
        new("RC3", "Child arrangements order", true),
        new("RC4", "Special guardianship order", true),
        new("RC5", "Transferred to services of another local authority", true),
        new("RC6", "Transferred to adult social care services", true),
        new("RC7", "Services ceased for any other reason, including child no longer in need", true),
        new("RC8", "Case closed after assessment, no further action", true),
        new("RC9", "Case closed after assessment, referred to early help", true),
    ];

    public static readonly IReadOnlyList<ClosureReasonOption> LocalReasons =
    [
        new("needs-met", "Needs met and outcomes achieved"),
        new("stepped-up", "Stepped up to children's social care"),
        new("stepped-down", "Stepped down to universal or targeted services"),
        new("moved-away", "Moved out of the area"),
        new("consent-withdrawn", "Consent withdrawn"),
        new("not-eligible", "No longer eligible for the service"),
        new("transferred", "Transferred to another service"),
        new(Other, "Other"),
    ];

    public static IReadOnlyDictionary<string, IReadOnlyList<ClosureReasonOption>> Defaults =>
        Services.Titles.Keys.ToDictionary(s => s, s => s == Services.ChildrensSocialCare ? CensusReasons : LocalReasons, StringComparer.Ordinal);

    public IReadOnlyList<ClosureReasonOption> For(string service) =>
        byService.TryGetValue(service, out var list) ? list : LocalReasons;

    public ClosureReasonOption? Find(string service, string? code) => code is null ? null : For(service).FirstOrDefault(r => r.Code == code.Trim());
}

/// <summary>
/// The outcome of one goal of the plan in force when the case closed (<see cref="CaseId"/> set), or as proposed by a closure
/// request waiting for approval (<see cref="ClosureRequestId"/> set). Never changed.
/// </summary>
public sealed class GoalOutcome
{
    public long Id { get; set; }
    /// <summary>The closed case whose outcome this is; null while it is a request's proposal.</summary>
    public Guid? CaseId { get; set; }
    public Guid? ClosureRequestId { get; set; }
    public Guid GoalId { get; set; }
    /// <summary>A code of <see cref="GoalOutcomeCodes.All"/>.</summary>
    public required string Outcome { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByName { get; set; }
}

public sealed class GoalOutcomeConfiguration : IEntityTypeConfiguration<GoalOutcome>
{
    public void Configure(EntityTypeBuilder<GoalOutcome> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("GoalOutcomes");
        builder.Property(o => o.Outcome).HasMaxLength(20);
        builder.Property(o => o.RecordedByName).HasMaxLength(256);
        builder.HasOne<Case>().WithMany(c => c.GoalOutcomes).HasForeignKey(o => o.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ClosureRequest>().WithMany(r => r.GoalOutcomes).HasForeignKey(o => o.ClosureRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PlanGoal>().WithMany().HasForeignKey(o => o.GoalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => o.GoalId);
    }
}

public static class GoalOutcomeCodes
{
    public const string Achieved = "achieved";
    public const string PartlyAchieved = "partly-achieved";
    public const string NotAchieved = "not-achieved";

    public static readonly IReadOnlyList<(string Code, string Title)> All =
        [(Achieved, "Achieved"), (PartlyAchieved, "Partly achieved"), (NotAchieved, "Not achieved")];

    public static string Title(string code) => All.FirstOrDefault(o => o.Code == code).Title ?? code;

    /// <summary>The outcomes recorded when the case last closed (a case reopened and closed again has a set for each closing).</summary>
    public static IReadOnlyList<GoalOutcome> OfLastClosing(IEnumerable<GoalOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var all = outcomes.ToList();
        if (all.Count == 0) return [];
        var last = all.Max(o => o.RecordedAt);
        return all.Where(o => o.RecordedAt == last).OrderBy(o => o.Id).ToList();
    }

    /// <summary>The outcome a finished goal already has: achieved stays achieved; not achieved and abandoned are not achieved.</summary>
    public static string? FromStatus(string? status) => status switch
    {
        PlanCodes.Achieved => Achieved,
        PlanCodes.NotAchieved or PlanCodes.Abandoned => NotAchieved,
        _ => null,
    };
}

public sealed record GoalOutcomeInput(Guid? GoalId, string? Outcome);

/// <summary>What closing adds to the reason: a code from the service's list and the outcome of each goal of the plan in force.</summary>
public sealed record ClosureOutcomeInput(string? ReasonCode, IReadOnlyList<GoalOutcomeInput?>? GoalOutcomes)
{
    public static readonly ClosureOutcomeInput None = new(null, null);
}

/// <summary>A goal of the plan in force when closing: its id, number (0-based), words and status.</summary>
public sealed record GoalToClose(Guid Id, int Number, string Description, string? Status);

/// <summary>A closure's checked outcome: the reason from the list (null when none was given) and every goal's outcome.</summary>
public sealed record CheckedClosure(ClosureReasonOption? Reason, IReadOnlyList<(Guid GoalId, string Outcome)> Goals);

/// <summary>The rules of closing with outcomes. Pure.</summary>
public static class ClosureOutcomeRules
{
    /// <summary>The reason as kept on the case: the listed reason's words, then any words given (once), or the words alone.</summary>
    public static string? ReasonText(ClosureReasonOption? listed, string? words)
    {
        var given = string.IsNullOrWhiteSpace(words) ? null : words.Trim();
        if (listed is null) return given;
        return given is null ? listed.Label : given.StartsWith(listed.Label, StringComparison.Ordinal) ? given : $"{listed.Label}: {given}";
    }

    /// <summary>
    /// A reason code must be one of the service's; every goal of the plan in force still open (on track, at risk or without
    /// progress) needs an outcome, and a finished goal takes its own unless one is given. Errors are keyed as the API names the
    /// fields (<c>reasonCode</c>, <c>goalOutcomes[1].outcome</c>, <c>goalOutcomes</c> for a goal left out).
    /// </summary>
    public static (Dictionary<string, string> Errors, CheckedClosure Checked) Check(ClosureOutcomeInput input, IReadOnlyList<ClosureReasonOption> reasons,
        IReadOnlyList<GoalToClose> goals)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(reasons);
        ArgumentNullException.ThrowIfNull(goals);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        ClosureReasonOption? reason = null;
        if (input.ReasonCode is { } code)
        {
            reason = reasons.FirstOrDefault(r => r.Code == code.Trim());
            if (reason is null) errors["reasonCode"] = $"Select a reason for closing from the service's list: {string.Join(", ", reasons.Select(r => r.Code))}";
        }

        var given = new Dictionary<Guid, string>();
        var items = input.GoalOutcomes ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"goalOutcomes[{i}]";
            if (item is null)
            {
                errors[at] = "Enter the goal and its outcome";
                continue;
            }

            if (item.GoalId is not { } goalId || goals.All(g => g.Id != goalId)) errors[$"{at}.goalId"] = "Choose a goal of the plan in force on this case";
            else if (given.ContainsKey(goalId)) errors[$"{at}.goalId"] = "Give one outcome for each goal";
            if (string.IsNullOrWhiteSpace(item.Outcome)) errors[$"{at}.outcome"] = "Select the goal's outcome: achieved, partly achieved or not achieved";
            else if (GoalOutcomeCodes.All.All(o => o.Code != item.Outcome.Trim())) errors[$"{at}.outcome"] = "Select achieved, partly-achieved or not-achieved";
            if (item.GoalId is { } id && !errors.ContainsKey($"{at}.goalId") && !errors.ContainsKey($"{at}.outcome")) given[id] = item.Outcome!.Trim();
        }

        var outcomes = new List<(Guid, string)>();
        var missing = new List<GoalToClose>();
        foreach (var goal in goals.OrderBy(g => g.Number))
        {
            var outcome = given.GetValueOrDefault(goal.Id) ?? GoalOutcomeCodes.FromStatus(goal.Status);
            if (outcome is null) missing.Add(goal);
            else outcomes.Add((goal.Id, outcome));
        }

        if (missing.Count > 0 && !errors.Keys.Any(k => k.StartsWith("goalOutcomes", StringComparison.Ordinal)))
        {
            errors["goalOutcomes"] = $"Record the outcome of {string.Join(" and ", missing.Select(g => $"goal {g.Number + 1}"))} of the plan: achieved, partly achieved or not achieved";
        }

        return (errors, new CheckedClosure(reason, outcomes));
    }
}

/// <summary>The goals a closure records outcomes for, and the outcome rows it stages with the closing or the request.</summary>
public sealed class ClosureOutcomes(CaseloadDb db, ClosureReasonList reasons, TimeProvider clock)
{
    public IReadOnlyList<ClosureReasonOption> ReasonsFor(string service) => reasons.For(service);

    /// <summary>The goals of the case's plan in force, in order (none without a plan).</summary>
    public async Task<IReadOnlyList<GoalToClose>> GoalsAsync(Guid caseId, CancellationToken ct = default)
    {
        var inForce = db.Set<Plan>().InForce().Where(p => p.CaseId == caseId);
        return await db.Set<PlanGoal>().AsNoTracking().Where(g => g.CaseId == caseId && inForce.Any(p => p.Id == g.PlanId)).OrderBy(g => g.Number)
            .Select(g => new GoalToClose(g.Id, g.Number, g.Description, g.Status)).ToListAsync(ct);
    }

    public async Task<(Dictionary<string, string> Errors, CheckedClosure Checked)> CheckAsync(Guid caseId, string service, ClosureOutcomeInput input,
        CancellationToken ct = default) =>
        ClosureOutcomeRules.Check(input, reasons.For(service), await GoalsAsync(caseId, ct));

    /// <summary>Adds the outcome rows, for a closed case or for a request's proposal; the caller saves them with its own change.</summary>
    public void Stage(CheckedClosure closure, Guid? caseId, Guid? requestId, string byName)
    {
        ArgumentNullException.ThrowIfNull(closure);
        var now = clock.GetUtcNow();
        foreach (var (goalId, outcome) in closure.Goals)
        {
            db.Add(new GoalOutcome { CaseId = caseId, ClosureRequestId = requestId, GoalId = goalId, Outcome = outcome, RecordedAt = now, RecordedByName = byName });
        }
    }
}
