using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;

namespace Caseload.Features.Notes;

/// <summary>
/// "Record a note" (or "Continue your draft note" when the reader has a draft on the case) at the top of the case page, where the
/// practitioner looks first; nothing on a closed case.
/// </summary>
public sealed class RecordNoteActionViewComponent(NoteService notes, CurrentUserAccessor users) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid caseId, bool caseClosed)
    {
        if (caseClosed) return new HtmlContentViewComponentResult(Microsoft.AspNetCore.Html.HtmlString.Empty);
        var user = await users.GetAsync(HttpContext.RequestAborted);
        var draft = await notes.GetDraftAsync(user, caseId, HttpContext.RequestAborted);
        var text = draft is null ? "Record a note" : "Continue your draft note";
        return new HtmlContentViewComponentResult(new Microsoft.AspNetCore.Html.HtmlString(
            $"<a class=\"govuk-button govuk-!-margin-bottom-0\" href=\"/Cases/{caseId}/Notes/New\" data-testid=\"record-note\">{text}</a>"));
    }
}
