using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;

namespace Caseload.Features.DataProtection.SubjectAccess;

/// <summary>A stop of the clock: from the day clarification was asked for to the day it arrived (null while still awaited).</summary>
public sealed record ClockStop(DateOnly From, DateOnly? ResumedOn);

/// <summary>Where a request's clock stands on a day.</summary>
/// <param name="StartsOn">Day one of the time limit: the day of receipt, or the day identity was confirmed when that came later.</param>
/// <param name="DueOn">When the response is due (provisional while the clock is stopped: as if it restarted on the day asked about).</param>
/// <param name="FirstMonthEndsOn">The unextended due date: an extension must be told to the requester by then.</param>
/// <param name="DaysPaused">Days the clock has stood still (an open stop counted to the day asked about).</param>
/// <param name="Awaiting">"identity" or "clarification" while the clock is stopped, else null.</param>
/// <param name="Overdue">Open and past its due date on the day asked about.</param>
/// <param name="Explanation">How the due date was reached, in words.</param>
public sealed record SubjectAccessClockState(DateOnly StartsOn, DateOnly DueOn, DateOnly FirstMonthEndsOn, int DaysPaused, string? Awaiting, bool Overdue, string Explanation);

/// <summary>
/// The clock of a subject access request, following the ICO's guidance ("Time limits for responding", and UK GDPR Art. 12(3) and
/// 12A as the Data (Use and Access) Act 2025 put them):
/// <list type="bullet">
/// <item><b>Identity</b>: the time limit starts when the requester's identity (or authority to act) is confirmed, if later than
/// the day of receipt ("the time limit starts from the day you receive the information"). A request logged before then has
/// not started its clock: it is awaiting identity, its due date provisional (as if confirmation came on the day asked about),
/// and confirmation (a resume with its day) makes that day day one. Confirmation on or before receipt changes nothing.</item>
/// <item><b>Clarification</b>: asking for clarification stops the clock; it restarts when the clarification arrives, and the
/// due date moves on by the days it stood still (from the day asked for to the day received). A stop still open counts to
/// the day asked about, so an awaited request's due date is never earlier than it could be.</item>
/// <item>The limit itself, one month from day one (three when extended) moved to a working day, is <see cref="SubjectAccessDueDate"/>'s.</item>
/// <item><b>Extension</b>: by two further months for a complex request, only if the requester is told, with reasons, within
/// the first month: on or before the unextended due date.</item>
/// </list>
/// </summary>
public static class SubjectAccessClock
{
    public const string AwaitingIdentity = "identity";
    public const string AwaitingClarification = "clarification";

    public static SubjectAccessClockState On(WorkingDayCalendar calendar, DateOnly receivedOn, DateOnly? identityVerifiedOn, IEnumerable<ClockStop> stops,
        bool extended, DateOnly today, bool completed = false)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(stops);
        string? awaiting = null;
        DateOnly startsOn;
        if (identityVerifiedOn is { } verified)
        {
            startsOn = verified > receivedOn ? verified : receivedOn;
        }
        else
        {
            awaiting = AwaitingIdentity;
            startsOn = today > receivedOn ? today : receivedOn;
        }

        var days = 0;
        foreach (var stop in stops)
        {
            var end = stop.ResumedOn ?? today;
            if (stop.ResumedOn is null) awaiting ??= AwaitingClarification;
            // A stop before day one (asked for while identity was awaited) counts only from day one.
            var from = stop.From > startsOn ? stop.From : startsOn;
            if (end > from) days += end.DayNumber - from.DayNumber;
        }

        var first = SubjectAccessDueDate.For(calendar, startsOn, false, days);
        var due = extended ? SubjectAccessDueDate.For(calendar, startsOn, true, days) : first;
        var explanation = due.Explanation;
        if (startsOn != receivedOn && identityVerifiedOn is not null)
        {
            explanation = $"Identity was confirmed on {UkDateText.Date(startsOn)}, after receipt on {UkDateText.Date(receivedOn)}: the time limit starts then. " + explanation;
        }

        explanation = awaiting switch
        {
            AwaitingIdentity => "The clock has not started: the requester's identity is awaited. If it were confirmed today: " + explanation,
            AwaitingClarification => "The clock is stopped while clarification is awaited; the due date moves on each day until it arrives. " + explanation,
            _ => explanation,
        };
        return new SubjectAccessClockState(startsOn, due.Due, first.Due, days, awaiting, !completed && today > due.Due, explanation);
    }

    /// <summary>Whether an extension told to the requester on <paramref name="toldOn"/> is in time: within the first month, by the unextended due date.</summary>
    public static bool ExtensionInTime(SubjectAccessClockState state, DateOnly toldOn)
    {
        ArgumentNullException.ThrowIfNull(state);
        return toldOn <= state.FirstMonthEndsOn;
    }
}
