using System.Globalization;
using System.Text;

namespace Caseload.Features.Worklist;

/// <summary>
/// The worklist band computed from the priority score. Distinct from <see cref="Cases.Risk"/>, which is the
/// practitioner's rating and one of the inputs.
/// </summary>
public enum PriorityBand
{
    Green = 0,
    Amber = 1,
    Red = 2,
}

public static class PriorityBands
{
    public static string ToCode(this PriorityBand band) => band switch
    {
        PriorityBand.Green => "green",
        PriorityBand.Amber => "amber",
        PriorityBand.Red => "red",
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };
}

/// <summary>Stable codes of the factors that make up a priority, as used by the API and the pages.</summary>
public static class PriorityFactors
{
    public const string Risk = "risk";
    public const string Safeguarding = "safeguarding";
    public const string Vulnerability = "vulnerability";
    public const string Deadline = "deadline";
    public const string OverdueDeadline = "overdue-deadline";
    public const string ContactDrift = "contact-drift";
    public const string OverdueTasks = "overdue-tasks";
    public const string ReviewOverdue = "review-overdue";
    public const string ReferralFollowUpOverdue = "referral-follow-up-overdue";
    public const string Override = "override";

    /// <summary>A factor in plain words, as the "why is this case here?" page names it.</summary>
    public static string Title(string factor) => factor switch
    {
        Risk => "Risk rating",
        Safeguarding => "Safeguarding concern",
        Vulnerability => "Vulnerability",
        Deadline => "Deadline coming up",
        OverdueDeadline => "Deadline overdue",
        ContactDrift => "Contact",
        OverdueTasks => "Tasks overdue",
        ReviewOverdue => "Review overdue",
        ReferralFollowUpOverdue => "Referral follow-up overdue",
        Override => "Priority override",
        _ => factor,
    };
}

/// <summary>What happened to the case's priority override, if it had one.</summary>
public enum OverrideOutcome
{
    None = 0,
    Applied = 1,
    Expired = 2,

    /// <summary>Invalid (no rationale or no author): not applied.</summary>
    Refused = 3,
}

/// <param name="Factor">One of <see cref="PriorityFactors"/>.</param>
/// <param name="Detail">Plain English, e.g. "No contact for 20 working days; expected every 10".</param>
/// <param name="Weight">Points this reason contributed to the score; negative when an override lowered it, zero when it is a note.</param>
public sealed record PriorityReason(string Factor, string Detail, int Weight);

/// <summary>A case's computed priority and why.</summary>
/// <param name="Score">The sum of the reasons' weights; higher means work first.</param>
/// <param name="Band">From the score, by the weights' band thresholds.</param>
/// <param name="Reasons">Every factor that applied, ordered by weight, highest first; an override never hides the others.</param>
/// <param name="Override">What happened to the case's override, if it had one.</param>
/// <param name="MostUrgentDeadlineWorkingDays">Tie-break key for <see cref="PriorityOrder"/>, not a factor: working days until the most urgent open deadline (negative when overdue); null without deadlines.</param>
/// <param name="WorkingDaysSinceLastContact">Tie-break key for <see cref="PriorityOrder"/>, as given in the input; null when never contacted.</param>
public sealed record PriorityAssessment(
    int Score,
    PriorityBand Band,
    IReadOnlyList<PriorityReason> Reasons,
    OverrideOutcome Override,
    int? MostUrgentDeadlineWorkingDays,
    int? WorkingDaysSinceLastContact)
{
    /// <summary>
    /// Set when the risk rating disagrees with the child's status: "Rated green; child protection plan since 3 Mar 2026: review the
    /// risk rating". Not a factor (it adds no points): a prompt to the practitioner and their supervisor.
    /// </summary>
    public string? RatingInconsistency { get; init; }

    /// <summary>
    /// A plain-English summary: the band and score, then one sentence per reason with its points,
    /// e.g. "Red priority, score 110. Risk rated red (+100). 2 tasks overdue (+4)."
    /// </summary>
    public string Explain()
    {
        var text = new StringBuilder();
        text.Append(Band switch
        {
            PriorityBand.Red => "Red",
            PriorityBand.Amber => "Amber",
            PriorityBand.Green => "Green",
            _ => throw new InvalidOperationException($"Unknown priority band {Band}"),
        });
        text.Append(CultureInfo.InvariantCulture, $" priority, score {Score}.");

        if (Reasons.Count == 0)
        {
            text.Append(" Nothing raises this case's priority.");
            return text.ToString();
        }

        for (var i = 0; i < Reasons.Count; i++)
        {
            var reason = Reasons[i];
            text.Append(' ').Append(reason.Detail);
            text.Append(reason.Weight switch
            {
                > 0 => string.Create(CultureInfo.InvariantCulture, $" (+{reason.Weight})"),
                < 0 => string.Create(CultureInfo.InvariantCulture, $" ({reason.Weight})"),
                _ => " (no effect)",
            });
            text.Append('.');
        }

        return text.ToString();
    }
}
