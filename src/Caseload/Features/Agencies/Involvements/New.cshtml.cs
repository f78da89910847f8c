using Caseload.Features.Cases;
using Caseload.Features.Shared;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Agencies.Involvements;

/// <summary>Record who else is involved with the child or family: an agency, a named professional, or both.</summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class NewModel(CaseScope scope, InvolvementService involvements, AgencyService agencies) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public int? AgencyId { get; set; }
    [BindProperty] public string? ProfessionalName { get; set; }
    [BindProperty] public string? ProfessionalRole { get; set; }
    [BindProperty] public string? ProfessionalContact { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? FromDay { get; set; }
    [BindProperty] public string? FromMonth { get; set; }
    [BindProperty] public string? FromYear { get; set; }
    [BindProperty] public bool Lead { get; set; }

    public string PersonName => scope.Case.PersonName;
    public bool Closed => scope.Case.Status == CaseStatus.Closed;
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];
    public string? CurrentLead { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Closed)
        {
            ModelState.AddModelError(string.Empty, InvolvementService.ClosedCaseMessage);
            return Page();
        }

        DateOnly? from = null;
        if (GovDate.TryParse(FromDay, FromMonth, FromYear, out var day)) from = day;
        else if (!GovDate.IsEmpty(FromDay, FromMonth, FromYear)) ModelState.AddModelError("From", "The date their involvement began must be a real date, like 21 11 2026");
        var input = new InvolvementInput(AgencyId, new ProfessionalInput(ProfessionalName, ProfessionalRole, ProfessionalContact), Role, from, Lead);
        if (!ModelState.IsValid)
        {
            // Show every problem at once: the rules' errors for the other fields beside the ones the form found.
            var errors = InvolvementRules.Check(input, DateOnly.MinValue, involvements.Today);
            ModelState.AddErrors(errors.Where(e => !ModelState.ContainsKey(Field(e.Key)) || ModelState[Field(e.Key)]!.Errors.Count == 0)
                .ToDictionary(e => e.Key, e => e.Value), Renames);
            return Page();
        }

        var outcome = await involvements.RecordAsync(scope.Case, input, ct);
        return this.Answer(outcome,
            ok: r =>
            {
                TempData["Success"] = r.ReplacedLead is { } was
                    ? $"{r.Involvement.Who} is recorded as the lead professional. {was.Who} is still involved, no longer the lead"
                    : $"{r.Involvement.Who} is recorded as involved";
                return Redirect($"/Cases/{Id}#involvements");
            },
            rename: Renames) ?? Page();
    }

    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal)
    {
        ["agencyId"] = nameof(AgencyId),
        ["professional.name"] = nameof(ProfessionalName),
        ["professional.role"] = nameof(ProfessionalRole),
        ["professional.contact"] = nameof(ProfessionalContact),
        ["status"] = string.Empty,
    };

    private static string Field(string key) => Renames.TryGetValue(key, out var renamed) ? renamed : char.ToUpperInvariant(key[0]) + key[1..];

    private async Task LoadAsync(CancellationToken ct)
    {
        Agencies = await agencies.ListAsync(ct);
        CurrentLead = (await involvements.CurrentLeadAsync(scope.Case, ct))?.Who;
    }
}
