using Caseload.Features.Deadlines;
using Microsoft.Extensions.Configuration;

namespace Caseload.Tests.Features.Deadlines;

/// <summary>How a case's nation comes from the service's configuration.</summary>
public class NationTests
{
    private static Calendars With(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(), null!, TimeProvider.System);

    [Fact]
    public void A_case_is_in_England_unless_configured_otherwise()
    {
        Assert.Equal(Nations.England, With().NationOf("early-help"));
        Assert.Equal(Nations.Scotland, With(("Deadlines:DefaultDivision", "scotland")).NationOf("early-help"));
    }

    [Fact]
    public void A_Welsh_authority_sets_its_nation_once_and_a_service_may_differ()
    {
        var calendars = With(("Deadlines:Nation", "wales"), ("Deadlines:Nations:careers-iag", "England"));

        Assert.Equal(Nations.Wales, calendars.NationOf("childrens-social-care"));
        Assert.Equal(Nations.England, calendars.NationOf("careers-iag"));
    }

    [Fact]
    public void A_nation_outside_the_service_division_or_an_unknown_one_is_a_configuration_error()
    {
        Assert.Throws<InvalidOperationException>(() => With(("Deadlines:Nation", "wales"), ("Deadlines:DefaultDivision", "scotland")).NationOf("send"));
        Assert.Throws<InvalidOperationException>(() => With(("Deadlines:Nation", "cornwall")).NationOf("send"));
    }

    [Fact]
    public void Nation_codes_read_back_as_written()
    {
        Assert.All(NationCodes.All, n => Assert.True(NationCodes.TryParse(n.ToCode(), out var read) && read == n));
        Assert.Equal("Northern Ireland", Nations.NorthernIreland.Title());
        Assert.False(NationCodes.TryParse("united-kingdom", out _));
    }
}
