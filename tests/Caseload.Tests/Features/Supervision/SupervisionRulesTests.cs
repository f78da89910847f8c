using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Features.Supervision;
using Caseload.Features.Worklist;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caseload.Tests.Features.Supervision;

public sealed class SupervisionRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Shipped(Division.EnglandAndWales);
    private static readonly Guid CaseA = Guid.NewGuid();

    private static SessionContent Valid(string kind = "one-to-one", int? rating = 4) => new(
        new DateOnly(2026, 11, 20), kind,
        [new CaseDiscussionInput(CaseA, "Attendance", "Continue", "Improving", [new SupervisionActionInput("Ring the school", "pat", new DateOnly(2026, 12, 4))])],
        new WellbeingInput(rating, "Fine"), "18 cases", "Court skills", new DateOnly(2026, 12, 18));

    [Fact]
    public void A_complete_one_to_one_has_no_errors() => Assert.Empty(SupervisionRules.Validate(Valid(), Today));

    [Theory]
    [InlineData("one-to-one", true)]
    [InlineData("group", false)]
    [InlineData("ad-hoc", false)]
    public void Wellbeing_is_rated_in_every_one_to_one_and_optional_otherwise(string kind, bool required) =>
        Assert.Equal(required, SupervisionRules.Validate(Valid(kind, rating: null), Today).ContainsKey("wellbeing.rating"));

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void A_rating_outside_1_to_5_is_refused_whatever_the_kind(int rating) =>
        Assert.Equal("The wellbeing rating must be from 1 to 5", SupervisionRules.Validate(Valid("group", rating), Today)["wellbeing.rating"]);

    [Fact]
    public void A_session_in_the_future_or_more_than_two_years_ago_is_refused_unless_an_amendment_keeps_its_original_date()
    {
        Assert.Equal("The date of the session must be today or in the past",
            SupervisionRules.Validate(Valid() with { OccurredOn = Today.AddDays(1), NextSessionOn = null }, Today)["occurredOn"]);
        var old = new DateOnly(2024, 11, 1);
        var ancient = Valid() with { OccurredOn = old, CaseDiscussions = [], NextSessionOn = null };
        Assert.Equal("The date of the session must be within the last 2 years", SupervisionRules.Validate(ancient, Today)["occurredOn"]);
        Assert.False(SupervisionRules.Validate(ancient, Today, originalOccurredOn: old).ContainsKey("occurredOn"));
    }

    [Fact]
    public void An_action_due_before_the_session_or_beyond_two_years_is_refused()
    {
        SessionContent WithDue(DateOnly due) => Valid() with
        {
            CaseDiscussions = [new CaseDiscussionInput(CaseA, "x", "y", "z", [new SupervisionActionInput("Ring", "pat", due)])],
        };
        Assert.Equal("The due date of action 1 of case discussion 1 must be on or after the day of the session",
            SupervisionRules.Validate(WithDue(new DateOnly(2026, 11, 19)), Today)["caseDiscussions[0].actions[0].dueOn"]);
        Assert.Empty(SupervisionRules.Validate(WithDue(new DateOnly(2026, 11, 20)), Today));
        Assert.True(SupervisionRules.Validate(WithDue(Today.AddYears(2).AddDays(1)), Today).ContainsKey("caseDiscussions[0].actions[0].dueOn"));
    }

    [Fact]
    public void Each_case_is_discussed_once_in_a_session_with_a_decision_and_its_rationale()
    {
        var twice = Valid() with
        {
            CaseDiscussions = [new CaseDiscussionInput(CaseA, "x", "y", "z", []), new CaseDiscussionInput(CaseA, " ", null, "z", null)],
        };
        var errors = SupervisionRules.Validate(twice, Today);
        Assert.Equal(["caseDiscussions[1].caseId", "caseDiscussions[1].decision", "caseDiscussions[1].discussion"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Disagreement_needs_a_comment_and_agreement_does_not()
    {
        Assert.Empty(SupervisionRules.ValidateResponse(true, null));
        Assert.Equal("Enter what you disagree with", SupervisionRules.ValidateResponse(false, " ")["comment"]);
        Assert.Equal("Select whether you agree with the record", SupervisionRules.ValidateResponse(null, "x")["agreed"]);
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(65, true)]
    [InlineData(66, false)]
    public void Frequency_is_from_one_to_thirteen_weeks(int every, bool valid) =>
        Assert.Equal(valid, !SupervisionRules.ValidateFrequency(every, "Newly qualified").ContainsKey("everyWorkingDays"));

    [Fact]
    public void Never_supervised_is_its_own_state()
    {
        var due = SupervisionRules.Due(null, null, 20, Today, Calendar);
        Assert.Equal((SupervisionDueState.NotYetSupervised, (DateOnly?)null), (due.State, due.DueOn));
    }

    [Fact]
    public void Due_is_the_frequency_in_working_days_after_the_last_session_skipping_bank_holidays()
    {
        // 18 Dec 2026 + 5 working days: 21, 22, 23, 24 Dec, then Christmas Day (Fri) and Boxing Day (observed Mon 28) are skipped: Tue 29.
        var due = SupervisionRules.Due(new DateOnly(2026, 12, 18), null, 5, new DateOnly(2026, 12, 21), Calendar);
        Assert.Equal(new DateOnly(2026, 12, 29), due.DueOn);
        Assert.Equal(SupervisionDueState.DueSoon, due.State);
    }

    [Fact]
    public void A_planned_next_session_earlier_than_the_frequency_is_the_due_date_and_a_later_one_does_not_excuse_it()
    {
        var last = new DateOnly(2026, 11, 2);
        Assert.Equal(new DateOnly(2026, 11, 16), SupervisionRules.Due(last, new DateOnly(2026, 11, 16), 20, Today, Calendar).DueOn);
        var late = SupervisionRules.Due(last, new DateOnly(2027, 1, 15), 20, Today, Calendar);
        Assert.Equal(new DateOnly(2026, 11, 30), late.DueOn);
        Assert.Equal((SupervisionDueState.DueSoon, 5), (late.State, late.WorkingDaysLeft));
    }

    [Fact]
    public void Overdue_counts_the_working_days_since_it_was_due()
    {
        var due = SupervisionRules.Due(new DateOnly(2026, 10, 1), null, 20, Today, Calendar);
        Assert.Equal((SupervisionDueState.Overdue, new DateOnly(2026, 10, 29), 17), (due.State, due.DueOn!.Value, due.WorkingDaysOverdue));
        Assert.Equal(SupervisionDueState.UpToDate, SupervisionRules.Due(new DateOnly(2026, 11, 20), null, 20, Today, Calendar).State);
    }

    [Fact]
    public void The_agenda_offers_red_cases_overdue_deadlines_and_cases_left_undiscussed_for_three_months()
    {
        Assert.Equal(["Red priority"], SupervisionRules.Agenda(PriorityBand.Red, null, Today.AddDays(-7), Today.AddYears(-1), Today).Reasons);
        Assert.Equal(["Overdue deadline: Assessment"], SupervisionRules.Agenda(PriorityBand.Amber, "Assessment", Today.AddDays(-7), Today.AddYears(-1), Today).Reasons);
        Assert.Equal(["Not discussed in supervision since 22 Aug 2026"],
            SupervisionRules.Agenda(PriorityBand.Green, null, new DateOnly(2026, 8, 22), Today.AddYears(-1), Today).Reasons);
        Assert.Equal(["Not discussed in supervision since the case began on 1 Jun 2026"],
            SupervisionRules.Agenda(PriorityBand.Green, null, null, new DateOnly(2026, 6, 1), Today).Reasons);
        Assert.False(SupervisionRules.Agenda(PriorityBand.Amber, null, null, Today.AddMonths(-2), Today).Any);
        Assert.False(SupervisionRules.Agenda(PriorityBand.Green, null, new DateOnly(2026, 8, 23), Today.AddYears(-1), Today).Any);
    }

    [Fact]
    public void An_action_restated_unchanged_keeps_its_task_and_any_change_makes_a_new_one()
    {
        var previous = new SupervisionAction { Action = "Ring the school", OwnerId = "u1", OwnerUserName = "pat", OwnerName = "Pat", DueOn = new DateOnly(2026, 12, 4) };
        Assert.True(SupervisionRules.SameAction(CaseA, " Ring the school ", "u1", new DateOnly(2026, 12, 4), CaseA, previous));
        Assert.False(SupervisionRules.SameAction(CaseA, "Ring the school", "u2", new DateOnly(2026, 12, 4), CaseA, previous));
        Assert.False(SupervisionRules.SameAction(CaseA, "Ring the school", "u1", new DateOnly(2026, 12, 5), CaseA, previous));
        Assert.False(SupervisionRules.SameAction(Guid.NewGuid(), "Ring the school", "u1", new DateOnly(2026, 12, 4), CaseA, previous));
    }

    [Fact]
    public void The_form_skips_empty_rows_and_puts_the_services_errors_on_the_rows_that_made_them()
    {
        var form = new SessionForm
        {
            Day = "20", Month = "11", Year = "2026", Kind = "one-to-one", WellbeingRating = "3",
            Discussions =
            [
                new DiscussionForm(),
                new DiscussionForm { CaseId = CaseA.ToString(), Discussion = "x", Decision = "y", Rationale = "z",
                    Actions = [new ActionForm(), new ActionForm { Action = "Ring", Owner = "pat", Day = "1", Month = "12", Year = "2026" }] },
            ],
        };
        var modelState = new ModelStateDictionary();
        var content = form.ToContent(modelState, out var rows);
        Assert.True(modelState.IsValid);
        var discussion = Assert.Single(content.CaseDiscussions!);
        Assert.Equal("Ring", Assert.Single(discussion.Actions!).Action);

        SessionForm.AddServiceErrors(modelState, new Dictionary<string, string>
        {
            ["caseDiscussions[0].actions[0].owner"] = "No active user named pat",
            ["caseDiscussions[0].caseId"] = "A case you may not see",
            ["wellbeing.rating"] = "Rate it",
        }, rows);
        Assert.Equal(["D2A2Owner", "D2Case", "WellbeingRating"], modelState.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rows_are_added_and_removed_within_their_limits()
    {
        var form = new SessionForm();
        Assert.Equal(0, form.AddDiscussion(CaseA));
        Assert.Equal(0, form.AddDiscussion(CaseA)); // already there: no second row
        Assert.Equal(1, form.AddDiscussion(null));
        Assert.Equal(0, form.AddAction(0));
        Assert.Equal(2, form.Discussions[0].Actions.Count);
        form.RemoveAction("0-1");
        Assert.Single(form.Discussions[0].Actions);
        form.RemoveAction("junk");
        form.RemoveDiscussion(5);
        form.RemoveDiscussion(0);
        Assert.Single(form.Discussions);
        for (var i = 0; i < SupervisionRules.MaxCaseDiscussions + 2; i++) form.AddDiscussion(null);
        Assert.Equal(SupervisionRules.MaxCaseDiscussions, form.Discussions.Count);
        Assert.Null(form.AddDiscussion(null));
    }
}
