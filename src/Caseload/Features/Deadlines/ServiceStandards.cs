using System.Globalization;
using System.Text.RegularExpressions;
using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Deadlines;

/// <summary>What an administrator enters for a standard; text as typed, checked by <see cref="ServiceStandards"/>.</summary>
public sealed record StandardForm(string? Code, string? Title, string? StartEvent, string? Length, string? Unit, IReadOnlyList<string> Services,
    string? Source, string? PauseAllowedBy, bool Repeats, string? Reason);

/// <summary>
/// The one writer of organisational service standards, and the source of the catalogue in use (statutory timescales from
/// code plus the stored standards), read once per request so every instance sees a change at once.
/// </summary>
public sealed partial class ServiceStandards(CaseloadDb db, AuditTrail audit, TimeProvider clock)
{
    private TimescaleCatalogue? _catalogue;

    public async Task<TimescaleCatalogue> CatalogueAsync(CancellationToken ct = default)
    {
        if (_catalogue is not null) return _catalogue;
        var stored = await db.Set<ServiceStandard>().AsNoTracking().ToListAsync(ct);
        _catalogue = new TimescaleCatalogue(
            [.. Timescales.Statutory, .. stored.OrderBy(s => s.Title, StringComparer.Ordinal).Select(s => s.ToTimescale())],
            stored.Where(s => s.RetiredAt is not null).Select(s => s.Code));
        return _catalogue;
    }

    public async Task<IReadOnlyList<ServiceStandard>> ListAsync(CancellationToken ct = default) =>
        (await db.Set<ServiceStandard>().AsNoTracking().ToListAsync(ct)).OrderBy(s => s.RetiredAt is not null).ThenBy(s => s.Title, StringComparer.Ordinal).ToList();

    public async Task<(ServiceStandard Standard, IReadOnlyList<ServiceStandardVersion> Versions, int DeadlinesUsingIt)?> GetAsync(string code, CancellationToken ct = default)
    {
        var standard = await db.Set<ServiceStandard>().AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (standard is null) return null;
        var versions = await db.Set<ServiceStandardVersion>().AsNoTracking().Where(v => v.StandardId == standard.Id).OrderByDescending(v => v.Version).ToListAsync(ct);
        var used = await db.Set<CaseDeadline>().CountAsync(d => d.TimescaleCode == code, ct);
        return (standard, versions, used);
    }

