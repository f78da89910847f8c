namespace Caseload.Features.Worklist;

/// <summary>
/// Worklist order: highest score first. Equal scores are broken by urgency, never by order of receipt:
/// first the most urgent deadline (most overdue, then soonest due; cases without deadlines last), then the
/// longest without contact (never contacted first). Cases still equal compare as equal; the caller adds a
/// stable key such as the case id only so that the page order does not flicker, not as a priority factor.
/// </summary>
public sealed class PriorityOrder : IComparer<PriorityAssessment>
{
    public static PriorityOrder WorkFirst { get; } = new();

    private PriorityOrder()
    {
    }

    public int Compare(PriorityAssessment? x, PriorityAssessment? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return 1;
        }

        if (y is null)
        {
            return -1;
        }

        var byScore = y.Score.CompareTo(x.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byDeadline = (x.MostUrgentDeadlineWorkingDays ?? int.MaxValue).CompareTo(y.MostUrgentDeadlineWorkingDays ?? int.MaxValue);
        if (byDeadline != 0)
        {
            return byDeadline;
        }

        // Never contacted counts as the longest without contact.
        return (y.WorkingDaysSinceLastContact ?? int.MaxValue).CompareTo(x.WorkingDaysSinceLastContact ?? int.MaxValue);
    }
}
