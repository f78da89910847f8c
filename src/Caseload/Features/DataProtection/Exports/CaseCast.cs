using Caseload.Data;
using Caseload.Features.Agencies;
using Caseload.Features.Notes;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.DataProtection.Exports;

/// <summary>
/// Everyone Caseload records around a set of cases, with the words that stand for them in an anonymised copy: the person
/// ("the young person"), whoever gave consent for them (by who they are: "Parent or carer"), the professionals involved (their
/// role: "the school nurse") and their agencies ("[agency]"), the case's practitioner and co-workers and the notes' authors
/// ("the practitioner"), and every other user of Caseload ("a worker"), as a note may name any of them.
/// </summary>
public sealed class CaseCast(CaseloadDb db)
{
    public const string YoungPerson = "the young person";
    public const string Practitioner = "the practitioner";
    public const string Worker = "a worker";

    /// <summary>The people named around each case, the young person first; the caller adds <see cref="StaffAsync"/>.</summary>
    public async Task<Dictionary<Guid, List<NamedPerson>>> AroundAsync(IReadOnlyCollection<Guid> caseIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        var cast = caseIds.ToDictionary(id => id, _ => new List<NamedPerson>());
        foreach (var chunk in caseIds.Chunk(500))
        {
            var cases = await db.Cases.AsNoTracking().Where(c => chunk.Contains(c.Id))
                .Select(c => new
                {
                    c.Id,
                    c.PersonId,
                    c.Person.GivenName,
                    c.Person.FamilyName,
                    Allocated = c.AllocatedTo != null ? c.AllocatedTo.DisplayName : null,
                    CoWorkers = c.CoWorkers.Select(w => w.User!.DisplayName).ToList(),
                })
                .ToListAsync(ct);
            var people = cases.Select(c => c.PersonId).Distinct().ToList();
            var consents = await db.Set<Consent>().AsNoTracking().Where(x => people.Contains(x.PersonId))
                .Select(x => new { x.PersonId, x.GivenBy, x.GivenByName, x.WithdrawnByName }).ToListAsync(ct);
            var involvements = await db.Set<Involvement>().AsNoTracking().Where(i => chunk.Contains(i.CaseId))
                .Select(i => new { i.CaseId, i.ProfessionalName, i.Role, Agency = i.Agency != null ? i.Agency.Name : null }).ToListAsync(ct);
            var authors = await db.Set<CaseNoteVersion>().AsNoTracking().Where(v => chunk.Contains(v.CaseId))
                .Select(v => new { v.CaseId, v.AuthorName }).Distinct().ToListAsync(ct);

            foreach (var c in cases)
            {
                var list = cast[c.Id];
                list.Add(new NamedPerson($"{c.GivenName} {c.FamilyName}", YoungPerson));
                foreach (var consent in consents.Where(x => x.PersonId == c.PersonId && x.GivenBy != ConsentCodes.ByPerson))
                {
                    list.Add(new NamedPerson(consent.GivenByName, consent.GivenBy == "parent-carer" ? "Parent or carer" : "someone with authority"));
                }

                foreach (var i in involvements.Where(i => i.CaseId == c.Id))
                {
                    if (i.ProfessionalName is { } name) list.Add(new NamedPerson(name, "the " + i.Role.Trim().ToLowerInvariant()));
                    if (i.Agency is { } agency) list.Add(new NamedPerson(agency, "[agency]"));
                }

                if (c.Allocated is { } allocated) list.Add(new NamedPerson(allocated, Practitioner));
                list.AddRange(c.CoWorkers.Select(w => new NamedPerson(w, Practitioner)));
                list.AddRange(authors.Where(a => a.CaseId == c.Id).Select(a => new NamedPerson(a.AuthorName, Practitioner)));
                list.AddRange(consents.Where(x => x.PersonId == c.PersonId && x.WithdrawnByName is not null).Select(x => new NamedPerson(x.WithdrawnByName!, Worker)));
            }
        }

        return cast;
    }

    /// <summary>Every user's name: any of them may be named in a note.</summary>
    public async Task<List<NamedPerson>> StaffAsync(CancellationToken ct) =>
        (await db.Users.AsNoTracking().Select(u => u.DisplayName).ToListAsync(ct)).Select(n => new NamedPerson(n, Worker)).ToList();
}
