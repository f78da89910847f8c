using Caseload.Features.Cases;
using Caseload.Features.Drift;

namespace Caseload.Features.Plans;

/// <summary>
/// A goal of the plan in force is not moving: no progress recorded on it for <see cref="DriftThresholds.PlanStalledWeeks"/>
/// (counted from its last progress, or from the day the plan was agreed), or the same score at
/// <see cref="DriftThresholds.PlanSameScoreRecords"/> progress records running. Goals achieved, not achieved or abandoned do not
/// count. Open cases only. Medium: the family is busy with the service but nothing is changing for the child.
/// </summary>
public sealed class PlanStalledSignal : IDriftSignal
{
    public string Code => DriftCodes.PlanStalled;

    public DriftFinding? Find(DriftSnapshot snapshot, DriftContext context)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(context);
        if (snapshot.Status != CaseStatus.Open) return null;
        var t = context.Thresholds;
        if (snapshot.PlanQuietSince is { } quiet)
        {
            var limit = quiet.AddDays(7 * t.PlanStalledWeeks);
            if (context.Today >= limit)
            {
                var weeks = (context.Today.DayNumber - quiet.DayNumber) / 7;
                return new DriftFinding(Code, DriftSeverity.Medium,
                    $"A goal of the plan has had no progress recorded for {weeks} weeks, since {DriftRules.Day(quiet)}; the limit is {t.PlanStalledWeeks} weeks", limit);
            }
        }

        if (snapshot.PlanSameScoreRun >= t.PlanSameScoreRecords)
        {
            return new DriftFinding(Code, DriftSeverity.Medium,
                $"A goal of the plan has had the same score at {snapshot.PlanSameScoreRun} progress records running", null);
        }

        return null;
    }
}
