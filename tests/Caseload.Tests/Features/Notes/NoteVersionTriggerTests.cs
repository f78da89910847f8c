using System.Net;
using System.Text.Json;
using Caseload.Data;
using Caseload.Features.Notes;
using Caseload.Platform.Security;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Notes;

/// <summary>
/// The database's own guard on note versions, whoever is connected (these apps connect as the tables' owner): a saved
/// version's content never changes and no version is deleted, while the amendment's one change, marking the version it
/// supersedes, goes through.
/// </summary>
public abstract class NoteVersionTriggerTests(CaseloadApp app)
{
    private async Task<(Guid CaseId, Guid NoteId, HttpClient Client)> NoteAsync()
    {
        var (team, _) = await app.CreateTeamAsync();
        var practitioner = await app.CreateUserAsync(Roles.Practitioner, team);
        var client = await app.ClientForAsync(practitioner);
        var caseId = await client.CreateCaseIdAsync(practitioner.UserName);
        var noteId = (await client.CreateNoteAsync(caseId))["id"]!.GetValue<Guid>();
        return (caseId, noteId, client);
    }

    private Task<string> StoredAsync(Guid noteId) => app.WithDbAsync(async db =>
        JsonSerializer.Serialize(await db.Set<CaseNoteVersion>().AsNoTracking().Where(v => v.NoteId == noteId).OrderBy(v => v.Number).ToListAsync()));

    private static void AssertRefused(Exception? refused, string what)
    {
        Assert.True(refused is not null, $"{what} was allowed");
        Assert.True(refused.ToString().Contains("append-only", StringComparison.Ordinal), $"{what} failed for another reason: {refused}");
    }

