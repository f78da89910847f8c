using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.DataProtection.SubjectAccess;

/// <summary>
/// A subject access request (UK GDPR Art. 15) logged by the DPO: whose data, who asked and as what, when it arrived and when
/// the requester's identity was confirmed; the clock's stops (<see cref="SubjectAccessPause"/>), an extension, the redactions
/// and, once answered, the bundle as it was sent (<see cref="SubjectAccessRelease"/>). The due date is never stored: it is
/// worked out from these by <see cref="SubjectAccessClock"/>.
/// </summary>
public sealed class SubjectAccessRequest
{
    public const int MaxNameLength = 200;
    public const int MaxReasonLength = 1000;

    public Guid Id { get; set; }

    /// <summary>No foreign key: the request, and what was sent, outlive a later destruction of the person's records.</summary>
    public Guid PersonId { get; set; }
    public required string RequesterName { get; set; }
    public required string Relationship { get; set; }
    public DateOnly ReceivedOn { get; set; }

    /// <summary>When the requester's identity (and, for someone acting for the person, their authority) was confirmed; null while awaited.</summary>
    public DateOnly? IdentityVerifiedOn { get; set; }

    /// <summary>The bank holiday division whose working days the due date keeps to, fixed when the request is logged.</summary>
    public required string Division { get; set; }
    public string? ExtensionReason { get; set; }
    public DateOnly? ExtensionToldRequesterOn { get; set; }
    public DateTimeOffset LoggedAt { get; set; }
    public required string LoggedByName { get; set; }
    public DateOnly? SentOn { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedByName { get; set; }
    public int Version { get; set; } = 1;
    public List<SubjectAccessPause> Pauses { get; set; } = [];
    public List<SubjectAccessRedaction> Redactions { get; set; } = [];

    public bool Extended => ExtensionToldRequesterOn is not null;
    public bool Completed => CompletedAt is not null;
}

/// <summary>A stop of the clock while clarification (or further proof of identity) is awaited: from the day it was asked for to the day it came.</summary>
public sealed class SubjectAccessPause
{
    public long Id { get; set; }
    public Guid RequestId { get; set; }
    public DateOnly From { get; set; }
    public required string Reason { get; set; }
    public DateOnly? ResumedOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByName { get; set; }
}

/// <summary>
/// The DPO's decision to leave something out of the bundle: an item (a row of what Caseload holds, by its table and key) or one
/// field of it, redacted or withheld, with the reason or exemption relied on. The bundle shows "[redacted: reason]" in its place.
/// </summary>
public sealed class SubjectAccessRedaction
{
    public const int MaxItemLength = 200;
    public const int MaxFieldLength = 100;

    public long Id { get; set; }
    public Guid RequestId { get; set; }
    public required string Item { get; set; }
    public string? Field { get; set; }
    public required string Action { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByName { get; set; }

    /// <summary>
    /// A redaction withdrawn before the request was completed (the DPO found the information may be given after all): kept, with
    /// why, who and when, as the record of the decision and its reversal; the bundle no longer applies it.
    /// </summary>
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnByName { get; set; }
    public string? WithdrawalReason { get; set; }

    public bool Withdrawn => WithdrawnAt is not null;
}

/// <summary>The bundle as it was sent, byte for byte, with its SHA-256: what the requester received is never regenerated.</summary>
public sealed class SubjectAccessRelease
{
    public Guid RequestId { get; set; }
    public DateOnly SentOn { get; set; }
    public required string FileName { get; set; }
    public required byte[] Content { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class SubjectAccessRelationships
{
    public const string ThePerson = "the-person";
    public const string Parent = "parent-with-parental-responsibility";
    public const string Representative = "representative-with-authority";

    public static readonly IReadOnlyList<string> All = [ThePerson, Parent, Representative];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);

    public static string Title(string code) => code switch
    {
        ThePerson => "The person",
        Parent => "A parent with parental responsibility",
        Representative => "A representative with authority (solicitor, advocate, attorney)",
        _ => code,
    };
}

public static class RedactionActions
{
    public const string Redact = "redact";
    public const string Withhold = "withhold";

    public static bool IsKnown(string? code) => code is Redact or Withhold;
}

public sealed class SubjectAccessRequestConfiguration : IEntityTypeConfiguration<SubjectAccessRequest>
{
    public void Configure(EntityTypeBuilder<SubjectAccessRequest> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("SubjectAccessRequests");
        builder.Property(x => x.RequesterName).HasMaxLength(SubjectAccessRequest.MaxNameLength);
        builder.Property(x => x.Relationship).HasMaxLength(50);
        builder.Property(x => x.Division).HasMaxLength(30);
        builder.Property(x => x.ExtensionReason).HasMaxLength(SubjectAccessRequest.MaxReasonLength);
        builder.Property(x => x.LoggedByName).HasMaxLength(256);
        builder.Property(x => x.CompletedByName).HasMaxLength(256);
        builder.Property(x => x.Version).IsConcurrencyToken();
        builder.HasIndex(x => new { x.CompletedAt, x.ReceivedOn });
        builder.HasIndex(x => x.PersonId);
        builder.HasMany(x => x.Pauses).WithOne().HasForeignKey(p => p.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Redactions).WithOne().HasForeignKey(r => r.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SubjectAccessPauseConfiguration : IEntityTypeConfiguration<SubjectAccessPause>
{
    public void Configure(EntityTypeBuilder<SubjectAccessPause> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("SubjectAccessPauses");
        builder.Property(x => x.Reason).HasMaxLength(SubjectAccessRequest.MaxReasonLength);
        builder.Property(x => x.RecordedByName).HasMaxLength(256);
    }
}

public sealed class SubjectAccessRedactionConfiguration : IEntityTypeConfiguration<SubjectAccessRedaction>
{
    public void Configure(EntityTypeBuilder<SubjectAccessRedaction> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("SubjectAccessRedactions");
        builder.Property(x => x.Item).HasMaxLength(SubjectAccessRedaction.MaxItemLength);
        builder.Property(x => x.Field).HasMaxLength(SubjectAccessRedaction.MaxFieldLength);
        builder.Property(x => x.Action).HasMaxLength(20);
        builder.Property(x => x.Reason).HasMaxLength(SubjectAccessRequest.MaxReasonLength);
        builder.Property(x => x.RecordedByName).HasMaxLength(256);
        builder.Property(x => x.WithdrawnByName).HasMaxLength(256);
        builder.Property(x => x.WithdrawalReason).HasMaxLength(SubjectAccessRequest.MaxReasonLength);
        builder.Ignore(x => x.Withdrawn);
    }
}

public sealed class SubjectAccessReleaseConfiguration : IEntityTypeConfiguration<SubjectAccessRelease>
{
    public void Configure(EntityTypeBuilder<SubjectAccessRelease> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("SubjectAccessReleases");
        builder.HasKey(x => x.RequestId);
        builder.Property(x => x.FileName).HasMaxLength(200);
        builder.Property(x => x.Sha256).HasMaxLength(64);
        builder.HasOne<SubjectAccessRequest>().WithOne().HasForeignKey<SubjectAccessRelease>(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
