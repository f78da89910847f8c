using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Agencies;

/// <summary>
/// Another agency in the directory administrators keep: who else may be involved with a child, and whom consent and
/// referrals name. Changed in place with a version (the directory is reference data, not case evidence); never deleted,
/// because involvements and consents point at it.
/// </summary>
public sealed class Agency
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>A code of <see cref="AgencyKinds"/>.</summary>
    public required string Kind { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    /// <summary>Where personal information is sent: a secure (encrypted or government-secure) mailbox.</summary>
    public string? SecureEmail { get; set; }
    public int Version { get; set; } = 1;
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedByName { get; set; }
}

/// <summary>The kinds of agency, as kebab-case codes with their titles, in the order a form offers them.</summary>
public static class AgencyKinds
{
    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["health"] = "Health",
        ["police"] = "Police",
        ["education"] = "Education",
        ["housing"] = "Housing",
        ["youth-justice"] = "Youth justice",
        ["mental-health"] = "Mental health",
        ["voluntary"] = "Voluntary sector",
        ["local-authority"] = "Local authority service",
        ["other"] = "Other",
    };

    public static IReadOnlyList<string> Codes { get; } = [.. Titles.Keys];

    public static bool IsKnown(string? code) => code is not null && Titles.ContainsKey(code);

    public static string Title(string code) => Titles.TryGetValue(code, out var title) ? title : code;
}

public sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Agencies");
        builder.Property(a => a.Name).HasMaxLength(AgencyRules.MaxNameLength);
        builder.Property(a => a.Kind).HasMaxLength(30);
        builder.Property(a => a.Phone).HasMaxLength(AgencyRules.MaxContactLength);
        builder.Property(a => a.Email).HasMaxLength(AgencyRules.MaxContactLength);
        builder.Property(a => a.Address).HasMaxLength(AgencyRules.MaxAddressLength);
        builder.Property(a => a.SecureEmail).HasMaxLength(AgencyRules.MaxContactLength);
        builder.Property(a => a.UpdatedByName).HasMaxLength(256);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => a.Name).IsUnique();
    }
}
