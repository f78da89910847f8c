namespace Caseload.Features.Deadlines.WorkingDays;

/// <summary>
/// A day off in one division, on the date it is observed (a substitute day when the holiday itself falls on a
/// weekend). <see cref="Title"/> and <see cref="Notes"/> are GOV.UK's, e.g. "Boxing Day" with "Substitute day".
/// <see cref="IsCalculated"/> marks a date worked out by rule because the published list does not cover its year.
/// </summary>
public sealed record BankHoliday(DateOnly Date, string Title, string Notes, bool IsCalculated)
{
    /// <summary>GOV.UK's note on a substitute day.</summary>
    public const string SubstituteDayNote = "Substitute day";

    public bool IsSubstitute => Notes.Contains(SubstituteDayNote, StringComparison.OrdinalIgnoreCase);

    /// <summary>The holiday as a person would say it: "Christmas Day", "Boxing Day (substitute day)".</summary>
    public string Name => IsSubstitute ? $"{Title} (substitute day)" : Title;
}
