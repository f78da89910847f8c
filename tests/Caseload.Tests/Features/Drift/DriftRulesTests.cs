using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Features.Drift;

namespace Caseload.Tests.Features.Drift;

/// <summary>
/// The drift rules signal by signal, at their boundaries, in working days of England and Wales. Today is 23 Nov 2026
/// unless a test says otherwise; a case starts with nothing stalled (seen, recorded and opened today).
/// </summary>
public class DriftRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Shipped(Division.EnglandAndWales);

    private static DriftSnapshot ACase(DateOnly? today = null) => new()
    {
        CaseId = Guid.NewGuid(), Status = CaseStatus.Open, Risk = Risk.Green, ReferredOn = today ?? Today, OpenedOn = today ?? Today,
        AllocatedTo = "Pat Practitioner", ExpectedContactEveryWorkingDays = 10, LastContactOn = today ?? Today, LastRecordedOn = today ?? Today,
    };

    private static DateOnly WorkingDaysBefore(int days, DateOnly? from = null) => Calendar.AddWorkingDays(from ?? Today, -days);

    private static DriftAssessment Assess(DriftSnapshot snapshot, DateOnly? today = null, DriftThresholds? thresholds = null, Timescale? standard = null) =>
        new DriftRules(thresholds ?? DriftThresholds.Default).Assess(snapshot, today ?? Today, Calendar, standard);

    private static DriftFinding? Signal(DriftAssessment assessment, string code) => assessment.Findings.SingleOrDefault(f => f.Code == code);

    [Fact]
    public void A_case_seen_recorded_and_up_to_date_is_not_drifting()
    {
        var assessment = Assess(ACase());
        Assert.False(assessment.Drifting);
        Assert.Empty(assessment.Findings);
    }

    // no-contact

    [Fact]
    public void No_contact_starts_at_twice_the_expected_interval_in_working_days_and_not_a_day_before()
    {
        Assert.Null(Signal(Assess(ACase() with { LastContactOn = WorkingDaysBefore(19) }), DriftCodes.NoContact));
        var last = WorkingDaysBefore(20);
        var finding = Signal(Assess(ACase() with { LastContactOn = last }), DriftCodes.NoContact);
        Assert.NotNull(finding);
        Assert.Equal(DriftSeverity.High, finding.Level);
        Assert.Equal(Today, finding.Since);
        Assert.Contains("No contact for 20 working days", finding.Detail, StringComparison.Ordinal);
        Assert.Contains("expected every 10 working days", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void No_contact_counts_working_days_so_christmas_bank_holidays_and_weekends_do_not_count()
    {
        // Last contact 21 Dec 2026; Fri 25 and 28 Dec are bank holidays. Expected every 3 working days: the limit is 6.
        var snapshot = ACase(new DateOnly(2026, 12, 1)) with { ExpectedContactEveryWorkingDays = 3, LastContactOn = new DateOnly(2026, 12, 21) };
        // 22, 23, 24, 29 and 30 Dec are five working days: not yet.
        Assert.Null(Signal(Assess(snapshot, new DateOnly(2026, 12, 30)), DriftCodes.NoContact));
        var finding = Signal(Assess(snapshot, new DateOnly(2026, 12, 31)), DriftCodes.NoContact);
        Assert.NotNull(finding);
        Assert.Equal(new DateOnly(2026, 12, 31), finding.Since);
        Assert.Contains("6 working days", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_expected_frequency_no_contact_starts_after_20_working_days()
    {
        var snapshot = ACase() with { ExpectedContactEveryWorkingDays = null };
        Assert.Null(Signal(Assess(snapshot with { LastContactOn = WorkingDaysBefore(19) }), DriftCodes.NoContact));
        var finding = Signal(Assess(snapshot with { LastContactOn = WorkingDaysBefore(20) }), DriftCodes.NoContact);
        Assert.NotNull(finding);
        Assert.Contains("no contact frequency is set", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_never_contacted_drifts_counted_from_the_day_it_opened()
    {
        var opened = WorkingDaysBefore(25);
        var finding = Signal(Assess(ACase() with { LastContactOn = null, OpenedOn = opened, ReferredOn = opened.AddDays(-3) }), DriftCodes.NoContact);
        Assert.NotNull(finding);
        Assert.Equal(Calendar.AddWorkingDays(opened, 20), finding.Since);
        Assert.Contains("No contact recorded", finding.Detail, StringComparison.Ordinal);
        Assert.Null(Signal(Assess(ACase() with { LastContactOn = null, OpenedOn = WorkingDaysBefore(19) }), DriftCodes.NoContact));
    }

    [Fact]
    public void The_number_of_expected_periods_is_a_threshold()
    {
        var threePeriods = DriftThresholds.Default with { NoContactExpectedPeriods = 3 };
        var snapshot = ACase() with { LastContactOn = WorkingDaysBefore(25) };
        Assert.NotNull(Signal(Assess(snapshot), DriftCodes.NoContact));
        Assert.Null(Signal(Assess(snapshot, thresholds: threePeriods), DriftCodes.NoContact));
    }

    [Fact]
    public void A_referral_waiting_for_allocation_is_not_counted_as_no_contact_or_no_recording()
    {
        var referral = ACase() with { Status = CaseStatus.Referred, AllocatedTo = null, OpenedOn = null, LastContactOn = null, LastRecordedOn = null, ReferredOn = WorkingDaysBefore(3) };
        var assessment = Assess(referral);
        Assert.Null(Signal(assessment, DriftCodes.NoContact));
        Assert.Null(Signal(assessment, DriftCodes.NoRecording));
    }

    // no-recording

    [Fact]
    public void No_recording_starts_after_20_working_days_with_no_note()
    {
        Assert.Null(Signal(Assess(ACase() with { LastRecordedOn = WorkingDaysBefore(19) }), DriftCodes.NoRecording));
        var last = WorkingDaysBefore(20);
        var finding = Signal(Assess(ACase() with { LastRecordedOn = last }), DriftCodes.NoRecording);
        Assert.NotNull(finding);
        Assert.Equal(DriftSeverity.Medium, finding.Level);
        Assert.Equal(Today, finding.Since);
        Assert.StartsWith("Nothing recorded for 20 working days: the last note was written on ", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_with_nothing_ever_recorded_drifts_from_the_day_it_opened()
    {
        var finding = Signal(Assess(ACase() with { LastRecordedOn = null, OpenedOn = WorkingDaysBefore(21) }), DriftCodes.NoRecording);
        Assert.NotNull(finding);
        Assert.Contains("since the case opened", finding.Detail, StringComparison.Ordinal);
    }

    // review-overdue

    [Fact]
    public void A_review_is_overdue_from_the_day_after_its_date()
    {
        Assert.Null(Signal(Assess(ACase() with { ReviewDueOn = Today }), DriftCodes.ReviewOverdue));
        Assert.Null(Signal(Assess(ACase() with { ReviewDueOn = null }), DriftCodes.ReviewOverdue));
        var finding = Signal(Assess(ACase() with { ReviewDueOn = Today.AddDays(-1) }), DriftCodes.ReviewOverdue);
        Assert.NotNull(finding);
        Assert.Equal(Today, finding.Since);
        Assert.Equal(DriftSeverity.Medium, finding.Level);
        Assert.Contains("Case review was due on 22 Nov 2026", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grace_for_reviews_counts_working_days_late()
    {
        var grace = DriftThresholds.Default with { ReviewOverdueWorkingDays = 2 };
        Assert.Null(Signal(Assess(ACase() with { ReviewDueOn = WorkingDaysBefore(2) }, thresholds: grace), DriftCodes.ReviewOverdue));
        var due = WorkingDaysBefore(3);
        var finding = Signal(Assess(ACase() with { ReviewDueOn = due }, thresholds: grace), DriftCodes.ReviewOverdue);
        Assert.NotNull(finding);
        Assert.Equal(Today, finding.Since);
        Assert.Contains("overdue by 3 working days", finding.Detail, StringComparison.Ordinal);
    }

    // tasks-overdue

    [Fact]
    public void Open_tasks_drift_only_when_more_than_5_working_days_past_due()
    {
        Assert.Null(Signal(Assess(ACase() with { OverdueTasks = 2, OldestOverdueTaskDueOn = WorkingDaysBefore(5) }), DriftCodes.TasksOverdue));
        var due = WorkingDaysBefore(6);
        var finding = Signal(Assess(ACase() with { OverdueTasks = 2, OldestOverdueTaskDueOn = due }), DriftCodes.TasksOverdue);
        Assert.NotNull(finding);
        Assert.Equal(DriftSeverity.Low, finding.Level);
        Assert.Equal(Today, finding.Since);
        Assert.Equal(Calendar.AddWorkingDays(due, 6), finding.Since);
        Assert.StartsWith("2 open tasks are past their due dates", finding.Detail, StringComparison.Ordinal);
        Assert.Contains("overdue by 6 working days", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_due_before_a_weekend_is_not_late_by_the_weekend_days()
    {
        // Due 13 Nov 2026; on 23 Nov it is 6 working days late (16 to 20 and 23 Nov), on 22 Nov only 5.
        var snapshot = ACase(new DateOnly(2026, 11, 1)) with { OverdueTasks = 1, OldestOverdueTaskDueOn = new DateOnly(2026, 11, 13) };
        Assert.Null(Signal(Assess(snapshot, new DateOnly(2026, 11, 22)), DriftCodes.TasksOverdue));
        var finding = Signal(Assess(snapshot, new DateOnly(2026, 11, 23)), DriftCodes.TasksOverdue);
        Assert.NotNull(finding);
        Assert.StartsWith("An open task was due on 13 Nov 2026", finding.Detail, StringComparison.Ordinal);
    }

    // deadline-overdue

    [Fact]
    public void An_overdue_statutory_deadline_is_high_and_a_service_standard_alone_medium()
    {
        Assert.Null(Signal(Assess(ACase() with { OverdueDeadlines = 0 }), DriftCodes.DeadlineOverdue));
        var statutory = Signal(Assess(ACase() with { OverdueDeadlines = 1, OverdueStatutoryDeadlines = 1, OldestOverdueDeadlineDueOn = Today.AddDays(-1) }), DriftCodes.DeadlineOverdue);
        Assert.NotNull(statutory);
        Assert.Equal(DriftSeverity.High, statutory.Level);
        Assert.Equal(Today, statutory.Since);
        Assert.StartsWith("A statutory deadline was due on 22 Nov 2026", statutory.Detail, StringComparison.Ordinal);
        var standard = Signal(Assess(ACase() with { OverdueDeadlines = 2, OldestOverdueDeadlineDueOn = WorkingDaysBefore(4) }), DriftCodes.DeadlineOverdue);
        Assert.NotNull(standard);
        Assert.Equal(DriftSeverity.Medium, standard.Level);
        Assert.StartsWith("2 service standard deadlines are overdue", standard.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grace_for_deadlines_counts_working_days_late()
    {
        var grace = DriftThresholds.Default with { DeadlineOverdueWorkingDays = 1 };
        var snapshot = ACase() with { OverdueDeadlines = 1, OverdueStatutoryDeadlines = 1 };
        Assert.Null(Signal(Assess(snapshot with { OldestOverdueDeadlineDueOn = WorkingDaysBefore(1) }, thresholds: grace), DriftCodes.DeadlineOverdue));
        Assert.NotNull(Signal(Assess(snapshot with { OldestOverdueDeadlineDueOn = WorkingDaysBefore(2) }, thresholds: grace), DriftCodes.DeadlineOverdue));
    }

    // referral-waiting

    private static DriftSnapshot Referral(DateOnly referred, DateOnly? today = null) =>
        ACase(today) with { Status = CaseStatus.Referred, AllocatedTo = null, OpenedOn = null, LastContactOn = null, LastRecordedOn = null, ReferredOn = referred };

    [Fact]
    public void A_referral_waits_within_its_service_standard_and_drifts_the_day_after()
    {
        var standard = Timescales.DefaultOrganisational.Single(t => t.Code == Timescales.EarlyHelpFirstContact); // 5 working days
        Assert.Null(Signal(Assess(Referral(WorkingDaysBefore(5)), standard: standard), DriftCodes.ReferralWaiting));
        var referred = WorkingDaysBefore(6);
        var finding = Signal(Assess(Referral(referred), standard: standard), DriftCodes.ReferralWaiting);
        Assert.NotNull(finding);
        Assert.Equal(DriftSeverity.High, finding.Level);
        Assert.Equal(Calendar.AddWorkingDays(referred, 5).AddDays(1), finding.Since);
        Assert.Contains("first contact with an early help referral within 5 working days", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_referral_whose_service_has_no_standard_waits_the_thresholds_working_days()
    {
        Assert.Null(Signal(Assess(Referral(WorkingDaysBefore(10))), DriftCodes.ReferralWaiting));
        var finding = Signal(Assess(Referral(WorkingDaysBefore(11))), DriftCodes.ReferralWaiting);
        Assert.NotNull(finding);
        Assert.Contains("referrals are allocated within 10 working days", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_allocated_case_is_never_a_referral_waiting()
    {
        Assert.Null(Signal(Assess(ACase() with { ReferredOn = WorkingDaysBefore(40), OpenedOn = WorkingDaysBefore(1) }), DriftCodes.ReferralWaiting));
    }

    // allocated-to-inactive-user

    [Fact]
    public void A_case_held_by_a_deactivated_account_drifts_at_once_with_no_start_of_its_own()
    {
        Assert.Null(Signal(Assess(ACase()), DriftCodes.AllocatedToInactiveUser));
        var finding = Signal(Assess(ACase() with { AllocatedToActive = false }), DriftCodes.AllocatedToInactiveUser);
        Assert.NotNull(finding);
        Assert.Equal(DriftSeverity.High, finding.Level);
        Assert.Null(finding.Since);
        Assert.Contains("Pat Practitioner", finding.Detail, StringComparison.Ordinal);
    }

    // referral-follow-up-overdue

    [Fact]
    public void An_overdue_referral_follow_up_drifts_from_the_day_after_it_was_due_naming_the_agency()
    {
        Assert.Null(Signal(Assess(ACase()), DriftCodes.ReferralFollowUpOverdue));
        Assert.Null(Signal(Assess(ACase() with { OverdueReferralFollowUps = 1, OldestOverdueReferralFollowUpDueOn = Today }), DriftCodes.ReferralFollowUpOverdue));
        var due = WorkingDaysBefore(3);
        var finding = Signal(Assess(ACase() with { OverdueReferralFollowUps = 1, OldestOverdueReferralFollowUpDueOn = due, OldestOverdueReferralFollowUpAgency = "Riverside CAMHS" }),
            DriftCodes.ReferralFollowUpOverdue);
        Assert.NotNull(finding);
        Assert.Equal(DriftSeverity.Medium, finding.Level);
        Assert.Equal(due.AddDays(1), finding.Since);
        Assert.Equal($"The follow-up of the referral to Riverside CAMHS was due on {DriftRules.Day(due)}: overdue by 3 working days, and the person has not yet reached the help", finding.Detail);
        Assert.Equal("Referral follow-up overdue", DriftCodes.Title(DriftCodes.ReferralFollowUpOverdue));
    }

    [Fact]
    public void An_urgent_referrals_overdue_follow_up_is_high_and_the_grace_is_a_threshold()
    {
        var several = ACase() with { OverdueReferralFollowUps = 2, UrgentOverdueReferralFollowUps = 1, OldestOverdueReferralFollowUpDueOn = WorkingDaysBefore(2), OldestOverdueReferralFollowUpAgency = "Oak Lane School" };
        var finding = Signal(Assess(several), DriftCodes.ReferralFollowUpOverdue);
        Assert.NotNull(finding);
        Assert.Equal(DriftSeverity.High, finding.Level);
        Assert.StartsWith("2 referral follow-ups are overdue; the oldest, of the referral to Oak Lane School, was due on", finding.Detail, StringComparison.Ordinal);
        Assert.Null(Signal(Assess(several, thresholds: DriftThresholds.Default with { ReferralFollowUpOverdueWorkingDays = 2 }), DriftCodes.ReferralFollowUpOverdue));
        Assert.NotNull(Signal(Assess(several, thresholds: DriftThresholds.Default with { ReferralFollowUpOverdueWorkingDays = 1 }), DriftCodes.ReferralFollowUpOverdue));
        Assert.Contains((DriftThresholds.Default with { ReferralFollowUpOverdueWorkingDays = 11 }).Validate(), p => p.StartsWith("Working days a referral's follow-up may be late", StringComparison.Ordinal));
    }

    // severity

    [Fact]
    public void Severity_is_the_highest_signal_level()
    {
        var tasksOnly = Assess(ACase() with { OverdueTasks = 1, OldestOverdueTaskDueOn = WorkingDaysBefore(8) });
        Assert.Equal(DriftSeverity.Low, tasksOnly.Severity);
        var withReview = Assess(ACase() with { OverdueTasks = 1, OldestOverdueTaskDueOn = WorkingDaysBefore(8), ReviewDueOn = WorkingDaysBefore(2) });
        Assert.Equal(DriftSeverity.Medium, withReview.Severity);
        Assert.Equal([DriftCodes.ReviewOverdue, DriftCodes.TasksOverdue], withReview.Findings.Select(f => f.Code));
    }

    [Fact]
    public void A_red_risk_case_is_one_level_more_severe_up_to_high()
    {
        var tasks = ACase() with { OverdueTasks = 1, OldestOverdueTaskDueOn = WorkingDaysBefore(8) };
        Assert.Equal(DriftSeverity.Medium, Assess(tasks with { Risk = Risk.Red }).Severity);
        Assert.Equal(DriftSeverity.Low, Assess(tasks with { Risk = Risk.Amber }).Severity);
        Assert.Equal(DriftSeverity.High, Assess(ACase() with { Risk = Risk.Red, AllocatedToActive = false }).Severity);
    }

    [Fact]
    public void Three_signals_at_once_raise_the_severity_one_level()
    {
        var two = ACase() with { OverdueTasks = 1, OldestOverdueTaskDueOn = WorkingDaysBefore(8), ReviewDueOn = WorkingDaysBefore(2) };
        Assert.Equal(DriftSeverity.Medium, Assess(two).Severity);
        var three = two with { LastRecordedOn = WorkingDaysBefore(20) };
        Assert.Equal(3, Assess(three).Findings.Count);
        Assert.Equal(DriftSeverity.High, Assess(three).Severity);
        Assert.Equal(DriftSeverity.Medium, Assess(three, thresholds: DriftThresholds.Default with { RaiseSeverityFromSignals = 4 }).Severity);
    }

    [Fact]
    public void A_closed_case_never_drifts()
    {
        Assert.False(Assess(ACase() with { Status = CaseStatus.Closed, AllocatedToActive = false, LastContactOn = WorkingDaysBefore(100) }).Drifting);
    }

    // extension and thresholds

    private sealed class PlanStalledSignal : IDriftSignal
    {
        public string Code => "plan-stalled";

        public DriftFinding? Find(DriftSnapshot snapshot, DriftContext context) => new(Code, DriftSeverity.Medium, "No goal moved for 30 working days", context.Today);
    }

    [Fact]
    public void A_new_signal_joins_the_rules_without_changing_the_others()
    {
        var rules = new DriftRules(DriftThresholds.Default, [.. DriftRules.StandardSignals, new PlanStalledSignal()]);
        var assessment = rules.Assess(ACase() with { ReviewDueOn = WorkingDaysBefore(2) }, Today, Calendar);
        Assert.Equal(["plan-stalled", DriftCodes.ReviewOverdue], assessment.Findings.Select(f => f.Code).Order(StringComparer.Ordinal));
        Assert.Equal(DriftRules.StandardSignals.Count + 1, rules.Signals.Count);
    }

    [Fact]
    public void The_default_thresholds_are_safe_and_thresholds_outside_their_ranges_are_refused()
    {
        Assert.Empty(DriftThresholds.Default.Validate());
        Assert.Contains(DriftThresholds.Numbers, n => n.Name == nameof(DriftThresholds.NoContactWorkingDays) && n.Get(DriftThresholds.Default) == 20);
        var problems = (DriftThresholds.Default with { NoContactWorkingDays = 500, TasksOverdueWorkingDays = -1, RaiseSeverityFromSignals = 1 }).Validate();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("from 5 to 60", StringComparison.Ordinal));
        var badStandard = DriftThresholds.Default with { ReferralStandards = new Dictionary<string, string> { ["nursery"] = "x", [Services.Send] = "Not A Code" } };
        Assert.Equal(2, badStandard.Validate().Count);
    }
}
