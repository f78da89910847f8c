using Microsoft.EntityFrameworkCore.Migrations;

namespace Caseload.Features.Capacity.Escalations;

/// <summary>
/// Hand-written SQL for the migration that made escalation actions tasks: actions agreed before it become open tasks, each
/// with its own task id, before the unique index on that id is made. Called with one line from the migration.
/// </summary>
public static class EscalationActionTasks
{
    private const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";

    public static void BackfillExisting(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.ActiveProvider != Sqlite)
        {
            migrationBuilder.Sql("""UPDATE "CapacityEscalationActions" SET "TaskId" = gen_random_uuid(), "Status" = 'Open';""");
            return;
        }

        // SQLite keeps a Guid as upper-case text; a version 4 random one, evaluated row by row.
        migrationBuilder.Sql("""
            UPDATE "CapacityEscalationActions" SET "Status" = 'Open', "TaskId" =
                upper(hex(randomblob(4))) || '-' || upper(hex(randomblob(2))) || '-4' || substr(upper(hex(randomblob(2))), 2) || '-'
                || substr('89AB', 1 + abs(random()) % 4, 1) || substr(upper(hex(randomblob(2))), 2) || '-' || upper(hex(randomblob(6)));
            """);
    }
}
