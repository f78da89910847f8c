using Caseload.Data;
using Caseload.Features.Audit;
using Caseload.Infrastructure;
using Caseload.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.People;

public sealed record NewPerson(string? GivenName, string? FamilyName, DateOnly? DateOfBirth, IReadOnlyList<string>? Characteristics);

/// <summary>The one writer of people; every write and read is authorised and audited.</summary>
public sealed class PeopleService(CaseloadDb db, AuditTrail audit, TimeProvider clock)
{
    public async Task<Outcome<Person>> CreateAsync(CurrentUser user, NewPerson input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.WorksWithCases) return Outcome<Person>.Forbidden("Only practitioners, supervisors and service managers record people.");
        var today = UkTime.Today(clock);
        var codes = input.Characteristics?.Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? [];
        var errors = PersonRules.Validate(input.GivenName, input.FamilyName, input.DateOfBirth, codes, today);
        if (errors.Count > 0) return Outcome<Person>.Invalid(errors);

        var person = new Person
        {
            Id = Guid.CreateVersion7(),
            GivenName = input.GivenName!.Trim(),
            FamilyName = input.FamilyName!.Trim(),
            DateOfBirth = input.DateOfBirth!.Value,
            CreatedAt = clock.GetUtcNow(),
            CreatedById = user.Id,
            Characteristics = codes.Select(c => new PersonCharacteristic { Code = c }).ToList(),
        };
        db.People.Add(person);
        audit.Add(user, AuditActions.PersonCreated, "person", person.Id.ToString(), personId: person.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<Person>.Ok(person);
    }

    public async Task<Person?> GetAsync(CurrentUser user, Guid id, CancellationToken ct = default)
    {
        var person = await db.VisiblePeople(user).AsNoTracking().Include(p => p.Characteristics)
            .SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is not null)
        {
            await audit.RecordReadAsync(user, AuditActions.PersonViewed, "person", id.ToString(), personId: id, ct: ct);
        }

        return person;
    }
}
