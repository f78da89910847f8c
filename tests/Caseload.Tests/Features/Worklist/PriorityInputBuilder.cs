using Caseload.Features.Cases;
using Caseload.Features.Worklist;

namespace Caseload.Tests.Features.Worklist;

/// <summary>
/// A case with nothing pressing: green risk, no concern, a ten-year-old with no characteristics, contacted
/// two working days ago against an expected ten, no deadlines, tasks, overdue review or override.
/// Each method adds one fact, so a test reads as the difference between two cases.
/// </summary>
public sealed class PriorityInputBuilder
{
    public static readonly DateOnly Today = new(2026, 11, 2);

    private readonly List<string> characteristics = [];
    private readonly List<PriorityDeadline> deadlines = [];
    private Risk risk = Risk.Green;
    private bool safeguardingConcern;
    private int? age = 10;
    private int? sinceContact = 2;
    private int? expectedContactEvery = 10;
    private int overdueTasks;
    private int? reviewOverdueBy;
    private readonly List<PriorityFollowUp> followUps = [];
    private PriorityOverride? priorityOverride;

    public static PriorityInputBuilder ACase() => new();

    public PriorityInputBuilder WithRisk(Risk rating)
    {
        risk = rating;
        return this;
    }

    public PriorityInputBuilder RedRisk() => WithRisk(Risk.Red);

    public PriorityInputBuilder AmberRisk() => WithRisk(Risk.Amber);

    public PriorityInputBuilder WithSafeguardingConcern()
    {
        safeguardingConcern = true;
        return this;
    }

    public PriorityInputBuilder Aged(int? years)
    {
        age = years;
        return this;
    }

    public PriorityInputBuilder With(params string[] codes)
    {
        characteristics.AddRange(codes);
        return this;
    }

    public PriorityInputBuilder StatutoryDeadline(string title, int workingDaysUntilDue)
    {
        deadlines.Add(new PriorityDeadline(title, IsStatutory: true, workingDaysUntilDue));
        return this;
    }

    public PriorityInputBuilder OrganisationalDeadline(string title, int workingDaysUntilDue)
    {
        deadlines.Add(new PriorityDeadline(title, IsStatutory: false, workingDaysUntilDue));
        return this;
    }

    /// <summary>A statutory deadline past its due date with no working day gone by: due on a Saturday, on the Sunday.</summary>
    public PriorityInputBuilder StatutoryDeadlineOverdueByNoWorkingDays(string title)
    {
        deadlines.Add(new PriorityDeadline(title, IsStatutory: true, 0) { IsOverdue = true });
        return this;
    }

    public PriorityInputBuilder LastContact(int workingDaysAgo, int? expectedEvery)
    {
        sinceContact = workingDaysAgo;
        expectedContactEvery = expectedEvery;
        return this;
    }

    public PriorityInputBuilder NeverContacted()
    {
        sinceContact = null;
        return this;
    }

    public PriorityInputBuilder OverdueTasks(int count)
    {
        overdueTasks = count;
        return this;
    }

    public PriorityInputBuilder ReferralFollowUpOverdue(string agency, int workingDays)
    {
        followUps.Add(new PriorityFollowUp(agency, workingDays));
        return this;
    }

    public PriorityInputBuilder ReviewOverdueBy(int? workingDays)
    {
        reviewOverdueBy = workingDays;
        return this;
    }

    public PriorityInputBuilder Raised(string rationale, string by = "sue.supervisor", DateOnly? until = null) =>
        WithOverride(new PriorityOverride(OverrideDirection.Raise, rationale, by, until));

    public PriorityInputBuilder Lowered(string rationale, string by = "sue.supervisor", DateOnly? until = null) =>
        WithOverride(new PriorityOverride(OverrideDirection.Lower, rationale, by, until));

    public PriorityInputBuilder WithOverride(PriorityOverride value)
    {
        priorityOverride = value;
        return this;
    }

    public PriorityInput Build() => new()
    {
        Risk = risk,
        SafeguardingConcern = safeguardingConcern,
        AgeInYears = age,
        Characteristics = [.. characteristics],
        Deadlines = [.. deadlines],
        WorkingDaysSinceLastContact = sinceContact,
        ExpectedContactEveryWorkingDays = expectedContactEvery,
        OverdueTasks = overdueTasks,
        OverdueReferralFollowUps = [.. followUps],
        ReviewOverdueByWorkingDays = reviewOverdueBy,
        Override = priorityOverride,
        Today = Today,
    };

    public PriorityAssessment Assess() => PriorityRules.Default.Assess(Build());
}
