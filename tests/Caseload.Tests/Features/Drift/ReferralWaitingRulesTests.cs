using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Features.Drift;

namespace Caseload.Tests.Features.Drift;

/// <summary>A referral's wait in working days of its division, against its service's standard. Today is 23 Nov 2026.</summary>
public class ReferralWaitingRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Shipped(Division.EnglandAndWales);
    private static readonly Timescale FirstContact = Timescales.DefaultOrganisational.Single(t => t.Code == Timescales.EarlyHelpFirstContact);

    [Fact]
    public void A_referral_waits_in_working_days_and_breaches_the_day_after_its_standard()
    {
        // Referred on 16 Nov: five working days later is 23 Nov, the last day within the standard.
        var onTheDay = ReferralWaitingRules.On(new DateOnly(2026, 11, 16), Today, Calendar, FirstContact, 10);
        Assert.Equal(5, onTheDay.WorkingDaysWaited);
        Assert.Equal(Today, onTheDay.AllocateBy);
        Assert.False(onTheDay.Breached);
        Assert.Equal("the standard is first contact with an early help referral within 5 working days", onTheDay.Standard);

        var late = ReferralWaitingRules.On(new DateOnly(2026, 11, 13), Today, Calendar, FirstContact, 10);
        Assert.Equal(6, late.WorkingDaysWaited);
        Assert.True(late.Breached);
    }

    [Fact]
    public void A_service_without_a_standard_uses_the_fallback_and_a_weekend_does_not_count()
    {
        // 20 Nov to 23 Nov is one working day.
        var wait = ReferralWaitingRules.On(new DateOnly(2026, 11, 20), Today, Calendar, null, 1);
        Assert.Equal(1, wait.WorkingDaysWaited);
        Assert.False(wait.Breached);
        Assert.Equal("referrals are allocated within 1 working day", wait.Standard);
        Assert.True(ReferralWaitingRules.On(new DateOnly(2026, 11, 19), Today, Calendar, null, 1).Breached);
        Assert.Equal(0, ReferralWaitingRules.On(Today, Today, Calendar, null, 1).WorkingDaysWaited);
    }
}
