using Caseload.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Agencies.Referrals;

/// <summary>
/// A referral out to another agency: what for and what is asked, how urgent, what was shared and on which basis (a consent that
/// covers the agency, or a lawful basis without it), and where the person is on the path to the help (<see cref="Steps"/>).
/// Followed up by a task for the referrer, renewed at each step until the help is reached, declined or the referral closed.
/// </summary>
public sealed class Referral
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid PersonId { get; set; }
    public int AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public required string Reason { get; set; }
    public required string Requested { get; set; }
    /// <summary>A code of <see cref="ReferralCodes.Urgencies"/>.</summary>
    public required string Urgency { get; set; }
    public required string InformationShared { get; set; }
    public Guid? ConsentId { get; set; }
    public Consent? Consent { get; set; }
    /// <summary>A code of <see cref="ReferralCodes.LawfulBases"/> when shared without consent.</summary>
    public string? LawfulBasis { get; set; }
    public string? LawfulBasisReason { get; set; }
    public string? LawfulBasisDecidedBy { get; set; }
    public int FollowUpWorkingDays { get; set; }
    /// <summary>A code of <see cref="ReferralCodes.Statuses"/>: the latest step.</summary>
    public required string Status { get; set; }
    public DateOnly SentOn { get; set; }
    /// <summary>The open follow-up task; null once follow-up has stopped.</summary>
    public Guid? FollowUpTaskId { get; set; }
    public DateOnly? FollowUpDueOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedById { get; set; }
    public required string RecordedByName { get; set; }
    public List<ReferralStep> Steps { get; set; } = [];
    public int Version { get; set; } = 1;
}

/// <summary>A step on a referral's path, dated, with who recorded it and a note (a decline's reason). Never changed.</summary>
public sealed class ReferralStep
{
    public long Id { get; set; }
    public Guid ReferralId { get; set; }
    public required string Status { get; set; }
    public DateOnly On { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedById { get; set; }
    public required string RecordedByName { get; set; }
}

/// <summary>
/// A disclosure of information to someone outside the service: when, to whom, what, why, on which basis (consent or a lawful
/// basis), who decided and how it was sent. A referral logs its own share (<see cref="ReferralId"/>). Never changed.
/// </summary>
public sealed class InformationShare
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid PersonId { get; set; }
    public required string SharedWith { get; set; }
    public int? AgencyId { get; set; }
    public required string What { get; set; }
    public required string Purpose { get; set; }
    public Guid? ConsentId { get; set; }
    public string? LawfulBasis { get; set; }
    public string? LawfulBasisReason { get; set; }
    public string? LawfulBasisDecidedBy { get; set; }
    public required string DecidedBy { get; set; }
    public DateOnly SharedOn { get; set; }
    /// <summary>A code of <see cref="ReferralCodes.Methods"/>.</summary>
    public required string Method { get; set; }
    public Guid? ReferralId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedById { get; set; }
    public required string RecordedByName { get; set; }
}

public sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Referrals");
        builder.Property(r => r.Reason).HasMaxLength(ReferralRules.MaxTextLength);
        builder.Property(r => r.Requested).HasMaxLength(ReferralRules.MaxTextLength);
        builder.Property(r => r.Urgency).HasMaxLength(20);
        builder.Property(r => r.InformationShared).HasMaxLength(ReferralRules.MaxTextLength);
        builder.Property(r => r.LawfulBasis).HasMaxLength(40);
        builder.Property(r => r.LawfulBasisReason).HasMaxLength(ReferralRules.MaxTextLength);
        builder.Property(r => r.LawfulBasisDecidedBy).HasMaxLength(ReferralRules.MaxNameLength);
        builder.Property(r => r.Status).HasMaxLength(40);
        builder.Property(r => r.RecordedById).HasMaxLength(450);
        builder.Property(r => r.RecordedByName).HasMaxLength(256);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Agency).WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Consent).WithMany().HasForeignKey(r => r.ConsentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.ReferralId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.CaseId);
        builder.HasIndex(r => r.ConsentId);
        // Drift leaves a referral's follow-up task out of the overdue tasks (it is its own signal): found by the task's id.
        builder.HasIndex(r => r.FollowUpTaskId);
    }
}

public sealed class ReferralStepConfiguration : IEntityTypeConfiguration<ReferralStep>
{
    public void Configure(EntityTypeBuilder<ReferralStep> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("ReferralSteps");
        builder.Property(s => s.Status).HasMaxLength(40);
        builder.Property(s => s.Note).HasMaxLength(ReferralRules.MaxTextLength);
        builder.Property(s => s.RecordedById).HasMaxLength(450);
        builder.Property(s => s.RecordedByName).HasMaxLength(256);
        builder.HasIndex(s => s.ReferralId);
    }
}

public sealed class InformationShareConfiguration : IEntityTypeConfiguration<InformationShare>
{
    public void Configure(EntityTypeBuilder<InformationShare> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("InformationShares");
        builder.Property(s => s.SharedWith).HasMaxLength(ReferralRules.MaxNameLength);
        builder.Property(s => s.What).HasMaxLength(ReferralRules.MaxTextLength);
        builder.Property(s => s.Purpose).HasMaxLength(ReferralRules.MaxTextLength);
        builder.Property(s => s.LawfulBasis).HasMaxLength(40);
        builder.Property(s => s.LawfulBasisReason).HasMaxLength(ReferralRules.MaxTextLength);
        builder.Property(s => s.LawfulBasisDecidedBy).HasMaxLength(ReferralRules.MaxNameLength);
        builder.Property(s => s.DecidedBy).HasMaxLength(ReferralRules.MaxNameLength);
        builder.Property(s => s.Method).HasMaxLength(40);
        builder.Property(s => s.RecordedById).HasMaxLength(450);
        builder.Property(s => s.RecordedByName).HasMaxLength(256);
        builder.HasOne<Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agency>().WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Consent>().WithMany().HasForeignKey(s => s.ConsentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Referral>().WithMany().HasForeignKey(s => s.ReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.CaseId);
    }
}
