using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Hosting;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.DataProtection.Exports;

/// <summary>
/// Clears the zip of every export built more than <see cref="KeepDays"/> days ago (DataProtection:ExportKeepDays, 1 to 365,
/// default 30) and marks it expired: an anonymised extract is still personal data in the authority's hands until it is
/// downloaded and used, so it is kept only as long as it takes to fetch it (UK GDPR Art. 5(1)(e), storage limitation). The row
/// stays, as the record of what was exported, for whom and why. Each expiry is audited.
/// </summary>
public sealed class ExportExpiry(CaseloadDb db, AuditTrail audit, TimeProvider clock, IConfiguration config)
{
    public const int DefaultKeepDays = 30;
    public const int MaxKeepDays = 365;

    /// <summary>Who the audit trail names for the expiry: background work, not a person.</summary>
    public const string SystemName = "system";

    public int KeepDays => config.GetValue<int?>("DataProtection:ExportKeepDays") is { } d and >= 1 and <= MaxKeepDays ? d : DefaultKeepDays;

    /// <summary>Expires every export due; returns how many. Each in its own transaction with its audit event.</summary>
    public async Task<int> ExpireAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - TimeSpan.FromDays(KeepDays);
        var due = await db.Set<AnonymisedExport>().AsNoTracking()
            .Where(x => x.Status == ExportStatuses.Ready && x.CompletedAt != null && x.CompletedAt <= cutoff)
            .Select(x => new AnonymisedExport
            {
                Id = x.Id, RequestedById = x.RequestedById, RequestedByName = x.RequestedByName, Service = x.Service, From = x.From, To = x.To,
                Include = x.Include, K = x.K, Purpose = x.Purpose, Status = x.Status, CompletedAt = x.CompletedAt,
            }).ToListAsync(ct);
        var expired = 0;
        foreach (var export in due)
        {
            ct.ThrowIfCancellationRequested();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Only if still ready: another instance, or a run cut short, may have expired it already.
            var cleared = await db.Set<AnonymisedExport>().Where(x => x.Id == export.Id && x.Status == ExportStatuses.Ready)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Content, (byte[]?)null).SetProperty(x => x.Status, ExportStatuses.Expired).SetProperty(x => x.ExpiredAt, now), ct);
            if (cleared == 0) continue;
            audit.Add(CurrentUser.ForAudit(null, SystemName), AuditActions.ExportExpired, ExportService.EntityType, export.Id.ToString(),
                details: $"{ExportService.Filters(export)}; keepDays={KeepDays}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            expired++;
        }

        return expired;
    }
}

/// <summary>Expires built exports once across instances (<see cref="LeasedJobs.AddLeasedJob{T}"/>).</summary>
public sealed class ExportExpiryJob(ExportExpiry expiry) : ILeasedJob
{
    public const string JobName = "anonymised-export-expiry";

    public Task RunAsync(CancellationToken ct) => expiry.ExpireAsync(ct);
}
