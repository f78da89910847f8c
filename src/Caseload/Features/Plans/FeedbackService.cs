using System.Globalization;
using Caseload.Data;
using Caseload.Features.Account;
using Caseload.Features.Cases;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Caseload.Features.Plans;

/// <summary>Feedback links (<c>Feedback</c> in configuration): how long a link stays open, and how often one client may use the family's form.</summary>
public sealed class FeedbackOptions
{
    public TimeSpan LinkValidFor { get; set; } = TimeSpan.FromDays(14);
    /// <summary>Requests to the family's form (opening it or sending it) one client address may make per <see cref="Window"/>.</summary>
    public int FormRequestsPerClient { get; set; } = 20;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>A new feedback link: its address (holding the token, shown once) and when it stops working.</summary>
public sealed record NewFeedbackLink(FeedbackLink Link, string Url);

/// <summary>What a family's link is: open for their feedback, or not (unknown, used or expired; the family is told the same either way).</summary>
public enum FeedbackLinkState
{
    Open,
    Closed,
}

/// <summary>
/// The one writer of feedback. A practitioner who works with the case records feedback given to them, and makes single-use links
/// for the family; the family's form, reached without an account, stores their feedback against the case the link was made for
/// and marks the link used in the same commit, audited as coming from the family.
/// </summary>
public sealed class FeedbackService(CaseloadDb db, AuditTrail audit, TimeProvider clock, SignInCounts counts, IOptions<FeedbackOptions> options)
{
    /// <summary>Who the audit trail names for a family's submission through a link.</summary>
    public const string FamilyAuditName = "family (feedback link)";
    public const string RateKind = "feedback-form";
    public const string ClosedCaseMessage = "The case is closed: feedback is recorded on an open case";

    public DateOnly Today => UkTime.Today(clock);

    public async Task<Outcome<CaseFeedback>> RecordAsync(CaseContext scoped, FeedbackInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        ArgumentNullException.ThrowIfNull(input);
        var user = scoped.User;
        if (!user.WorksWithCases) return Outcome<CaseFeedback>.Forbidden("Only practitioners, supervisors and service managers record feedback.");
        if (scoped.Status == CaseStatus.Closed) return Outcome<CaseFeedback>.Invalid("status", ClosedCaseMessage);
        var goals = await CurrentGoalIdsAsync(scoped.CaseId, ct);
        var errors = FeedbackRules.Check(input, goals, Today);
        if (errors.Count > 0) return Outcome<CaseFeedback>.Invalid(errors);

        var feedback = new CaseFeedback
        {
            Id = Guid.CreateVersion7(),
            CaseId = scoped.CaseId,
            PersonId = scoped.PersonId,
            From = input.From!.Trim(),
            ReceivedOn = input.ReceivedOn!.Value,
            Method = input.Method!.Trim(),
            Rating = input.Rating!.Value,
            Helped = PlanRules.Clean(input.Helped),
            CouldBeBetter = PlanRules.Clean(input.CouldBeBetter),
            RecordedAt = clock.GetUtcNow(),
            RecordedById = user.Id,
            RecordedByName = user.DisplayName,
        };
        foreach (var v in input.GoalViews ?? []) feedback.GoalViews.Add(new FeedbackGoalView { FeedbackId = feedback.Id, GoalId = v!.GoalId!.Value, View = v.View!.Trim() });
        db.Add(feedback);
        audit.Add(user, AuditActions.FeedbackRecorded, "feedback", feedback.Id.ToString(), scoped.CaseId, scoped.PersonId,
            $"method={feedback.Method}; rating={feedback.Rating.ToString(CultureInfo.InvariantCulture)}; goalViews={feedback.GoalViews.Count.ToString(CultureInfo.InvariantCulture)}");
        await db.SaveChangesAsync(ct);
        return Outcome<CaseFeedback>.Ok(feedback);
    }

    /// <summary>The case's feedback, newest first, with views on goals; the read is recorded unless the caller records its own.</summary>
    public async Task<IReadOnlyList<CaseFeedback>> ListAsync(CaseContext scoped, bool recordRead = true, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var found = await db.Set<CaseFeedback>().AsNoTracking().Include(f => f.GoalViews)
            .Where(f => f.CaseId == scoped.CaseId)
            .ToListAsync(ct);
        var ordered = found.OrderByDescending(f => f.ReceivedOn).ThenByDescending(f => f.RecordedAt).ThenByDescending(f => f.Id).ToList();
        foreach (var f in ordered) f.GoalViews = [.. f.GoalViews.OrderBy(v => v.Id)];
        if (recordRead)
        {
            await audit.RecordReadAsync(scoped.User, AuditActions.FeedbackListed, "case", scoped.CaseId.ToString(), scoped.CaseId, scoped.PersonId,
                $"feedback={ordered.Count.ToString(CultureInfo.InvariantCulture)}", ct);
        }

        return ordered;
    }

