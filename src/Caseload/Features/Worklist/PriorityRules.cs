using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;
using Caseload.Features.Cases;
using Caseload.Features.People;
using Caseload.Platform.Time;

namespace Caseload.Features.Worklist;

/// <summary>
/// Which case a practitioner should work first, and why, by objective criteria only.
/// Pure: no clock, calendar, database or configuration lookup; one instance per set of weights, safe to share
/// across threads. The score is the sum of the reasons' weights; higher means work first.
/// </summary>
/// <remarks>
/// Overrides shift the score by <see cref="PriorityWeights.OverrideShift"/> points. Lowering never takes the score
/// below zero, and never takes a red-risk case or a case with a safeguarding concern out of the red band:
/// those cases are red because of a judgement about harm, which an override of priority must not undo
/// (the risk rating or the concern itself must be changed instead, and that is recorded).
/// </remarks>
public sealed class PriorityRules
{
    public static PriorityRules Default { get; } = new(PriorityWeights.Default);

    private readonly PriorityWeights weights;

    // Characteristics that carry weight, ranked by weight (highest first), so the detail lists the weightiest first.
    private readonly FrozenDictionary<string, int> vulnerabilityRank;
    private readonly string[] rankedTitles;
    private readonly int[] rankedPoints;

    public PriorityRules(PriorityWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var problems = weights.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Priority weights are not safe to use: " + string.Join("; ", problems), nameof(weights));
        }

        this.weights = weights;

