using Caseload.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Chronology;

/// <summary>Some records keep who by user name: the chronology shows people by the name they go by.</summary>
public static class ChronologyNames
{
    /// <summary>The display name of each user name given (any case); a user name not found is left out, and callers show it as it is.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(CaseloadDb db, IEnumerable<string?> userNames, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(userNames);
        var wanted = userNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0) return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var found = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.NormalizedUserName!))
            .Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        return found.ToDictionary(u => u.UserName!, u => u.DisplayName, StringComparer.OrdinalIgnoreCase);
    }
}
