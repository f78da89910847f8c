using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Drift;

/// <summary>
/// The team's drifting cases for a supervisor's home: those shown, how many drift, how many with drift new since the last scan.
/// <see cref="FromScan"/>: the counts are those the last daily scan found (a service manager's whole services), the cases shown
/// assessed now.
/// </summary>
public sealed record TeamDriftView(IReadOnlyList<DriftItem> Newest, int Total, int WithNewDrift, DateTimeOffset? LastScan, DateTimeOffset Now, bool FromScan = false);

/// <summary>On a supervisor's home (the Team page): the team's drifting cases, newest drift first, each signal in words.</summary>
public sealed class TeamDriftViewComponent(DriftService drift, CurrentUserAccessor users) : ViewComponent
{
    public const int Shown = 20;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = await users.GetAsync(HttpContext.RequestAborted);
        return View("/Features/Drift/_TeamDrift.cshtml", await drift.NewestForTeamsAsync(user, Shown, HttpContext.RequestAborted));
    }
}
