using Caseload.Data;
using Caseload.Features.Notes.Objectivity.Manage;
using Caseload.Features.Notes.Objectivity;
using Caseload.Platform.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Notes;

/// <summary>
/// The objectivity check in force: the built-in rules combined with the administrators' stored rules. Rebuilt at start-up
/// and at once after every change of a stored rule, so the note form and the check API use a change immediately; other
/// instances notice the change within a minute (<see cref="RefreshIfDueAsync"/>).
/// The check itself stays a pure class; this only holds the current one.
/// </summary>
public sealed partial class ObjectivityRulesInForce(IServiceScopeFactory scopes, ILogger<ObjectivityRulesInForce> log, TimeProvider clock, IConfiguration? config = null) : IRefreshable, IDisposable
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile ObjectivityCheck _check = ObjectivityCheck.Default;
    private readonly PeriodicCheck _periodic = new(clock, Refreshables.Period(config));
    private long _loadedStamp = -1;

    public ObjectivityCheck Check => _check;

    public void Dispose() => _reload.Dispose();

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        // One reload at a time, each reading the newest versions, so the last to finish is never older than the database.
        await _reload.WaitAsync(ct);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
            _periodic.Checked();
            // The stamp is read first: a version committed while the rules load makes the next check reload again.
            var stamp = await StampAsync(db, ct);
            var current = await db.Set<ObjectivityRuleVersion>().AsNoTracking().Where(v => v.IsCurrent).ToListAsync(ct);
            _check = new ObjectivityCheck(Combine(ObjectivityRuleSet.Default, current, (id, problem) => LogUnusableRule(id, problem)), ObjectivityModel.Shipped);
            Interlocked.Exchange(ref _loadedStamp, stamp);
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>
    /// Another instance may have changed a rule: at most once a minute (by the app's clock) one request asks for the newest
    /// rule version's id and reloads when it differs; the others carry on with the rules in force.
    /// </summary>
    public Task RefreshIfDueAsync(CancellationToken ct = default) => _periodic.RunIfDueAsync(async () =>
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseloadDb>();
        if (await StampAsync(db, ct) != Interlocked.Read(ref _loadedStamp)) await ReloadAsync(ct);
    });

    /// <summary>
    /// What identifies the stored versions: their number and the newest id. Ids are handed out before commit, so a version
    /// committed after a higher one was seen changes the count even when it does not change the newest id.
    /// </summary>
    private static async Task<long> StampAsync(CaseloadDb db, CancellationToken ct)
    {
        var count = await db.Set<ObjectivityRuleVersion>().CountAsync(ct);
        var newest = await db.Set<ObjectivityRuleVersion>().MaxAsync(v => (int?)v.Id, ct) ?? 0;
        return ((long)count << 32) | (uint)newest;
    }

    /// <summary>
    /// The built-in rules with the stored ones: local rules in force are added, built-in rules switched off are disabled.
    /// A stored rule that no longer validates (say, after the phrase syntax tightened) is left out and reported, never fatal.
    /// </summary>
    public static ObjectivityRuleSet Combine(ObjectivityRuleSet builtIn, IEnumerable<ObjectivityRuleVersion> current, Action<string, string>? unusable = null)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        ArgumentNullException.ThrowIfNull(current);
        var byId = builtIn.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var extra = new List<ObjectivityRule>();
        foreach (var version in current.OrderBy(v => v.RuleId, StringComparer.Ordinal))
        {
            if (version.BuiltIn)
            {
                if (version.State == StoredRuleState.SwitchedOff && byId.TryGetValue(version.RuleId, out var rule)) extra.Add(rule with { Enabled = false });
                continue;
            }

            if (version.State != StoredRuleState.InForce) continue;
            var errors = ObjectivityRuleInputRules.Validate(version.RuleId, ToInput(version), out var local);
            if (local is null)
            {
                unusable?.Invoke(version.RuleId, string.Join("; ", errors.Values));
                continue;
            }

            extra.Add(local);
        }

        return ObjectivityRuleSet.TryCreate(extra, out var stored, out var problems)
            ? builtIn.CombineWith(stored)
            : throw new InvalidOperationException(string.Join("; ", problems));
    }

    public static ObjectivityRuleInput ToInput(ObjectivityRuleVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new ObjectivityRuleInput(version.Category, version.Phrases, version.Exceptions, version.Message, version.Suggestion);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored objectivity rule {RuleId} cannot be used and is left out: {Problem}")]
    private partial void LogUnusableRule(string ruleId, string problem);
}
