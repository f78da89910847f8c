using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Caseload.Data;
using Caseload.Features.Closure;
using Caseload.Features.Notes;
using Caseload.Features.Plans;
using Caseload.Platform.Hosting;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.DataProtection.Exports;

/// <summary>What a build produced: the zip and what k-anonymity did.</summary>
public sealed record BuiltExport(byte[] Zip, int KAchieved, int Cases, int Notes, int Outcomes, int Generalised, int Suppressed);

/// <summary>
/// Builds exports that wait, one at a time, oldest first. Each build makes a fresh random key (<see cref="ExportKey"/>) for its
/// pseudonyms and date offsets and keeps it only in memory. A build stopped half-way (the instance killed, its lease lost) leaves
/// its export "running" with nothing stored; the next run builds it again from the start with a new key.
/// </summary>
public sealed class ExportBuilder(CaseloadDb db, CaseCast cast, TimeProvider clock, ILogger<ExportBuilder> logger)
{
    private const int MaxAttempts = 3;

    /// <summary>Builds every export waiting; returns how many it finished.</summary>
    public async Task<int> BuildWaitingAsync(CancellationToken ct = default)
    {
        var done = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var export = await db.Set<AnonymisedExport>()
                .Where(x => x.Status == ExportStatuses.Queued || x.Status == ExportStatuses.Running)
                .OrderBy(x => x.RequestedAt).FirstOrDefaultAsync(ct);
            if (export is null) return done;
            if (export.Attempts >= MaxAttempts)
            {
                export.Status = ExportStatuses.Failed;
                export.Failure = "The export could not be built after several attempts.";
                await db.SaveChangesAsync(ct);
                continue;
            }

            export.Status = ExportStatuses.Running;
            export.StartedAt = clock.GetUtcNow();
            export.Attempts++;
            await db.SaveChangesAsync(ct);
            try
            {
                var built = await BuildAsync(export, ExportKey.NewRandom(), ct);
                export.Content = built.Zip;
                export.KAchieved = built.KAchieved;
                export.CaseCount = built.Cases;
                export.NoteCount = built.Notes;
                export.OutcomeCount = built.Outcomes;
                export.GeneralisedRows = built.Generalised;
                export.SuppressedRows = built.Suppressed;
                export.Status = ExportStatuses.Ready;
                export.CompletedAt = clock.GetUtcNow();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Anonymised export {Export} could not be built", export.Id);
                export.Status = export.Attempts >= MaxAttempts ? ExportStatuses.Failed : ExportStatuses.Queued;
                export.Failure = "The export could not be built.";
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done++;
        }
    }

