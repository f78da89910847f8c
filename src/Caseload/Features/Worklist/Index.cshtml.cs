using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines;
using Caseload.Features.Drift;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.Worklist;

/// <summary>The practitioner's home: their cases in the order to work them. Supervisors also see each practitioner's and the team's.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class IndexModel(WorklistService worklists, CurrentUserAccessor users, CaseloadDb db, DeadlineService deadlines, DriftService drift, AuditTrail audit)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Service { get; set; }
    [BindProperty(SupportsGet = true)] public string? Rag { get; set; }
    [BindProperty(SupportsGet = true)] public bool OverdueOnly { get; set; }
    public bool Team { get; private set; }
    public string Heading { get; private set; } = "My worklist";
    public bool ShowAllocated { get; private set; }
    public IReadOnlyList<WorklistItem> Items { get; private set; } = [];
    /// <summary>On my own worklist, my overdue and due-soon deadlines, explained, above the list.</summary>
    public IReadOnlyList<MyDeadline> Urgent { get; private set; } = [];
    public IReadOnlyList<PractitionerOption> Practitioners { get; private set; } = [];
    /// <summary>Restricted open cases of this worklist the user may not see: counted, never listed.</summary>
    public int RestrictedUnseen { get; private set; }

    /// <summary>The drift of the cases listed, by case (the worklist audits the cases it lists).</summary>
    public IReadOnlyDictionary<Guid, DriftItem> Drift { get; private set; } = new Dictionary<Guid, DriftItem>();

    /// <summary>Where the drift list of the same caseload is: the practitioner's own, a supervisee's, or the team's.</summary>
    public string DriftLink => Team ? "/Drift?UserName=team" : UserName is { Length: > 0 } u ? $"/Drift?UserName={Uri.EscapeDataString(u)}" : "/Drift";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var supervisor = user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.ServiceManager);
        if (supervisor) Practitioners = (await AllocateModel.AllocatablePractitionersAsync(db, user, ct)).Where(p => p.UserName != user.UserName).ToList();
        PriorityBand? band = RiskCodes.TryParse(Rag, out var r) ? (PriorityBand)(int)r : null;
        var filter = new WorklistFilter(Services.IsKnown(Service ?? "") ? Service : null, band, OverdueOnly);
        if (UserName == "team" && supervisor)
        {
            Team = true;
            UserName = null;
            ShowAllocated = true;
            Heading = "Team worklist";
            Items = await worklists.ForTeamsAsync(user, filter, ct);
            RestrictedUnseen = await worklists.RestrictedUnseenAsync(user, null, team: true, ct);
            Drift = await drift.OfCasesAsync(user, Items.Select(i => i.CaseId).ToList(), ct);
            return Page();
        }

        var outcome = await worklists.ForPractitionerAsync(user, UserName, filter, ct);
        if (outcome.Kind == OutcomeKind.Forbidden) return Forbid();
        if (!outcome.Succeeded) return NotFound();
        Items = outcome.Value!.Items;
        Drift = await drift.OfCasesAsync(user, Items.Select(i => i.CaseId).ToList(), ct);
        if (outcome.Value.Practitioner.Id != user.Id)
        {
            RestrictedUnseen = await worklists.RestrictedUnseenAsync(user, outcome.Value.Practitioner.UserName, team: false, ct);
            Heading = $"Worklist of {outcome.Value.Practitioner.DisplayName}";
            return Page();
        }

        Urgent = (await deadlines.MineAsync(user, ct)).Where(m => m.NeedsAttention).ToList();
        // A filtered worklist may leave out a case the banner names: the banner's cases join the worklist's view event.
        await audit.RecordListAsync(user, AuditActions.WorklistViewed, Urgent.Select(m => m.CaseId), ct);
        return Page();
    }
}
