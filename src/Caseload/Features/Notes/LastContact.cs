using Caseload.Data;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Notes;

/// <summary>
/// "Last contact" on a case: the latest occurredAt of its current notes of a contact type that are not struck through.
/// Kept on the case (<see cref="Cases.Case.LastContactAt"/>) by every note change, in the same transaction.
/// </summary>
public static class LastContact
{
    /// <summary>Contact with the person or family: what "last contact" means for drift.</summary>
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        NoteTypes.HomeVisit, NoteTypes.OfficeOrSchoolVisit, NoteTypes.PhoneCall, NoteTypes.VideoCall, NoteTypes.Meeting, NoteTypes.Observation,
    };

    /// <summary>Recomputes the case's last contact from its notes. Call inside the transaction that changed a note.</summary>
    public static async Task RefreshAsync(CaseloadDb db, Guid caseId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Lock the case row first, in a statement of its own: a concurrent note on the same case then commits before the
        // recomputation below starts, and (under PostgreSQL's read committed) that statement's snapshot includes it.
        await db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastContactAt, c => c.LastContactAt), ct);
        var types = Types.ToList();
        await db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastContactAt, c =>
            (from v in db.Set<CaseNoteVersion>()
             join n in db.Set<CaseNote>() on v.NoteId equals n.Id
             where v.CaseId == c.Id && v.IsCurrent && n.StruckThroughAt == null && types.Contains(v.Type)
             select (DateTimeOffset?)v.OccurredAt).Max()), ct);
    }

    /// <summary>Recomputes every case's last contact in one statement (the migration that added it, and bulk loads).</summary>
    public static string RefreshAllSql(bool sqlite)
    {
        var isCurrent = sqlite ? "1" : "TRUE";
        var types = string.Join(", ", Types.Order(StringComparer.Ordinal).Select(t => $"'{t}'"));
        return $"""
            UPDATE "Cases" SET "LastContactAt" = (
              SELECT MAX(v."OccurredAt") FROM "CaseNoteVersions" v JOIN "CaseNotes" n ON n."Id" = v."NoteId"
              WHERE v."CaseId" = "Cases"."Id" AND v."IsCurrent" = {isCurrent} AND n."StruckThroughAt" IS NULL AND v."Type" IN ({types}));
            """;
    }
}