    /// <summary>The export's cases (never a restricted one), their notes and outcomes, anonymised, as a zip of CSV and JSON.</summary>
    public async Task<BuiltExport> BuildAsync(AnonymisedExport export, ExportKey key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(export);
        var requester = await CurrentUserAccessor.LoadAsync(db, export.RequestedById, ct)
            ?? throw new InvalidOperationException("Whoever asked for the export no longer exists.");
        var cases = Scope(requester, export);
        var rows = await cases.AsNoTracking()
            .Select(c => new
            {
                c.Id,
                c.PersonId,
                c.Person.DateOfBirth,
                c.Person.Sex,
                c.Person.Ethnicity,
                c.Person.Postcode,
                c.Service,
                c.Status,
                c.Risk,
                c.Complexity,
                c.ReferredOn,
                c.ReferralSource,
                c.OpenedOn,
                c.ClosedOn,
                c.ClosureReasonCode,
            })
            .ToListAsync(ct);

        // Rows ordered by pseudonym, never by id or date, so the order gives nothing away.
        var people = rows.Select(r => r.PersonId).Distinct().ToDictionary(p => p, p => (Pseudonym: AnonymisationRules.Pseudonym(key, p), Shift: AnonymisationRules.ShiftDays(key, p)));
        rows = [.. rows.OrderBy(r => people[r.PersonId].Pseudonym, StringComparer.Ordinal).ThenBy(r => AnonymisationRules.Pseudonym(key, r.Id), StringComparer.Ordinal)];
        // The postcode leaves only as its district (or area), through k-anonymity; sex and ethnicity not recorded are "not recorded".
        var k = KAnonymity.Apply(rows.Select(r => new QuasiIdentifiers(AnonymisationRules.AgeOn(r.DateOfBirth, r.ReferredOn), r.Sex, r.Ethnicity, r.Service, r.Postcode)).ToList(), export.K);
        var released = rows.Select((r, i) => (Row: r, Qi: k.Rows[i], Ref: $"C{i + 1:D5}")).Where(x => !x.Qi.Suppressed).ToList();
        var refs = released.ToDictionary(x => x.Row.Id, x => (x.Ref, People: people[x.Row.PersonId]));
        var caseIds = refs.Keys.ToList();

        var parts = export.Parts;
        var caseRows = parts.Contains(ExportParts.Cases)
            ? released.Select(x => new Dictionary<string, object?>
            {
                ["caseRef"] = x.Ref,
                ["person"] = people[x.Row.PersonId].Pseudonym,
                ["service"] = x.Row.Service,
                ["ageBandAtReferral"] = x.Qi.AgeBand,
                ["sex"] = x.Qi.Sex,
                ["ethnicity"] = x.Qi.Ethnicity,
                ["district"] = x.Qi.District,
                ["generalised"] = x.Qi.Generalised,
                ["status"] = x.Row.Status.ToString().ToLowerInvariant(),
                ["risk"] = x.Row.Risk.ToString().ToLowerInvariant(),
                ["complexity"] = x.Row.Complexity?.ToString().ToLowerInvariant(),
                ["referralSource"] = x.Row.ReferralSource,
                ["referredOn"] = AnonymisationRules.Iso(AnonymisationRules.Shift(x.Row.ReferredOn, people[x.Row.PersonId].Shift)),
                ["openedOn"] = AnonymisationRules.Iso(AnonymisationRules.Shift(x.Row.OpenedOn, people[x.Row.PersonId].Shift)),
                ["closedOn"] = AnonymisationRules.Iso(AnonymisationRules.Shift(x.Row.ClosedOn, people[x.Row.PersonId].Shift)),
                ["closureReason"] = x.Row.ClosureReasonCode,
            }).ToList()
            : [];

        var needsText = parts.Contains(ExportParts.Notes) || parts.Contains(ExportParts.Outcomes);
        var scrubbers = new Dictionary<Guid, TextScrubber>();
        if (needsText)
        {
            var staff = await cast.StaffAsync(ct);
            foreach (var (caseId, named) in await cast.AroundAsync(caseIds, ct)) scrubbers[caseId] = new TextScrubber([.. named, .. staff]);
        }

        var noteRows = new List<Dictionary<string, object?>>();
        if (parts.Contains(ExportParts.Notes))
        {
            var from = new DateTimeOffset(export.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var to = new DateTimeOffset(export.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            foreach (var chunk in caseIds.Chunk(500))
            {
                var versions = await db.Set<CaseNoteVersion>().AsNoTracking()
                    .Where(v => chunk.Contains(v.CaseId) && v.IsCurrent && v.OccurredAt >= from && v.OccurredAt < to)
                    .Join(db.Set<CaseNote>().Where(n => n.StruckThroughAt == null), v => v.NoteId, n => n.Id, (v, n) => v)
                    .ToListAsync(ct);
                foreach (var v in versions.OrderBy(v => refs[v.CaseId].Ref, StringComparer.Ordinal).ThenBy(v => v.OccurredAt))
                {
                    var (caseRef, person) = refs[v.CaseId];
                    var s = scrubbers[v.CaseId];
                    noteRows.Add(new Dictionary<string, object?>
                    {
                        ["caseRef"] = caseRef,
                        ["person"] = person.Pseudonym,
                        ["type"] = v.Type,
                        ["occurredOn"] = AnonymisationRules.Iso(AnonymisationRules.Shift(DateOnly.FromDateTime(v.OccurredAt.UtcDateTime), person.Shift)),
                        ["lateEntry"] = v.IsLateEntry,
                        ["safeguardingConcern"] = v.SafeguardingConcern,
                        ["presentAndSpokenTo"] = s.Scrub(v.PresentAndSpokenTo),
                        ["whatHappened"] = s.Scrub(v.WhatHappened),
                        ["whatWasDone"] = s.Scrub(v.WhatWasDone),
                        ["agreedNextSteps"] = s.Scrub(v.AgreedNextSteps),
                        ["outcome"] = s.Scrub(v.Outcome),
                    });
                }
            }
        }

        var outcomeRows = new List<Dictionary<string, object?>>();
        if (parts.Contains(ExportParts.Outcomes))
        {
            foreach (var chunk in caseIds.Chunk(500))
            {
                var outcomes = await db.Set<GoalOutcome>().AsNoTracking()
                    .Where(o => o.CaseId != null && chunk.Contains(o.CaseId.Value))
                    .Join(db.Set<PlanGoal>(), o => o.GoalId, g => g.Id, (o, g) => new { CaseId = o.CaseId!.Value, g.Description, g.Measure, g.Baseline, g.Target, o.Outcome, o.RecordedAt })
                    .ToListAsync(ct);
                foreach (var o in outcomes.OrderBy(o => refs[o.CaseId].Ref, StringComparer.Ordinal).ThenBy(o => o.RecordedAt))
                {
                    var (caseRef, person) = refs[o.CaseId];
                    outcomeRows.Add(new Dictionary<string, object?>
                    {
                        ["caseRef"] = caseRef,
                        ["person"] = person.Pseudonym,
                        ["goal"] = scrubbers[o.CaseId].Scrub(o.Description),
                        ["measure"] = o.Measure,
                        ["baseline"] = o.Baseline,
                        ["target"] = o.Target,
                        ["outcome"] = o.Outcome,
                        ["recordedOn"] = AnonymisationRules.Iso(AnonymisationRules.Shift(DateOnly.FromDateTime(o.RecordedAt.UtcDateTime), person.Shift)),
                    });
                }
            }
        }

        var zip = Zip(export, k, caseRows, noteRows, outcomeRows);
        return new BuiltExport(zip, k.KAchieved, released.Count, noteRows.Count, outcomeRows.Count, k.Generalised, k.Suppressed);
    }

    /// <summary>
    /// The cases an export covers: those active in its period (referred by its end, not closed before its start) in its service,
    /// never a restricted one. A service manager's are found through <see cref="CaseAccess.VisibleCases"/> and narrowed to the
    /// services they manage; the DPO's are every case.
    /// </summary>
    private IQueryable<Cases.Case> Scope(CurrentUser requester, AnonymisedExport export)
    {
        IQueryable<Cases.Case> q;
        if (requester.IsInRole(Roles.DataProtectionOfficer))
        {
            q = db.Cases;
        }
        else
        {
            var managed = requester.ManagedServices.ToList();
            q = db.VisibleCases(requester).Where(c => managed.Contains(c.Service));
        }

        q = q.Where(c => !c.Restricted && c.ReferredOn <= export.To && (c.ClosedOn == null || c.ClosedOn >= export.From));
        if (export.Service is { } service) q = q.Where(c => c.Service == service);
        return q;
    }

    private static byte[] Zip(AnonymisedExport export, KAnonymityResult k, List<Dictionary<string, object?>> cases,
        List<Dictionary<string, object?>> notes, List<Dictionary<string, object?>> outcomes)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            var parts = export.Parts;
            if (parts.Contains(ExportParts.Cases)) Csv(zip, "cases.csv", CaseColumns, cases);
            if (parts.Contains(ExportParts.Notes)) Csv(zip, "notes.csv", NoteColumns, notes);
            if (parts.Contains(ExportParts.Outcomes)) Csv(zip, "outcomes.csv", OutcomeColumns, outcomes);
            var json = new Dictionary<string, object?>
            {
                ["export"] = new Dictionary<string, object?>
                {
                    ["service"] = export.Service,
                    ["from"] = AnonymisationRules.Iso(export.From),
                    ["to"] = AnonymisationRules.Iso(export.To),
                    ["include"] = parts,
                    ["k"] = k.K,
                    ["kAchieved"] = k.KAchieved,
                    ["generalisedRows"] = k.Generalised,
                    ["suppressedRows"] = k.Suppressed,
                    ["method"] = "Pseudonyms are HMAC-SHA256 under a random key made for this export and destroyed; each person's dates are shifted by their own "
                                 + "random offset of up to a year (intervals kept); date of birth is an age band at referral; free text has names, contact details, "
                                 + "postcodes, dates and identifiers replaced; quasi-identifiers (age band, sex, ethnicity, service, district) are k-anonymous.",
                },
                ["cases"] = parts.Contains(ExportParts.Cases) ? cases : null,
                ["notes"] = parts.Contains(ExportParts.Notes) ? notes : null,
                ["outcomes"] = parts.Contains(ExportParts.Outcomes) ? outcomes : null,
            };
            var entry = zip.CreateEntry("export.json", CompressionLevel.Optimal);
            using var stream = entry.Open();
            JsonSerializer.Serialize(stream, json, JsonOptions);
        }

        return memory.ToArray();
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerOptions.Web) { WriteIndented = true };

