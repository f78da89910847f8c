using Caseload.Features.Notes;
using Caseload.Features.Notes.Objectivity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Caseload.Tests.Features.Notes;

public sealed class NoteRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static NoteContent Content(DateTimeOffset? occurredAt = null, string? late = null, string type = NoteTypes.HomeVisit,
        string? present = "Mum", string? what = "Visit.", IReadOnlyList<NextStepInput>? steps = null) =>
        new(type, occurredAt ?? Now.AddHours(-1), present, what, null, null, false, false, late, steps);

    [Fact]
    public void A_note_written_exactly_24_hours_after_is_on_time_and_a_minute_later_is_a_late_entry()
    {
        Assert.False(NoteRules.IsLateEntry(Now.AddHours(-24), Now, 24));
        Assert.True(NoteRules.IsLateEntry(Now.AddHours(-24).AddMinutes(-1), Now, 24));
        Assert.True(NoteRules.IsLateEntry(Now.AddHours(-5), Now, 4), "the threshold is configurable");
    }

    [Fact]
    public void A_late_entry_needs_a_reason_and_the_message_names_the_threshold()
    {
        var errors = NoteRules.Validate(Content(Now.AddDays(-3)), Now, Now, 24);
        Assert.Equal("This note is being recorded more than 24 hours after it happened: enter why", errors["lateEntryReason"]);
        Assert.Empty(NoteRules.Validate(Content(Now.AddDays(-3), late: "Court all day"), Now, Now, 24));
    }

    [Fact]
    public void An_amendment_is_judged_late_against_when_the_note_was_first_written()
    {
        // Written on time a week ago; amended today: not a late entry.
        var firstRecorded = Now.AddDays(-7);
        Assert.Empty(NoteRules.Validate(Content(firstRecorded.AddHours(-2)), Now, firstRecorded, 24));
    }

    [Fact]
    public void A_note_dated_in_the_future_is_refused_but_a_device_clock_a_minute_ahead_is_not()
    {
        Assert.Equal("The date and time it happened must be now or in the past", NoteRules.Validate(Content(Now.AddMinutes(10)), Now, Now, 24)["occurredAt"]);
        Assert.Empty(NoteRules.Validate(Content(Now.AddMinutes(1)), Now, Now, 24));
    }

    [Fact]
    public void Who_was_present_is_required_for_contacts_with_people_only()
    {
        Assert.Equal("Enter who was present or spoken to", NoteRules.Validate(Content(present: null), Now, Now, 24)["presentAndSpokenTo"]);
        Assert.Empty(NoteRules.Validate(Content(type: NoteTypes.EmailOrLetter, present: null), Now, Now, 24));
    }

    [Fact]
    public void Lengths_are_limited_with_the_limit_in_the_message()
    {
        var errors = NoteRules.Validate(Content(what: new string('x', NoteRules.MaxWhatHappenedLength + 1)), Now, Now, 24);
        Assert.Equal("What happened must be 20,000 characters or fewer", errors["whatHappened"]);
        Assert.Empty(NoteRules.Validate(Content(what: new string('x', NoteRules.MaxWhatHappenedLength)), Now, Now, 24));
    }

    [Fact]
    public void A_next_step_needs_an_action_and_a_due_date_not_before_the_day_of_the_note_and_its_owner_may_be_left_to_the_writer()
    {
        var errors = NoteRules.Validate(Content(steps: [new NextStepInput(null, null, null), new NextStepInput("Visit", "pat", new DateOnly(2026, 11, 22))]), Now, Now, 24);
        Assert.Equal("Enter next step 1: what will be done", errors["nextSteps[0].action"]);
        Assert.False(errors.ContainsKey("nextSteps[0].owner"));
        Assert.Equal("Enter the date next step 1 is due by", errors["nextSteps[0].dueOn"]);
        Assert.Equal("The due date of next step 2 must be on or after the day the note is about", errors["nextSteps[1].dueOn"]);
        Assert.Empty(NoteRules.Validate(Content(steps: [new NextStepInput("Visit", "pat", new DateOnly(2026, 11, 23))]), Now, Now, 24));
    }

    [Fact]
    public void A_next_step_owned_outside_Caseload_names_them_within_the_limit_and_reads_with_who_follows_it_up()
    {
        var tooLong = NoteRules.Validate(Content(steps: [new NextStepInput("Ring the GP", null, new DateOnly(2026, 11, 25), new string('m', 201))]), Now, Now, 24);
        Assert.Equal("Who outside Caseload will do next step 1 must be 200 characters or fewer", tooLong["nextSteps[0].externalOwner"]);
        Assert.Empty(NoteRules.Validate(Content(steps: [new NextStepInput("Ring the GP", null, new DateOnly(2026, 11, 25), "Mum (Sarah)")]), Now, Now, 24));
        Assert.Equal("Ring the GP (Mum (Sarah), followed up by Pat Practitioner, by 25 Nov 2026)",
            NoteRules.NextStepsText([("Ring the GP", "Pat Practitioner", new DateOnly(2026, 11, 25), (string?)"Mum (Sarah)")]));
    }

    [Theory]
    [InlineData(0, 0, ObjectivityReview.NoFindings)]
    [InlineData(3, 0, ObjectivityReview.Revised)]
    [InlineData(3, 1, ObjectivityReview.Accepted)]
    [InlineData(0, 2, ObjectivityReview.Accepted)]
    public void The_review_records_whether_findings_were_shown_and_revised_or_accepted(int shown, int atSave, ObjectivityReview expected) =>
        Assert.Equal(expected, NoteRules.Review(shown, atSave));

    [Fact]
    public void Findings_are_checked_field_by_field_with_offsets_into_that_field()
    {
        var content = Content(what: "Mum was clearly tired.") with { Outcome = "He is lazy." };
        var findings = NoteRules.CheckObjectivity(content, ObjectivityCheck.Default);
        Assert.Contains(findings, f => f.Field == "whatHappened" && f.Words == "clearly");
        Assert.Contains(findings, f => f.Field == "outcome" && f.Words == "lazy");
        Assert.Empty(NoteRules.CheckObjectivity(Content(what: "Mum said she feels \"hopeless\"."), ObjectivityCheck.Default));
    }

    [Fact]
    public void The_fingerprint_changes_with_the_findings_and_not_with_other_words()
    {
        var a = NoteRules.CheckObjectivity(Content(what: "Mum was clearly tired."), ObjectivityCheck.Default);
        var b = NoteRules.CheckObjectivity(Content(what: "At 9am mum was clearly tired."), ObjectivityCheck.Default);
        var c = NoteRules.CheckObjectivity(Content(what: "Mum was obviously tired."), ObjectivityCheck.Default);
        Assert.Equal(NoteRules.Fingerprint(a), NoteRules.Fingerprint(b));
        Assert.NotEqual(NoteRules.Fingerprint(a), NoteRules.Fingerprint(c));
        Assert.Equal("", NoteRules.Fingerprint([]));
    }

    [Theory]
    [InlineData("2026-11-20T14:30:00Z", "2026-11-20T14:30:00+00:00")]
    [InlineData("2026-11-20T14:30:00+01:00", "2026-11-20T13:30:00+00:00")]
    [InlineData("2026-11-20T14:30", "2026-11-20T14:30:00+00:00")]
    [InlineData("2026-07-01T14:30:00", "2026-07-01T13:30:00+00:00")]
    public void Api_times_take_an_offset_or_are_uk_local(string value, string expected)
    {
        Assert.True(NoteRules.TryParseInstant(value, out var instant));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), instant);
    }

    [Theory]
    [InlineData("20/11/2026 14:30")]
    [InlineData("2026-11-20")]
    [InlineData("2026-02-30T10:00:00Z")]
    [InlineData("2026-03-29T01:30:00")] // the clocks go forward: 01:30 does not exist in the UK that night
    public void Api_times_that_are_not_iso_or_not_real_are_refused(string value) => Assert.False(NoteRules.TryParseInstant(value, out _));

    [Theory]
    [InlineData("14:30", 14, 30)]
    [InlineData("9:05", 9, 5)]
    [InlineData("09.05", 9, 5)]
    [InlineData("1430", 14, 30)]
    public void The_form_reads_times_as_people_type_them(string typed, int hour, int minute)
    {
        var form = new NoteForm { Type = NoteTypes.Meeting, Day = "20", Month = "11", Year = "2026", Time = typed };
        var content = form.ToContent(new ModelStateDictionary(), out _);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, hour, minute, 0, TimeSpan.Zero), content.OccurredAt);
    }

    [Fact]
    public void The_form_maps_the_services_field_names_to_its_own_ids_and_skips_empty_step_rows()
    {
        var form = new NoteForm { Day = "20", Month = "11", Year = "2026", Time = "10:00" };
        form.Steps = [new NextStepForm(), new NextStepForm { Action = "Ring school" }];
        var modelState = new ModelStateDictionary();
        var content = form.ToContent(modelState, out var rows);
        Assert.Single(content.NextSteps!);
        Assert.Equal([1], rows);
        NoteForm.AddServiceErrors(modelState, new Dictionary<string, string> { ["nextSteps[0].owner"] = "Select who", ["occurredAt"] = "x", ["findingsAcknowledged"] = "y" }, rows);
        Assert.True(modelState.ContainsKey("Step2Owner"));
        Assert.True(modelState.ContainsKey("OccurredAt"));
        Assert.True(modelState.ContainsKey("FindingsConfirmed"));
    }

    [Fact]
    public void A_draft_keeps_what_was_typed_but_not_the_findings_state()
    {
        var form = new NoteForm { WhatHappened = "Half a note", FindingsConfirmed = true, FindingsShown = 3, FindingsFingerprint = "ABC" };
        var restored = NoteForm.FromDraftJson(form.ToDraftJson())!;
        Assert.Equal("Half a note", restored.WhatHappened);
        Assert.False(restored.FindingsConfirmed);
        Assert.Equal(0, restored.FindingsShown);
        Assert.True(restored.Steps[0].IsEmpty);
        Assert.Null(NoteForm.FromDraftJson("not json"));
    }

    [Fact]
    public void Rows_are_added_up_to_the_limit_and_one_always_remains()
    {
        var form = new NoteForm();
        Assert.Equal(1, form.AddStep());
        for (var i = 2; i < NoteRules.MaxNextSteps; i++) form.AddStep();
        Assert.Equal(NoteRules.MaxNextSteps, form.Steps.Count);
        Assert.Null(form.AddStep());
        Assert.Equal(NoteRules.MaxNextSteps, form.Steps.Count);

        form.Steps[1].Action = "second";
        form.RemoveStep(0);
        Assert.Equal("second", form.Steps[0].Action);
        Assert.Equal(NoteRules.MaxNextSteps - 1, form.Steps.Count);
        for (var i = 0; i < 20; i++) form.RemoveStep(0);
        Assert.Single(form.Steps);
        form.RemoveStep(99);
        Assert.Single(form.Steps);
    }
}
