using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features;

/// <summary>Each role's home: practitioners their cases, supervisors their team, the DPO the audit trail, administrators users.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class HomeModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.IsInRole(Roles.Practitioner)) return Redirect("/Worklist");
        if (User.IsInRole(Roles.Supervisor)) return Redirect("/Team");
        if (User.IsInRole(Roles.ServiceManager)) return Redirect("/Cases");
        if (User.IsInRole(Roles.DataProtectionOfficer)) return Redirect("/Audit");
        if (User.IsInRole(Roles.Administrator)) return Redirect("/Admin/Users");
        return Redirect("/Account/AccessDenied");
    }
}
