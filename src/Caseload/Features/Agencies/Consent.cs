using Caseload.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Agencies;

/// <summary>
/// Consent given for one purpose (a referral, sharing information, contacting by text…) and, for purposes that reach other
/// agencies, which agencies it covers: who gave it and with what authority, how, when, and when it is to be reviewed. Kept,
/// never edited: a withdrawal is recorded on it with its date and reason, and stops new sharing under it from that day
/// (<see cref="ConsentRules.Covers(Consent, int, DateOnly, string?)"/>).
/// </summary>
public sealed class Consent
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>A code of <see cref="ConsentCodes.Purposes"/>.</summary>
    public required string Purpose { get; set; }
    public List<ConsentAgency> Agencies { get; set; } = [];
    /// <summary>A code of <see cref="ConsentCodes.GivenBy"/>: the person, a parent or carer, or someone else with authority.</summary>
    public required string GivenBy { get; set; }
    public required string GivenByName { get; set; }
    /// <summary>Why a person under 16 was judged competent to decide for themselves (Gillick competence); null otherwise.</summary>
    public string? Competence { get; set; }
    /// <summary>A code of <see cref="ConsentCodes.Methods"/>.</summary>
    public required string Method { get; set; }
    public DateOnly GivenOn { get; set; }
    public DateOnly? ReviewOn { get; set; }
    public DateOnly? WithdrawnOn { get; set; }
    public string? WithdrawalReason { get; set; }
    public string? WithdrawnByName { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedById { get; set; }
    public required string RecordedByName { get; set; }
    public int Version { get; set; } = 1;
}

/// <summary>An agency a consent covers.</summary>
public sealed class ConsentAgency
{
    public Guid ConsentId { get; set; }
    public int AgencyId { get; set; }
    public Agency? Agency { get; set; }
}

public static class ConsentCodes
{
    public const string Referral = "referral";
    public const string InformationSharing = "information-sharing";

    public static readonly IReadOnlyDictionary<string, string> Purposes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Referral] = "Referral to another agency",
        [InformationSharing] = "Sharing information with other agencies",
        ["contact-by-text"] = "Contact by text message",
        ["contact-by-email"] = "Contact by email",
        ["contact-by-phone"] = "Contact by phone",
    };

    /// <summary>Purposes that reach other agencies: such a consent names the agencies it covers.</summary>
    public static readonly IReadOnlySet<string> NamesAgencies = new HashSet<string>(StringComparer.Ordinal) { Referral, InformationSharing };

    public const string ByPerson = "person";

    public static readonly IReadOnlyDictionary<string, string> GivenBy = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ByPerson] = "The person themselves",
        ["parent-carer"] = "A parent or carer",
        ["other-with-authority"] = "Someone else with authority",
    };

    public static readonly IReadOnlyDictionary<string, string> Methods = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["verbal"] = "Verbal",
        ["written"] = "Written",
        ["electronic"] = "Electronic",
    };

    public static string Title(IReadOnlyDictionary<string, string> codes, string code)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return codes.TryGetValue(code, out var title) ? title : code;
    }
}

public sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Consents");
        builder.Property(c => c.Purpose).HasMaxLength(40);
        builder.Property(c => c.GivenBy).HasMaxLength(40);
        builder.Property(c => c.GivenByName).HasMaxLength(ConsentRules.MaxNameLength);
        builder.Property(c => c.Competence).HasMaxLength(ConsentRules.MaxTextLength);
        builder.Property(c => c.Method).HasMaxLength(20);
        builder.Property(c => c.WithdrawalReason).HasMaxLength(ConsentRules.MaxTextLength);
        builder.Property(c => c.WithdrawnByName).HasMaxLength(256);
        builder.Property(c => c.RecordedById).HasMaxLength(450);
        builder.Property(c => c.RecordedByName).HasMaxLength(256);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Agencies).WithOne().HasForeignKey(a => a.ConsentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.PersonId);
    }
}

public sealed class ConsentAgencyConfiguration : IEntityTypeConfiguration<ConsentAgency>
{
    public void Configure(EntityTypeBuilder<ConsentAgency> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("ConsentAgencies");
        builder.HasKey(a => new { a.ConsentId, a.AgencyId });
        builder.HasOne(a => a.Agency).WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.AgencyId);
    }
}
