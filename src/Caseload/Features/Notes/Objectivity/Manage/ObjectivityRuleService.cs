using System.Globalization;
using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Notes.Objectivity.Manage;

/// <summary>A rule as the administrator sees it: built-in or local, its wording, its state and its last change.</summary>
public sealed record ObjectivityRuleView(string Id, bool BuiltIn, ObjectivityCategory Category, IReadOnlyList<string> Phrases,
    IReadOnlyList<string> Exceptions, string Message, string Suggestion, StoredRuleState State, int Version, ObjectivityRuleVersion? LastChange)
{
    public string StateCode => State switch
    {
        StoredRuleState.InForce => "in-force",
        StoredRuleState.Retired => "retired",
        StoredRuleState.SwitchedOff => "switched-off",
        _ => throw new ArgumentOutOfRangeException(nameof(State), State, "Unknown state."),
    };
}

/// <summary>
/// The one writer of administrators' objectivity rules. Every change is a new version with who, when and why, audited in
/// the same transaction; the check in force is rebuilt at once afterwards. A change from an old version is refused (stale).
/// </summary>
public sealed class ObjectivityRuleService(CaseloadDb db, AuditTrail audit, TimeProvider clock, ObjectivityRulesInForce inForce)
{
    public const int MaxReasonLength = 1000;
    public const string LocalPrefix = "local-";

    public async Task<IReadOnlyList<ObjectivityRuleView>> ListAsync(CancellationToken ct = default)
    {
        var current = await db.Set<ObjectivityRuleVersion>().AsNoTracking().Where(v => v.IsCurrent).ToListAsync(ct);
        var byId = current.ToDictionary(v => v.RuleId, StringComparer.Ordinal);
        var builtIn = ObjectivityRuleSet.Default.Rules.Select(r => BuiltInView(r, byId.GetValueOrDefault(r.Id)));
        var local = current.Where(v => !v.BuiltIn).OrderBy(v => LocalNumber(v.RuleId)).Select(LocalView);
        return [.. local, .. builtIn];
    }

    public async Task<ObjectivityRuleView?> GetAsync(string id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var current = await db.Set<ObjectivityRuleVersion>().AsNoTracking().SingleOrDefaultAsync(v => v.RuleId == id && v.IsCurrent, ct);
        if (BuiltInRule(id) is { } rule) return BuiltInView(rule, current);
        return current is null ? null : LocalView(current);
    }

    public async Task<IReadOnlyList<ObjectivityRuleVersion>> HistoryAsync(string id, CancellationToken ct = default) =>
        await db.Set<ObjectivityRuleVersion>().AsNoTracking().Where(v => v.RuleId == id).OrderByDescending(v => v.Number).ToListAsync(ct);

    /// <summary>A new local rule, in force at once. Its id is "local-N".</summary>
    public async Task<Outcome<ObjectivityRuleView>> AddAsync(CurrentUser user, ObjectivityRuleInput input, string? reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        var ids = await db.Set<ObjectivityRuleVersion>().AsNoTracking().Where(v => !v.BuiltIn).Select(v => v.RuleId).Distinct().ToListAsync(ct);
        var id = LocalPrefix + (ids.Select(LocalNumber).DefaultIfEmpty(0).Max() + 1).ToString(CultureInfo.InvariantCulture);
        var errors = new Dictionary<string, string>(ObjectivityRuleInputRules.Validate(id, input, out var rule));
        ValidateReason(reason, "Enter why you are adding the rule", errors);
        if (errors.Count > 0) return Outcome<ObjectivityRuleView>.Invalid(errors);

        var version = NewVersion(user, id, 1, builtIn: false, StoredRuleState.InForce, reason!, rule);
        audit.Add(user, AuditActions.ObjectivityRuleAdded, "objectivity-rule", id, details: Describe(version));
        // Someone else adding a rule at the same moment takes the same id: the unique version refuses one of them.
        return await SaveAsync(version, previous: null, ct) ?? Outcome<ObjectivityRuleView>.Invalid("phrases", "Another administrator added a rule at the same time. Save again");
    }

