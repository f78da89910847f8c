using Caseload.Data;
using Caseload.Features.Chronology;
using Caseload.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Notes;

/// <summary>
/// Case notes on the chronology: each note by when it happened, with its type and the first line of what happened (as its
/// current version reads); and each safeguarding concern a note records. Every worker of the case reads all its notes, so
/// nothing narrower applies; a struck-through note stays, marked, and raises no concern.
/// </summary>
public sealed class NotesChronology(CaseloadDb db) : IChronologySource
{
    public const string Note = "note";
    public const string Safeguarding = "safeguarding";

    public IReadOnlyList<ChronologyKind> Kinds { get; } = [new(Note, "Case note"), new(Safeguarding, "Safeguarding concern")];

    public async Task<IReadOnlyList<ChronologyEntry>> EntriesAsync(ChronologyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caseId = request.Case.CaseId;
        var rows = await (from v in db.Set<CaseNoteVersion>().AsNoTracking()
                          join n in db.Set<CaseNote>() on v.NoteId equals n.Id
                          where v.CaseId == caseId && v.IsCurrent
                          // The first line is all the chronology shows: a few hundred characters, not the whole note.
                          select new { n.Id, v.Type, v.OccurredAt, n.AuthorName, Text = v.WhatHappened.Substring(0, 400), v.SafeguardingConcern, v.IsLateEntry,
                              v.Number, Struck = n.StruckThroughAt != null })
            .ToListAsync(ct);
        var entries = new List<ChronologyEntry>();
        foreach (var r in rows)
        {
            var link = $"/Cases/{caseId}/Notes/{r.Id}";
            var marks = new List<string>();
            if (r.IsLateEntry) marks.Add("late entry");
            if (r.Number > 1) marks.Add("amended");
            var summary = $"{(r.Struck ? "Struck through: " : "")}{NoteTypes.Title(r.Type)}: {ChronologyRules.FirstLine(r.Text)}{(marks.Count > 0 ? $" ({string.Join(", ", marks)})" : "")}";
            var on = UkTime.DateOf(r.OccurredAt);
            entries.Add(new ChronologyEntry(on, r.OccurredAt, Note, r.Id.ToString(), summary, r.AuthorName, link));
            if (r.SafeguardingConcern && !r.Struck)
            {
                entries.Add(new ChronologyEntry(on, r.OccurredAt, Safeguarding, r.Id.ToString(),
                    $"Safeguarding concern recorded ({NoteTypes.Title(r.Type).ToLowerInvariant()}): {ChronologyRules.FirstLine(r.Text, 100)}", r.AuthorName, link));
            }
        }

        return entries;
    }
}
