namespace Caseload.Features.Deadlines;

/// <summary>
/// The catalogue in use: the statutory timescales from code and the organisational standards an administrator keeps.
/// A retired standard is still found (its deadlines keep their explanations) but is not offered and starts nothing new.
/// </summary>
public sealed class TimescaleCatalogue
{
    private readonly Dictionary<string, Timescale> _byCode;
    private readonly HashSet<string> _retired;

    public TimescaleCatalogue(IEnumerable<Timescale> timescales, IEnumerable<string> retired)
    {
        All = [.. timescales];
        _byCode = All.ToDictionary(t => t.Code, StringComparer.Ordinal);
        _retired = new HashSet<string>(retired, StringComparer.Ordinal);
    }

    public IReadOnlyList<Timescale> All { get; }

    public Timescale? Find(string code) => _byCode.GetValueOrDefault(code);

    public bool IsRetired(string code) => _retired.Contains(code);

    /// <summary>Not retired, and applying to <paramref name="service"/> in <paramref name="nation"/>.</summary>
    public IReadOnlyList<Timescale> OfferedFor(Nations nation, string service) =>
        All.Where(t => !IsRetired(t.Code) && t.OfferedFor(nation, service)).ToList();

    /// <summary>The timescales whose clocks start when <paramref name="timescale"/> is met; retired ones start nothing.</summary>
    public IReadOnlyList<Timescale> StartedWhenMet(Timescale timescale)
    {
        ArgumentNullException.ThrowIfNull(timescale);
        IEnumerable<string> codes = [.. timescale.FollowedBy is { } next ? [next] : Array.Empty<string>(), .. timescale.AlsoStartsWhenMet];
        return codes.Where(c => !IsRetired(c)).Select(Find).OfType<Timescale>().ToList();
    }
}
