using Caseload.Platform.Http;
using Caseload.Data;
using Caseload.Features.People;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Caseload.Platform.Audit;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.DataProtection.Audit;

/// <summary>A person the name search found, with their cases, each a link that filters the trail by it.</summary>
public sealed record AuditPersonChoice(Guid Id, string Name, DateOnly DateOfBirth, IReadOnlyList<(Guid Id, string Service)> Cases);

/// <summary>
/// The audit trail for data protection officers: filtered by a person or case found by name (the person search's matching,
/// over every person, as the trail covers everyone), by id, user or dates; actions in words; exported as CSV.
/// </summary>
[Authorize(Policy = Policies.ReadAudit)]
public sealed class IndexModel(CaseloadDb db, CurrentUserAccessor users, AuditTrail audit, SubjectAccess.SubjectAccessService sar) : PageModel
{
    /// <summary>How many people a name search offers to choose from.</summary>
    public const int MaxChoices = 20;

    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? CaseId { get; set; }
    [BindProperty(SupportsGet = true)] public string? PersonId { get; set; }
    [BindProperty(SupportsGet = true)] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    public AuditListDto? Result { get; private set; }
    /// <summary>More than one person matched the name: the reader chooses one (or one of their cases).</summary>
    public IReadOnlyList<AuditPersonChoice> Choices { get; private set; } = [];
    /// <summary>Whom the name search settled on, shown above the results.</summary>
    public string? FoundName { get; private set; }

    /// <summary>The filters as a query string, for the export link.</summary>
    public string ExportQuery => QueryString.Create(new Dictionary<string, string?>
    {
        ["handler"] = "Csv", ["CaseId"] = CaseId, ["PersonId"] = PersonId, ["UserName"] = UserName, ["From"] = From, ["To"] = To,
    }.Where(kv => !string.IsNullOrWhiteSpace(kv.Value))).ToUriComponent();

    /// <summary>The DPO's home shows the register of open subject access requests first.</summary>
    public IReadOnlyList<SubjectAccess.SubjectAccessView> SubjectAccessRequests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        SubjectAccessRequests = await sar.ListAsync(await users.GetAsync(ct), all: false, ct);
        var filter = await FilterAsync(ct);
        if (filter is null)
        {
            // The people a name search offered are on the trail too, by id (never the name typed).
            if (Choices.Count > 0)
            {
                await audit.RecordReadAsync(await users.GetAsync(ct), AuditActions.AuditSearched, "audit", null,
                    details: $"found by name; people={Choices.Count}: {string.Join(',', Choices.Select(c => c.Id))}", ct: ct);
            }

            return;
        }

        Result = await AuditQuery.SearchAsync(db, filter, ct);
        await audit.RecordReadAsync(await users.GetAsync(ct), AuditActions.AuditSearched, "audit", null, filter.CaseId, filter.PersonId,
            AuditQuery.Describe(filter, byName: !string.IsNullOrWhiteSpace(Name)), ct);
    }

    /// <summary>The trail the filters find as CSV (RFC 4180), written to the response row by row; the export is audited with its filters.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var (filter, errors) = AuditFilter.Parse(CaseId, PersonId, UserName, From, To, 1, 1);
        if (filter is null)
        {
            ModelState.AddErrors(errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The export is on the trail before a row is written: an export cut short was still made.
        await audit.RecordReadAsync(await users.GetAsync(ct), AuditActions.AuditExported, "audit", null, filter.CaseId, filter.PersonId,
            AuditQuery.Describe(filter), ct);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"audit-trail.csv\"";
        await using var writer = new StreamWriter(Response.Body, CsvText.Encoding, bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(CsvText.Row(["When (UK time)", "Who", "Action", "Action code", "Record type", "Record id", "Case id", "Person id", "Route", "IP address", "Break-glass", "Details"]).AsMemory(), ct);
        await foreach (var e in AuditQuery.Stream(db, filter).WithCancellation(ct))
        {
            await writer.WriteAsync(CsvText.Row([
                UkTime.Format(e.At), e.UserName, AuditActionNames.Title(e.Action), e.Action, e.EntityType, e.EntityId, e.CaseId?.ToString(), e.PersonId?.ToString(),
                e.Route, e.IpAddress, e.BreakGlass ? "yes" : "no", e.Details,
            ]).AsMemory(), ct);
        }

        await writer.FlushAsync(ct);
        return new EmptyResult();
    }

    private async Task<AuditFilter?> FilterAsync(CancellationToken ct)
    {
        var (filter, errors) = AuditFilter.Parse(CaseId, PersonId, UserName, From, To, 1, 200);
        if (filter is null)
        {
            ModelState.AddErrors(errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }

        if (string.IsNullOrWhiteSpace(Name) || filter.CaseId is not null || filter.PersonId is not null) return filter;
        if (Name.Trim().Length > PersonSearch.MaxQueryLength)
        {
            ModelState.AddModelError(nameof(Name), $"Name must be {PersonSearch.MaxQueryLength} characters or fewer");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }

        var terms = PersonSearch.Parse(Name);
        var found = terms.IsEmpty ? [] : await PersonSearch.Matching(db, db.People.AsNoTracking(), terms)
            .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.DateOfBirth).ThenBy(p => p.Id)
            .Select(p => new { p.Id, Name = p.GivenName + " " + p.FamilyName, p.DateOfBirth })
            .Take(MaxChoices).ToListAsync(ct);
        if (found.Count == 0)
        {
            ModelState.AddModelError(nameof(Name), "No person or case matches this name");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }

        if (found.Count == 1)
        {
            FoundName = found[0].Name;
            PersonId = found[0].Id.ToString();
            return filter with { PersonId = found[0].Id };
        }

        var ids = found.Select(p => p.Id).ToList();
        var cases = (await db.Cases.AsNoTracking().Where(c => ids.Contains(c.PersonId)).OrderBy(c => c.ReferredOn).Select(c => new { c.PersonId, c.Id, c.Service }).ToListAsync(ct))
            .ToLookup(c => c.PersonId, c => (c.Id, c.Service));
        Choices = found.Select(p => new AuditPersonChoice(p.Id, p.Name, p.DateOfBirth, cases[p.Id].ToList())).ToList();
        return null;
    }
}
