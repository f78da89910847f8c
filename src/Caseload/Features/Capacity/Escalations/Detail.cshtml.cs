using System.Globalization;
using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Capacity.Escalations;

/// <summary>One capacity escalation, its route and answer; the current recipient answers it here. Not found for anyone with no part in it.</summary>
[Authorize(Policy = Policies.CaseWork)]
public sealed class DetailModel(EscalationService escalations, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? Rationale { get; set; }
    [BindProperty] public string? Points { get; set; }
    [BindProperty] public string? Percent { get; set; }
    [BindProperty] public string? FromDay { get; set; }
    [BindProperty] public string? FromMonth { get; set; }
    [BindProperty] public string? FromYear { get; set; }
    [BindProperty] public string? UntilDay { get; set; }
    [BindProperty] public string? UntilMonth { get; set; }
    [BindProperty] public string? UntilYear { get; set; }
    [BindProperty] public string? Action { get; set; }
    [BindProperty] public string? Owner { get; set; }
    [BindProperty] public string? DueDay { get; set; }
    [BindProperty] public string? DueMonth { get; set; }
    [BindProperty] public string? DueYear { get; set; }
    public EscalationView View { get; private set; } = null!;
    /// <summary>The reader, so the owner of an open action is offered its outcome form.</summary>
    public string UserId { get; private set; } = "";

    public static readonly IReadOnlyList<(string Value, string Label, string Hint)> Choices =
    [
        ("reallocate", "Reallocate cases", "Move cases to others; record who and when as actions"),
        ("temporary-reduction", "Temporary reduction", "Agree a reduction in points or percent between two dates"),
        ("additional-support", "Additional support", "For example, more frequent supervision or a co-worker"),
        ("accept-with-mitigation", "Accept with mitigation", "The load stays; say what reduces the risk"),
        ("escalate", "Escalate", "Pass it to the next manager up the chain"),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        if (!View.MayRespond) return Forbid();
        int? points = null, percent = null;
        if (!string.IsNullOrWhiteSpace(Points))
        {
            if (int.TryParse(Points.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p)) points = p;
            else ModelState.AddModelError(nameof(Points), "Points must be a whole number, like 10");
        }

        if (!string.IsNullOrWhiteSpace(Percent))
        {
            if (int.TryParse(Percent.Trim().TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var p)) percent = p;
            else ModelState.AddModelError(nameof(Percent), "Percent must be a whole number from 1 to 100");
        }

        var from = Date("From", FromDay, FromMonth, FromYear, "The start must be a real date, like 7 12 2026");
        var until = Date("Until", UntilDay, UntilMonth, UntilYear, "The end must be a real date, like 31 1 2027");
        var due = Date("Due", DueDay, DueMonth, DueYear, "The due date must be a real date, like 7 12 2026");
        if (!ModelState.IsValid) return Page();

        var actions = new List<EscalationActionInput?>();
        if (!string.IsNullOrWhiteSpace(Action) || !string.IsNullOrWhiteSpace(Owner) || due is not null) actions.Add(new EscalationActionInput(Action, Owner, due));
        var outcome = await escalations.RespondAsync(await users.GetAsync(ct), Id,
            new EscalationResponseInput(Decision, Rationale, actions, points, percent, from, until), ct);
        var rename = new Dictionary<string, string> { ["actions[0].action"] = nameof(Action), ["actions[0].owner"] = nameof(Owner), ["actions[0].dueOn"] = "Due" };
        return this.Answer(outcome, ok: e =>
        {
            TempData["Success"] = e.Status == EscalationStatus.Open ? $"The escalation is passed to {e.RecipientName}" : "Your response is recorded";
            return Redirect($"/Capacity/Escalations/{e.Id}");
        }, rename: rename) ?? Page();
    }

    private DateOnly? Date(string field, string? day, string? month, string? year, string message)
    {
        if (GovDate.IsEmpty(day, month, year)) return null;
        if (GovDate.TryParse(day, month, year, out var d)) return d;
        ModelState.AddModelError(field, message);
        return null;
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        UserId = user.Id;
        var outcome = await escalations.ReadAsync(user, Id, ct);
        if (!outcome.Succeeded) return NotFound();
        View = outcome.Value!;
        return null;
    }
}
