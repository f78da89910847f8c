using Caseload.Platform.Http;
using Caseload.Data;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Caseload.Platform.Audit;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.DataProtection.Audit;

[Authorize(Policy = Policies.ReadAudit)]
public sealed class IndexModel(CaseloadDb db, CurrentUserAccessor users, AuditTrail audit, SubjectAccess.SubjectAccessService sar) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? CaseId { get; set; }
    [BindProperty(SupportsGet = true)] public string? PersonId { get; set; }
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    public AuditListDto? Result { get; private set; }

    /// <summary>The DPO's home shows the register of open subject access requests first.</summary>
    public IReadOnlyList<SubjectAccess.SubjectAccessView> SubjectAccessRequests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        SubjectAccessRequests = await sar.ListAsync(await users.GetAsync(ct), all: false, ct);
        var (filter, errors) = AuditFilter.Parse(CaseId, PersonId, UserName, From, To, 1, 200);
        if (filter is null)
        {
            ModelState.AddErrors(errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Result = await AuditQuery.SearchAsync(db, filter, ct);
        await audit.RecordReadAsync(await users.GetAsync(ct), AuditActions.AuditSearched, "audit", null, filter.CaseId, filter.PersonId,
            $"userName={filter.UserName}; from={filter.From}; to={filter.To}", ct);
    }
}
