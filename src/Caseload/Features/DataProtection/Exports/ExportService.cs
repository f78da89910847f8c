using System.Globalization;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.DataProtection.Exports;

/// <summary>An export as asked for: the dates as typed, so that a bad one is named rather than lost.</summary>
public sealed record ExportRequest(string? Service, string? From, string? To, IReadOnlyList<string>? Include, string? Purpose, int? K);

/// <summary>
/// Anonymised exports: the DPO, or a service manager for the services they manage, asks for one with a purpose; background work
/// builds it (<see cref="AnonymisedExportJob"/>); a service manager's waits for the DPO's approval before it is downloaded.
/// Every request, approval and download is audited with the export's filters and purpose.
/// </summary>
public sealed class ExportService(CaseloadDb db, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The earliest first day of an export's period.</summary>
    public static readonly DateOnly FirstDay = new(1900, 1, 1);

    public static bool MayExport(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.DataProtectionOfficer) || user.IsInRole(Roles.ServiceManager);
    }

    public async Task<Outcome<AnonymisedExport>> RequestAsync(CurrentUser user, ExportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string>();
        var service = string.IsNullOrWhiteSpace(request.Service) ? null : request.Service.Trim();
        if (service is not null && !Services.IsKnown(service)) errors["service"] = "Select a service Caseload knows";
        var from = Day(request.From, "from", "Enter the first day of the period", errors);
        var to = Day(request.To, "to", "Enter the last day of the period", errors);
        // Records begin long after 1900, and nothing is recorded a year ahead: a date outside is a mistake, not a wider export.
        var latest = UkTime.Today(clock).AddYears(1);
        if (from is { } early && early < FirstDay) errors["from"] = $"The first day must be on or after {UkTime.Format(FirstDay)}";
        if (to is { } late && late > latest) errors["to"] = $"The last day of the period must be on or before {UkTime.Format(latest)}";
        if (from is { } f && to is { } t && t < f && !errors.ContainsKey("to")) errors["to"] = "The last day of the period must be the same as or after the first";
        var include = (request.Include ?? []).Select(p => p?.Trim() ?? "").ToList();
        if (include.Count == 0) errors["include"] = "Select what the export includes: cases, notes or outcomes";
        else if (include.FirstOrDefault(p => !ExportParts.All.Contains(p)) is { } unknown) errors["include"] = $"'{Shorten(unknown)}' is not one of cases, notes or outcomes";
        var purpose = request.Purpose?.Trim();
        if (string.IsNullOrEmpty(purpose)) errors["purpose"] = "Enter the purpose of the export (the research, evaluation or training it is for)";
        else if (purpose.Length > AnonymisedExport.MaxPurposeLength) errors["purpose"] = $"The purpose must be {AnonymisedExport.MaxPurposeLength} characters or fewer";
        var k = request.K ?? KAnonymity.DefaultK;
        if (k is < KAnonymity.MinK or > KAnonymity.MaxK) errors["k"] = $"k must be between {KAnonymity.MinK} and {KAnonymity.MaxK}";
        if (errors.Count > 0) return Outcome<AnonymisedExport>.Invalid(errors);

        var dpo = user.IsInRole(Roles.DataProtectionOfficer);
        if (!dpo)
        {
            if (!user.IsInRole(Roles.ServiceManager) || user.ManagedServices.Count == 0) return Outcome<AnonymisedExport>.Forbidden("Only the DPO or a service manager may export");
            if (service is not null && !user.ManagedServices.Contains(service)) return Outcome<AnonymisedExport>.Forbidden("You may export only the services you manage");
        }

        var export = new AnonymisedExport
        {
            Id = Guid.CreateVersion7(),
            RequestedById = user.Id,
            RequestedByName = user.DisplayName,
            RequestedAt = clock.GetUtcNow(),
            Service = service,
            From = from!.Value,
            To = to!.Value,
            Include = string.Join(',', ExportParts.All.Where(include.Contains)),
            K = k,
            Purpose = purpose!,
            Status = ExportStatuses.Queued,
            ApprovalRequired = !dpo,
        };
        db.Add(export);
        audit.Add(user, AuditActions.ExportRequested, EntityType, export.Id.ToString(), details: Filters(export));
        await db.SaveChangesAsync(ct);
        return Outcome<AnonymisedExport>.Ok(export);
    }

    public const string EntityType = "anonymised-export";

    /// <summary>The error code of a download of an expired export (the API answers it 410).</summary>
    public const string Expired = "export-expired";

    /// <summary>One export: to the DPO, or to whoever asked for it; null (404) to anyone else.</summary>
    public async Task<AnonymisedExport?> FindAsync(CurrentUser user, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var export = await db.Set<AnonymisedExport>().AsNoTracking().Where(x => x.Id == id).Select(WithoutContent).SingleOrDefaultAsync(ct);
        return export is not null && MaySee(user, export) ? export : null;
    }

    /// <summary>Exports newest first: all of them to the DPO, a service manager's own to them.</summary>
    public async Task<IReadOnlyList<AnonymisedExport>> ListAsync(CurrentUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var q = db.Set<AnonymisedExport>().AsNoTracking();
        if (!user.IsInRole(Roles.DataProtectionOfficer)) q = q.Where(x => x.RequestedById == user.Id);
        return await q.OrderByDescending(x => x.RequestedAt).Take(200).Select(WithoutContent).ToListAsync(ct);
    }

    public async Task<Outcome<AnonymisedExport>> ApproveAsync(CurrentUser dpo, Guid id, string? comment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dpo);
        comment = comment?.Trim();
        if (comment?.Length > AnonymisedExport.MaxCommentLength) return Outcome<AnonymisedExport>.Invalid("comment", $"The comment must be {AnonymisedExport.MaxCommentLength} characters or fewer");
        var export = await db.Set<AnonymisedExport>().Where(x => x.Id == id).SingleOrDefaultAsync(ct);
        if (export is null) return Outcome<AnonymisedExport>.NotFound();
        if (!export.ApprovalRequired) return Outcome<AnonymisedExport>.Conflict("approval-not-needed", "The DPO's own exports need no approval.");
        if (export.ApprovedAt is not null) return Outcome<AnonymisedExport>.Conflict("already-approved", "This export has already been approved.");
        if (export.Status != ExportStatuses.Ready) return Outcome<AnonymisedExport>.Conflict("export-not-ready", "The export is not built yet: approve it once it is ready and its k and counts can be checked.");
        export.ApprovedAt = clock.GetUtcNow();
        export.ApprovedByName = dpo.DisplayName;
        export.ApprovalComment = string.IsNullOrEmpty(comment) ? null : comment;
        audit.Add(dpo, AuditActions.ExportApproved, EntityType, export.Id.ToString(), details: Filters(export));
        await db.SaveChangesAsync(ct);
        export.Content = null;
        return Outcome<AnonymisedExport>.Ok(export);
    }

    /// <summary>The zip, audited as a download: 409 while it is being built or waits for the DPO's approval.</summary>
    public async Task<Outcome<(AnonymisedExport Export, byte[] Zip)>> DownloadAsync(CurrentUser user, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var export = await db.Set<AnonymisedExport>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (export is null || !MaySee(user, export)) return Outcome<(AnonymisedExport, byte[])>.NotFound();
        if (export.Status == ExportStatuses.Expired)
        {
            return Outcome<(AnonymisedExport, byte[])>.Conflict(Expired, "The export's zip was cleared when its keeping period ended: ask for the export again.");
        }

        if (export.Status == ExportStatuses.Failed) return Outcome<(AnonymisedExport, byte[])>.Conflict("export-failed", "The export could not be built: ask for it again.");
        if (export.Status != ExportStatuses.Ready || export.Content is null) return Outcome<(AnonymisedExport, byte[])>.Conflict("export-not-ready", "The export is still being built: try again shortly.");
        if (!export.IsApproved) return Outcome<(AnonymisedExport, byte[])>.Conflict("approval-required", "A service manager's export can be downloaded once the data protection officer has approved it.");
        await audit.RecordReadAsync(user, AuditActions.ExportDownloaded, EntityType, export.Id.ToString(), details: Filters(export), ct: ct);
        return Outcome<(AnonymisedExport, byte[])>.Ok((export, export.Content));
    }

    private static bool MaySee(CurrentUser user, AnonymisedExport export) =>
        user.IsInRole(Roles.DataProtectionOfficer) || (user.IsInRole(Roles.ServiceManager) && export.RequestedById == user.Id);

    /// <summary>The filters and purpose, as the audit trail keeps them.</summary>
    public static string Filters(AnonymisedExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return $"service={export.Service ?? "all"}; from={AnonymisationRules.Iso(export.From)}; to={AnonymisationRules.Iso(export.To)}; include={export.Include}; k={export.K}; purpose={export.Purpose}";
    }

    private static readonly System.Linq.Expressions.Expression<Func<AnonymisedExport, AnonymisedExport>> WithoutContent = x => new AnonymisedExport
    {
        Id = x.Id,
        RequestedById = x.RequestedById,
        RequestedByName = x.RequestedByName,
        RequestedAt = x.RequestedAt,
        Service = x.Service,
        From = x.From,
        To = x.To,
        Include = x.Include,
        K = x.K,
        Purpose = x.Purpose,
        Status = x.Status,
        Attempts = x.Attempts,
        StartedAt = x.StartedAt,
        CompletedAt = x.CompletedAt,
        Failure = x.Failure,
        KAchieved = x.KAchieved,
        CaseCount = x.CaseCount,
        NoteCount = x.NoteCount,
        OutcomeCount = x.OutcomeCount,
        GeneralisedRows = x.GeneralisedRows,
        SuppressedRows = x.SuppressedRows,
        ApprovalRequired = x.ApprovalRequired,
        ApprovedAt = x.ApprovedAt,
        ApprovedByName = x.ApprovedByName,
        ApprovalComment = x.ApprovalComment,
        ExpiredAt = x.ExpiredAt,
    };

    private static DateOnly? Day(string? text, string field, string missing, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = missing;
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        errors[field] = $"The {(field == "from" ? "first" : "last")} day must be a real date, YYYY-MM-DD";
        return null;
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] : s;
}
