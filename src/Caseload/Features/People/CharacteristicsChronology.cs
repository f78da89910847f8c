using Caseload.Data;
using Caseload.Features.Chronology;
using Caseload.Platform.Time;

namespace Caseload.Features.People;

/// <summary>
/// Changes to the person's characteristics on the chronology of each of their cases, with the reason as
/// <see cref="CharacteristicHistory"/> lets this viewer see it (withheld when it may carry what a restricted case knows).
/// </summary>
public sealed class CharacteristicsChronology(CaseloadDb db) : IChronologySource
{
    public const string Characteristics = "characteristics";

    public IReadOnlyList<ChronologyKind> Kinds { get; } = [new(Characteristics, "Characteristics change")];

    public async Task<IReadOnlyList<ChronologyEntry>> EntriesAsync(ChronologyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scoped = request.Case;
        var changes = await CharacteristicHistory.ForAsync(db, scoped.User, scoped.PersonId, ct);
        var names = await ChronologyNames.DisplayNamesAsync(db, changes.Select(c => c.ChangedByName), ct);
        return changes.Select(c => new ChronologyEntry(UkTime.DateOf(c.ChangedAt), c.ChangedAt, Characteristics, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{(c.Added ? "Added" : "Removed")} {People.Characteristics.Title(c.Code).ToLowerInvariant()}: {ChronologyRules.FirstLine(c.ReasonShown, 150)}",
                names.GetValueOrDefault(c.ChangedByName, c.ChangedByName), $"/People/{scoped.PersonId}"))
            .ToList();
    }
}
