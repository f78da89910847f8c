using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.DataProtection.LegalHolds;
using Caseload.Features.People;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.DataProtection.Retention;

/// <summary>The schedule in force and the version it came from (null: the default, never saved).</summary>
public sealed record ScheduleInForce(RetentionSchedule Schedule, RetentionScheduleVersion? Version)
{
    public int ETagVersion => Version?.Id ?? 0;
}

/// <summary>A closed case on the retention queue: ids and dates only, its review, and the holds that keep it.</summary>
public sealed record RetentionItem(Guid CaseId, Guid PersonId, string Service, DateOnly ReferredOn, DateOnly ClosedOn, RetentionReview Review,
    DateOnly? PersonReviewOn, IReadOnlyList<LegalHold> Holds)
{
    public bool Held => Holds.Count > 0;
}

/// <summary>What a decision did: the destruction record, the extension or the hold.</summary>
public sealed record RetentionDecisionResult(Guid CaseId, string Decision, RetentionDestruction? Destruction, RetentionExtension? Extension, LegalHold? Hold);

public static class RetentionDecisions
{
    public const string Destroy = "destroy";
    public const string Extend = "extend";
    public const string Hold = "hold";
}

/// <summary>
/// Retention: the DPO's schedule (versioned with reasons), each closed case's review date, the queue of what is due, and the
/// decision on each: destroy (irreversible, <see cref="CaseErasure"/>), extend with a reason and a date, or hold.
/// </summary>
public sealed class RetentionService(CaseloadDb db, AuditTrail audit, TimeProvider clock)
{
    public DateOnly Today => UkTime.Today(clock);

    public async Task<ScheduleInForce> ScheduleAsync(CancellationToken ct)
    {
        var latest = await db.Set<RetentionScheduleVersion>().AsNoTracking().OrderByDescending(v => v.Id).FirstOrDefaultAsync(ct);
        var schedule = latest is null ? null : RetentionSchedule.FromJson(latest.Json);
        return schedule is null ? new ScheduleInForce(RetentionSchedule.Default, null) : new ScheduleInForce(schedule, latest);
    }

    public async Task<IReadOnlyList<RetentionScheduleVersion>> VersionsAsync(CancellationToken ct) =>
        await db.Set<RetentionScheduleVersion>().AsNoTracking().OrderByDescending(v => v.Id).Take(50).ToListAsync(ct);

