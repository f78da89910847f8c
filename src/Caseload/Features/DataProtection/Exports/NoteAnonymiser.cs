using Caseload.Features.Notes;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;

namespace Caseload.Features.DataProtection.Exports;

/// <summary>
/// One note anonymised for a practitioner's portfolio or a supervision discussion: its current version with the names of the
/// person and of everyone Caseload records around the case replaced by role words, and contact details, dates and identifiers by
/// bracketed words. No date is given: a portfolio needs what happened, not when. For whoever may see the note; audited.
/// </summary>
public sealed class NoteAnonymiser(NoteService notes, CaseCast cast, AuditTrail audit)
{
    public async Task<AnonymisedNoteDto?> AnonymiseAsync(CaseContext scoped, Guid noteId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scoped);
        var note = await notes.ReadAsync(scoped, noteId, recordView: false, ct);
        if (note is null) return null;
        var around = (await cast.AroundAsync([scoped.CaseId], ct))[scoped.CaseId];
        var s = new TextScrubber([.. around, .. await cast.StaffAsync(ct)]);
        var v = note.Current;
        await audit.RecordReadAsync(scoped.User, AuditActions.NoteAnonymised, "note", noteId.ToString(), scoped.CaseId, scoped.PersonId, ct: ct);
        return new AnonymisedNoteDto(note.Id, v.Type, NoteTypes.Title(v.Type), v.IsLateEntry, v.SafeguardingConcern, s.Scrub(v.PresentAndSpokenTo),
            s.Scrub(v.WhatHappened)!, s.Scrub(v.WhatWasDone), s.Scrub(v.AgreedNextSteps), s.Scrub(v.Outcome));
    }
}
