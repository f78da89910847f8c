using Caseload.Features.Cases;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Features.Drift;
using Caseload.Features.Plans;
using Caseload.Features.Shared;

namespace Caseload.Tests.Features.Plans;

public sealed class PlanRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static GoalInput Goal(string? measure = "scale", decimal? baseline = 3, decimal? target = 8, DateOnly? targetDate = null) =>
        new("Jordan gets to school on time", null, measure, baseline, target, targetDate ?? Today.AddMonths(4), "Jordan and Mum");

    private static PlanInput Plan(params GoalInput?[] goals) =>
        new(goals, [new ActionInput("Walk to school together", "Mum", Today.AddDays(7), 0)], Today.AddMonths(2));

    [Fact]
    public void A_smart_goal_with_an_action_and_a_review_date_passes()
    {
        Assert.Empty(PlanRules.Check(Plan(Goal(), Goal("% attendance", 62, 90)), Today));
    }

    [Fact]
    public void A_goal_missing_its_measure_target_and_date_names_each_field_by_its_place()
    {
        var errors = PlanRules.Check(Plan(Goal(), new GoalInput("Better sleep", null, " ", 4, null, null, null)), Today);
        Assert.Equal(["goals[1].measure", "goals[1].target", "goals[1].targetDate"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Enter the date the goal should be met by", errors["goals[1].targetDate"]);
    }

    [Fact]
    public void A_plan_needs_a_goal_dates_not_in_the_past_and_scale_scores_from_1_to_10()
    {
        Assert.Equal(["goals"], PlanRules.Check(Plan(), Today).Keys);
        Assert.Equal(["goals[0].targetDate"], PlanRules.Check(Plan(Goal(targetDate: Today.AddDays(-1))), Today).Keys);
        Assert.Empty(PlanRules.Check(Plan(Goal(targetDate: Today)), Today));
        Assert.Equal(["goals[0].baseline", "goals[0].target"], PlanRules.Check(Plan(Goal(baseline: 0, target: 7.5m)), Today).Keys.Order(StringComparer.Ordinal));
        // A number with a unit may be anything sensible, 0 included.
        Assert.Empty(PlanRules.Check(Plan(Goal("days in school a week", 0, 4.5m)), Today));
        var late = new PlanInput([Goal()], [new ActionInput("Call the school", "pat.practitioner", Today.AddDays(-1), 2)], Today.AddDays(-1));
        Assert.Equal(["actions[0].dueOn", "actions[0].goalIndex", "reviewOn"], PlanRules.Check(late, Today).Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("scale", "scale", null)]
    [InlineData("1-10", "scale", null)]
    [InlineData(" % attendance ", "number", "% attendance")]
    public void A_measure_is_a_scale_or_the_unit_of_a_number(string given, string kind, string? unit)
    {
        Assert.Equal(new GoalMeasure(kind, unit), PlanRules.ReadMeasure(given));
        Assert.Null(PlanRules.ReadMeasure("  "));
    }

    [Fact]
    public void Progress_needs_a_date_not_in_the_future_a_status_a_comment_and_a_reason_when_abandoned()
    {
        var scale = new GoalMeasure(PlanCodes.Scale, null);
        var agreed = Today.AddDays(-14);
        Assert.Empty(PlanRules.CheckProgress(new ProgressInput(Today, 5, null, "Late twice", PlanCodes.OnTrack, null), scale, agreed, Today));
        Assert.Equal(["recordedOn"], PlanRules.CheckProgress(new ProgressInput(Today.AddDays(1), 5, null, "x", PlanCodes.OnTrack, null), scale, agreed, Today).Keys);
        Assert.Equal(["recordedOn"], PlanRules.CheckProgress(new ProgressInput(agreed.AddDays(-1), 5, null, "x", PlanCodes.OnTrack, null), scale, agreed, Today).Keys);
        Assert.Equal(["comment", "status", "value"],
            PlanRules.CheckProgress(new ProgressInput(Today, null, null, " ", null, null), scale, agreed, Today).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["reason"], PlanRules.CheckProgress(new ProgressInput(Today, null, null, "Moved", PlanCodes.Abandoned, null), scale, agreed, Today).Keys);
        Assert.Empty(PlanRules.CheckProgress(new ProgressInput(Today, null, null, "Moved", PlanCodes.Abandoned, "Moved school"), scale, agreed, Today));
        Assert.Equal(["value"], PlanRules.CheckProgress(new ProgressInput(Today, 11, null, "x", PlanCodes.AtRisk, null), scale, agreed, Today).Keys);
    }

    private static GoalProgress At(int day, decimal? value, string status = PlanCodes.OnTrack) => new()
    {
        Id = Guid.NewGuid(), RecordedOn = new DateOnly(2026, 11, day), Value = value, Comment = "c", Status = status, RecordedById = "u", RecordedByName = "u",
    };

    [Fact]
    public void Tracking_follows_the_date_order_counting_the_same_score_running_from_the_newest()
    {
        var agreed = new DateOnly(2026, 11, 1);
        Assert.Equal((agreed, 0, (string?)null), PlanRules.Track([], agreed));
        Assert.Equal((new DateOnly(2026, 11, 20), 3, PlanCodes.AtRisk),
            PlanRules.Track([At(20, 4, PlanCodes.AtRisk), At(5, 6), At(12, 4), At(16, 4)], agreed));
        // Recorded late but dated earlier: the newest by date still decides.
        Assert.Equal((new DateOnly(2026, 11, 20), 1, PlanCodes.OnTrack), PlanRules.Track([At(20, 5), At(12, 4), At(16, 4)], agreed));
    }

    private static DriftContext Context(DriftThresholds? thresholds = null) =>
        new(Today, WorkingDayCalendar.Shipped(Division.EnglandAndWales), thresholds ?? DriftThresholds.Default);

    private static DriftSnapshot Snapshot(DateOnly? quiet, int run, CaseStatus status = CaseStatus.Open) =>
        new() { CaseId = Guid.NewGuid(), Status = status, ReferredOn = Today.AddDays(-100), OpenedOn = Today.AddDays(-100), PlanQuietSince = quiet, PlanSameScoreRun = run };

    [Fact]
    public void A_plan_stalls_after_six_weeks_without_progress_or_three_same_scores_and_the_weeks_are_configurable()
    {
        var signal = new PlanStalledSignal();
        Assert.Null(signal.Find(Snapshot(Today.AddDays(-41), 2), Context()));
        var quiet = signal.Find(Snapshot(Today.AddDays(-42), 0), Context());
        Assert.Equal((DriftCodes.PlanStalled, DriftSeverity.Medium, (DateOnly?)Today), (quiet!.Code, quiet.Level, quiet.Since));
        Assert.Null(signal.Find(Snapshot(Today.AddDays(-42), 0), Context(DriftThresholds.Default with { PlanStalledWeeks = 8 })));
        Assert.Contains("same score at 3 progress records", signal.Find(Snapshot(Today, 3), Context())!.Detail, StringComparison.Ordinal);
        Assert.Null(signal.Find(Snapshot(Today, 3), Context(DriftThresholds.Default with { PlanSameScoreRecords = 4 })));
        Assert.Null(signal.Find(Snapshot(Today.AddDays(-60), 5, CaseStatus.Closed), Context()));
        Assert.Null(signal.Find(Snapshot(null, 0), Context()));
        Assert.Contains(DriftRules.StandardSignals, s => s.Code == DriftCodes.PlanStalled);
    }

    [Fact]
    public void The_chart_is_an_svg_labelled_by_its_title_and_description_with_each_value_and_the_target_written_on_it()
    {
        var html = LineChart.Render("goal-1-chart", "Goal 1: scores over time", "From 3 to 6", [new("Baseline", 3), new("9 Nov", 4), new("20 Nov", 6)], 0, 10, 8, "Target 8").ToString()!;
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-labelledby=\"goal-1-chart-title goal-1-chart-desc\"", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"goal-1-chart-title\">Goal 1: scores over time</title>", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("<circle").Length - 1);
        Assert.Contains(">Target 8</text>", html, StringComparison.Ordinal);
        Assert.Contains(">20 Nov</text>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.Equal([0m, 2m, 4m, 6m, 8m, 10m], LineChart.Ticks(0, 10));
    }
}