    /// <summary>Changes a local rule's wording or phrases: a new version with the reason.</summary>
    public async Task<Outcome<ObjectivityRuleView>> ChangeAsync(CurrentUser user, string id, int expectedVersion, ObjectivityRuleInput input, string? reason,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        var previous = await db.Set<ObjectivityRuleVersion>().SingleOrDefaultAsync(v => v.RuleId == id && v.IsCurrent && !v.BuiltIn, ct);
        if (previous is null) return BuiltInRule(id) is null ? Outcome<ObjectivityRuleView>.NotFound() : Outcome<ObjectivityRuleView>.Invalid("id", "A built-in rule cannot be reworded: switch it off and add a rule of your own");
        if (previous.Number != expectedVersion) return Outcome<ObjectivityRuleView>.Stale(LocalView(previous));
        if (previous.State == StoredRuleState.Retired) return Outcome<ObjectivityRuleView>.Invalid("state", "The rule is retired and cannot be changed: add a new rule instead");
        var errors = new Dictionary<string, string>(ObjectivityRuleInputRules.Validate(id, input, out var rule));
        ValidateReason(reason, "Enter why you are changing the rule", errors);
        if (errors.Count > 0) return Outcome<ObjectivityRuleView>.Invalid(errors);

        var version = NewVersion(user, id, previous.Number + 1, builtIn: false, StoredRuleState.InForce, reason!, rule);
        audit.Add(user, AuditActions.ObjectivityRuleChanged, "objectivity-rule", id, details: Describe(version));
        return await SaveAsync(version, previous, ct) ?? await StaleAsync(id, ct);
    }

    /// <summary>Retires a local rule: it stops flagging at once; its versions stay readable.</summary>
    public async Task<Outcome<ObjectivityRuleView>> RetireAsync(CurrentUser user, string id, int expectedVersion, string? reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var previous = await db.Set<ObjectivityRuleVersion>().SingleOrDefaultAsync(v => v.RuleId == id && v.IsCurrent && !v.BuiltIn, ct);
        if (previous is null) return BuiltInRule(id) is null ? Outcome<ObjectivityRuleView>.NotFound() : Outcome<ObjectivityRuleView>.Invalid("id", "A built-in rule cannot be retired: switch it off instead");
        if (previous.Number != expectedVersion) return Outcome<ObjectivityRuleView>.Stale(LocalView(previous));
        if (previous.State == StoredRuleState.Retired) return Outcome<ObjectivityRuleView>.Invalid("state", "The rule is already retired");
        var errors = new Dictionary<string, string>();
        ValidateReason(reason, "Enter why you are retiring the rule", errors);
        if (errors.Count > 0) return Outcome<ObjectivityRuleView>.Invalid(errors);

        var version = Copy(previous, user, StoredRuleState.Retired, reason!);
        audit.Add(user, AuditActions.ObjectivityRuleRetired, "objectivity-rule", id, details: Describe(version));
        return await SaveAsync(version, previous, ct) ?? await StaleAsync(id, ct);
    }

    /// <summary>Switches a built-in rule off (it causes false alarms locally) or back on, with the reason.</summary>
    public async Task<Outcome<ObjectivityRuleView>> SwitchBuiltInAsync(CurrentUser user, string id, bool on, int expectedVersion, string? reason,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (BuiltInRule(id) is null) return Outcome<ObjectivityRuleView>.NotFound();
        var previous = await db.Set<ObjectivityRuleVersion>().SingleOrDefaultAsync(v => v.RuleId == id && v.IsCurrent, ct);
        var currentNumber = previous?.Number ?? 0;
        if (currentNumber != expectedVersion) return Outcome<ObjectivityRuleView>.Stale((await GetAsync(id, ct))!);
        var isOn = previous?.State != StoredRuleState.SwitchedOff;
        if (isOn == on) return Outcome<ObjectivityRuleView>.Invalid("state", on ? "The rule is already switched on" : "The rule is already switched off");
        var errors = new Dictionary<string, string>();
        ValidateReason(reason, on ? "Enter why you are switching the rule back on" : "Enter why you are switching the rule off", errors);
        if (errors.Count > 0) return Outcome<ObjectivityRuleView>.Invalid(errors);

        var version = NewVersion(user, id, currentNumber + 1, builtIn: true, on ? StoredRuleState.InForce : StoredRuleState.SwitchedOff, reason!, rule: null);
        audit.Add(user, on ? AuditActions.ObjectivityRuleSwitchedOn : AuditActions.ObjectivityRuleSwitchedOff, "objectivity-rule", id, details: Describe(version));
        return await SaveAsync(version, previous, ct) ?? await StaleAsync(id, ct);
    }

