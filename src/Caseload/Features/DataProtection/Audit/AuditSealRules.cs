using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Caseload.Platform.Audit;

namespace Caseload.Features.DataProtection.Audit;

/// <summary>
/// The canonical content of audit events and the chained hash of a batch. Every field is written with its length, so no two
/// different events read the same; instants are UTC to the microsecond (what PostgreSQL keeps). A list view's cases (its
/// AuditEventCases rows) are part of the event, sorted.
/// </summary>
public static class AuditSealRules
{
    /// <summary>The hash the first batch chains to.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Canonical(AuditEvent e, IEnumerable<Guid> casesShown)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(casesShown);
        var sb = new StringBuilder();
        Field(sb, e.Id.ToString(CultureInfo.InvariantCulture));
        Field(sb, e.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Field(sb, e.UserId);
        Field(sb, e.UserName);
        Field(sb, e.Action);
        Field(sb, e.EntityType);
        Field(sb, e.EntityId);
        Field(sb, e.CaseId?.ToString());
        Field(sb, e.PersonId?.ToString());
        Field(sb, e.Route);
        Field(sb, e.IpAddress);
        Field(sb, e.Details);
        Field(sb, e.BreakGlass ? "1" : "0");
        Field(sb, string.Join(",", casesShown.Order().Select(c => c.ToString())));
        return sb.ToString();
    }

    /// <summary>SHA-256 of the previous batch's hash and each event's canonical content, in id order; lower-case hex.</summary>
    public static string Hash(string previousHash, IEnumerable<string> canonicalEvents)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(canonicalEvents);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(previousHash + "\n"));
        foreach (var e in canonicalEvents) sha.AppendData(Encoding.UTF8.GetBytes(e + "\n"));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    // A null is written apart from an empty string: "-" for null, else the length, a colon and the text.
    private static void Field(StringBuilder sb, string? value)
    {
        if (value is null) sb.Append("-;");
        else sb.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
    }
}