    /// <summary>Saves a new version of the schedule with its reason; <paramref name="expected"/> is the version last read (0: the default).</summary>
    public async Task<Outcome<ScheduleInForce>> SaveScheduleAsync(CurrentUser dpo, int expected, IReadOnlyList<RetentionRule>? rules, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        var errors = new Dictionary<string, string>();
        var schedule = new RetentionSchedule(rules?.Select(r => r is null ? null! : r with
        {
            Service = r.Service?.Trim()!, RecordClass = r.RecordClass?.Trim()!, RunsFrom = r.RunsFrom?.Trim()!, Source = r.Source?.Trim()!,
        }).ToList() ?? []);
        if (rules is null) errors["rules"] = "Enter the rules of the schedule";
        else foreach (var (k, v) in schedule.Validate()) errors[k] = v;
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) errors["reason"] = "Enter why the schedule is changing";
        else if (reason.Length > RetentionScheduleVersion.MaxReasonLength) errors["reason"] = $"The reason must be {RetentionScheduleVersion.MaxReasonLength} characters or fewer";
        if (errors.Count > 0) return Outcome<ScheduleInForce>.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await ScheduleAsync(ct);
        if (current.ETagVersion != expected) return Outcome<ScheduleInForce>.Stale(current);
        var version = new RetentionScheduleVersion { Json = schedule.ToJson(), ChangedAt = clock.GetUtcNow(), ChangedByName = dpo.DisplayName, Reason = reason! };
        db.Add(version);
        await db.SaveChangesAsync(ct);
        audit.Add(dpo, AuditActions.RetentionScheduleChanged, "retention-schedule", version.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), details: reason);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<ScheduleInForce>.Ok(new ScheduleInForce(schedule, version));
    }

    /// <summary>Every closed case's review (optionally only those due on <paramref name="dueOn"/>), earliest first. Reads no names.</summary>
    public async Task<IReadOnlyList<RetentionItem>> ReviewsAsync(DateOnly? dueOn, Guid? caseId, CancellationToken ct)
    {
        var schedule = (await ScheduleAsync(ct)).Schedule;
        var closed = db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Closed && c.ClosedOn != null);
        if (caseId is { } only) closed = closed.Where(c => c.Id == only);
        var cases = await closed
            .Select(c => new { c.Id, c.PersonId, c.Service, c.ReferredOn, ClosedOn = c.ClosedOn!.Value, c.LastContactAt, c.ClosureReasonCode, c.Person.DateOfBirth })
            .ToListAsync(ct);
        if (cases.Count == 0) return [];
        var personIds = cases.Select(c => c.PersonId).Distinct().ToList();
        var characteristics = (await db.PersonCharacteristics.AsNoTracking().Where(p => personIds.Contains(p.PersonId)).Select(p => new { p.PersonId, p.Code }).ToListAsync(ct))
            .Concat(await db.Set<PersonCharacteristicChange>().AsNoTracking().Where(p => p.Added && personIds.Contains(p.PersonId)).Select(p => new { p.PersonId, p.Code }).ToListAsync(ct))
            .GroupBy(p => p.PersonId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)g.Select(p => p.Code).ToHashSet(StringComparer.Ordinal));
        var withOpenCase = (await db.Cases.AsNoTracking().Where(c => c.Status != CaseStatus.Closed && personIds.Contains(c.PersonId)).Select(c => c.PersonId).Distinct().ToListAsync(ct)).ToHashSet();
        var caseIds = cases.Select(c => c.Id).ToList();
        var extensions = (await db.Set<RetentionExtension>().AsNoTracking().Where(e => caseIds.Contains(e.CaseId)).Select(e => new { e.CaseId, e.Id, e.Until }).ToListAsync(ct))
            .GroupBy(e => e.CaseId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Id)!.Until);
        var holds = await db.Set<LegalHold>().AsNoTracking().Where(h => h.ReleasedAt == null).ToListAsync(ct);

        var reviews = cases.Select(c => new
        {
            Case = c,
            Review = RetentionRules.Review(schedule,
                new RetentionFacts(c.Service, c.DateOfBirth, c.ClosedOn, c.LastContactAt is { } at ? UkTime.DateOf(at) : null, c.ClosureReasonCode,
                    characteristics.GetValueOrDefault(c.PersonId) ?? []),
                extensions.TryGetValue(c.Id, out var until) ? until : null),
        }).ToList();
        // A person with no open case comes up for review when the last of their closed cases does.
        var personReview = reviews.Where(r => !withOpenCase.Contains(r.Case.PersonId)).GroupBy(r => r.Case.PersonId).ToDictionary(g => g.Key, g => g.Max(r => r.Review.ReviewOn));
        return reviews
            .Where(r => dueOn is not { } on || r.Review.IsDue(on))
            .Select(r => new RetentionItem(r.Case.Id, r.Case.PersonId, r.Case.Service, r.Case.ReferredOn, r.Case.ClosedOn, r.Review,
                personReview.TryGetValue(r.Case.PersonId, out var p) ? p : null,
                holds.Where(h => h.Covers(r.Case.Id, r.Case.PersonId, r.Case.Service)).ToList()))
            .OrderBy(i => i.Review.ReviewOn).ThenBy(i => i.CaseId)
            .ToList();
    }

    /// <summary>The DPO's queue: closed cases due for review on a day. The view is audited with the cases it showed.</summary>
    public async Task<IReadOnlyList<RetentionItem>> DueAsync(CurrentUser dpo, DateOnly on, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        var items = await ReviewsAsync(on, null, ct);
        await audit.RecordListAsync(dpo, AuditActions.RetentionQueueViewed, items.Select(i => i.CaseId), $"due on {on:yyyy-MM-dd}", personId: null, ct);
        return items;
    }

    /// <summary>One closed case's review for the decision page; null when there is no such closed case.</summary>
    public async Task<RetentionItem?> ReviewOfAsync(Guid caseId, CancellationToken ct) => (await ReviewsAsync(null, caseId, ct)).SingleOrDefault();

    /// <summary>
    /// The decision page's case: its review when closed, or only that it exists and is open (null: no such case). The read is
    /// audited against the case, by id.
    /// </summary>
    public async Task<(bool Exists, RetentionItem? Item)> ForDecisionAsync(CurrentUser dpo, Guid caseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        var found = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.PersonId }).SingleOrDefaultAsync(ct);
        if (found is null) return (false, null);
        await audit.RecordReadAsync(dpo, AuditActions.RetentionCaseViewed, "case", caseId.ToString(), caseId, found.PersonId, ct: ct);
        return (true, await ReviewOfAsync(caseId, ct));
    }

    public async Task<Outcome<RetentionDecisionResult>> DecideAsync(CurrentUser dpo, Guid caseId, string? decision, string? reason, DateOnly? until, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        decision = decision?.Trim().ToLowerInvariant();
        reason = reason?.Trim();
        var errors = new Dictionary<string, string>();
        if (decision is not (RetentionDecisions.Destroy or RetentionDecisions.Extend or RetentionDecisions.Hold)) errors["decision"] = "Select destroy, extend or hold";
        if (string.IsNullOrEmpty(reason)) errors["reason"] = "Enter the reason for the decision";
        else if (reason.Length > RetentionDestruction.MaxReasonLength) errors["reason"] = $"The reason must be {RetentionDestruction.MaxReasonLength} characters or fewer";
        if (decision == RetentionDecisions.Extend)
        {
            if (until is null) errors["until"] = "Enter the date to keep the case until";
            else if (until <= Today) errors["until"] = "The date to keep the case until must be in the future";
            else if (until > Today.AddYears(RetentionSchedule.MaxYears)) errors["until"] = $"The date to keep the case until must be within {RetentionSchedule.MaxYears} years";
        }

        if (errors.Count > 0) return Outcome<RetentionDecisionResult>.Invalid(errors);
        var exists = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.Status }).SingleOrDefaultAsync(ct);
        if (exists is null) return Outcome<RetentionDecisionResult>.NotFound();
        if (exists.Status != CaseStatus.Closed) return Outcome<RetentionDecisionResult>.Conflict("case-not-closed", "The case is not closed: only a closed case comes up for a retention decision.");
        var item = (await ReviewOfAsync(caseId, ct))!;

        switch (decision)
        {
            case RetentionDecisions.Extend:
            {
                var extension = new RetentionExtension { CaseId = caseId, Until = until!.Value, Reason = reason!, DecidedAt = clock.GetUtcNow(), DecidedByName = dpo.DisplayName };
                db.Add(extension);
                audit.Add(dpo, AuditActions.RetentionExtended, "case", caseId.ToString(), caseId, item.PersonId, $"until {until:yyyy-MM-dd}");
                await db.SaveChangesAsync(ct);
                return Outcome<RetentionDecisionResult>.Ok(new(caseId, decision, null, extension, null));
            }

            case RetentionDecisions.Hold:
            {
                var hold = NewHold(dpo, null, caseId, null, reason!, "Retention review");
                db.Add(hold);
                audit.Add(dpo, AuditActions.LegalHoldPlaced, "legal-hold", hold.Id.ToString(), caseId, item.PersonId, "case");
                await db.SaveChangesAsync(ct);
                return Outcome<RetentionDecisionResult>.Ok(new(caseId, decision, null, null, hold));
            }

            default:
                return await DestroyAsync(dpo, item, reason!, ct);
        }
    }

    private async Task<Outcome<RetentionDecisionResult>> DestroyAsync(CurrentUser dpo, RetentionItem item, string reason, CancellationToken ct)
    {
        if (item.Held)
        {
            audit.Add(dpo, AuditActions.RetentionDestructionRefused, "case", item.CaseId.ToString(), item.CaseId, item.PersonId,
                $"legal-hold {string.Join(",", item.Holds.Select(h => h.Id))}");
            await db.SaveChangesAsync(ct);
            return Outcome<RetentionDecisionResult>.Conflict("legal-hold",
                $"A legal hold covers this case ({string.Join("; ", item.Holds.Select(h => h.Reference))}): nothing it covers is destroyed until the hold is released.");
        }

        if (!item.Review.IsDue(Today))
        {
            return Outcome<RetentionDecisionResult>.Conflict("not-due", $"The case is not due for review until {UkTime.Format(item.Review.ReviewOn)}: it cannot be destroyed before then.");
        }

        var now = clock.GetUtcNow();
        var destruction = new RetentionDestruction
        {
            Id = Guid.CreateVersion7(now),
            CaseId = item.CaseId,
            Service = item.Service,
            RecordClass = item.Review.RecordClass,
            Rule = Truncate($"{item.Review.Rule.Describe()} ({item.Review.Rule.Source})", RetentionSchedule.MaxSourceLength + 100),
            ReferredOn = item.ReferredOn,
            ClosedOn = item.ClosedOn,
            ReviewOn = item.Review.ReviewOn,
            DestroyedAt = now,
            AuthorisedByName = dpo.DisplayName,
            Reason = reason,
        };

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Checked again inside the transaction: a hold placed or a case reopened since the check above wins.
        if (await db.Set<LegalHold>().AnyAsync(h => h.ReleasedAt == null && (h.CaseId == item.CaseId || h.PersonId == item.PersonId || h.Service == item.Service), ct)
            || !await db.Cases.AnyAsync(c => c.Id == item.CaseId && c.Status == CaseStatus.Closed, ct))
        {
            return Outcome<RetentionDecisionResult>.Conflict("legal-hold", "A legal hold now covers this case, or it is no longer closed: nothing was destroyed.");
        }

        db.Add(destruction);
        // The mark that lets the append-only guards through, for this transaction only (RetentionErasureSql).
        db.Add(new RetentionErasure { DestructionId = destruction.Id });
        await db.SaveChangesAsync(ct);
        await CaseErasure.EraseCaseAsync(db, item.CaseId, ct);
        destruction.PersonDestroyed = !await db.Cases.AnyAsync(c => c.PersonId == item.PersonId, ct);
        if (destruction.PersonDestroyed) await CaseErasure.ErasePersonAsync(db, item.PersonId, ct);
        await db.Set<RetentionErasure>().Where(e => e.DestructionId == destruction.Id).ExecuteDeleteAsync(ct);
        // Ids only: the events outlive the case and must not carry its content.
        audit.Add(dpo, AuditActions.RetentionCaseDestroyed, "case", item.CaseId.ToString(), item.CaseId, item.PersonId, $"destruction {destruction.Id}");
        if (destruction.PersonDestroyed) audit.Add(dpo, AuditActions.RetentionPersonDestroyed, "person", item.PersonId.ToString(), item.CaseId, item.PersonId, $"destruction {destruction.Id}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return Outcome<RetentionDecisionResult>.Ok(new(item.CaseId, RetentionDecisions.Destroy, destruction, null, null));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    public async Task<IReadOnlyList<RetentionDestruction>> DestructionsAsync(CancellationToken ct) =>
        await db.Set<RetentionDestruction>().AsNoTracking().OrderByDescending(d => d.DestroyedAt).Take(200).ToListAsync(ct);

    internal LegalHold NewHold(CurrentUser dpo, Guid? personId, Guid? caseId, string? service, string reason, string reference)
    {
        var now = clock.GetUtcNow();
        return new LegalHold
        {
            Id = Guid.CreateVersion7(now), PersonId = personId, CaseId = caseId, Service = service, Reason = reason, Reference = reference,
            PlacedAt = now, PlacedByName = dpo.DisplayName,
        };
    }
}
