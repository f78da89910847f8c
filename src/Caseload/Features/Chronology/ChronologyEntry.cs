using Caseload.Platform.Security;

namespace Caseload.Features.Chronology;

/// <summary>A kind of entry on a case's chronology: a stable lowercase code (the API's and the filter's) and its title.</summary>
public sealed record ChronologyKind(string Code, string Title);

/// <summary>
/// One event in the child's story: the UK day it happened (<see cref="At"/> when the time is known too), its kind, the id of
/// the record it comes from (unique within its kind on the case, so a mark can name it), a short summary in plain words, who,
/// and the page where the record is read.
/// </summary>
public sealed record ChronologyEntry(DateOnly On, DateTimeOffset? At, string Kind, string SourceId, string Summary, string? By, string Link);

/// <summary>What a source is asked for: the case the case scope found (the caller may see it), and today's UK date.</summary>
public sealed record ChronologyRequest(CaseContext Case, DateOnly Today);

/// <summary>
/// One feature's part of the chronology: its kinds and, for one case, its entries. Each feature registers its own with
/// <see cref="ChronologySources.AddChronologySource{T}"/>, so a new feature adds its events without touching the others. A
/// source returns only what the caller may see of the case (the case scope has checked the case itself).
/// </summary>
public interface IChronologySource
{
    IReadOnlyList<ChronologyKind> Kinds { get; }

    Task<IReadOnlyList<ChronologyEntry>> EntriesAsync(ChronologyRequest request, CancellationToken ct);
}

public static class ChronologySources
{
    public static IServiceCollection AddChronologySource<T>(this IServiceCollection services) where T : class, IChronologySource =>
        services.AddScoped<IChronologySource, T>();
}
