using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Agencies;

/// <summary>The one writer of the agency directory: administrators add and change agencies; everyone signed in reads it.</summary>
public sealed class AgencyService(CaseloadDb db, AuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<Agency>> ListAsync(CancellationToken ct = default) =>
        await db.Set<Agency>().AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);

    public Task<Agency?> GetAsync(int id, CancellationToken ct = default) =>
        db.Set<Agency>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);

    public async Task<Outcome<Agency>> CreateAsync(CurrentUser user, AgencyInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.IsInRole(Roles.Administrator)) return Outcome<Agency>.Forbidden("Only administrators keep the agency directory.");
        var errors = AgencyRules.Check(input);
        if (errors.Count == 0 && await NameTakenAsync(input.Name!.Trim(), null, ct)) errors["name"] = "An agency with this name is already in the directory";
        if (errors.Count > 0) return Outcome<Agency>.Invalid(errors);
        var agency = new Agency { Name = "", Kind = "", UpdatedByName = user.DisplayName };
        Apply(agency, input);
        agency.UpdatedAt = clock.GetUtcNow();
        db.Set<Agency>().Add(agency);
        return await SaveAsync(user, agency, AuditActions.AgencyCreated, Describe(agency), ct);
    }

    /// <summary>Changes an agency's details when <paramref name="expectedVersion"/> is still its version; stale otherwise.</summary>
    public async Task<Outcome<Agency>> UpdateAsync(CurrentUser user, int id, int expectedVersion, AgencyInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        if (!user.IsInRole(Roles.Administrator)) return Outcome<Agency>.Forbidden("Only administrators keep the agency directory.");
        var agency = await db.Set<Agency>().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null) return Outcome<Agency>.NotFound();
        if (agency.Version != expectedVersion) return Outcome<Agency>.Stale(agency);
        var errors = AgencyRules.Check(input);
        if (errors.Count == 0 && await NameTakenAsync(input.Name!.Trim(), id, ct)) errors["name"] = "An agency with this name is already in the directory";
        if (errors.Count > 0) return Outcome<Agency>.Invalid(errors);
        var before = Fields.Select(f => f.Get(agency)).ToArray();
        Apply(agency, input);
        agency.Version++;
        agency.UpdatedAt = clock.GetUtcNow();
        agency.UpdatedByName = user.DisplayName;
        return await SaveAsync(user, agency, AuditActions.AgencyChanged, Changes(before, agency), ct);
    }

    private async Task<Outcome<Agency>> SaveAsync(CurrentUser user, Agency agency, string action, string details, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
            audit.Add(user, action, "agency", agency.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                details: details);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Outcome<Agency>.Ok(agency);
        }
        catch (DbUpdateException)
        {
            // Someone else saved the same agency, or an agency of the same name, a moment ago: nothing of this change is kept.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var current = agency.Id == 0 ? null : await GetAsync(agency.Id, ct);
            return current is null || action == AuditActions.AgencyCreated
                ? Outcome<Agency>.Invalid("name", "An agency with this name is already in the directory")
                : Outcome<Agency>.Stale(current);
        }
    }

    // The directory is small: names are compared in memory, ignoring case, the same on both databases.
    private async Task<bool> NameTakenAsync(string name, int? except, CancellationToken ct) =>
        (await db.Set<Agency>().Where(a => a.Id != except).Select(a => a.Name).ToListAsync(ct))
        .Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));

    private static void Apply(Agency agency, AgencyInput input)
    {
        agency.Name = input.Name!.Trim();
        agency.Kind = input.Kind!.Trim();
        agency.Phone = TextField.Clean(input.Phone);
        agency.Email = TextField.Clean(input.Email);
        agency.Address = TextField.Clean(input.Address);
        agency.SecureEmail = TextField.Clean(input.SecureEmail);
    }

    // Every field an administrator keeps, so the audit trail says what an agency was given and exactly what each change changed.
    private static readonly (string Name, Func<Agency, string?> Get)[] Fields =
    [
        ("name", a => a.Name), ("kind", a => a.Kind), ("phone", a => a.Phone), ("email", a => a.Email), ("address", a => a.Address),
        ("secureEmail", a => a.SecureEmail),
    ];

    private static string Describe(Agency a) => string.Join("; ", Fields.Select(f => $"{f.Name}={f.Get(a) ?? "-"}"));

    /// <summary>"phone: 0113 496 0000 → 0113 496 0001; secureEmail: - → team@nhs.net", or "no change" when the same details were saved again.</summary>
    private static string Changes(string?[] before, Agency after)
    {
        var changed = Fields.Select((f, i) => (f.Name, Before: before[i], After: f.Get(after)))
            .Where(c => !string.Equals(c.Before, c.After, StringComparison.Ordinal))
            .Select(c => $"{c.Name}: {c.Before ?? "-"} → {c.After ?? "-"}")
            .ToList();
        return changed.Count == 0 ? "no change" : string.Join("; ", changed);
    }
}
