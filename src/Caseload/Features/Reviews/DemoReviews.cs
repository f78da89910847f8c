using Caseload.Features.Administration;
using Caseload.Features.Cases;
using Caseload.Platform.Time;

namespace Caseload.Features.Reviews;

/// <summary>
/// The demo authority's earlier case reviews: about two in three open cases were reviewed some weeks ago, and that review set
/// the case's review date, so the caseload review and the next review's "what the last review planned" have content. Chosen
/// from the case's index, not the demo's random generator, so the rest of the generated data stays as it was.
/// </summary>
public static class DemoReviews
{
    private static readonly (string Progress, string Barriers, string Risks, string Adjustments)[] Texts =
    [
        ("{name} has attended school on 18 of the last 20 days. Mum attended both parenting sessions.",
         "Mum's shifts change weekly, so visits are hard to arrange.",
         "No new concerns reported by the school, the health visitor or the family.",
         "Visits move to after school on Thursdays. Mum to ring the school if {name} is absent."),
        ("{name} joined the youth club and has gone every week. The housing application was submitted.",
         "The family are still waiting for a housing decision.",
         "Overcrowding at home remains; no incidents reported since the last review.",
         "Ask the housing officer for a date for the decision. Keep fortnightly visits."),
        ("{name}'s attendance has risen from 71% to 88%. The school has put a mentor in place.",
         "{name} does not want to talk about home at school.",
         "Dad's contact is supervised by the family as agreed; no concerns raised.",
         "Mentor to meet {name} weekly. Review the attendance plan with the school in four weeks."),
        ("The family plan actions are done apart from the GP appointment.",
         "None identified.",
         "No change: the risks recorded at the last review are managed by the plan.",
         "Mum to book the GP appointment this month. Plan stays as agreed."),
    ];

    public static CaseReview? ForCase(Case @case, string givenName, CaseloadUser worker, DateOnly today, int index)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(worker);
        if (@case.Status != CaseStatus.Open || @case.ReviewDueOn is not { } next || index % 3 == 2) return null;
        var reviewedOn = today.AddDays(-31 - index % 28);
        if (@case.OpenedOn is not { } opened || opened > reviewedOn.AddDays(-10)) return null;
        var text = Texts[index % Texts.Length];
        string Fill(string s) => s.Replace("{name}", givenName, StringComparison.Ordinal);
        return new CaseReview
        {
            Id = Guid.CreateVersion7(),
            CaseId = @case.Id,
            Number = 1,
            ReviewedOn = reviewedOn,
            RecordedAt = UkTime.StartOfDay(reviewedOn).AddHours(15),
            AuthorId = worker.Id,
            AuthorName = worker.DisplayName,
            Progress = Fill(text.Progress),
            Barriers = Fill(text.Barriers),
            Risks = Fill(text.Risks),
            RiskRating = @case.Risk,
            Adjustments = Fill(text.Adjustments),
            Decision = index % 11 == 0 ? ReviewDecision.StepDown : ReviewDecision.Continue,
            NextReviewOn = next,
        };
    }
}
