using Caseload.Features.Cases;
using Caseload.Features.People;

namespace Caseload.Features.DataProtection.Retention;

/// <summary>What the rules need to know of a closed case: no names, only the facts that decide its class and dates.</summary>
public sealed record RetentionFacts(
    string Service,
    DateOnly DateOfBirth,
    DateOnly ClosedOn,
    DateOnly? LastContactOn,
    string? ClosureReasonCode,
    IReadOnlyCollection<string> Characteristics);

/// <summary>A closed case's review under the schedule: its class, the rule that applies, the date the rule gives and the date in force (an extension moves it).</summary>
public sealed record RetentionReview(string RecordClass, RetentionRule Rule, DateOnly AnchorOn, DateOnly ScheduledOn, DateOnly ReviewOn, bool Extended)
{
    public bool IsDue(DateOnly on) => ReviewOn <= on;
}

/// <summary>
/// The retention rules: which class of record a closed case is and when it comes up for review. Pure: the schedule and the
/// facts in, the dates out. Where a case fits more than one class, the one kept longest by the default schedule wins (adoption,
/// then looked after, then child protection), and "ever" counts: a characteristic held at any time decides the class.
/// </summary>
public static class RetentionRules
{
    /// <summary>Census reason for closure RC1, adopted.</summary>
    public const string AdoptedReason = "RC1";

    public static string RecordClassOf(RetentionFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var c = facts.Characteristics;
        return facts.Service switch
        {
            Services.ChildrensSocialCare when facts.ClosureReasonCode == AdoptedReason => RecordClasses.Adoption,
            Services.ChildrensSocialCare when c.Contains(Characteristics.LookedAfter) || c.Contains(Characteristics.CareLeaver) => RecordClasses.LookedAfter,
            Services.ChildrensSocialCare when c.Contains(Characteristics.ChildProtectionPlan) => RecordClasses.ChildProtection,
            Services.ChildrensSocialCare => RecordClasses.ChildInNeed,
            Services.EarlyHelp => RecordClasses.EarlyHelp,
            Services.Send => RecordClasses.Send,
            Services.CareersIag => RecordClasses.Careers,
            Services.YouthSupport => RecordClasses.YouthSupport,
            _ => "other",
        };
    }

    /// <summary>The day a rule's period runs from for this case.</summary>
    public static DateOnly AnchorOf(RetentionFacts facts, string runsFrom)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return runsFrom switch
        {
            RetentionAnchors.DateOfBirth => facts.DateOfBirth,
            RetentionAnchors.Closure => facts.ClosedOn,
            // No contact recorded: the closure date, which is never earlier than the last contact.
            RetentionAnchors.LastContact => facts.LastContactOn is { } last && last < facts.ClosedOn ? last : facts.ClosedOn,
            // Caseload keeps no order date; the order ends the case, so the closure date is never earlier than it (conservative).
            RetentionAnchors.OrderDate => facts.ClosedOn,
            // Education and Skills Act 2008 s.68: support to 19, or to 25 for a young person with an EHC plan.
            RetentionAnchors.EndOfEligibility => facts.DateOfBirth.AddYears(facts.Characteristics.Contains(Characteristics.SendEhcPlan) ? 25 : 19),
            _ => facts.DateOfBirth.AddYears(RetentionSchedule.Fallback.Years),
        };
    }

    /// <summary>
    /// The case's review: the rule's date, or the latest extension when there is one. The review is never before the case
    /// closed: a period that ran out while the case was open comes up for review on the day it closed.
    /// </summary>
    public static RetentionReview Review(RetentionSchedule schedule, RetentionFacts facts, DateOnly? extendedUntil = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(facts);
        var recordClass = RecordClassOf(facts);
        var rule = schedule.RuleFor(facts.Service, recordClass);
        var anchor = AnchorOf(facts, rule.RunsFrom);
        var scheduled = anchor.AddYears(rule.Years);
        if (scheduled < facts.ClosedOn) scheduled = facts.ClosedOn;
        return extendedUntil is { } until
            ? new RetentionReview(recordClass, rule, anchor, scheduled, until, Extended: true)
            : new RetentionReview(recordClass, rule, anchor, scheduled, scheduled, Extended: false);
    }
}