        var ranked = weights.Vulnerability
            .Where(entry => entry.Value > 0)
            .OrderByDescending(entry => entry.Value)
            .ThenBy(entry => entry.Key, StringComparer.Ordinal)
            .ToArray();
        vulnerabilityRank = ranked
            .Select((entry, rank) => (entry.Key, rank))
            .ToFrozenDictionary(entry => entry.Key, entry => entry.rank, StringComparer.Ordinal);
        rankedTitles = [.. ranked.Select(entry => Characteristics.Titles.TryGetValue(entry.Key, out var title) ? title : entry.Key)];
        rankedPoints = [.. ranked.Select(entry => entry.Value)];
    }

    public PriorityWeights Weights => weights;

    /// <summary>Why an override may not be recorded, in GOV.UK wording; null when it is valid.</summary>
    public static string? ValidateOverride(PriorityOverride priorityOverride)
    {
        ArgumentNullException.ThrowIfNull(priorityOverride);
        return Check(priorityOverride) switch
        {
            OverrideProblem.None => null,
            OverrideProblem.NoRationale => "Enter a rationale for the priority override",
            OverrideProblem.NoAuthor => "A priority override must record who made it",
            OverrideProblem.NoDirection => "Select whether to raise or lower the priority",
            _ => throw new InvalidOperationException("Unknown override problem"),
        };
    }

    public PriorityAssessment Assess(PriorityInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        var deadlines = input.Deadlines;
        var tally = new Tally(7 + deadlines.Count);

        switch (input.Risk)
        {
            case Risk.Red:
                tally.Add(PriorityFactors.Risk, "Risk rated red", weights.RiskRed);
                break;
            case Risk.Amber when weights.RiskAmber > 0:
                tally.Add(PriorityFactors.Risk, "Risk rated amber", weights.RiskAmber);
                break;
            case Risk.Amber:
            case Risk.Green:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(input), input.Risk, "Unknown risk rating");
        }

        if (input.SafeguardingConcern)
        {
            tally.Add(PriorityFactors.Safeguarding, "Safeguarding concern recorded", weights.SafeguardingConcern);
        }

        int? mostUrgent = null;
        for (var i = 0; i < deadlines.Count; i++)
        {
            var deadline = deadlines[i];
            var days = deadline.WorkingDaysUntilDue;
            if (mostUrgent is null || days < mostUrgent)
            {
                mostUrgent = days;
            }

            var kind = deadline.IsStatutory ? "Statutory deadline" : "Organisational deadline";
            if (deadline.IsOverdue)
            {
                long overdue = Math.Max(0, -(long)days);
                var (points, perDay) = deadline.IsStatutory
                    ? (weights.StatutoryOverdue, weights.StatutoryOverduePerWorkingDay)
                    : (weights.OrganisationalOverdue, weights.OrganisationalOverduePerWorkingDay);
                var total = points + (Math.Min(overdue, weights.OverdueGrowthCapWorkingDays) * perDay);
                tally.Add(
                    PriorityFactors.OverdueDeadline,
                    overdue > 0
                        ? string.Create(CultureInfo.InvariantCulture, $"{kind}: {deadline.Title} overdue by {overdue} working day{Plural(overdue)}")
                        : $"{kind}: {deadline.Title} overdue",
                    total);
            }
            else if (days <= weights.DeadlineHorizonWorkingDays)
            {
                // Linear ramp: the full weight on the due day, a little at the edge of the horizon.
                long horizon = weights.DeadlineHorizonWorkingDays + 1L;
                var points = (deadline.IsStatutory ? weights.StatutoryDueMax : weights.OrganisationalDueMax) * (horizon - days) / horizon;
                if (points > 0)
                {
                    tally.Add(
                        PriorityFactors.Deadline,
                        days == 0
                            ? $"{kind}: {deadline.Title} due today"
                            : string.Create(CultureInfo.InvariantCulture, $"{kind}: {deadline.Title} due in {days} working day{Plural(days)}"),
                        points);
                }
            }
        }

        AddVulnerability(input, ref tally);

        var since = input.WorkingDaysSinceLastContact;
        if (since is null)
        {
            if (weights.NeverContacted > 0)
            {
                tally.Add(PriorityFactors.ContactDrift, "No contact recorded yet", weights.NeverContacted);
            }
        }
        else if (input.ExpectedContactEveryWorkingDays is int expected && expected > 0 && since.Value > expected)
        {
            // Grows with the number of expected contacts missed; any drift at all counts for something.
            var drift = weights.ContactDriftPerExpectedPeriod * ((long)since.Value - expected) / expected;
            var points = Math.Min(weights.ContactDriftCap, weights.ContactDriftPerExpectedPeriod > 0 ? Math.Max(1, drift) : 0);
            if (points > 0)
            {
                tally.Add(
                    PriorityFactors.ContactDrift,
                    string.Create(CultureInfo.InvariantCulture, $"No contact for {since.Value} working day{Plural(since.Value)}; expected every {expected}"),
                    points);
            }
        }

        if (input.OverdueTasks > 0)
        {
            var points = Math.Min(weights.OverdueTasksCap, (long)input.OverdueTasks * weights.OverdueTask);
            if (points > 0)
            {
                tally.Add(
                    PriorityFactors.OverdueTasks,
                    input.OverdueTasks == 1 ? "1 task overdue" : string.Create(CultureInfo.InvariantCulture, $"{input.OverdueTasks} tasks overdue"),
                    points);
            }
        }

        AddReferralFollowUps(input, ref tally);

        if (input.ReviewOverdueByWorkingDays is int reviewDays && reviewDays > 0)
        {
            var points = Math.Min(weights.ReviewOverdueCap, weights.ReviewOverdue + ((long)reviewDays * weights.ReviewOverduePerWorkingDay));
            if (points > 0)
            {
                tally.Add(
                    PriorityFactors.ReviewOverdue,
                    string.Create(CultureInfo.InvariantCulture, $"Review overdue by {reviewDays} working day{Plural(reviewDays)}"),
                    points);
            }
        }

        var floor = ApplyMinimumBand(input, ref tally);

        var outcome = OverrideOutcome.None;
        if (input.Override is { } priorityOverride)
        {
            outcome = ApplyOverride(priorityOverride, input, floor, ref tally);
        }

        SortByWeight(tally.Reasons);

        var score = (int)Math.Clamp(tally.Score, int.MinValue, int.MaxValue);
        return new PriorityAssessment(
            score,
            BandOf(score),
            tally.Reasons,
            outcome,
            mostUrgent,
            input.WorkingDaysSinceLastContact)
        {
            RatingInconsistency = Inconsistency(input),
        };
    }

    /// <summary>
    /// "Rated green; child protection plan since 3 Mar 2026: review the risk rating" when a case is rated green risk while the
    /// child has a status that is never green (<see cref="PriorityWeights.AtLeastAmberStatuses"/>); null otherwise.
    /// </summary>
    public static string? Inconsistency(PriorityInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Risk != Risk.Green) return null;
        var statuses = PriorityWeights.AtLeastAmberStatuses.Where(input.Characteristics.Contains).ToList();
        if (statuses.Count == 0) return null;
        var each = statuses.Select(code =>
        {
            var words = StatusWords(code);
            return input.StatusSince.TryGetValue(code, out var since)
                ? $"{words} since {UkTime.Format(since)}"
                : words;
        });
        return $"Rated green; {string.Join("; ", each)}: review the risk rating";
    }

    private static string StatusWords(string code) => code switch
    {
        Characteristics.ChildProtectionPlan => "child protection plan",
        Characteristics.LookedAfter => "looked after",
        _ => Characteristics.Title(code).ToLowerInvariant(),
    };

    /// <summary>
    /// The band a case may not fall below whatever its risk rating (see <see cref="PriorityWeights.ContactDriftAmberFromPercent"/>
    /// and <see cref="PriorityWeights.AtLeastAmberStatuses"/>): the score is raised to the band's threshold, the points going to
    /// the reason that sets the floor, which says so. Returns the floor's score and why, for an override that would lower it.
    /// </summary>
    private (long Score, string Why) ApplyMinimumBand(PriorityInput input, ref Tally tally)
    {
        (long Score, string Why, string Factor, string Words) floor = (0, "", "", "");
        if (input.WorkingDaysSinceLastContact is int since && input.ExpectedContactEveryWorkingDays is int expected && expected > 0)
        {
            var percent = (long)since * 100;
            if (percent >= (long)expected * weights.ContactDriftRedFromPercent)
            {
                floor = (weights.RedBandFrom, "stays red because the child has not been seen for " + Multiple(weights.ContactDriftRedFromPercent),
                    PriorityFactors.ContactDrift, $"{Multiple(weights.ContactDriftRedFromPercent)} or more, so at least red priority");
            }
            else if (percent >= (long)expected * weights.ContactDriftAmberFromPercent)
            {
                floor = (weights.AmberBandFrom, "stays amber because the child has not been seen for " + Multiple(weights.ContactDriftAmberFromPercent),
                    PriorityFactors.ContactDrift, $"{Multiple(weights.ContactDriftAmberFromPercent)} or more, so at least amber priority");
            }
        }

        if (floor.Score < weights.AmberBandFrom && PriorityWeights.AtLeastAmberStatuses.FirstOrDefault(input.Characteristics.Contains) is { } status)
        {
            floor = (weights.AmberBandFrom, $"stays amber because of the {StatusWords(status)} status",
                PriorityFactors.Vulnerability, $"{Characteristics.Title(status).ToLowerInvariant()}: at least amber priority");
        }

        if (floor.Score == 0) return (0, "");
        var needed = floor.Score - tally.Score;
        if (needed > 0)
        {
            var at = tally.Reasons.FindIndex(r => r.Factor == floor.Factor);
            if (at < 0)
            {
                var detail = floor.Factor == PriorityFactors.ContactDrift
                    ? string.Create(CultureInfo.InvariantCulture, $"No contact for {input.WorkingDaysSinceLastContact} working days; expected every {input.ExpectedContactEveryWorkingDays}")
                    : Characteristics.Title(PriorityWeights.AtLeastAmberStatuses.First(input.Characteristics.Contains));
                tally.Add(floor.Factor, $"{detail} ({floor.Words})", needed);
            }
            else
            {
                var reason = tally.Reasons[at];
                tally.Reasons[at] = reason with { Detail = $"{reason.Detail} ({floor.Words})", Weight = (int)Math.Min(int.MaxValue, reason.Weight + needed) };
                tally.Score += needed;
            }
        }

        return (floor.Score, floor.Why);
    }

    private static string Multiple(int percent) => percent switch
    {
        200 => "twice the expected interval",
        300 => "three times the expected interval",
        _ when percent % 100 == 0 => string.Create(CultureInfo.InvariantCulture, $"{percent / 100} times the expected interval"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{percent}% of the expected interval"),
    };

    public PriorityBand BandOf(int score) =>
        score >= weights.RedBandFrom ? PriorityBand.Red
        : score >= weights.AmberBandFrom ? PriorityBand.Amber
        : PriorityBand.Green;

    private void AddVulnerability(PriorityInput input, ref Tally tally)
    {
        ulong present = 0;
        var characteristics = input.Characteristics;
        if (characteristics.Count > 0)
        {
            foreach (var code in characteristics)
            {
                // A set bit per weighted characteristic also stops a repeated code counting twice.
                if (code is not null && vulnerabilityRank.TryGetValue(code, out var rank))
                {
                    present |= 1UL << rank;
                }
            }
        }

        var underFive = weights.UnderFive > 0 && input.AgeInYears is int age && age >= 0 && age < weights.UnderFiveAge;
        if (present == 0 && !underFive)
        {
            return;
        }

        long points = 0;
        var detail = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture);
        var first = true;
        for (var rank = 0; rank < rankedPoints.Length && present >> rank != 0; rank++)
        {
            if ((present & (1UL << rank)) != 0)
            {
                points += rankedPoints[rank];
                if (!first)
                {
                    detail.AppendLiteral("; ");
                }

                detail.AppendLiteral(rankedTitles[rank]);
                first = false;
            }
        }

        if (underFive)
        {
            points += weights.UnderFive;
            detail.AppendLiteral(first ? "Aged under " : "; aged under ");
            detail.AppendFormatted(weights.UnderFiveAge);
        }

        var text = detail.ToStringAndClear();
        points = Math.Min(points, weights.VulnerabilityCap);
        if (points > 0)
        {
            tally.Add(PriorityFactors.Vulnerability, text, points);
        }
    }

    // Each overdue follow-up weighs a fixed amount that grows a little per working day (as an overdue deadline does, up to the
    // same growth cap); together they are capped. The detail names each agency, the longest overdue first.
    private void AddReferralFollowUps(PriorityInput input, ref Tally tally)
    {
        var followUps = input.OverdueReferralFollowUps;
        if (followUps.Count == 0) return;
        long points = 0;
        foreach (var followUp in followUps)
        {
            long overdue = Math.Max(0, followUp.WorkingDaysOverdue);
            points += weights.ReferralFollowUpOverdue + (Math.Min(overdue, weights.OverdueGrowthCapWorkingDays) * weights.ReferralFollowUpOverduePerWorkingDay);
        }

        points = Math.Min(points, weights.ReferralFollowUpOverdueCap);
        if (points <= 0) return;
        var each = followUps.OrderByDescending(f => f.WorkingDaysOverdue).ThenBy(f => f.Agency, StringComparer.Ordinal)
            .Select(f => f.WorkingDaysOverdue > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{f.Agency} by {f.WorkingDaysOverdue} working day{Plural(f.WorkingDaysOverdue)}")
                : $"{f.Agency}, just overdue")
            .ToList();
        var detail = followUps.Count == 1
            ? (followUps[0].WorkingDaysOverdue > 0
                ? string.Create(CultureInfo.InvariantCulture, $"Referral to {followUps[0].Agency}: follow-up overdue by {followUps[0].WorkingDaysOverdue} working day{Plural(followUps[0].WorkingDaysOverdue)}")
                : $"Referral to {followUps[0].Agency}: follow-up overdue")
            : string.Create(CultureInfo.InvariantCulture, $"{followUps.Count} referral follow-ups overdue: {string.Join("; ", each)}");
        tally.Add(PriorityFactors.ReferralFollowUpOverdue, detail, points);
    }

    private OverrideOutcome ApplyOverride(PriorityOverride priorityOverride, PriorityInput input, (long Score, string Why) minimum, ref Tally tally)
    {
        var score = tally.Score;
        var author = string.IsNullOrWhiteSpace(priorityOverride.Author) ? "an unknown author" : priorityOverride.Author.Trim();
        var problem = Check(priorityOverride);
        if (problem != OverrideProblem.None)
        {
            var why = problem switch
            {
                OverrideProblem.NoRationale => "it has no rationale",
                OverrideProblem.NoAuthor => "it does not say who made it",
                OverrideProblem.NoDirection => "it neither raises nor lowers the priority",
                _ => throw new InvalidOperationException("Unknown override problem"),
            };
            tally.Add(PriorityFactors.Override, $"Priority override by {author} not applied: {why}", 0);
            return OverrideOutcome.Refused;
        }

        var rationale = priorityOverride.Rationale.Trim().TrimEnd('.');
        if (priorityOverride.ExpiresOn is DateOnly expired && expired < input.Today)
        {
            tally.Add(
                PriorityFactors.Override,
                $"Priority override by {author} expired on {UkTime.Format(expired)} and is ignored: {rationale}",
                0);
            return OverrideOutcome.Expired;
        }

        var until = priorityOverride.ExpiresOn is DateOnly expiresOn
            ? $" (until {UkTime.Format(expiresOn)})"
            : "";

        if (priorityOverride.Direction == OverrideDirection.Raise)
        {
            tally.Add(PriorityFactors.Override, $"Priority raised by {author}: {rationale}{until}", weights.OverrideShift);
            return OverrideOutcome.Applied;
        }

        // Never below zero; never out of red for red risk or a safeguarding concern (see remarks); never below the minimum band
        // that contact drift or a child protection or looked-after status sets.
        var redByJudgement = input.Risk == Risk.Red || input.SafeguardingConcern;
        long floor = redByJudgement ? Math.Min(weights.RedBandFrom, score) : Math.Min(Math.Max(0, minimum.Score), score);
        var lowered = Math.Max(score - weights.OverrideShift, floor);
        var held = lowered > score - weights.OverrideShift && (redByJudgement || minimum.Score > 0)
            ? redByJudgement
                ? input.Risk == Risk.Red ? "; stays red because risk is rated red" : "; stays red because of the safeguarding concern"
                : "; " + minimum.Why
            : "";
        tally.Add(PriorityFactors.Override, $"Priority lowered by {author}: {rationale}{until}{held}", lowered - score);
        return OverrideOutcome.Applied;
    }

    private static OverrideProblem Check(PriorityOverride priorityOverride) =>
        string.IsNullOrWhiteSpace(priorityOverride.Rationale) ? OverrideProblem.NoRationale
        : string.IsNullOrWhiteSpace(priorityOverride.Author) ? OverrideProblem.NoAuthor
        : !Enum.IsDefined(priorityOverride.Direction) ? OverrideProblem.NoDirection
        : OverrideProblem.None;

    // Insertion sort: stable (equal weights keep the factor order above) and quick for the handful of reasons a case has.
    private static void SortByWeight(List<PriorityReason> reasons)
    {
        for (var i = 1; i < reasons.Count; i++)
        {
            var reason = reasons[i];
            var j = i - 1;
            while (j >= 0 && reasons[j].Weight < reason.Weight)
            {
                reasons[j + 1] = reasons[j];
                j--;
            }

            reasons[j + 1] = reason;
        }
    }

    private static string Plural(long count) => count == 1 ? "" : "s";

    private struct Tally(int capacity)
    {
        public readonly List<PriorityReason> Reasons = new(capacity);
        public long Score;

        public void Add(string factor, string detail, long points)
        {
            var weight = (int)Math.Clamp(points, int.MinValue, int.MaxValue);
            Reasons.Add(new PriorityReason(factor, detail, weight));
            Score += weight;
        }
    }

    private enum OverrideProblem
    {
        None = 0,
        NoRationale,
        NoAuthor,
        NoDirection,
    }
}
