using Caseload.Features.Cases;
using Caseload.Features.Drift;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Caseload.Tests.Features.Drift;

/// <summary>Thresholds from configuration (Drift:Thresholds), as an authority sets them before anyone saves a version.</summary>
public class DriftSettingsTests
{
    private static DriftThresholds Configured(params (string Key, string Value)[] values)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
        return new DriftSettings(config, null!, new FakeTimeProvider()).Configured();
    }

    [Fact]
    public void Configuration_overrides_a_threshold_and_keeps_the_defaults_of_the_rest()
    {
        var thresholds = Configured(("Drift:Thresholds:NoContactWorkingDays", "15"), ("Drift:Thresholds:ReferralStandards:send", "ehc-needs-assessment-decision"));
        Assert.Equal(15, thresholds.NoContactWorkingDays);
        Assert.Equal(DriftThresholds.Default.NoRecordingWorkingDays, thresholds.NoRecordingWorkingDays);
        Assert.Equal("ehc-needs-assessment-decision", thresholds.ReferralStandards[Services.Send]);
        Assert.Equal("early-help-first-contact", thresholds.ReferralStandards[Services.EarlyHelp]);
    }

    [Fact]
    public void Configured_thresholds_outside_their_safe_ranges_are_ignored_for_the_defaults()
    {
        Assert.Equal(DriftThresholds.Default, Configured(("Drift:Thresholds:NoContactWorkingDays", "400")));
        Assert.Equal(DriftThresholds.Default, Configured());
    }

    [Fact]
    public void A_saved_version_reads_back_as_it_was_saved()
    {
        var changed = DriftThresholds.Default with { TasksOverdueWorkingDays = 3, ReferralStandards = new Dictionary<string, string> { [Services.EarlyHelp] = "early-help-first-contact" } };
        Assert.Equal(changed, DriftSettings.FromJson(DriftSettings.ToJson(changed)));
        Assert.NotEqual(DriftThresholds.Default, DriftSettings.FromJson(DriftSettings.ToJson(changed)));
        Assert.Null(DriftSettings.FromJson("{ not json"));
    }
}
