namespace Caseload.Features.Notes.Search;

/// <summary>
/// The full-text index of case notes, which EF's model does not describe: an FTS5 table kept by triggers on SQLite, a
/// generated tsvector column with a GIN index on PostgreSQL. Each provider's Notes migration creates it with its SQL
/// written out in the migration (a migration never calls live code); a change to the index is a new migration.
/// Only the text of current versions is searched; the index holds every version and the query filters.
/// </summary>
public static class NoteSearchSql
{
    /// <summary>The FTS5 columns that hold words of the note (the case key is not one of them).</summary>
    public const string TextColumns = "PresentAndSpokenTo WhatHappened WhatWasDone AgreedNextSteps Outcome";
}
