using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;

namespace Caseload.Tests.Features.Deadlines;

public class DeadlineRulesTests
{
    private static readonly WorkingDayCalendar EnglandAndWales = WorkingDayCalendar.Shipped(Division.EnglandAndWales);
    private static readonly WorkingDayCalendar Scotland = WorkingDayCalendar.Shipped(Division.Scotland);

    // Thursday 7 May 2026; Monday 4 May is the early May bank holiday.
    private static readonly DateOnly Due = new(2026, 5, 7);

    private static Timescale Get(string code) => NewInstallation.Catalogue.Find(code)!;

    private static Timescale WorkingDays(int length) =>
        new("test", "Test", "the start", length, TimescaleUnit.WorkingDays, "Test", Nations.England, TimescaleKind.Organisational);

    [Fact]
    public void The_due_date_explanation_names_the_holidays_it_skips()
    {
        var calculation = DeadlineRules.Calculate(WorkingDays(4), new DateOnly(2026, 12, 21), EnglandAndWales);

        Assert.Equal(new DateOnly(2026, 12, 29), calculation.Due);
        Assert.Equal(
            "Due 29 Dec 2026 — 4 working days after 21 Dec; skips Christmas Day (25 Dec) and Boxing Day (substitute day, 28 Dec)",
            calculation.Explanation);
    }

    [Fact]
    public void An_explanation_across_the_new_year_gives_the_years()
    {
        var calculation = DeadlineRules.Calculate(WorkingDays(10), new DateOnly(2026, 12, 21), EnglandAndWales);

        Assert.Equal(
            "Due 7 Jan 2027 — 10 working days after 21 Dec 2026; "
            + "skips Christmas Day (25 Dec 2026), Boxing Day (substitute day, 28 Dec 2026) and New Year’s Day (1 Jan 2027)",
            calculation.Explanation);
        Assert.Equal(3, calculation.Skipped.Count);
    }

    [Fact]
    public void An_explanation_without_holidays_says_only_the_count()
    {
        var calculation = DeadlineRules.Calculate(Get(Timescales.ReferralDecision), new DateOnly(2026, 6, 12), EnglandAndWales);

        Assert.Equal("Due 15 Jun 2026 — 1 working day after 12 Jun", calculation.Explanation);
        Assert.Empty(calculation.Skipped);
    }

    [Fact]
    public void An_explanation_says_when_the_holidays_are_calculated_not_published()
    {
        var calculation = DeadlineRules.Calculate(WorkingDays(1), new DateOnly(2028, 12, 22), EnglandAndWales);

        Assert.Equal(
            "Due 27 Dec 2028 — 1 working day after 22 Dec; skips Christmas Day (25 Dec) and Boxing Day (26 Dec). "
            + "Bank holidays in 2028 are calculated, not yet published",
            calculation.Explanation);
    }

    [Fact]
    public void The_initial_child_protection_conference_is_due_15_working_days_after_the_strategy_discussion()
    {
        var due = DeadlineRules.DueDate(Get(Timescales.InitialChildProtectionConference), new DateOnly(2026, 12, 7), EnglandAndWales);

        Assert.Equal(new DateOnly(2026, 12, 30), due);
    }

    [Fact]
    public void A_child_and_family_assessment_is_due_45_working_days_after_referral_skipping_Easter_and_early_May()
    {
        var calculation = DeadlineRules.Calculate(Get(Timescales.ChildAndFamilyAssessment), new DateOnly(2026, 3, 2), EnglandAndWales);

        Assert.Equal(new DateOnly(2026, 5, 7), calculation.Due);
        Assert.Equal(["Good Friday", "Easter Monday", "Early May bank holiday"], calculation.Skipped.Select(h => h.Title));
    }

    [Fact]
    public void The_first_looked_after_review_counts_20_working_days_over_Christmas()
    {
        var due = DeadlineRules.DueDate(Get(Timescales.FirstLookedAfterReview), new DateOnly(2026, 12, 18), EnglandAndWales);

        Assert.Equal(new DateOnly(2027, 1, 20), due);
    }

    [Fact]
    public void SEND_timescales_count_whole_weeks_from_the_request()
    {
        var request = new DateOnly(2026, 9, 2);

        Assert.Equal(new DateOnly(2026, 10, 14), DeadlineRules.DueDate(Get(Timescales.EhcNeedsAssessmentDecision), request, EnglandAndWales));
        Assert.Equal(new DateOnly(2027, 1, 20), DeadlineRules.DueDate(Get(Timescales.FinalEhcPlan), request, EnglandAndWales));
    }

