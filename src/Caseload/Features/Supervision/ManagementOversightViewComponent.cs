using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace Caseload.Features.Supervision;

public sealed record ManagementOversightView(IReadOnlyList<OversightEntry> Entries);

/// <summary>
/// The case page's "Management oversight": each decision made about this case in supervision, with its rationale, actions,
/// who made it and when. Only the case discussion: the supervisee's wellbeing, workload and learning never appear here.
/// </summary>
public sealed class ManagementOversightViewComponent(SupervisionService supervision, CaseScope scope) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("/Features/Supervision/_ManagementOversight.cshtml",
            new ManagementOversightView(await supervision.OversightForCaseAsync(scope.Case, HttpContext.RequestAborted)));
}
