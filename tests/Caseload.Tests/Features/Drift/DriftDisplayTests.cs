using Caseload.Features.Cases;
using Caseload.Features.Drift;
using Caseload.Features.Supervision;
using Caseload.Features.Worklist;

namespace Caseload.Tests.Features.Drift;

/// <summary>What counts as new drift on a supervisor's home, and drift in brief and on the supervision agenda.</summary>
public sealed class DriftDisplayTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static DriftItemSignal Signal(string code, DateTimeOffset? foundAt, DriftSeverity level = DriftSeverity.High, string detail = "In words") =>
        new(code, level, detail, new DateOnly(2026, 11, 2), foundAt);

    private static DriftItem Item(params DriftItemSignal[] signals) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "Drew Stalled", Services.EarlyHelp, Risk.Amber, "pat", "Pat", DriftSeverity.High, signals);

    [Fact]
    public void Drift_found_by_the_last_scan_or_not_yet_seen_is_new_and_drift_an_earlier_scan_found_is_not()
    {
        var lastScan = Now.AddHours(-8);
        Assert.True(DriftDisplay.IsNew(Signal(DriftCodes.NoContact, lastScan), Now, lastScan));
        Assert.True(DriftDisplay.IsNew(Signal(DriftCodes.NoContact, null), Now, lastScan));
        Assert.False(DriftDisplay.IsNew(Signal(DriftCodes.NoContact, lastScan.AddMinutes(-1)), Now, lastScan));
        // Before any scan has completed: found in the last day.
        Assert.True(DriftDisplay.IsNew(Signal(DriftCodes.NoContact, Now.AddHours(-23)), Now, null));
        Assert.False(DriftDisplay.IsNew(Signal(DriftCodes.NoContact, Now.AddHours(-25)), Now, null));
    }

    [Fact]
    public void A_cases_signals_in_brief_name_what_stalled_and_since_when()
    {
        var item = Item(Signal(DriftCodes.NoContact, null), Signal(DriftCodes.NoRecording, null, DriftSeverity.Medium));
        Assert.Equal("No contact since 2 Nov 2026; nothing recorded since 2 Nov 2026", DriftDisplay.Brief(item));
    }

    [Fact]
    public void A_drifting_case_joins_the_agenda_with_a_reason_per_signal_after_its_own_and_a_calm_case_is_unchanged()
    {
        var drifting = Item(Signal(DriftCodes.NoContact, null, detail: "No contact for 25 working days"), Signal(DriftCodes.TasksOverdue, null, DriftSeverity.Low, "2 tasks overdue"));
        var red = new AgendaCase(drifting.CaseId, drifting.PersonId, "Drew Stalled", PriorityBand.Red, 1, ["Red priority"], null);
        var calm = new AgendaCase(Guid.NewGuid(), Guid.NewGuid(), "Casey Calm", PriorityBand.Green, 2, [], null);

        var agenda = SupervisionAgenda.AddDriftingCases([red, calm], new Dictionary<Guid, DriftItem> { [drifting.CaseId] = drifting });

        Assert.Equal(["Red priority", "Drifting (high): No contact for 25 working days", "Drifting (low): 2 tasks overdue"], agenda[0].Reasons);
        Assert.Empty(agenda[1].Reasons);
    }
}
