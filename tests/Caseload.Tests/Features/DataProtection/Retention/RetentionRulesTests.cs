using Caseload.Features.Cases;
using Caseload.Features.DataProtection.Retention;
using Caseload.Features.People;

namespace Caseload.Tests.Features.DataProtection.Retention;

public sealed class RetentionRulesTests
{
    private static readonly RetentionSchedule Schedule = RetentionSchedule.Default;

    private static RetentionFacts Facts(string service, string dob = "2010-03-15", string closed = "2026-11-23", string? lastContact = null,
        string? reason = null, params string[] characteristics) =>
        new(service, DateOnly.Parse(dob, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(closed, System.Globalization.CultureInfo.InvariantCulture),
            lastContact is null ? null : DateOnly.Parse(lastContact, System.Globalization.CultureInfo.InvariantCulture), reason, characteristics);

    [Fact]
    public void A_looked_after_childs_record_is_kept_until_the_75th_anniversary_of_birth()
    {
        var review = RetentionRules.Review(Schedule, Facts(Services.ChildrensSocialCare, characteristics: Characteristics.LookedAfter));

        Assert.Equal(RecordClasses.LookedAfter, review.RecordClass);
        Assert.Equal(new DateOnly(2085, 3, 15), review.ReviewOn);
        Assert.False(review.IsDue(new DateOnly(2085, 3, 14)));
        Assert.True(review.IsDue(new DateOnly(2085, 3, 15)));
    }

    [Fact]
    public void A_care_leaver_counts_as_looked_after_and_adoption_outranks_both()
    {
        Assert.Equal(RecordClasses.LookedAfter, RetentionRules.RecordClassOf(Facts(Services.ChildrensSocialCare, characteristics: Characteristics.CareLeaver)));
        var adopted = RetentionRules.Review(Schedule, Facts(Services.ChildrensSocialCare, closed: "2020-06-30", reason: RetentionRules.AdoptedReason, characteristics: Characteristics.LookedAfter));
        Assert.Equal(RecordClasses.Adoption, adopted.RecordClass);
        // The order date is not held: the closure date stands in for it, 100 years on.
        Assert.Equal(new DateOnly(2120, 6, 30), adopted.ReviewOn);
    }

    [Fact]
    public void Child_protection_runs_40_years_from_the_last_contact_and_never_from_before_it()
    {
        var review = RetentionRules.Review(Schedule, Facts(Services.ChildrensSocialCare, closed: "2026-11-23", lastContact: "2026-10-01", characteristics: Characteristics.ChildProtectionPlan));
        Assert.Equal(RecordClasses.ChildProtection, review.RecordClass);
        Assert.Equal(new DateOnly(2066, 10, 1), review.ReviewOn);
        // No contact recorded: from the closure.
        Assert.Equal(new DateOnly(2066, 11, 23), RetentionRules.Review(Schedule, Facts(Services.ChildrensSocialCare, characteristics: Characteristics.ChildProtectionPlan)).ReviewOn);
    }

    [Theory]
    [InlineData(Services.EarlyHelp, "2000-02-29", "2010-01-01", "2025-02-28")] // 25th birthday of a leap-day child: 28 February
    [InlineData(Services.EarlyHelp, "2000-01-01", "2026-01-01", "2026-01-01")] // period ran out while open: due the day it closed
    [InlineData(Services.Send, "2005-09-01", "2024-07-31", "2036-09-01")]      // date of birth + 31 years
    [InlineData(Services.YouthSupport, "2008-12-31", "2026-03-01", "2033-12-31")]
    [InlineData(Services.CareersIag, "2007-04-10", "2025-01-01", "2032-04-10")] // 19th birthday + 6 years
    public void Each_service_has_its_period(string service, string dob, string closed, string expected)
    {
        var review = RetentionRules.Review(Schedule, Facts(service, dob, closed));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), review.ReviewOn);
    }

    [Fact]
    public void Careers_eligibility_runs_to_25_with_an_ehc_plan()
    {
        var review = RetentionRules.Review(Schedule, Facts(Services.CareersIag, "2007-04-10", "2025-01-01", characteristics: Characteristics.SendEhcPlan));

        Assert.Equal(new DateOnly(2032 + 6, 4, 10), review.ReviewOn);
        Assert.Equal(new DateOnly(2032, 4, 10), review.AnchorOn);
    }

    [Fact]
    public void A_class_without_a_rule_falls_to_the_longest_period_and_an_extension_moves_the_review()
    {
        var schedule = new RetentionSchedule([new(Services.Send, RecordClasses.Send, 31, RetentionAnchors.DateOfBirth, "IRMS")]);
        var fallback = RetentionRules.Review(schedule, Facts(Services.EarlyHelp, "2010-03-15", "2020-01-01"));
        Assert.Same(RetentionSchedule.Fallback, fallback.Rule);
        Assert.Equal(new DateOnly(2085, 3, 15), fallback.ReviewOn);

        var extended = RetentionRules.Review(schedule, Facts(Services.Send, "1980-01-01", "1998-01-01"), new DateOnly(2030, 1, 1));
        Assert.True(extended.Extended);
        Assert.Equal(new DateOnly(2011, 1, 1), extended.ScheduledOn);
        Assert.Equal(new DateOnly(2030, 1, 1), extended.ReviewOn);
        Assert.False(extended.IsDue(new DateOnly(2029, 12, 31)));
    }

    [Fact]
    public void The_default_schedule_is_valid_and_a_bad_one_names_each_field()
    {
        Assert.Empty(RetentionSchedule.Default.Validate());
        var bad = new RetentionSchedule(
        [
            new("nowhere", "Early Help", 0, "birthday", ""),
            new(Services.Send, RecordClasses.Send, 31, RetentionAnchors.DateOfBirth, "IRMS"),
            new(Services.Send, RecordClasses.Send, 200, RetentionAnchors.DateOfBirth, "IRMS"),
        ]);

        var errors = bad.Validate();

        Assert.Equal(["rules[0].recordClass", "rules[0].runsFrom", "rules[0].service", "rules[0].source", "rules[0].years", "rules[2].recordClass", "rules[2].years"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_schedule_round_trips_through_its_stored_form()
    {
        var json = RetentionSchedule.Default.ToJson();

        Assert.Equal(RetentionSchedule.Default.Rules, RetentionSchedule.FromJson(json)!.Rules);
        Assert.Null(RetentionSchedule.FromJson("{not json"));
    }
}
