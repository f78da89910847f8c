using Caseload.Features.People;

namespace Caseload.Features.Worklist;

/// <summary>
/// Every number the priority rules use, in points. A service manager sets them by configuration;
/// <see cref="Validate"/> rejects settings that would break the rules' safety principles
/// (risk and safeguarding dominate; statutory outweighs organisational; red risk is always red band).
/// </summary>
public sealed record PriorityWeights
{
    // Declared before Default: static initialisers run in order and Default's constructor reads this.
    private static readonly IReadOnlyDictionary<string, int> DefaultVulnerability = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [Characteristics.ChildProtectionPlan] = 30, // Children Act 1989 s47: assessed as at risk of significant harm
        [Characteristics.LookedAfter] = 30, // the authority is the corporate parent (Children Act 1989 s22)
        [Characteristics.SendEhcPlan] = 15, // statutory plan with statutory timescales (Children and Families Act 2014 Part 3)
        [Characteristics.CareLeaver] = 15, // leaving-care duties to age 25 (Children and Social Work Act 2017 s3)
        [Characteristics.ChildInNeed] = 15, // Children Act 1989 s17: assessed need for services
        [Characteristics.YoungCarer] = 10, // caring responsibilities hide unmet need (Children and Families Act 2014 s96)
        [Characteristics.Disability] = 10, // greater dependence on adults and services
        [Characteristics.YouthJustice] = 10, // risk of harm to and by the young person; court-set timescales
        [Characteristics.TeenageParent] = 8, // two generations' needs in one case
        [Characteristics.SendSupport] = 5, // needs met within school without a statutory plan
        [Characteristics.Neet] = 5, // raises risk of later harm but rarely urgent on its own
        [Characteristics.EnglishAdditionalLanguage] = 3, // a barrier to being heard rather than a vulnerability in itself
    };

    public static PriorityWeights Default { get; } = new();

    // Bands. The thresholds are the risk weights below, so a case's own risk rating is its starting band.
    public int AmberBandFrom { get; init; } = 50; // amber risk alone is amber band
    public int RedBandFrom { get; init; } = 100; // red risk, or an open safeguarding concern, alone is red band

    // Risk and safeguarding dominate everything that is not deadline pressure.
    public int RiskAmber { get; init; } = 50; // half of red: one strong factor on top of amber reaches red band
    public int RiskRed { get; init; } = 100; // above all non-deadline factors combined (max 95), so red outranks any green case without deadline pressure
    public int SafeguardingConcern { get; init; } = 100; // an open concern may mean significant harm not yet ruled out: treated as red until re-rated

    // Deadlines not yet due: pressure ramps up linearly over the horizon, to the full weight on the due day.
    public int DeadlineHorizonWorkingDays { get; init; } = 10; // two working weeks: far enough ahead to plan a visit or a report
    public int StatutoryDueMax { get; init; } = 40; // a statutory deadline due today outweighs most single non-risk factors
    public int OrganisationalDueMax { get; init; } = 20; // half of statutory: a local standard can be renegotiated, a statutory one cannot

    // Overdue deadlines: a fixed weight that grows a little per working day overdue, up to a cap.
    public int StatutoryOverdue { get; init; } = 70; // above any deadline still to come, and above amber risk: the law is already being missed
    public int StatutoryOverduePerWorkingDay { get; init; } = 2; // the longer it is missed, the greater the harm and the duty breach
    public int OrganisationalOverdue { get; init; } = 30; // less than half of statutory overdue, more than any organisational deadline still to come
    public int OrganisationalOverduePerWorkingDay { get; init; } = 1; // grows at half the statutory rate
    public int OverdueGrowthCapWorkingDays { get; init; } = 10; // after two working weeks the deadline is escalated by other means; stop growing

    // Contact drift: only beyond the expected frequency, growing with how many expected periods have been missed.
    public int ContactDriftPerExpectedPeriod { get; init; } = 10; // each missed expected contact adds as much as an overdue review: both mean the case is not being seen
    public int ContactDriftCap { get; init; } = 30; // three missed periods: beyond that drift is a supervision matter, not more points
    public int NeverContacted { get; init; } = 20; // no first contact yet: two missed periods' worth, since how long it has been is unknown

    // Contact drift sets a minimum band, whatever the risk rating. Points alone cannot do it: capped, they let a child unseen
    // for months rank green, and uncapped they would swamp risk for a case merely late. A child not seen is a child whose risk
    // nobody can vouch for: once the gap reaches twice the expected interval (when Drift reports no contact too) the case is at
    // least amber; at three times, at least red, so it reaches the top of the worklist and supervision. The score is raised to
    // the band's threshold (on the contact reason), so the order agrees with the band. A service manager may bring either point
    // earlier, never later than two and three times: a rule that lets a child go unseen longer would hide them.
    public int ContactDriftAmberFromPercent { get; init; } = 200; // of the expected contact interval: 200 is twice
    public int ContactDriftRedFromPercent { get; init; } = 300; // three times the interval

    /// <summary>
    /// Statuses that make a case at least amber on their own (not configurable): a child protection plan (Children Act 1989
    /// s47, at continuing risk of significant harm) and a looked-after child (s22, the authority is the corporate parent).
    /// A green risk rating beside one of them is flagged as inconsistent for review.
    /// </summary>
    public static IReadOnlyList<string> AtLeastAmberStatuses { get; } = [Characteristics.ChildProtectionPlan, Characteristics.LookedAfter];

    /// <summary>The most a service manager may set: the rule of twice and three times the expected interval.</summary>
    public const int LatestContactDriftAmberPercent = 200;
    public const int LatestContactDriftRedPercent = 300;

    // Vulnerability from characteristics, summed then capped, plus a little for the under-fives.
    public IReadOnlyDictionary<string, int> Vulnerability { get; init; } = DefaultVulnerability;
    public int UnderFiveAge { get; init; } = 5; // under statutory school age
    public int UnderFive { get; init; } = 5; // pre-school children are less visible: no school to notice harm
    public int VulnerabilityCap { get; init; } = 40; // vulnerability informs but never outweighs red risk or safeguarding

    public int OverdueTask { get; init; } = 2; // small: tasks are the practitioner's own housekeeping
    public int OverdueTasksCap { get; init; } = 10; // five overdue tasks say as much as fifty

    public int ReviewOverdue { get; init; } = 10; // moderate: a missed review means the plan is not being checked
    public int ReviewOverduePerWorkingDay { get; init; } = 1; // grows slowly with the delay
    public int ReviewOverdueCap { get; init; } = 15; // a week overdue is the most it adds

    // A referral's follow-up overdue: the person may not have reached the help they were referred for. The follow-up date is one
    // the service set itself, so it is pressure like an overdue organisational deadline, never more than one.
    public int ReferralFollowUpOverdue { get; init; } = 15; // more than an overdue review: someone outside may be waiting on us, or the child on them
    public int ReferralFollowUpOverduePerWorkingDay { get; init; } = 1; // grows like an organisational deadline, up to OverdueGrowthCapWorkingDays
    public int ReferralFollowUpOverdueCap { get; init; } = 25; // all of a case's overdue follow-ups together: below a missed service standard

    public int OverrideShift { get; init; } = 50; // one band's width: a raise or lower moves a case about one band, not to the top or bottom

    /// <summary>Problems with these weights, naming the settings; empty when they are safe to use.</summary>
    public IReadOnlyList<string> Validate() => Problems().Select(p => p.Message).ToList();

    /// <summary>
    /// Each problem with the weight at fault (its property name; "Vulnerability.code" for a characteristic), so a page can
    /// show the error beside that weight.
    /// </summary>
    public IReadOnlyList<WeightProblem> Problems()
    {
        var problems = new List<WeightProblem>();

        void NotNegative(int value, string name)
        {
            if (value < 0)
            {
                problems.Add(new(name, $"{name} must not be negative"));
            }
        }

        NotNegative(RiskAmber, nameof(RiskAmber));
        NotNegative(DeadlineHorizonWorkingDays, nameof(DeadlineHorizonWorkingDays));
        NotNegative(StatutoryDueMax, nameof(StatutoryDueMax));
        NotNegative(OrganisationalDueMax, nameof(OrganisationalDueMax));
        NotNegative(StatutoryOverduePerWorkingDay, nameof(StatutoryOverduePerWorkingDay));
        NotNegative(OrganisationalOverdue, nameof(OrganisationalOverdue));
        NotNegative(OrganisationalOverduePerWorkingDay, nameof(OrganisationalOverduePerWorkingDay));
        NotNegative(OverdueGrowthCapWorkingDays, nameof(OverdueGrowthCapWorkingDays));
        NotNegative(ContactDriftPerExpectedPeriod, nameof(ContactDriftPerExpectedPeriod));
        NotNegative(ContactDriftCap, nameof(ContactDriftCap));
        NotNegative(NeverContacted, nameof(NeverContacted));
        NotNegative(UnderFiveAge, nameof(UnderFiveAge));
        NotNegative(UnderFive, nameof(UnderFive));
        NotNegative(VulnerabilityCap, nameof(VulnerabilityCap));
        NotNegative(OverdueTask, nameof(OverdueTask));
        NotNegative(OverdueTasksCap, nameof(OverdueTasksCap));
        NotNegative(ReviewOverdue, nameof(ReviewOverdue));
        NotNegative(ReviewOverduePerWorkingDay, nameof(ReviewOverduePerWorkingDay));
        NotNegative(ReviewOverdueCap, nameof(ReviewOverdueCap));
        NotNegative(ReferralFollowUpOverdue, nameof(ReferralFollowUpOverdue));
        NotNegative(ReferralFollowUpOverduePerWorkingDay, nameof(ReferralFollowUpOverduePerWorkingDay));
        NotNegative(ReferralFollowUpOverdueCap, nameof(ReferralFollowUpOverdueCap));
        NotNegative(OverrideShift, nameof(OverrideShift));

        if (ContactDriftAmberFromPercent <= 100 || ContactDriftAmberFromPercent > LatestContactDriftAmberPercent)
        {
            problems.Add(new(nameof(ContactDriftAmberFromPercent), $"{nameof(ContactDriftAmberFromPercent)} must be above 100 and at most {LatestContactDriftAmberPercent} so that a child unseen for twice the expected interval is at least amber priority"));
        }

        if (ContactDriftRedFromPercent <= ContactDriftAmberFromPercent || ContactDriftRedFromPercent > LatestContactDriftRedPercent)
        {
            problems.Add(new(nameof(ContactDriftRedFromPercent), $"{nameof(ContactDriftRedFromPercent)} must be above {nameof(ContactDriftAmberFromPercent)} and at most {LatestContactDriftRedPercent} so that a child unseen for three times the expected interval is red priority"));
        }

        if (Vulnerability is null)
        {
            problems.Add(new(nameof(Vulnerability), $"{nameof(Vulnerability)} must be set"));
        }
        else
        {
            foreach (var (code, points) in Vulnerability)
            {
                if (points < 0)
                {
                    problems.Add(new($"{nameof(Vulnerability)}.{code}", $"{nameof(Vulnerability)} weight for {code} must not be negative"));
                }
            }

            // The rules track which characteristics are present in a 64-bit mask.
            if (Vulnerability.Count > 64)
            {
                problems.Add(new(nameof(Vulnerability), $"{nameof(Vulnerability)} can weigh at most 64 characteristics"));
            }
        }

        if (AmberBandFrom <= 0 || RedBandFrom <= AmberBandFrom)
        {
            problems.Add(new(nameof(AmberBandFrom), $"{nameof(AmberBandFrom)} must be above zero and {nameof(RedBandFrom)} above it"));
        }

        if (RiskRed < RedBandFrom)
        {
            problems.Add(new(nameof(RiskRed), $"{nameof(RiskRed)} must be at least {nameof(RedBandFrom)} so that a red-risk case is always red priority"));
        }

        if (SafeguardingConcern < RedBandFrom)
        {
            problems.Add(new(nameof(SafeguardingConcern), $"{nameof(SafeguardingConcern)} must be at least {nameof(RedBandFrom)} so that a safeguarding concern is always red priority"));
        }

        if (RiskAmber >= RiskRed)
        {
            problems.Add(new(nameof(RiskAmber), $"{nameof(RiskAmber)} must be below {nameof(RiskRed)}"));
        }

        long nonDeadlineMaximum = (long)VulnerabilityCap + Math.Max(ContactDriftCap, NeverContacted) + OverdueTasksCap + ReviewOverdueCap;
        if (RiskRed <= nonDeadlineMaximum)
        {
            problems.Add(new(nameof(RiskRed), $"{nameof(RiskRed)} must be above the most that vulnerability, contact drift, overdue tasks and an overdue review can add together ({nonDeadlineMaximum}), so that risk dominates"));
        }

        if (StatutoryOverdue <= StatutoryDueMax)
        {
            problems.Add(new(nameof(StatutoryOverdue), $"{nameof(StatutoryOverdue)} must be above {nameof(StatutoryDueMax)} so that an overdue statutory deadline outranks one still to come"));
        }

        if (ReferralFollowUpOverdueCap > OrganisationalOverdue)
        {
            problems.Add(new(nameof(ReferralFollowUpOverdueCap), $"{nameof(ReferralFollowUpOverdueCap)} must be at most {nameof(OrganisationalOverdue)} so that overdue referral follow-ups never outweigh a missed service standard"));
        }

        if (StatutoryOverdue <= OrganisationalOverdue || StatutoryDueMax < OrganisationalDueMax)
        {
            problems.Add(new(nameof(StatutoryOverdue), "Statutory deadlines must weigh more than organisational ones"));
        }

        return problems;
    }
}

/// <param name="Weight">The property at fault ("Vulnerability.code" for a characteristic's weight).</param>
/// <param name="Message">What is wrong, naming the settings as configuration does.</param>
public sealed record WeightProblem(string Weight, string Message);