    /// <summary>A single-use link for the family; <paramref name="origin"/> is the app's address ("https://caseload.example").</summary>
    public async Task<Outcome<NewFeedbackLink>> CreateLinkAsync(CaseContext scoped, string origin, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var user = scoped.User;
        if (!user.WorksWithCases) return Outcome<NewFeedbackLink>.Forbidden("Only practitioners, supervisors and service managers ask for feedback.");
        if (scoped.Status == CaseStatus.Closed) return Outcome<NewFeedbackLink>.Invalid("status", ClosedCaseMessage);
        var token = FeedbackRules.NewToken();
        var now = clock.GetUtcNow();
        var link = new FeedbackLink
        {
            Id = Guid.CreateVersion7(),
            CaseId = scoped.CaseId,
            TokenHash = FeedbackRules.Hash(token)!,
            CreatedAt = now,
            ExpiresAt = now + options.Value.LinkValidFor,
            CreatedById = user.Id,
            CreatedByName = user.DisplayName,
        };
        db.Add(link);
        audit.Add(user, AuditActions.FeedbackLinkCreated, "feedback-link", link.Id.ToString(), scoped.CaseId, scoped.PersonId, $"expiresAt={link.ExpiresAt:O}");
        await db.SaveChangesAsync(ct);
        return Outcome<NewFeedbackLink>.Ok(new NewFeedbackLink(link, $"{origin.TrimEnd('/')}/Feedback/{token}"));
    }

    /// <summary>
    /// Counts one request to the family's form from this client; the wait before the next is allowed when over the limit, else
    /// null. Kept in the database, so every instance counts against the same allowance.
    /// </summary>
    public async Task<TimeSpan?> ThrottleAsync(Microsoft.AspNetCore.Http.HttpContext http, CancellationToken ct = default)
    {
        var limits = options.Value;
        var (count, windowEnds) = await counts.AddAsync(RateKind, RateLimits.ClientKey(http), limits.Window, ct);
        return count <= limits.FormRequestsPerClient ? null : windowEnds - clock.GetUtcNow();
    }

    /// <summary>Whether the family's link is open; opening an open link is audited against its case (nothing about the case is shown).</summary>
    public async Task<FeedbackLinkState> OpenAsync(string? token, CancellationToken ct = default)
    {
        var link = await OpenLinkAsync(token, ct);
        if (link is null) return FeedbackLinkState.Closed;
        var personId = await db.Cases.Where(c => c.Id == link.CaseId).Select(c => c.PersonId).SingleAsync(ct);
        Redact(audit.Add(Family, AuditActions.FeedbackLinkOpened, "feedback-link", link.Id.ToString(), link.CaseId, personId));
        await db.SaveChangesAsync(ct);
        return FeedbackLinkState.Open;
    }

    /// <summary>The family's form sent: stored against the link's case, the link marked used, in one commit. A used or expired link is closed.</summary>
    public async Task<Outcome<CaseFeedback>> SubmitAsync(string? token, FamilyFeedbackInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var link = await OpenLinkAsync(token, ct);
        if (link is null) return Outcome<CaseFeedback>.NotFound();
        var errors = FeedbackRules.CheckFamily(input);
        if (errors.Count > 0) return Outcome<CaseFeedback>.Invalid(errors);
        var @case = await db.Cases.AsNoTracking().Where(c => c.Id == link.CaseId).Select(c => new { c.PersonId, c.Status }).SingleAsync(ct);
        if (@case.Status == CaseStatus.Closed) return Outcome<CaseFeedback>.NotFound();

        var now = clock.GetUtcNow();
        var feedback = new CaseFeedback
        {
            Id = Guid.CreateVersion7(),
            CaseId = link.CaseId,
            PersonId = @case.PersonId,
            From = FeedbackCodes.FamilyWriters.Single(w => w.Code == input.Writer).From,
            ReceivedOn = UkTime.Today(clock),
            Method = FeedbackCodes.OnlineForm,
            Rating = input.Rating!.Value,
            Helped = PlanRules.Clean(input.Helped),
            CouldBeBetter = PlanRules.Clean(input.CouldBeBetter),
            RecordedAt = now,
            RecordedByName = FamilyAuditName,
            LinkId = link.Id,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Marking the link used is the claim: of two sends at once only one finds it unused.
        var claimed = await db.Set<FeedbackLink>().Where(l => l.Id == link.Id && l.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now).SetProperty(l => l.FeedbackId, feedback.Id), ct);
        if (claimed != 1) return Outcome<CaseFeedback>.NotFound();
        db.Add(feedback);
        Redact(audit.Add(Family, AuditActions.FeedbackSubmitted, "feedback", feedback.Id.ToString(), link.CaseId, @case.PersonId,
            $"linkId={link.Id}; rating={feedback.Rating.ToString(CultureInfo.InvariantCulture)}"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<CaseFeedback>.Ok(feedback);
    }

    /// <summary>The family's request names the token in its path: the trail keeps the route without it (the link is named by its id).</summary>
    private static void Redact(Platform.Audit.AuditEvent e)
    {
        if (e.Route is { } route) e.Route = route.Split(' ')[0] + " /Feedback/{token}";
    }

    private static CurrentUser Family => CurrentUser.ForAudit(null, FamilyAuditName);

    private async Task<FeedbackLink?> OpenLinkAsync(string? token, CancellationToken ct)
    {
        if (FeedbackRules.Hash(token) is not { } hash) return null;
        var now = clock.GetUtcNow();
        return await db.Set<FeedbackLink>().AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now, ct);
    }

    private async Task<IReadOnlySet<Guid>> CurrentGoalIdsAsync(Guid caseId, CancellationToken ct)
    {
        var inForce = db.Set<Plan>().InForce().Where(p => p.CaseId == caseId);
        return (await db.Set<PlanGoal>().Where(g => g.CaseId == caseId && inForce.Any(p => p.Id == g.PlanId)).Select(g => g.Id).ToListAsync(ct)).ToHashSet();
    }
}
