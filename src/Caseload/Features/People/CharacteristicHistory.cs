using Caseload.Data;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.People;

/// <summary>A change to a person's characteristics as one viewer may see it: <see cref="Reason"/> is null when it is withheld.</summary>
public sealed record CharacteristicChangeView(long Id, DateTimeOffset ChangedAt, string Code, bool Added, string? Reason, string ChangedByName)
{
    /// <summary>What is shown instead of a reason that may have been recorded from a restricted case the viewer may not see.</summary>
    public const string Withheld = "recorded on a restricted case";

    public string ReasonShown => Reason ?? Withheld;
}

/// <summary>
/// The history of a person's characteristics, for the person page and every case's priority history. Characteristics belong
/// to the person, so every case of theirs moves when they change; but the reason is written by someone working one of those
/// cases, and may carry what only a restricted case knows. A change is not stored with the case it was made from, so the
/// rule is derived from who made it: the reason is withheld from a viewer when its author is named on a restricted case of the
/// person that the viewer may not see. It errs towards withholding (an author named on a restricted case and also working an
/// open one has all their reasons withheld from the open case's other workers), never towards showing.
/// </summary>
public static class CharacteristicHistory
{
    public static Task<List<CharacteristicChangeView>> ForAsync(CaseloadDb db, CurrentUser user, Guid personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var visible = db.VisibleCases(user);
        return db.Set<PersonCharacteristicChange>().AsNoTracking()
            .Where(x => x.PersonId == personId)
            .OrderByDescending(x => x.ChangedAt).ThenByDescending(x => x.Id)
            .Select(x => new CharacteristicChangeView(x.Id, x.ChangedAt, x.Code, x.Added,
                db.Cases.Any(c => c.PersonId == x.PersonId && c.Restricted && c.RestrictedTo.Any(r => r.UserId == x.ChangedById)
                    && !visible.Any(v => v.Id == c.Id))
                    ? null
                    : x.Reason,
                x.ChangedByName))
            .ToListAsync(ct);
    }
}
