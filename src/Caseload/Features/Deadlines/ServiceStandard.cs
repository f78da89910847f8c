using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Deadlines;

/// <summary>
/// An organisational service standard an administrator keeps ("first contact within 5 working days"): not law, so it
/// can change. Retired rather than deleted, as deadlines keep its code; every change is kept as a version.
/// </summary>
public sealed class ServiceStandard
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    public required string StartEvent { get; set; }
    public int Length { get; set; }
    public TimescaleUnit Unit { get; set; }
    /// <summary>Service codes, comma-separated.</summary>
    public required string Services { get; set; }
    public required string Source { get; set; }
    /// <summary>When the clock may stop, in one line; null when it may not.</summary>
    public string? PauseAllowedBy { get; set; }
    /// <summary>When met, the same standard starts again from the date met (e.g. visits every 10 working days).</summary>
    public bool Repeats { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public int Version { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedByName { get; set; }

    public IReadOnlyList<string> ServiceList => Services.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public Timescale ToTimescale() =>
        new(Code, Title, StartEvent, Length, Unit, Source, Nations.UnitedKingdom, TimescaleKind.Organisational, Repeats ? Code : null)
        {
            Services = ServiceList, PauseAllowedBy = PauseAllowedBy,
        };

    /// <summary>One line describing the standard as it now stands, for its history.</summary>
    public string Describe() =>
        $"{Title}: {Timescale.UnitText(Length, Unit)} after {StartEvent}; services {string.Join(", ", ServiceList.Select(Cases.Services.Title))}"
        + $"{(Repeats ? "; repeats" : "")}; {(PauseAllowedBy is null ? "may not be paused" : $"may be paused: {PauseAllowedBy}")}; source: {Source}";
}

/// <summary>A standard as it stood after a change: who, when, why and what.</summary>
public sealed class ServiceStandardVersion
{
    public long Id { get; set; }
    public int StandardId { get; set; }
    public int Version { get; set; }
    public DateTimeOffset At { get; set; }
    public required string ByName { get; set; }
    public required string What { get; set; }
    public string? Reason { get; set; }
}

public static class ServiceStandardLimits
{
    public const int CodeLength = 80;
    public const int TitleLength = 200;
    public const int StartEventLength = 200;
    public const int TextLength = 1000;
    public const int MaxLength = 520;
}

public sealed class ServiceStandardConfiguration : IEntityTypeConfiguration<ServiceStandard>
{
    // The defaults a new installation starts with, as the statutory catalogue's companions (Timescales.DefaultOrganisational).
    private static readonly DateTimeOffset Seeded = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public void Configure(EntityTypeBuilder<ServiceStandard> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(s => s.Code).HasMaxLength(ServiceStandardLimits.CodeLength);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Title).HasMaxLength(ServiceStandardLimits.TitleLength);
        builder.Property(s => s.StartEvent).HasMaxLength(ServiceStandardLimits.StartEventLength);
        builder.Property(s => s.Unit).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Services).HasMaxLength(200);
        builder.Property(s => s.Source).HasMaxLength(ServiceStandardLimits.TextLength);
        builder.Property(s => s.PauseAllowedBy).HasMaxLength(ServiceStandardLimits.TextLength);
        builder.Property(s => s.ChangedByName).HasMaxLength(256);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.ServiceList);
        builder.HasData(Timescales.DefaultOrganisational.Select((t, i) => new ServiceStandard
        {
            Id = i + 1, Code = t.Code, Title = t.Title, StartEvent = t.StartEvent, Length = t.Length, Unit = t.Unit,
            Services = string.Join(",", t.Services), Source = t.Source, PauseAllowedBy = t.PauseAllowedBy, Repeats = t.FollowedBy == t.Code,
            Version = 1, ChangedAt = Seeded, ChangedByName = "Caseload defaults",
        }));
    }
}

public sealed class ServiceStandardVersionConfiguration : IEntityTypeConfiguration<ServiceStandardVersion>
{
    public void Configure(EntityTypeBuilder<ServiceStandardVersion> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(v => v.ByName).HasMaxLength(256);
        builder.Property(v => v.What).HasMaxLength(4000);
        builder.Property(v => v.Reason).HasMaxLength(ServiceStandardLimits.TextLength);
        builder.HasOne<ServiceStandard>().WithMany().HasForeignKey(v => v.StandardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.StandardId, v.Version });
    }
}
