using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;

namespace Caseload.Features.People;

public sealed record PersonCaseRow(Guid Id, string Service, CaseStatus Status, DateOnly ReferredOn);

[Authorize(Policy = Policies.CaseWork)]
[PersonScope("id")]
public sealed class DetailModel(PeopleService people, CurrentUserAccessor users, CaseloadDb db, AuditTrail audit) : PageModel
{
    public Person Person { get; private set; } = null!;
    public IReadOnlyList<PersonCaseRow> Cases { get; private set; } = [];
    public IReadOnlyList<CharacteristicChangeView> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var user = await users.GetAsync(ct);
        var person = await people.GetAsync(user, id, ct);
        if (person is null) return NotFound();
        Person = person;
        Changes = await CharacteristicHistory.ForAsync(db, user, id, ct);
        Cases = await db.VisibleCases(user).Where(c => c.PersonId == id).OrderByDescending(c => c.ReferredOn)
            .Select(c => new PersonCaseRow(c.Id, c.Service, c.Status, c.ReferredOn)).ToListAsync(ct);
        await audit.RecordListAsync(user, AuditActions.CaseListed, Cases.Select(c => c.Id), details: null, personId: id, ct);
        return Page();
    }
}
