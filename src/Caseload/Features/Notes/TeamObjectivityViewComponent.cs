using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Notes;

public sealed record TeamObjectivityView(IReadOnlyList<TeamObjectivityCount> Teams, int Days);

/// <summary>For supervisors' coaching: per team, how many notes were saved with objectivity findings. Counts, never the words.</summary>
public sealed class TeamObjectivityViewComponent(NoteService notes, CurrentUserAccessor users, TimeProvider clock) : ViewComponent
{
    public const int Days = 28;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = await users.GetAsync(HttpContext.RequestAborted);
        var counts = await notes.TeamObjectivityCountsAsync(user, clock.GetUtcNow().AddDays(-Days), HttpContext.RequestAborted);
        return View("/Features/Notes/_TeamObjectivity.cshtml", new TeamObjectivityView(counts, Days));
    }
}
