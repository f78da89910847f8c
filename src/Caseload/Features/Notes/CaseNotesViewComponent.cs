using System.Globalization;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Notes;

public sealed record TimelineView(Guid CaseId, NotePage Notes, string? Type, string? From, string? To, string? FromError, string? ToError,
    NoteDraft? Draft, bool Filtered, bool CaseClosed);

/// <summary>The case page's notes: an MOJ timeline, newest first, filtered by type and by date (?noteType=&amp;notesFrom=&amp;notesTo=).</summary>
public sealed class CaseNotesViewComponent(NoteService notes, CurrentUserAccessor users) : ViewComponent
{
    public const int PageSize = 100;

    public async Task<IViewComponentResult> InvokeAsync(Guid caseId, bool caseClosed)
    {
        var user = await users.GetAsync(HttpContext.RequestAborted);
        var query = HttpContext.Request.Query;
        var type = query["noteType"].ToString() is { Length: > 0 } t && NoteTypes.IsKnown(t) ? t : null;
        var from = query["notesFrom"].ToString().Trim();
        var to = query["notesTo"].ToString().Trim();
        var fromDay = ParseDay(from, "from", out var fromError);
        var toDay = ParseDay(to, "to", out var toError);
        if (fromDay is { } f && toDay is { } e && e < f) toError = "The to date must be the same as or after the from date";
        var filter = new NoteFilter(type, fromDay, toError is null ? toDay : null, 1, PageSize);
        var page = await notes.ListAsync(user, caseId, filter, HttpContext.RequestAborted) ?? new NotePage([], 0);
        var draft = await notes.GetDraftAsync(user, caseId, HttpContext.RequestAborted);
        return View("/Features/Notes/_Timeline.cshtml",
            new TimelineView(caseId, page, type, from, to, fromError, toError, draft, type is not null || fromDay is not null || toDay is not null, caseClosed));
    }

    private static DateOnly? ParseDay(string text, string which, out string? error)
    {
        error = null;
        if (text.Length == 0) return null;
        if (DateOnly.TryParseExact(text, ["d/M/yyyy", "d M yyyy", "d-M-yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (day.Year is >= 1900 and <= 2099) return day;
            error = $"The {which} date must be between 1900 and 2099";
            return null;
        }

        error = $"The {which} date must be a real date, like 20/11/2026";
        return null;
    }
}