    [Fact]
    public void A_review_due_in_a_short_month_falls_on_its_last_day_and_the_explanation_says_why()
    {
        var calculation = DeadlineRules.Calculate(Get(Timescales.FirstChildProtectionReviewConference), new DateOnly(2026, 11, 30), EnglandAndWales);

        Assert.Equal(new DateOnly(2027, 2, 28), calculation.Due);
        Assert.Equal(
            "Due 28 Feb 2027 — 3 months after 30 Nov 2026; there is no 30 February, so it is the last day of the month; "
            + "that is a weekend, so the last working day before it is 26 Feb",
            calculation.Explanation);
    }

    [Fact]
    public void A_Scottish_planning_meeting_due_on_a_bank_holiday_says_so()
    {
        var calculation = DeadlineRules.Calculate(Get(Timescales.ChildProtectionPlanningMeeting), new DateOnly(2026, 11, 30), Scotland);

        Assert.Equal(new DateOnly(2026, 12, 28), calculation.Due);
        Assert.Equal(
            "Due 28 Dec 2026 — 28 calendar days after 30 Nov; that is a bank holiday, Boxing Day (substitute day), "
            + "so the last working day before it is 24 Dec",
            calculation.Explanation);
    }

    [Fact]
    public void A_timescale_of_no_length_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>("timescale", () => DeadlineRules.DueDate(WorkingDays(0), new DateOnly(2026, 1, 5), EnglandAndWales));
    }

    [Theory]
    [InlineData("2026-04-30", DeadlineStatus.Upcoming, 4, 0)] // Fri 1, (Mon 4 holiday), Tue 5, Wed 6, Thu 7
    [InlineData("2026-05-05", DeadlineStatus.DueSoon, 2, 0)]
    [InlineData("2026-05-06", DeadlineStatus.DueSoon, 1, 0)]
    [InlineData("2026-05-07", DeadlineStatus.DueToday, 0, 0)]
    [InlineData("2026-05-08", DeadlineStatus.Overdue, 0, 1)]
    [InlineData("2026-05-10", DeadlineStatus.Overdue, 0, 1)] // Sunday: still 1 working day overdue
    [InlineData("2026-05-11", DeadlineStatus.Overdue, 0, 2)]
    public void An_open_deadline_moves_from_upcoming_to_overdue_in_working_days(string today, DeadlineStatus status, int left, int late)
    {
        var state = DeadlineRules.Evaluate(new Deadline(Due), IsoDate.Parse(today), EnglandAndWales);

        Assert.Equal((status, left, late), (state.Status, state.WorkingDaysLeft, state.WorkingDaysLate));
    }

    [Fact]
    public void Due_soon_is_configurable()
    {
        var today = new DateOnly(2026, 4, 30);

        Assert.Equal(DeadlineStatus.DueSoon, DeadlineRules.Evaluate(new Deadline(Due), today, EnglandAndWales, dueSoonWorkingDays: 4).Status);
        Assert.Equal(DeadlineStatus.Upcoming, DeadlineRules.Evaluate(new Deadline(Due), today, EnglandAndWales, dueSoonWorkingDays: 3).Status);
    }

    [Fact]
    public void A_deadline_met_on_time_is_met_whatever_today_is()
    {
        var state = DeadlineRules.Evaluate(new Deadline(Due, MetOn: new DateOnly(2026, 5, 6)), new DateOnly(2026, 9, 1), EnglandAndWales);

        Assert.Equal(DeadlineStatus.Met, state.Status);
        Assert.Equal(new DateOnly(2026, 5, 6), state.MetOn);
        Assert.Equal("Met on 6 May 2026 (due 7 May 2026)", state.Summary);
    }

    [Fact]
    public void A_deadline_met_late_is_missed_with_its_reason_and_lateness()
    {
        var deadline = new Deadline(Due, MetOn: new DateOnly(2026, 5, 11), MissedReason: "Family unavailable until Monday");

        var state = DeadlineRules.Evaluate(deadline, new DateOnly(2026, 5, 20), EnglandAndWales);

        Assert.Equal((DeadlineStatus.Missed, 2), (state.Status, state.WorkingDaysLate));
        Assert.Equal("Missed: met on 11 May 2026, 2 working days late (due 7 May 2026). Reason: Family unavailable until Monday", state.Summary);
    }

    [Fact]
    public void A_deadline_met_on_its_due_date_is_met_not_missed()
    {
        var state = DeadlineRules.Evaluate(new Deadline(Due, MetOn: Due), Due, EnglandAndWales);

        Assert.Equal(DeadlineStatus.Met, state.Status);
    }

    [Fact]
    public void A_pause_covering_today_shows_the_deadline_as_paused_with_its_reason_and_dates()
    {
        var pause = new DeadlinePause("Child in hospital", new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 15));

        var state = DeadlineRules.Evaluate(new Deadline(Due, Pause: pause), new DateOnly(2026, 5, 11), EnglandAndWales);

        Assert.Equal(DeadlineStatus.Paused, state.Status);
        Assert.Same(pause, state.Pause);
        Assert.Equal("Paused from 1 May 2026 until 15 May 2026: Child in hospital (due 7 May 2026)", state.Summary);
    }

    [Fact]
    public void After_a_pause_ends_the_due_date_applies_again()
    {
        var pause = new DeadlinePause("Child in hospital", new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 8));

        var state = DeadlineRules.Evaluate(new Deadline(Due, Pause: pause), new DateOnly(2026, 5, 11), EnglandAndWales);

        Assert.Equal(DeadlineStatus.Overdue, state.Status);
    }

    [Fact]
    public void An_open_ended_pause_lasts_until_it_is_ended()
    {
        var pause = new DeadlinePause("Awaiting court decision", new DateOnly(2026, 5, 1));

        var state = DeadlineRules.Evaluate(new Deadline(Due, Pause: pause), new DateOnly(2027, 1, 4), EnglandAndWales);

        Assert.Equal(DeadlineStatus.Paused, state.Status);
    }

    [Fact]
    public void Being_met_outranks_a_pause()
    {
        var deadline = new Deadline(Due, MetOn: new DateOnly(2026, 5, 5), Pause: new DeadlinePause("Paused", new DateOnly(2026, 5, 1)));

        Assert.Equal(DeadlineStatus.Met, DeadlineRules.Evaluate(deadline, new DateOnly(2026, 5, 6), EnglandAndWales).Status);
    }

    [Fact]
    public void A_due_date_on_a_weekend_is_overdue_the_next_day_by_no_working_days()
    {
        var saturday = new DateOnly(2026, 5, 9);

        var state = DeadlineRules.Evaluate(new Deadline(saturday), new DateOnly(2026, 5, 10), EnglandAndWales);

        Assert.Equal((DeadlineStatus.Overdue, 0), (state.Status, state.WorkingDaysLate));
        Assert.Equal("Overdue: due 9 May 2026", state.Summary);
    }

    [Theory]
    // Due 9 May 2026: due all that day, overdue from the Sunday by no working days until the Monday.
    [InlineData("2026-05-09", "2026-05-08", DeadlineStatus.DueSoon, 0, 0)]
    [InlineData("2026-05-09", "2026-05-09", DeadlineStatus.DueToday, 0, 0)]
    [InlineData("2026-05-09", "2026-05-10", DeadlineStatus.Overdue, 0, 0)]
    [InlineData("2026-05-09", "2026-05-11", DeadlineStatus.Overdue, 0, 1)]
    // Due 8 May: overdue over the weekend by no working days.
    [InlineData("2026-05-08", "2026-05-09", DeadlineStatus.Overdue, 0, 0)]
    [InlineData("2026-05-08", "2026-05-10", DeadlineStatus.Overdue, 0, 0)]
    [InlineData("2026-05-08", "2026-05-11", DeadlineStatus.Overdue, 0, 1)]
    // Due 2 May, before the early May bank holiday on 4 May: still no working day late on the holiday.
    [InlineData("2026-05-02", "2026-05-04", DeadlineStatus.Overdue, 0, 0)]
    [InlineData("2026-05-02", "2026-05-05", DeadlineStatus.Overdue, 0, 1)]
    // Due on Christmas Day 2026, a Friday bank holiday: Boxing Day's substitute is 28 Dec, so 29 Dec is the first working day late.
    [InlineData("2026-12-25", "2026-12-25", DeadlineStatus.DueToday, 0, 0)]
    [InlineData("2026-12-25", "2026-12-28", DeadlineStatus.Overdue, 0, 0)]
    [InlineData("2026-12-25", "2026-12-29", DeadlineStatus.Overdue, 0, 1)]
    public void A_deadline_is_due_by_the_end_of_its_due_date_and_overdue_the_day_after_even_when_no_working_day_has_passed(
        string due, string today, DeadlineStatus status, int left, int late)
    {
        var deadline = new Deadline(IsoDate.Parse(due));

        var standing = DeadlineRules.StatusOn(deadline, IsoDate.Parse(today), EnglandAndWales);
        var state = DeadlineRules.Evaluate(deadline, IsoDate.Parse(today), EnglandAndWales);

        Assert.Equal(new DeadlineStanding(status, left, late), standing);
        Assert.Equal((status, left, late), (state.Status, state.WorkingDaysLeft, state.WorkingDaysLate));
    }

    [Fact]
    public void A_met_or_paused_deadline_stands_so_whatever_the_day()
    {
        var saturday = new DateOnly(2026, 5, 9);
        var sunday = new DateOnly(2026, 5, 10);

        Assert.Equal(DeadlineStatus.Paused, DeadlineRules.StatusOn(new Deadline(saturday, Pause: new("Child in hospital", saturday)), sunday, EnglandAndWales).Status);
        Assert.Equal(new DeadlineStanding(DeadlineStatus.Missed, 0, 0), DeadlineRules.StatusOn(new Deadline(saturday, MetOn: sunday, MissedReason: "Late"), sunday, EnglandAndWales));
        Assert.Equal(new DeadlineStanding(DeadlineStatus.Met, 0, 0), DeadlineRules.StatusOn(new Deadline(saturday, MetOn: saturday), sunday, EnglandAndWales));
    }

    [Fact]
    public void Summaries_read_as_plain_English()
    {
        Assert.Equal("Due 7 May 2026, in 4 working days", DeadlineRules.Evaluate(new Deadline(Due), new DateOnly(2026, 4, 30), EnglandAndWales).Summary);
        Assert.Equal("Due soon: 7 May 2026, in 1 working day", DeadlineRules.Evaluate(new Deadline(Due), new DateOnly(2026, 5, 6), EnglandAndWales).Summary);
        Assert.Equal("Due today (7 May 2026)", DeadlineRules.Evaluate(new Deadline(Due), Due, EnglandAndWales).Summary);
        Assert.Equal("Overdue by 2 working days: due 7 May 2026", DeadlineRules.Evaluate(new Deadline(Due), new DateOnly(2026, 5, 11), EnglandAndWales).Summary);
    }

    [Fact]
    public void Recording_a_missed_deadline_needs_a_reason()
    {
        var today = new DateOnly(2026, 5, 20);

        Assert.Equal("Enter why the deadline was missed", DeadlineRules.MetError(Due, new DateOnly(2026, 5, 8), "  ", today));
        Assert.Null(DeadlineRules.MetError(Due, new DateOnly(2026, 5, 8), "Interpreter not available", today));
        Assert.Null(DeadlineRules.MetError(Due, Due, null, today));
    }

    [Fact]
    public void A_deadline_cannot_be_met_in_the_future()
    {
        Assert.Equal(
            "The date the deadline was met must be today or in the past",
            DeadlineRules.MetError(Due, new DateOnly(2026, 5, 6), null, new DateOnly(2026, 5, 5)));
    }

    [Fact]
    public void Paused_working_days_skip_weekends_and_bank_holidays_and_move_the_due_date_on_by_as_many()
    {
        // 24 Dec 2026 to 29 Dec: 24th, 29th are working days; 25th and 28th are bank holidays; 26th, 27th a weekend.
        var length = DeadlineRules.PausedLength(TimescaleUnit.WorkingDays, new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 29), EnglandAndWales);
        Assert.Equal(2, length);
        Assert.Equal(new DateOnly(2027, 1, 6), DeadlineRules.MoveDue(TimescaleUnit.WorkingDays, new DateOnly(2026, 12, 31), 3, EnglandAndWales));
        Assert.Equal(new DateOnly(2026, 12, 29), DeadlineRules.MoveDue(TimescaleUnit.WorkingDays, new DateOnly(2026, 12, 23), 2, EnglandAndWales));
    }

    [Fact]
    public void Paused_time_on_weeks_and_months_counts_calendar_days_and_an_empty_pause_counts_nothing()
    {
        Assert.Equal(14, DeadlineRules.PausedLength(TimescaleUnit.Weeks, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 15), EnglandAndWales));
        Assert.Equal(0, DeadlineRules.PausedLength(TimescaleUnit.Weeks, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 1), EnglandAndWales));
        Assert.Equal(new DateOnly(2027, 2, 2), DeadlineRules.MoveDue(TimescaleUnit.Weeks, new DateOnly(2027, 1, 19), 14, EnglandAndWales));
        Assert.Equal(new DateOnly(2027, 1, 5), DeadlineRules.MoveDue(TimescaleUnit.Months, new DateOnly(2027, 1, 19), -14, EnglandAndWales));
        Assert.Equal("1 working day", DeadlineRules.PausedLengthText(TimescaleUnit.WorkingDays, 1));
        Assert.Equal("14 days", DeadlineRules.PausedLengthText(TimescaleUnit.Months, 14));
    }

    [Fact]
    public void Only_timescales_whose_rule_allows_exceptions_may_be_paused()
    {
        Assert.True(Get(Timescales.FinalEhcPlan).MayPause);
        Assert.True(Get(Timescales.EhcNeedsAssessmentDecision).MayPause);
        Assert.False(Get(Timescales.InitialChildProtectionConference).MayPause);
        Assert.False(Get(Timescales.FirstLookedAfterReview).MayPause);
        Assert.False(Get(Timescales.ChildAndFamilyAssessment).MayPause);
    }
}
