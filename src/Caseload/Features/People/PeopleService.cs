using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Time;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.People;

public sealed record NewPerson(string? GivenName, string? FamilyName, DateOnly? DateOfBirth, IReadOnlyList<string>? Characteristics,
    PersonDetailsInput? Details = null);

/// <summary>The one writer of people; every write and read is authorised and audited.</summary>
public sealed class PeopleService(CaseloadDb db, AuditTrail audit, TimeProvider clock)
{
    public async Task<Outcome<Person>> CreateAsync(CurrentUser user, NewPerson input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.WorksWithCases) return Outcome<Person>.Forbidden("Only practitioners, supervisors and service managers record people.");
        var today = UkTime.Today(clock);
        var codes = input.Characteristics?.Select(c => c?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList() ?? [];
        var errors = PersonRules.Validate(input.GivenName, input.FamilyName, input.DateOfBirth, codes, today);
        var (details, detailErrors) = PersonDetailsRules.Validate(input.Details ?? new PersonDetailsInput(null, null, null));
        foreach (var (field, message) in detailErrors) errors[field] = message;
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
            Sex = details.Sex,
            Ethnicity = details.Ethnicity,
            Postcode = details.Postcode,
            Version = 1,
        };
        db.People.Add(person);
        audit.Add(user, AuditActions.PersonCreated, "person", person.Id.ToString(), personId: person.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<Person>.Ok(person);
    }

    /// <summary>
    /// Adds and removes characteristics with the reason. Adds and removes rather than replacing the whole set, so two
    /// people changing different characteristics at once both keep their change. Every open case of the person is
    /// re-prioritised at once (priority is computed from the current characteristics on every read).
    /// </summary>
    public Task<Outcome<Person>> ChangeCharacteristicsAsync(CurrentUser user, Guid id, IReadOnlyCollection<string>? add,
        IReadOnlyCollection<string>? remove, string? reason, CancellationToken ct = default) =>
        ChangeCharacteristicsAsync(user, id, add, remove, reason, retried: false, ct);

    private async Task<Outcome<Person>> ChangeCharacteristicsAsync(CurrentUser user, Guid id, IReadOnlyCollection<string>? add,
        IReadOnlyCollection<string>? remove, string? reason, bool retried, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var person = await db.VisiblePeople(user).Include(p => p.Characteristics).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Outcome<Person>.NotFound();
        if (!user.WorksWithCases) return Outcome<Person>.Forbidden("Only practitioners, supervisors and service managers change a person's characteristics.");
        if (!await MayChangeAsync(user, person, ct)) return Outcome<Person>.Forbidden("Only those who work this person's cases change their characteristics.");
        var adding = add?.Select(c => c?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList() ?? [];
        var removing = remove?.Select(c => c?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList() ?? [];
        var errors = PersonRules.ValidateChange(adding, removing, reason);
        if (errors.Count > 0) return Outcome<Person>.Invalid(errors);

        var now = clock.GetUtcNow();
        var has = person.Characteristics.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var changes = adding.Where(c => !has.Contains(c)).Select(c => (Code: c, Added: true))
            .Concat(removing.Where(has.Contains).Select(c => (Code: c, Added: false))).ToList();
        foreach (var (code, added) in changes)
        {
            if (added) person.Characteristics.Add(new PersonCharacteristic { PersonId = id, Code = code });
            else person.Characteristics.RemoveAll(c => c.Code == code);
            db.Set<PersonCharacteristicChange>().Add(new PersonCharacteristicChange
            {
                PersonId = id, Code = code, Added = added, Reason = reason!.Trim(), ChangedById = user.Id, ChangedByName = user.UserName, ChangedAt = now,
            });
        }

        if (changes.Count > 0)
        {
            audit.Add(user, AuditActions.PersonUpdated, "person", id.ToString(), personId: id,
                details: $"{string.Join("; ", changes.Select(c => $"{(c.Added ? "added" : "removed")} {c.Code}"))}; reason={reason!.Trim()}");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (!retried)
            {
                // Someone else changed the same characteristic a moment ago: read again and apply ours to theirs, once.
                db.ChangeTracker.Clear();
                return await ChangeCharacteristicsAsync(user, id, add, remove, reason, retried: true, ct);
            }
        }

        return Outcome<Person>.Ok(person);
    }

    /// <summary>
    /// Changes the person's sex, ethnicity and postcode: a value given replaces what is recorded, an empty one clears it
    /// ("not recorded"), one left out (null) stays. Needs the version last read; a stale one answers the current person.
    /// </summary>
    public async Task<Outcome<Person>> ChangeDetailsAsync(CurrentUser user, Guid id, int expectedVersion, PersonDetailsInput change, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(change);
        var person = await db.VisiblePeople(user).Include(p => p.Characteristics).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Outcome<Person>.NotFound();
        if (!user.WorksWithCases || !await MayChangeAsync(user, person, ct)) return Outcome<Person>.Forbidden("Only those who work this person's cases change their details.");
        if (person.Version != expectedVersion) return Outcome<Person>.Stale(person);
        var (values, errors) = PersonDetailsRules.Validate(change);
        if (errors.Count > 0) return Outcome<Person>.Invalid(errors);

        var changed = new List<string>();
        if (change.Sex is not null && values.Sex != person.Sex) { person.Sex = values.Sex; changed.Add("sex"); }
        if (change.Ethnicity is not null && values.Ethnicity != person.Ethnicity) { person.Ethnicity = values.Ethnicity; changed.Add("ethnicity"); }
        if (change.Postcode is not null && values.Postcode != person.Postcode) { person.Postcode = values.Postcode; changed.Add("postcode"); }
        if (changed.Count == 0) return Outcome<Person>.Ok(person);

        person.Version++;
        // The fields that changed, never their values: the trail keeps ids, not what is recorded about a person.
        audit.Add(user, AuditActions.PersonUpdated, "person", id.ToString(), personId: id, details: $"changed {string.Join(", ", changed)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.People.AsNoTracking().Include(p => p.Characteristics).SingleAsync(p => p.Id == id, ct);
            return Outcome<Person>.Stale(current);
        }

        return Outcome<Person>.Ok(person);
    }

    /// <summary>
    /// A person's record moves every case of theirs: whoever changes it works one of those cases (or recorded a person who has no
    /// case yet), not merely someone who once recorded them.
    /// </summary>
    private async Task<bool> MayChangeAsync(CurrentUser user, Person person, CancellationToken ct)
    {
        var theirCases = await db.VisibleCases(user).AsNoTracking().Include(c => c.RestrictedTo).Where(c => c.PersonId == person.Id).ToListAsync(ct);
        return theirCases.Any(c => CasePermissions.CanEdit(user, c))
            || (person.CreatedById == user.Id && !await db.Cases.AnyAsync(c => c.PersonId == person.Id, ct));
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
