using System.Text;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.Chronology;

/// <summary>
/// The case's chronology, printable: every event in date order, filtered by kind, date and significance with a GET form, and
/// each entry marked (or unmarked) as significant with a small POST form, by those who may change the case. Works without
/// JavaScript.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[CaseScope("id")]
public sealed class ChronologyModel(CaseScope scope, ChronologyService chronology) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "kinds")] public string[]? Kinds { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "significantOnly")] public string? SignificantOnly { get; set; }

    public string PersonName { get; private set; } = "";
    public string Service { get; private set; } = "";
    public CaseChronology Chronology { get; private set; } = new([], [], false);
    public ChronologyFilter Filter { get; private set; } = ChronologyFilter.Everything;
    public IReadOnlySet<string> KindsChosen { get; private set; } = new HashSet<string>(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostMarkAsync(string? kind, string? sourceId, string? significant, CancellationToken ct)
    {
        bool? mark = significant switch { "true" => true, "false" => false, _ => null };
        var outcome = await chronology.MarkAsync(scope.Case, kind, sourceId, mark, ct);
        var answer = this.Answer(outcome, item => Redirect($"/Cases/{Id}/Chronology{FilterQuery(leadingAmpersand: false)}#entry-{item.Entry.Kind}-{item.Entry.SourceId}"),
            rename: new Dictionary<string, string> { ["kind"] = "", ["sourceId"] = "", ["significant"] = "" });
        if (answer is not null) return answer;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The filter as a query string, to keep it across marking; "?" first unless <paramref name="leadingAmpersand"/>.</summary>
    public string FilterQuery(bool leadingAmpersand)
    {
        var query = new StringBuilder();
        void Add(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            query.Append(query.Length == 0 && !leadingAmpersand ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        foreach (var k in Kinds ?? []) Add("kinds", k);
        Add("from", From);
        Add("to", To);
        Add("significantOnly", SignificantOnly);
        return query.ToString();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        PersonName = scope.Case.PersonName;
        Service = scope.Case.Service;
        var (filter, errors) = ChronologyRules.ReadFilter(Kinds, From, To, SignificantOnly, chronology.KindCodes, ChronologyRules.PageDateFormats);
        ModelState.AddErrors(errors, new Dictionary<string, string> { ["kinds"] = "Kinds", ["from"] = "From", ["to"] = "To", ["significantOnly"] = "SignificantOnly" });
        Filter = filter ?? ChronologyFilter.Everything;
        KindsChosen = Filter.Kinds ?? new HashSet<string>(StringComparer.Ordinal);
        Chronology = await chronology.ReadAsync(scope.Case, Filter, ct);
    }
}
