namespace Caseload.Features.Deadlines;

public enum TimescaleUnit
{
    WorkingDays = 0,
    CalendarDays = 1,
    Weeks = 2,
    Months = 3,
}

public enum TimescaleKind
{
    /// <summary>Set by law or statutory guidance.</summary>
    Statutory = 0,

    /// <summary>A service standard the organisation sets for itself, and may change.</summary>
    Organisational = 1,
}

/// <summary>The UK nations a timescale applies in; the law on children's services differs between them.</summary>
[Flags]
public enum Nations
{
    None = 0,
    England = 1,
    Wales = 2,
    Scotland = 4,
    NorthernIreland = 8,
    UnitedKingdom = England | Wales | Scotland | NorthernIreland,
}

/// <summary>
/// A rule from the catalogue: something must happen within <see cref="Length"/> <see cref="Unit"/> of
/// <see cref="StartEvent"/>. A timescale that repeats or leads on to another ("then every 6 months") names the
/// timescale that starts when this one is met in <see cref="FollowedBy"/> (its own code when it repeats itself).
/// <see cref="Code"/> is a stable kebab-case key stored with each deadline; <see cref="StartEvent"/> says what starts
/// the clock in plain English ("the referral was received"); <see cref="Source"/> cites the law or guidance in one line.
/// </summary>
public sealed record Timescale(
    string Code,
    string Title,
    string StartEvent,
    int Length,
    TimescaleUnit Unit,
    string Source,
    Nations Nations,
    TimescaleKind Kind,
    string? FollowedBy = null)
{
    /// <summary>
    /// Why the clock may stop for this timescale, citing the provision in one line; null when it may not be paused
    /// (child protection and looked-after timescales never pause: the child's safety does not wait).
    /// </summary>
    public string? PauseAllowedBy { get; init; }

    public bool MayPause => PauseAllowedBy is not null;

    /// <summary>The services (codes from <see cref="Cases.Services"/>) whose cases this timescale is offered on.</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <summary>Timescales that start, besides <see cref="FollowedBy"/>, when this one is met (an initial conference starts the core group too).</summary>
    public IReadOnlyList<string> AlsoStartsWhenMet { get; init; } = [];

    public bool AppliesTo(string service) => Services.Contains(service, StringComparer.Ordinal);

    /// <summary>Offered on a case of <paramref name="service"/> in <paramref name="nation"/>.</summary>
    public bool OfferedFor(Nations nation, string service) => AppliesIn(nation) && AppliesTo(service);

    /// <summary>"45 working days", "1 working day", "3 months".</summary>
    public string LengthText => UnitText(Length, Unit);

    public bool AppliesIn(Nations nation) => (Nations & nation) != 0;

    internal static string UnitText(int length, TimescaleUnit unit) => unit switch
    {
        TimescaleUnit.WorkingDays => UkDateText.Count(length, "working day", "working days"),
        TimescaleUnit.CalendarDays => UkDateText.Count(length, "calendar day", "calendar days"),
        TimescaleUnit.Weeks => UkDateText.Count(length, "week", "weeks"),
        TimescaleUnit.Months => UkDateText.Count(length, "month", "months"),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a timescale unit."),
    };
}
