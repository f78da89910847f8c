using System.Net;
using System.Net.Http.Json;
using Caseload.Features.Notes;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Caseload.Tests.Features.Notes;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Caseload.Tests.Data;

/// <summary>
/// PostgreSQL as an authority runs it: the owner migrates, the app connects as a role that owns nothing. Connected as that
/// role, the app works, and the audit log and note versions cannot be changed, deleted or emptied, nor their triggers
/// altered, disabled or dropped.
/// </summary>
public sealed class AppRoleGrantsTests(AppRolePostgresApp app) : IClassFixture<AppRolePostgresApp>
{
    private const string InsufficientPrivilege = "42501";

    private async Task<(Guid CaseId, Guid NoteId, HttpClient Client, TestUser Practitioner)> NoteAsync()
    {
        var (team, _) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(practitioner);
        var caseId = await client.CreateCaseIdAsync(practitioner.UserName);
        var noteId = (await client.CreateNoteAsync(caseId))["id"]!.GetValue<Guid>();
        return (caseId, noteId, client, practitioner);
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs the statement as the app role in a transaction that is rolled back whatever happens, and returns what refused it.</summary>
    private async Task<PostgresException?> AsAppRoleAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.AppConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        try
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync();
            return null;
        }
        catch (PostgresException ex)
        {
            return ex;
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }

