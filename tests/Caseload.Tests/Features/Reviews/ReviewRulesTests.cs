using Caseload.Features.Cases;
using Caseload.Features.Reviews;

namespace Caseload.Tests.Features.Reviews;

public sealed class ReviewRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static ReviewInput Input(string? progress = "Attends school daily", string? barriers = "None identified", string? risks = "No new concerns",
        string? riskRating = null, string? adjustments = "Visits move to fortnightly", string? decision = "continue", DateOnly? next = null) =>
        new(progress, barriers, risks, riskRating, adjustments, decision, next ?? Today.AddDays(28));

    [Fact]
    public void A_complete_review_passes_and_reads_its_decision_and_rating()
    {
        var checkedReview = ReviewRules.Check(Input(riskRating: "Red", decision: "step-up"), Today);
        Assert.Empty(checkedReview.Errors);
        Assert.Equal(ReviewDecision.StepUp, checkedReview.Decision);
        Assert.Equal(Risk.Red, checkedReview.RiskRating);
        Assert.Equal(Today.AddDays(28), checkedReview.NextReviewOn);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Each_text_field_is_required_and_whitespace_is_not_an_answer(string? blank)
    {
        var errors = ReviewRules.Check(Input(progress: blank, barriers: blank, risks: blank, adjustments: blank), Today).Errors;
        Assert.Equal(new[] { "adjustments", "barriers", "progress", "risks" }, errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Enter the progress since the last review", errors["progress"]);
    }

    [Fact]
    public void Text_longer_than_the_limit_or_with_a_nul_character_is_refused()
    {
        var errors = ReviewRules.Check(Input(progress: new string('a', ReviewRules.MaxTextLength + 1), risks: "a\0b"), Today).Errors;
        Assert.Equal("Progress must be 10,000 characters or fewer", errors["progress"]);
        Assert.Contains("cannot be stored", errors["risks"], StringComparison.Ordinal);
        Assert.Empty(ReviewRules.Check(Input(progress: new string('a', ReviewRules.MaxTextLength)), Today).Errors);
    }

    [Fact]
    public void The_next_review_is_today_or_later_and_within_two_years()
    {
        Assert.Empty(ReviewRules.Check(Input(next: Today), Today).Errors);
        Assert.Equal("The date of the next review must be today or in the future", ReviewRules.Check(Input(next: Today.AddDays(-1)), Today).Errors["nextReviewOn"]);
        Assert.Empty(ReviewRules.Check(Input(next: Today.AddYears(2)), Today).Errors);
        Assert.Equal("The date of the next review must be within 2 years of today", ReviewRules.Check(Input(next: Today.AddYears(2).AddDays(1)), Today).Errors["nextReviewOn"]);
        Assert.Equal("Enter the date of the next review", ReviewRules.Check(Input() with { NextReviewOn = null }, Today).Errors["nextReviewOn"]);
    }

    [Theory]
    [InlineData("continue", ReviewDecision.Continue)]
    [InlineData("step-up", ReviewDecision.StepUp)]
    [InlineData("step-down", ReviewDecision.StepDown)]
    [InlineData("transfer", ReviewDecision.Transfer)]
    [InlineData("close", ReviewDecision.Close)]
    public void Every_decision_reads_from_its_code_and_back(string code, ReviewDecision decision)
    {
        Assert.True(ReviewDecisions.TryParse(code, out var parsed));
        Assert.Equal(decision, parsed);
        Assert.Equal(code, decision.ToCode());
        Assert.Empty(ReviewRules.Check(Input(decision: code), Today).Errors);
    }

    [Fact]
    public void An_unknown_decision_or_rating_is_refused_naming_the_field()
    {
        var errors = ReviewRules.Check(Input(decision: "escalate", riskRating: "purple"), Today).Errors;
        Assert.Equal("Select a decision: one of continue, step-up, step-down, transfer, close", errors["decision"]);
        Assert.StartsWith("Select a risk rating", errors["riskRating"], StringComparison.Ordinal);
        Assert.Equal("Select a decision", ReviewRules.Check(Input(decision: null), Today).Errors["decision"]);
    }

    [Fact]
    public void No_rating_leaves_the_risk_as_it_is()
    {
        Assert.Null(ReviewRules.Check(Input(riskRating: null), Today).RiskRating);
        Assert.Null(ReviewRules.Check(Input(riskRating: " "), Today).RiskRating);
    }

    [Fact]
    public void The_risk_history_reason_is_the_review_words_cut_to_what_the_history_keeps()
    {
        Assert.Equal("Case review: Police called to the home", ReviewRules.RiskReason("  Police called to the home "));
        var cut = ReviewRules.RiskReason(new string('x', 5_000));
        Assert.Equal(CaseRules.MaxReasonLength, cut.Length);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
    }
}
