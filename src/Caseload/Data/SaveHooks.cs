namespace Caseload.Data;

/// <summary>
/// Work a feature adds to every save that touches what it derives from, inside the save's own transaction: a derived column
/// kept in step with its sources, so it commits (or rolls back) with them. Registered as a service; the unit of work finds the
/// hooks through the application's services.
/// </summary>
public interface ISaveHook
{
    /// <summary>What the pending changes mean to this hook, read before they are written; null when there is nothing to do.</summary>
    object? Collect(CaseloadDb db);

    /// <summary>Runs after the changes are written and before they commit, in the same transaction.</summary>
    Task AfterWriteAsync(CaseloadDb db, object pending, CancellationToken ct);
}