    /// <summary>Adds a standard (<paramref name="code"/> null) or changes one at <paramref name="expectedVersion"/>; a change needs a reason.</summary>
    public async Task<Outcome<ServiceStandard>> SaveAsync(CurrentUser admin, string? code, int expectedVersion, StandardForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(form);
        var isNew = code is null;
        ServiceStandard? standard = null;
        if (!isNew)
        {
            standard = await db.Set<ServiceStandard>().SingleOrDefaultAsync(s => s.Code == code, ct);
            if (standard is null) return Outcome<ServiceStandard>.NotFound();
            if (standard.Version != expectedVersion) return Outcome<ServiceStandard>.Stale(standard);
        }

        var errors = new Dictionary<string, string>();
        var newCode = form.Code?.Trim().ToLowerInvariant();
        if (isNew)
        {
            if (string.IsNullOrEmpty(newCode)) errors["code"] = "Enter a code";
            else if (newCode.Length > ServiceStandardLimits.CodeLength || !KebabCase().IsMatch(newCode)) errors["code"] = $"Code must be lower-case words joined by hyphens, like first-visit, and {ServiceStandardLimits.CodeLength} characters or fewer";
            else if (Timescales.Statutory.Any(t => t.Code == newCode) || await db.Set<ServiceStandard>().AnyAsync(s => s.Code == newCode, ct)) errors["code"] = "A timescale with this code already exists";
        }

        var title = Required(form.Title, "title", "Enter a title", ServiceStandardLimits.TitleLength, "Title", errors);
        var startEvent = Required(form.StartEvent, "startEvent", "Enter what starts the clock", ServiceStandardLimits.StartEventLength, "What starts the clock", errors);
        var source = Required(form.Source, "source", "Enter where the standard comes from", ServiceStandardLimits.TextLength, "Source", errors);
        var pause = string.IsNullOrWhiteSpace(form.PauseAllowedBy) ? null : form.PauseAllowedBy.Trim();
        if (pause is { Length: > ServiceStandardLimits.TextLength }) errors["pauseAllowedBy"] = $"When the clock may stop must be {ServiceStandardLimits.TextLength} characters or fewer";
        if (!int.TryParse(form.Length?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length < 1 || length > ServiceStandardLimits.MaxLength)
        {
            errors["length"] = $"Length must be a whole number from 1 to {ServiceStandardLimits.MaxLength}";
        }

        if (!Enum.TryParse<TimescaleUnit>(form.Unit, ignoreCase: false, out var unit) || !Enum.IsDefined(unit) || int.TryParse(form.Unit, out _)) errors["unit"] = "Select a unit";
        // A service box posted without a value binds as null: refused below as not from the list.
        var services = form.Services.Select(s => s?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (services.Count == 0) errors["services"] = "Select at least one service";
        else if (services.Any(s => !Cases.Services.IsKnown(s))) errors["services"] = "Select services from the list";
        var reason = string.IsNullOrWhiteSpace(form.Reason) ? null : form.Reason.Trim();
        if (!isNew && reason is null) errors["reason"] = "Enter why the standard is changing";
        else if (reason is { Length: > ServiceStandardLimits.TextLength }) errors["reason"] = $"Reason must be {ServiceStandardLimits.TextLength} characters or fewer";
        if (errors.Count > 0) return Outcome<ServiceStandard>.Invalid(errors);

        standard ??= new ServiceStandard { Code = newCode!, Title = "", StartEvent = "", Services = "", Source = "", ChangedByName = "" };
        standard.Title = title!;
        standard.StartEvent = startEvent!;
        standard.Source = source!;
        standard.PauseAllowedBy = pause;
        standard.Length = length;
        standard.Unit = unit;
        standard.Services = string.Join(",", Cases.Services.Titles.Keys.Where(services.Contains));
        standard.Repeats = form.Repeats;
        return await SaveVersionAsync(admin, standard, isNew, isNew ? AuditActions.ServiceStandardCreated : AuditActions.ServiceStandardChanged, reason ?? "Added", ct);
    }

    /// <summary>Retires a standard (no new deadlines; existing ones keep it) or brings it back.</summary>
    public async Task<Outcome<ServiceStandard>> RetireAsync(CurrentUser admin, string code, int expectedVersion, bool retire, string? reason, CancellationToken ct = default)
    {
        var standard = await db.Set<ServiceStandard>().SingleOrDefaultAsync(s => s.Code == code, ct);
        if (standard is null) return Outcome<ServiceStandard>.NotFound();
        if (standard.Version != expectedVersion) return Outcome<ServiceStandard>.Stale(standard);
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<ServiceStandard>.Invalid("reason", retire ? "Enter why the standard is being retired" : "Enter why the standard is coming back");
        if (reason.Trim().Length > ServiceStandardLimits.TextLength) return Outcome<ServiceStandard>.Invalid("reason", $"Reason must be {ServiceStandardLimits.TextLength} characters or fewer");
        if (retire == (standard.RetiredAt is not null)) return Outcome<ServiceStandard>.Invalid("reason", retire ? "The standard is already retired" : "The standard is in use already");
        standard.RetiredAt = retire ? clock.GetUtcNow() : null;
        return await SaveVersionAsync(admin, standard, false, retire ? AuditActions.ServiceStandardRetired : AuditActions.ServiceStandardReinstated, reason.Trim(), ct);
    }

    private async Task<Outcome<ServiceStandard>> SaveVersionAsync(CurrentUser admin, ServiceStandard standard, bool isNew, string action, string reason, CancellationToken ct)
    {
        standard.Version = isNew ? 1 : standard.Version + 1;
        standard.ChangedAt = clock.GetUtcNow();
        standard.ChangedByName = admin.UserName;
        if (isNew) db.Set<ServiceStandard>().Add(standard);
        // The standard, its version and the audit event commit together (a new standard's id comes from the first save).
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Outcome<ServiceStandard>.Stale(standard);
            }
            catch (DbUpdateException) when (isNew)
            {
                // Another administrator added the same code a moment ago: the unique index refused ours.
                db.ChangeTracker.Clear();
                return Outcome<ServiceStandard>.Invalid("code", "A timescale with this code already exists");
            }

            var what = (standard.RetiredAt is not null ? "Retired. " : "") + standard.Describe();
            db.Set<ServiceStandardVersion>().Add(new ServiceStandardVersion
            {
                StandardId = standard.Id, Version = standard.Version, At = standard.ChangedAt, ByName = admin.UserName, What = what, Reason = reason,
            });
            audit.Add(admin, action, "service-standard", standard.Code, details: $"v{standard.Version}: {what}; reason: {reason}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        _catalogue = null;
        return Outcome<ServiceStandard>.Ok(standard);
    }

    private static string? Required(string? value, string field, string missing, int max, string name, Dictionary<string, string> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) errors[field] = missing;
        else if (text.Length > max) errors[field] = $"{name} must be {max} characters or fewer";
        return text;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
