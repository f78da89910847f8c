using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Features.Supervision;
using Caseload.Platform.Hosting;
using Caseload.Platform.Security;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Capacity;

/// <summary>
/// A practitioner's load, capacity and utilisation as the weekly snapshot found them, keyed on the Monday that starts the
/// week (UK date). One a practitioner a week: the unique index keeps it so even if two runs ever overlapped.
/// </summary>
public sealed class CapacitySnapshot
{
    public long Id { get; set; }
    public DateOnly WeekStart { get; set; }
    public required string UserId { get; set; }
    /// <summary>Their team that week.</summary>
    public int? TeamId { get; set; }
    public decimal LoadPoints { get; set; }
    public decimal CapacityPoints { get; set; }
    public decimal? Utilisation { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

public sealed class CapacitySnapshotConfiguration : IEntityTypeConfiguration<CapacitySnapshot>
{
    public void Configure(EntityTypeBuilder<CapacitySnapshot> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("CapacitySnapshots");
        builder.Property(s => s.LoadPoints).HasPrecision(9, 1);
        builder.Property(s => s.CapacityPoints).HasPrecision(9, 1);
        builder.Property(s => s.Utilisation).HasPrecision(9, 3);
        builder.HasOne<Administration.CaseloadUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        // One a practitioner a week; the team view reads a practitioner's last weeks through it.
        builder.HasIndex(s => new { s.UserId, s.WeekStart }).IsUnique();
        // The weekly run asks which practitioners this week already has.
        builder.HasIndex(s => s.WeekStart);
    }
}

/// <summary>
/// Records each practitioner's load, capacity and utilisation once a week, run once across all instances
/// (<see cref="LeasedJobs.AddLeasedJob{T}"/>). It runs every few hours and writes only the practitioners the current week
/// has no snapshot of yet, so a second run (or a second instance) writes nothing new, an instance down on Monday catches up
/// later in the week, and a run stopped half-way finishes the rest next time. Practitioners are those with the practitioner
/// role, and anyone else holding an open case.
/// </summary>
public sealed class CapacitySnapshotJob(CaseloadDb db, TeamCapacityService teams, TimeProvider clock, ILogger<CapacitySnapshotJob> log) : ILeasedJob
{
    public const string JobName = "capacity-snapshots";
    private const int Batch = 500;

    public async Task RunAsync(CancellationToken ct)
    {
        var written = await RecordWeekAsync(ct);
        if (written > 0) log.LogInformation("Capacity snapshots: {Written} practitioners recorded for the week", written);
    }

    /// <summary>Writes this week's snapshot of every practitioner who has none yet; answers how many it wrote.</summary>
    public async Task<int> RecordWeekAsync(CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var week = TeamViewRules.WeekStart(today);
        var practitionerRole = db.Roles.Where(r => r.Name == Roles.Practitioner).Select(r => r.Id);
        var practitioners = db.UserRoles.Where(ur => practitionerRole.Contains(ur.RoleId)).Select(ur => ur.UserId);
        var holders = db.Cases.Where(c => c.Status == CaseStatus.Open && c.AllocatedToId != null).Select(c => c.AllocatedToId!)
            .Union(from w in db.CaseCoWorkers join c in db.Cases on w.CaseId equals c.Id where c.Status == CaseStatus.Open select w.UserId);
        var done = db.Set<CapacitySnapshot>().Where(s => s.WeekStart == week).Select(s => s.UserId);
        var due = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && (practitioners.Contains(u.Id) || holders.Contains(u.Id)) && !done.Contains(u.Id))
            .OrderBy(u => u.Id)
            .Select(u => new TeamCapacityService.Member(new Supervisee(u.Id, u.UserName!, u.DisplayName, u.TeamId, u.IsActive), null))
            .ToListAsync(ct);
        var written = 0;
        foreach (var batch in due.Chunk(Batch))
        {
            var rows = await teams.FiguresAsync(batch, today, ct);
            var now = clock.GetUtcNow();
            db.Set<CapacitySnapshot>().AddRange(rows.Select(r => new CapacitySnapshot
            {
                WeekStart = week, UserId = r.Practitioner.Id, TeamId = r.Practitioner.TeamId,
                LoadPoints = r.LoadPoints, CapacityPoints = r.CapacityPoints, Utilisation = r.Utilisation, RecordedAt = now,
            }));
            try
            {
                await db.SaveChangesAsync(ct);
                written += rows.Count;
            }
            catch (DbUpdateException)
            {
                // Another run wrote some of this batch since we read who was due: theirs stand, and the next run fills any gap.
                log.LogInformation("Capacity snapshots: a batch was already written by another run");
            }

            db.ChangeTracker.Clear();
        }

        return written;
    }
}