    [Fact]
    public async Task The_apps_sessions_run_without_jit_compilation_and_a_connection_string_that_sets_it_is_left_alone()
    {
        // A report over every case is costed high enough to be JIT-compiled, and compiling took longer than running it.
        var jit = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync());
        Assert.Equal("off", jit);
        Assert.Equal("-c jit=off", new NpgsqlConnectionStringBuilder(Caseload.Data.DatabaseSetup.WithoutJit("Host=db;Username=app")).Options);
        Assert.Equal("-c search_path=app -c jit=off", new NpgsqlConnectionStringBuilder(Caseload.Data.DatabaseSetup.WithoutJit("Host=db;Options=-c search_path=app")).Options);
        Assert.Equal("Host=db;Options=-c jit=on", Caseload.Data.DatabaseSetup.WithoutJit("Host=db;Options=-c jit=on"));
    }

    [Fact]
    public async Task The_app_connects_as_the_app_role_and_the_owner_owns_the_tables_and_the_database()
    {
        Assert.Equal(app.AppRole, await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT current_user::text AS \"Value\"").SingleAsync()));
        var owners = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT DISTINCT tableowner::text AS \"Value\" FROM pg_tables WHERE schemaname = 'public'").ToListAsync());
        Assert.Equal([app.OwnerRole], owners);
        Assert.Equal(app.OwnerRole, await ScalarAsync<string>(app.AppConnectionString, "SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = current_database()"));
        Assert.False(await ScalarAsync<bool>(app.AppConnectionString, $"SELECT pg_has_role('{app.OwnerRole}', 'USAGE')"));
    }

    [Fact]
    public async Task As_the_app_role_a_case_note_is_recorded_amended_and_struck_through_and_every_step_is_audited()
    {
        var (caseId, noteId, client, practitioner) = await NoteAsync();
        var amended = await client.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/amendments",
            NoteApi.Note("Home visit. Mum, Jordan (9) and Amy (4) present. Jordan showed me his bedroom; there was a bed with clean bedding.")
                .With("reason", "Amy was present too"), "\"1\"");
        await amended.ShouldBeAsync(HttpStatusCode.Created);
        var struck = await client.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/strike-through", new { reason = "Entered on the wrong case" }, "\"2\"");
        await struck.ShouldBeAsync(HttpStatusCode.OK);
        (await client.GetAsync($"/api/v1/cases/{caseId}/notes/{noteId}")).EnsureSuccessStatusCode();

        var versions = await app.WithDbAsync(db => db.Set<CaseNoteVersion>().Where(v => v.NoteId == noteId).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([false, true], versions.Select(v => v.IsCurrent));
        var actions = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.CaseId == caseId && e.UserName == practitioner.UserName).Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditActions.NoteCreated, actions);
        Assert.Contains(AuditActions.NoteAmended, actions);
        Assert.Contains(AuditActions.NoteStruckThrough, actions);
        Assert.Contains(AuditActions.NoteViewed, actions);
    }

    [Fact]
    public async Task The_app_role_inserts_and_reads_audit_events_and_note_versions()
    {
        var (caseId, noteId, _, practitioner) = await NoteAsync();
        var auditId = await app.WithDbAsync(async db =>
        {
            var e = new AuditEvent { At = app.Clock.GetUtcNow(), UserName = practitioner.UserName, Action = AuditActions.NoteViewed, EntityType = "note", EntityId = noteId.ToString(), CaseId = caseId };
            db.AuditEvents.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
        Assert.Equal(noteId.ToString(), await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id == auditId).Select(e => e.EntityId).SingleAsync()));

        var versionId = await app.WithDbAsync(async db =>
        {
            var first = await db.Set<CaseNoteVersion>().AsNoTracking().SingleAsync(v => v.NoteId == noteId);
            var later = new CaseNoteVersion
            {
                NoteId = noteId, CaseId = caseId, Number = 2, IsCurrent = false, Type = first.Type, OccurredAt = first.OccurredAt, RecordedAt = app.Clock.GetUtcNow(),
                AuthorId = first.AuthorId, AuthorName = first.AuthorName, WhatHappened = "Appended by the app role.",
            };
            db.Add(later);
            await db.SaveChangesAsync();
            return later.Id;
        });
        Assert.Equal("Appended by the app role.", await app.WithDbAsync(db => db.Set<CaseNoteVersion>().Where(v => v.Id == versionId).Select(v => v.WhatHappened).SingleAsync()));
    }

    [Fact]
    public async Task The_app_role_cannot_change_delete_or_empty_audit_events_or_change_delete_or_empty_note_versions()
    {
        var (_, noteId, _, practitioner) = await NoteAsync();
        var auditId = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.UserName == practitioner.UserName).Select(e => e.Id).FirstAsync());
        var versionId = await app.WithDbAsync(db => db.Set<CaseNoteVersion>().Where(v => v.NoteId == noteId).Select(v => v.Id).SingleAsync());

        foreach (var sql in new[]
                 {
                     $"""UPDATE "AuditEvents" SET "Details" = 'rewritten' WHERE "Id" = {auditId}""",
                     $"""DELETE FROM "AuditEvents" WHERE "Id" = {auditId}""",
                     """TRUNCATE "AuditEvents" """,
                     """UPDATE "AuditEventCases" SET "CaseId" = "CaseId" """,
                     """DELETE FROM "AuditEventCases" """,
                     """TRUNCATE "AuditEventCases" """,
                     $"""UPDATE "CaseNoteVersions" SET "WhatHappened" = 'rewritten' WHERE "Id" = {versionId}""",
                     $"""UPDATE "CaseNoteVersions" SET "IsCurrent" = FALSE, "Outcome" = 'rewritten' WHERE "Id" = {versionId}""",
                     $"""DELETE FROM "CaseNoteVersions" WHERE "Id" = {versionId}""",
                     """TRUNCATE "CaseNoteVersions" """,
                     """INSERT INTO "__EFMigrationsHistory" VALUES ('29990101000000_Forged', '10.0.0')""",
                 })
        {
            var refused = await AsAppRoleAsync(sql);
            Assert.True(refused?.SqlState == InsufficientPrivilege, $"{sql}: {refused?.MessageText ?? "allowed"}");
        }

        Assert.Equal(practitioner.UserName, await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Id == auditId).Select(e => e.UserName).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.Set<CaseNoteVersion>().AnyAsync(v => v.Id == versionId && v.IsCurrent && v.Outcome != "rewritten")));
    }

    [Fact]
    public async Task As_the_app_role_a_note_is_counted_in_the_recording_summary_by_its_triggers_and_the_role_cannot_write_the_summary_itself()
    {
        var (_, _, _, practitioner) = await NoteAsync();
        var counted = await app.WithDbAsync(db => db.Set<Caseload.Features.Reports.RecordingDay>().Where(d => d.TeamId == practitioner.TeamId).SumAsync(d => d.Notes));
        Assert.Equal(1, counted);

        foreach (var sql in new[]
                 {
                     """INSERT INTO "RecordingDays" VALUES (0, 'early-help', DATE '2026-11-23', 1, 0, 1, 0, 0)""",
                     """UPDATE "RecordingDays" SET "Notes" = "Notes" + 1""",
                     """DELETE FROM "RecordingFindingDays" """,
                     """UPDATE "RecordingHourDays" SET "Notes" = 0""",
                     """DELETE FROM "RecordingReasonDays" """,
                     """TRUNCATE "RecordingDays" """,
                     """DROP TRIGGER recording_version_saved ON "CaseNoteVersions" """,
                 })
        {
            var refused = await AsAppRoleAsync(sql);
            Assert.True(refused?.SqlState == InsufficientPrivilege, $"{sql}: {refused?.MessageText ?? "allowed"}");
        }

        Assert.Empty(await app.WithDbAsync(db => Caseload.Features.Reports.RecordingSummarySql.DifferencesAsync(db)));
    }

    [Fact]
    public async Task The_app_role_cannot_alter_disable_or_drop_the_triggers_or_step_round_them()
    {
        foreach (var sql in new[]
                 {
                     """ALTER TABLE "AuditEvents" DISABLE TRIGGER audit_events_append_only""",
                     """ALTER TABLE "AuditEvents" DISABLE TRIGGER ALL""",
                     """DROP TRIGGER audit_events_no_truncate ON "AuditEvents" """,
                     """ALTER TABLE "CaseNoteVersions" DISABLE TRIGGER case_note_versions_append_only""",
                     """DROP TRIGGER case_note_versions_append_only ON "CaseNoteVersions" """,
                     """DROP TRIGGER case_note_versions_no_truncate ON "CaseNoteVersions" """,
                     """ALTER TRIGGER case_note_versions_append_only ON "CaseNoteVersions" RENAME TO disabled""",
                     """CREATE OR REPLACE FUNCTION case_note_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$""",
                     """DROP FUNCTION audit_events_append_only() CASCADE""",
                     """CREATE TRIGGER let_through BEFORE UPDATE ON "CaseNoteVersions" FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()""",
                     """ALTER TABLE "CaseNoteVersions" OWNER TO CURRENT_USER""",
                     """SET session_replication_role = replica""",
                     """CREATE TABLE "Elsewhere" ("Id" integer)""",
                 })
        {
            var refused = await AsAppRoleAsync(sql);
            Assert.True(refused?.SqlState == InsufficientPrivilege, $"{sql}: {refused?.MessageText ?? "allowed"}");
        }

        var enabled = await ScalarAsync<long>(app.OwnerConnectionString, """
            SELECT count(*) FROM pg_trigger WHERE tgenabled = 'O' AND tgname IN
              ('audit_events_append_only', 'audit_events_no_truncate', 'case_note_versions_append_only', 'case_note_versions_no_truncate')
            """);
        Assert.Equal(4, enabled);
    }

    [Fact]
    public async Task As_the_app_role_superseding_a_version_is_allowed_and_making_it_current_again_is_refused_by_the_trigger()
    {
        var (_, noteId, _, _) = await NoteAsync();
        var versionId = await app.WithDbAsync(db => db.Set<CaseNoteVersion>().Where(v => v.NoteId == noteId).Select(v => v.Id).SingleAsync());

        Assert.Null(await AsAppRoleAsync($"""UPDATE "CaseNoteVersions" SET "IsCurrent" = FALSE WHERE "Id" = {versionId}"""));
        var undone = await AsAppRoleAsync($"""
            UPDATE "CaseNoteVersions" SET "IsCurrent" = FALSE WHERE "Id" = {versionId};
            UPDATE "CaseNoteVersions" SET "IsCurrent" = TRUE WHERE "Id" = {versionId};
            """);
        Assert.NotNull(undone);
        Assert.Contains("append-only", undone.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_the_owner_adds_later_is_read_and_written_by_the_app_role()
    {
        var table = $"Later_{Guid.NewGuid():N}";
        await ScalarAsync<object>(app.OwnerConnectionString, $"""CREATE TABLE "{table}" ("Id" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "Name" text); SELECT 1""");
        try
        {
            Assert.Equal(1L, await ScalarAsync<long>(app.AppConnectionString, $"""
                INSERT INTO "{table}" ("Name") VALUES ('later');
                UPDATE "{table}" SET "Name" = 'changed';
                SELECT count(*) FROM "{table}" WHERE "Name" = 'changed'
                """));
        }
        finally
        {
            await ScalarAsync<object>(app.OwnerConnectionString, $"""DROP TABLE "{table}"; SELECT 1""");
        }
    }

    [Fact]
    public async Task An_instance_given_only_the_app_role_starts_on_the_migrated_database_without_migrating()
    {
        await using var instance = app.Factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Migrations", ""));
        var health = await instance.CreateClient().GetAsync("/health");
        await health.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_instance_given_only_the_app_role_refuses_to_start_when_a_migration_is_pending_and_says_who_must_run_it()
    {
        var last = await ScalarAsync<string>(app.OwnerConnectionString, """SELECT max("MigrationId") FROM "__EFMigrationsHistory" """);
        await ScalarAsync<object>(app.OwnerConnectionString, $"""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = '{last}'; SELECT 1""");
        try
        {
            await using var instance = app.Factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Migrations", ""));
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => instance.CreateClient().GetAsync("/health"));
            Assert.Contains("ConnectionStrings:Migrations", refused.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await ScalarAsync<object>(app.OwnerConnectionString,
                $"""INSERT INTO "__EFMigrationsHistory" VALUES ('{last}', (SELECT max("ProductVersion") FROM "__EFMigrationsHistory")); SELECT 1""");
        }

        Assert.Equal(last, await ScalarAsync<string>(app.OwnerConnectionString, """SELECT max("MigrationId") FROM "__EFMigrationsHistory" """));
    }

    [Fact]
    public async Task As_the_app_role_a_due_case_with_note_versions_is_destroyed_through_the_owners_function_and_only_so()
    {
        var (caseId, noteId, client, _) = await NoteAsync();
        await (await client.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/amendments",
            NoteApi.Note("Home visit. Mum and Jordan present; Amy (4) too.").With("reason", "Amy was present too"), "\"1\"")).ShouldBeAsync(HttpStatusCode.Created);
        await (await client.PostJsonTextAsync($"/api/v1/cases/{caseId}/close", """{"reason":"Needs met"}""")).ShouldBeAsync(HttpStatusCode.OK);
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosedOn, new DateOnly(2000, 1, 3))));
        await app.WithDbAsync(db => db.People.Where(p => db.Cases.Any(c => c.Id == caseId && c.PersonId == p.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.DateOfBirth, new DateOnly(1970, 1, 1))));

        // Without a destruction under way, the owner's function deletes nothing.
        var refused = await AsAppRoleAsync($"""SELECT retention_erase_rows('CaseNoteVersions', 'CaseId', ARRAY['{caseId}'])""");
        Assert.Contains("only by the destruction of a case", refused?.MessageText ?? "allowed", StringComparison.Ordinal);
        var notAppendOnly = await AsAppRoleAsync($"""SELECT retention_erase_rows('AuditEvents', 'CaseId', ARRAY['{caseId}'])""");
        Assert.Contains("append-only tables only", notAppendOnly?.MessageText ?? "allowed", StringComparison.Ordinal);

        var dpo = await app.ClientForAsync(await app.CreateUserAsync(Roles.DataProtectionOfficer));
        var destroyed = await dpo.PostAsJsonAsync($"/api/v1/retention/cases/{caseId}/decision", new { decision = "destroy", reason = "Retention period ended" });

        await destroyed.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(0L, await ScalarAsync<long>(app.OwnerConnectionString, $"""SELECT count(*) FROM "CaseNoteVersions" WHERE "CaseId" = '{caseId}'"""));
        Assert.Equal(0L, await ScalarAsync<long>(app.OwnerConnectionString, $"""SELECT count(*) FROM "Cases" WHERE "Id" = '{caseId}'"""));
        Assert.Equal(0L, await ScalarAsync<long>(app.OwnerConnectionString, """SELECT count(*) FROM "RetentionErasures" """));
        Assert.True(await ScalarAsync<long>(app.OwnerConnectionString, $"""SELECT count(*) FROM "AuditEvents" WHERE "CaseId" = '{caseId}'""") > 0);
    }
}
