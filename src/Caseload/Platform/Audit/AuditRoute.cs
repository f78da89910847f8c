namespace Caseload.Platform.Audit;

/// <summary>
/// The route an audit event keeps: the method, path and query, with the words a user typed into a search left out. Search
/// words are often a child's name or date of birth, and the audit trail is append-only: a name kept there would outlive the
/// destruction of everything else held about the person. The parameter stays (the trail still says a search was made and
/// what it found, by id); its value becomes "…".
/// </summary>
public static class AuditRoute
{
    /// <summary>Query parameters that carry free text typed by a user.</summary>
    private static readonly HashSet<string> FreeText = new(["q", "query", "name", "search", "term", "text"], StringComparer.OrdinalIgnoreCase);

    public const string Withheld = "…";

    public static string Of(string method, string path, string? queryString)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        if (string.IsNullOrEmpty(queryString) || queryString == "?") return $"{method} {path}";
        var parts = queryString.TrimStart('?').Split('&').Select(part =>
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((equals < 0 ? part : part[..equals]).Replace('+', ' '));
            return FreeText.Contains(key.Trim()) && equals >= 0 && equals < part.Length - 1 ? $"{part[..equals]}={Withheld}" : part;
        });
        return $"{method} {path}?{string.Join('&', parts)}";
    }
}