    /// <summary>Each column in turn (the SQLite trigger names them: a column added to the table and not to it fails here).</summary>
    [Fact]
    public async Task Changing_any_column_of_a_saved_version_is_refused()
    {
        var (_, noteId, _) = await NoteAsync();
        var before = await StoredAsync(noteId);
        var columns = app.WithDb(db => db.Model.FindEntityType(typeof(CaseNoteVersion))!.GetProperties()
            .Where(p => p.Name != nameof(CaseNoteVersion.IsCurrent) && !p.IsPrimaryKey()).Select(p => p.PropertyInfo!).ToList());
        Assert.True(columns.Count >= 20, "The version's columns were not found");

        // Alone, and together with the one change allowed (superseding the version), which only the column comparison refuses.
        foreach (var column in columns)
        {
            foreach (var superseding in new[] { false, true })
            {
                var refused = await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
                {
                    var version = await db.Set<CaseNoteVersion>().SingleAsync(v => v.NoteId == noteId);
                    column.SetValue(version, Changed(column.GetValue(version), column.PropertyType));
                    if (superseding) version.IsCurrent = false;
                    return await db.SaveChangesAsync();
                }));
                AssertRefused(refused, $"Changing {column.Name}{(superseding ? " while superseding the version" : "")}");
            }
        }

        var id = await app.WithDbAsync(db => db.Set<CaseNoteVersion>().Where(v => v.NoteId == noteId).Select(v => v.Id).SingleAsync());
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"""UPDATE "CaseNoteVersions" SET "Id" = "Id" + 1000000000, "IsCurrent" = FALSE WHERE "Id" = {id}"""))), "Changing Id");
        Assert.Equal(before, await StoredAsync(noteId));
    }

    [Fact]
    public async Task Deleting_a_version_or_emptying_the_table_is_refused()
    {
        var (_, noteId, _) = await NoteAsync();
        var before = await StoredAsync(noteId);

        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Set<CaseNoteVersion>().Where(v => v.NoteId == noteId).ExecuteDeleteAsync())), "Deleting a version");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
        {
            // Rolled back whatever happens: a shared test database must not lose its notes if the guard fails.
            await using var transaction = await db.Database.BeginTransactionAsync();
            try
            {
                return await db.Database.ExecuteSqlRawAsync(app.Provider == DatabaseProvider.Postgres
                    // CASCADE, or the tables that refer to versions (their findings' counts) stop it before the guard is asked.
                    ? """TRUNCATE "CaseNoteVersions" CASCADE"""
                    : """DELETE FROM "CaseNoteVersions" """);
            }
            finally
            {
                await transaction.RollbackAsync();
            }
        })), app.Provider == DatabaseProvider.Postgres ? "TRUNCATE" : "Deleting every version");
        Assert.Equal(before, await StoredAsync(noteId));
    }

    [Fact]
    public async Task An_amendment_marks_the_version_it_supersedes_and_nothing_else_can_change_that_mark()
    {
        var (caseId, noteId, client) = await NoteAsync();
        var amended = await client.PostJsonAsync($"/api/v1/cases/{caseId}/notes/{noteId}/amendments",
            NoteApi.Note("Home visit. Mum, Jordan (9) and Amy (4) present. Jordan showed me his bedroom; there was a bed with clean bedding.")
                .With("reason", "Amy was present too"), "\"1\"");
        await amended.ShouldBeAsync(HttpStatusCode.Created);
        var stored = await app.WithDbAsync(db => db.Set<CaseNoteVersion>().AsNoTracking().Where(v => v.NoteId == noteId).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([false, true], stored.Select(v => v.IsCurrent));
        var before = await StoredAsync(noteId);

        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
        {
            var superseded = await db.Set<CaseNoteVersion>().SingleAsync(v => v.NoteId == noteId && v.Number == 1);
            superseded.IsCurrent = true;
            return await db.SaveChangesAsync();
        })), "Making a superseded version current again");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
        {
            var current = await db.Set<CaseNoteVersion>().SingleAsync(v => v.NoteId == noteId && v.Number == 2);
            current.IsCurrent = false;
            current.WhatHappened = "Rewritten while being superseded.";
            return await db.SaveChangesAsync();
        })), "Superseding a version and changing its words at once");
        Assert.Equal(before, await StoredAsync(noteId));
    }

    [Fact]
    public async Task A_versions_finding_counts_are_never_changed_or_deleted()
    {
        var (_, noteId, _) = await NoteAsync();
        var versionId = await app.WithDbAsync(db => db.Set<CaseNoteVersion>().Where(v => v.NoteId == noteId).Select(v => v.Id).SingleAsync());
        await app.WithDbAsync(db =>
        {
            db.Set<NoteFindingCount>().Add(new NoteFindingCount { VersionId = versionId, Category = "opinion", Count = 2 });
            return db.SaveChangesAsync();
        });

        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Set<NoteFindingCount>().Where(f => f.VersionId == versionId).ExecuteUpdateAsync(s => s.SetProperty(f => f.Count, 0)))), "Changing a count");
        AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Set<NoteFindingCount>().Where(f => f.VersionId == versionId).ExecuteDeleteAsync())), "Deleting a count");
        if (app.Provider == DatabaseProvider.Postgres)
        {
            AssertRefused(await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                try
                {
                    return await db.Database.ExecuteSqlRawAsync("""TRUNCATE "CaseNoteFindingCounts" """);
                }
                finally
                {
                    await transaction.RollbackAsync();
                }
            })), "TRUNCATE");
        }

        Assert.Equal(2, await app.WithDbAsync(db => db.Set<NoteFindingCount>().Where(f => f.VersionId == versionId).Select(f => f.Count).SingleAsync()));
    }

    private static object? Changed(object? value, Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => (string?)value + "x",
        var t when t == typeof(bool) => !(bool)value!,
        var t when t == typeof(int) => (int)value! + 1,
        var t when t == typeof(Guid) => Guid.NewGuid(),
        var t when t == typeof(DateTimeOffset) => ((DateTimeOffset)value!).AddMinutes(1),
        var t when t == typeof(ObjectivityReview) => (ObjectivityReview)value! == ObjectivityReview.Accepted ? ObjectivityReview.Revised : ObjectivityReview.Accepted,
        _ => throw new NotSupportedException($"Say how to change a {type.Name} column here."),
    };
}

public sealed class NoteVersionTriggerTests_Sqlite(SqliteApp app) : NoteVersionTriggerTests(app);

public sealed class NoteVersionTriggerTests_Postgres(PostgresApp app) : NoteVersionTriggerTests(app);