    /// <summary>
    /// What the check would find in <paramref name="text"/> with the rules in force and, if given, a draft rule added (or
    /// replacing the local rule it changes). Nothing is stored.
    /// </summary>
    public IReadOnlyList<ObjectivityFinding> Preview(string text, ObjectivityRule? draft = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = inForce.Check.RuleSet;
        if (draft is not null && ObjectivityRuleSet.TryCreate([draft], out var extra, out _)) rules = rules.CombineWith(extra);
        return new ObjectivityCheck(rules, inForce.Check.Model).Check(text);
    }

    /// <summary>The id the next added rule will take, for previewing a draft before it is saved.</summary>
    public const string DraftId = "local-draft";

    private static void ValidateReason(string? reason, string missing, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(reason)) errors["reason"] = missing;
        else if (reason.Trim().Length > MaxReasonLength) errors["reason"] = $"The reason must be {MaxReasonLength:N0} characters or fewer";
    }

    private ObjectivityRuleVersion NewVersion(CurrentUser user, string id, int number, bool builtIn, StoredRuleState state, string reason, ObjectivityRule? rule) => new()
    {
        RuleId = id,
        Number = number,
        IsCurrent = true,
        BuiltIn = builtIn,
        State = state,
        Category = rule?.Category.ToCode(),
        Phrases = rule is null ? null : string.Join('\n', rule.Patterns),
        Exceptions = rule is null || rule.Exceptions.Count == 0 ? null : string.Join('\n', rule.Exceptions),
        Message = rule?.Message,
        Suggestion = rule?.Suggestion,
        ChangedAt = clock.GetUtcNow(),
        ChangedById = user.Id,
        ChangedByName = user.UserName,
        Reason = reason.Trim(),
    };

    private ObjectivityRuleVersion Copy(ObjectivityRuleVersion previous, CurrentUser user, StoredRuleState state, string reason) => new()
    {
        RuleId = previous.RuleId,
        Number = previous.Number + 1,
        IsCurrent = true,
        BuiltIn = previous.BuiltIn,
        State = state,
        Category = previous.Category,
        Phrases = previous.Phrases,
        Exceptions = previous.Exceptions,
        Message = previous.Message,
        Suggestion = previous.Suggestion,
        ChangedAt = clock.GetUtcNow(),
        ChangedById = user.Id,
        ChangedByName = user.UserName,
        Reason = reason.Trim(),
    };

    /// <summary>Saves the new version (and the previous one's end) with the audit event; null when another change won the race.</summary>
    private async Task<Outcome<ObjectivityRuleView>?> SaveAsync(ObjectivityRuleVersion version, ObjectivityRuleVersion? previous, CancellationToken ct)
    {
        previous?.IsCurrent = false;
        db.Set<ObjectivityRuleVersion>().Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return null;
        }

        await inForce.ReloadAsync(ct);
        return Outcome<ObjectivityRuleView>.Ok((await GetAsync(version.RuleId, ct))!);
    }

    private async Task<Outcome<ObjectivityRuleView>> StaleAsync(string id, CancellationToken ct) => Outcome<ObjectivityRuleView>.Stale((await GetAsync(id, ct))!);

    private static ObjectivityRule? BuiltInRule(string id) => ObjectivityRuleSet.Default.Rules.FirstOrDefault(r => r.Id == id);

    private static ObjectivityRuleView BuiltInView(ObjectivityRule rule, ObjectivityRuleVersion? current) =>
        new(rule.Id, true, rule.Category, rule.Patterns, rule.Exceptions, rule.Message, rule.Suggestion,
            current?.State ?? StoredRuleState.InForce, current?.Number ?? 0, current);

    private static ObjectivityRuleView LocalView(ObjectivityRuleVersion v)
    {
        var category = ObjectivityCategoryCodes.TryParse(v.Category, out var parsed) ? parsed.Value : ObjectivityCategory.Judgement;
        return new(v.RuleId, false, category, ObjectivityRuleInputRules.Lines(v.Phrases),
            ObjectivityRuleInputRules.Lines(v.Exceptions), v.Message ?? "", v.Suggestion ?? "", v.State, v.Number, v);
    }

    private static int LocalNumber(string id) =>
        id.StartsWith(LocalPrefix, StringComparison.Ordinal) && int.TryParse(id.AsSpan(LocalPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static string Describe(ObjectivityRuleVersion v) =>
        $"version={v.Number}; state={v.State}; category={v.Category ?? "-"}; phrases={(v.Phrases ?? "-").Replace('\n', '|')}; reason={v.Reason}";
}