    private static readonly string[] CaseColumns =
        ["caseRef", "person", "service", "ageBandAtReferral", "sex", "ethnicity", "district", "generalised", "status", "risk", "complexity", "referralSource",
         "referredOn", "openedOn", "closedOn", "closureReason"];

    private static readonly string[] NoteColumns =
        ["caseRef", "person", "type", "occurredOn", "lateEntry", "safeguardingConcern", "presentAndSpokenTo", "whatHappened", "whatWasDone", "agreedNextSteps", "outcome"];

    private static readonly string[] OutcomeColumns = ["caseRef", "person", "goal", "measure", "baseline", "target", "outcome", "recordedOn"];

    /// <summary>RFC 4180 CSV (<see cref="CsvText"/>), UTF-8 with a byte order mark.</summary>
    private static void Csv(ZipArchive zip, string name, string[] columns, List<Dictionary<string, object?>> rows)
    {
        var b = new StringBuilder();
        b.Append(CsvText.Row(columns));
        foreach (var row in rows) b.Append(CsvText.Row(columns.Select(c => Cell(row.GetValueOrDefault(c)))));
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        var bytes = CsvText.Encoding.GetPreamble().Concat(CsvText.Encoding.GetBytes(b.ToString())).ToArray();
        stream.Write(bytes);
    }

    private static string? Cell(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        decimal d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>Builds waiting anonymised exports once across instances (<see cref="LeasedJobs.AddLeasedJob{T}"/>).</summary>
public sealed class AnonymisedExportJob(ExportBuilder builder) : ILeasedJob
{
    public const string JobName = "anonymised-exports";

    public Task RunAsync(CancellationToken ct) => builder.BuildWaitingAsync(ct);
}
