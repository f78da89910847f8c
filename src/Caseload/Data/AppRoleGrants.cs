using Microsoft.EntityFrameworkCore;

namespace Caseload.Data;

/// <summary>
/// Least privilege on PostgreSQL. The migrations run as the role that owns the tables (ConnectionStrings:Migrations); the
/// app connects as a role (Database:AppRole) that owns nothing, so it cannot alter a table or alter, disable or drop a
/// trigger, and may only read and write rows. It may not change or delete audit events, nor change or delete note
/// versions beyond the amendment's mark (the triggers check that mark), saved supervision records, consents beyond their withdrawal or the
/// information sharing log, nor empty any table.
/// The owner applies these grants after every migration run, so a table a later migration adds and a role introduced
/// after an upgrade are both covered; default privileges cover tables the owner creates in between.
/// </summary>
public static class AppRoleGrants
{
    public static string Sql(string appRole)
    {
        var role = QuoteIdentifier(appRole);
        return $"""
            GRANT USAGE ON SCHEMA public TO {role};
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role};
            -- The app reads which migrations are applied (to start without migrating) and never records one.
            REVOKE INSERT, UPDATE, DELETE ON "__EFMigrationsHistory" FROM {role};
            -- The audit log is append-only.
            REVOKE UPDATE, DELETE ON "AuditEvents" FROM {role};
            REVOKE UPDATE, DELETE ON "AuditEventCases" FROM {role};
            REVOKE UPDATE, DELETE ON "AuditSeals" FROM {role};
            -- Note versions are appended; an amendment only marks the version it supersedes.
            REVOKE UPDATE, DELETE ON "CaseNoteVersions" FROM {role};
            GRANT UPDATE ("IsCurrent") ON "CaseNoteVersions" TO {role};
            """ + Features.Supervision.SupervisionRecordTriggers.RevokeFromAppRole(role) + Features.Agencies.AgencyRecordTriggers.RevokeFromAppRole(role)
            + Features.DataProtection.EvidenceTriggers.RevokeFromAppRole(role)
            // The recording summary is written by its triggers only (they run as the owner).
            + Features.Reports.RecordingSummarySql.RevokeFromAppRole(role);
    }

    /// <summary>Grants the app role its privileges in one transaction, on the owner's connection after the migrations.</summary>
    public static async Task ApplyAsync(CaseloadDb ownerDb, string appRole, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ownerDb);
        if (!ownerDb.Database.IsNpgsql()) return;
        await using var transaction = await ownerDb.Database.BeginTransactionAsync(ct);
        var ownerRole = await ownerDb.Database.SqlQueryRaw<string>("SELECT current_user::text AS \"Value\"").SingleAsync(ct);
        if (string.Equals(ownerRole, appRole, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Database:AppRole names '{appRole}', the role the migrations connect as: the app's role must be another one, which owns no table.");
        }

        await ownerDb.Database.ExecuteSqlRawAsync(Sql(appRole), ct);
        await transaction.CommitAsync(ct);
    }

    private static string QuoteIdentifier(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('\0', StringComparison.Ordinal) || name.Length > 63)
        {
            throw new InvalidOperationException("Database:AppRole must name a PostgreSQL role (1 to 63 characters).");
        }

        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
