namespace Caseload.Features.DataProtection.Exports;

/// <summary>A row's quasi-identifiers as recorded: what, joined with other data, could single a person out.</summary>
public sealed record QuasiIdentifiers(int Age, string? Sex, string? Ethnicity, string Service, string? Postcode);

/// <summary>A row's quasi-identifiers as released: generalised to <see cref="Level"/>, or suppressed (not released at all).</summary>
public sealed record ReleasedIdentifiers(string AgeBand, string Sex, string Ethnicity, string Service, string District, int Level, bool Suppressed)
{
    public bool Generalised => Level > 0 && !Suppressed;
}

/// <summary>What k-anonymity did to an export: each row as released, the k asked for and achieved, and how many rows were changed.</summary>
public sealed record KAnonymityResult(IReadOnlyList<ReleasedIdentifiers> Rows, int K, int KAchieved, int Generalised, int Suppressed);

/// <summary>
/// k-anonymity over the quasi-identifiers (age band, sex, ethnicity, service, district): every released row shares them with
/// at least k-1 others, so nobody can be picked out by what they are, only by what they did. Rows in a smaller group are
/// generalised a level at a time (a wider age band, ethnicity to its major group, district to area; then any age, any
/// ethnicity, "other" area), only as
/// far as their group needs; rows still in a group smaller than k at the widest level are suppressed.
/// </summary>
public static class KAnonymity
{
    public const int DefaultK = 5;

    /// <summary>The safe limits of k an export may ask for: below 5 a group is too small to hide in; above 100 nothing useful is left.</summary>
    public const int MinK = 5;
    public const int MaxK = 100;

    public static KAnonymityResult Apply(IReadOnlyList<QuasiIdentifiers> rows, int k)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var levels = new int[rows.Count];
        while (true)
        {
            var small = SmallGroups(rows, levels, k);
            var raised = false;
            foreach (var i in small)
            {
                if (levels[i] >= AnonymisationRules.MaxLevel) continue;
                levels[i]++;
                raised = true;
            }

            if (!raised) break;
        }

        var suppressed = SmallGroups(rows, levels, k).ToHashSet();
        var released = rows.Select((r, i) => Release(r, levels[i], suppressed.Contains(i))).ToList();
        var sizes = released.Where(r => !r.Suppressed).GroupBy(Key).Select(g => g.Count()).ToList();
        return new KAnonymityResult(released, k, sizes.Count == 0 ? 0 : sizes.Min(), released.Count(r => r.Generalised), suppressed.Count);
    }

    public static ReleasedIdentifiers Release(QuasiIdentifiers row, int level, bool suppressed = false)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ReleasedIdentifiers(
            AnonymisationRules.AgeBand(row.Age, level),
            string.IsNullOrWhiteSpace(row.Sex) ? AnonymisationRules.NotRecorded : row.Sex.Trim(),
            AnonymisationRules.Ethnicity(row.Ethnicity, level),
            row.Service,
            AnonymisationRules.District(row.Postcode, level),
            level,
            suppressed);
    }

    private static string Key(ReleasedIdentifiers r) => $"{r.AgeBand}\u001f{r.Sex}\u001f{r.Ethnicity}\u001f{r.Service}\u001f{r.District}";

    private static List<int> SmallGroups(IReadOnlyList<QuasiIdentifiers> rows, int[] levels, int k) =>
        Enumerable.Range(0, rows.Count)
            .GroupBy(i => Key(Release(rows[i], levels[i])), StringComparer.Ordinal)
            .Where(g => g.Count() < k)
            .SelectMany(g => g)
            .ToList();
}
