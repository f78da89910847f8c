using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Agencies.Involvements;

public sealed record InvolvementsView(Guid CaseId, bool CaseClosed, TeamAroundTheChild Team);

/// <summary>The case page's "Who else is involved": the team around the child, and the person's other open cases in our services.</summary>
public sealed class InvolvementsViewComponent(InvolvementService involvements, CaseScope scope) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(bool caseClosed) =>
        View("/Features/Agencies/Involvements/_Involvements.cshtml",
            new InvolvementsView(scope.Case.CaseId, caseClosed, await involvements.TeamAsync(scope.Case, recordList: false, HttpContext.RequestAborted)));
}
