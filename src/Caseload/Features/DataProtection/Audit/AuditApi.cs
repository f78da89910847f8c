using System.Globalization;
using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Time;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.DataProtection.Audit;

/// <summary>One event; a list view's (entity type <c>case-list</c>) carries the cases it showed in <see cref="CasesShown"/>.</summary>
public sealed record AuditEventDto(long Id, DateTimeOffset At, string UserName, string Action, string EntityType, string? EntityId,
    Guid? CaseId, Guid? PersonId, string? Route, string? IpAddress, string? Details, IReadOnlyList<Guid>? CasesShown = null);

public sealed record AuditListDto(IReadOnlyList<AuditEventDto> Items, int Total, int Page, int PageSize);

/// <summary>A search of the audit trail; every field optional. Dates are UK days, inclusive.</summary>
public sealed record AuditFilter(Guid? CaseId, Guid? PersonId, string? UserName, DateOnly? From, DateOnly? To, int Page = 1, int PageSize = 100)
{
    public static (AuditFilter? Filter, Dictionary<string, string> Errors) Parse(string? caseId, string? personId, string? userName,
        string? from, string? to, int page, int pageSize)
    {
        var errors = new Dictionary<string, string>();
        Guid? c = null, p = null;
        DateOnly? f = null, t = null;
        if (!string.IsNullOrWhiteSpace(caseId)) { if (Guid.TryParse(caseId, out var g)) c = g; else errors["caseId"] = "Case id must be a case's id"; }
        if (!string.IsNullOrWhiteSpace(personId)) { if (Guid.TryParse(personId, out var g)) p = g; else errors["personId"] = "Person id must be a person's id"; }
        if (!string.IsNullOrWhiteSpace(from)) { if (TryDate(from, out var d)) f = d; else errors["from"] = "From must be a date like 2026-11-23"; }
        if (!string.IsNullOrWhiteSpace(to)) { if (TryDate(to, out var d)) t = d; else errors["to"] = "To must be a date like 2026-11-23"; }
        if (f is { } early && !InRange(early)) errors["from"] = "From must be a date between 2000-01-01 and 2099-12-31";
        if (t is { } late && !InRange(late)) errors["to"] = "To must be a date between 2000-01-01 and 2099-12-31";
        if (f is not null && t is not null && t < f && !errors.ContainsKey("to")) errors["to"] = "To must be the same as or after from";
        if (userName is { Length: > 256 }) errors["userName"] = "User name must be 256 characters or fewer";
        if (page < 1) errors["page"] = "Page must be 1 or more";
        if (pageSize is < 1 or > 1000) errors["pageSize"] = "Page size must be between 1 and 1000";
        return errors.Count > 0 ? (null, errors) : (new AuditFilter(c, p, string.IsNullOrWhiteSpace(userName) ? null : userName.Trim(), f, t, page, pageSize), errors);
    }

    /// <summary>The days a search may name: the trail holds nothing older, and a year like 0001 or 9999 is a placeholder, not a day.</summary>
    private static bool InRange(DateOnly d) => d >= new DateOnly(2000, 1, 1) && d <= new DateOnly(2099, 12, 31);

    private static bool TryDate(string s, out DateOnly d) =>
        DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d)
        || (DateTimeOffset.TryParse(s.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto) && (d = DateOnly.FromDateTime(dto.UtcDateTime)) != default);
}

public static class AuditQuery
{
    /// <summary>Every event the filter finds, newest first, for an export: streamed, never held in memory.</summary>
    public static IAsyncEnumerable<AuditEvent> Stream(CaseloadDb db, AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        return Filtered(db, filter, out _).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).AsAsyncEnumerable();
    }

    /// <summary>
    /// The filter's details as the audit event of a search or an export records them. A person or case found by name is kept by
    /// its id (the event's own), never the name typed: the trail is append-only and would keep the name after destruction.
    /// </summary>
    public static string Describe(AuditFilter filter, bool byName = false)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return $"userName={filter.UserName}; from={filter.From}; to={filter.To}{(byName ? "; found by name" : "")}";
    }

    private static IQueryable<AuditEvent> Filtered(CaseloadDb db, AuditFilter filter, out IQueryable<long>? seen)
    {
        var q = db.AuditEvents.AsNoTracking();
        // A case (or person) was seen by every event about it and by every list view that showed it: the ids of both, each
        // found by its own index, then the events by id. (An OR across the two tables would read the whole log.)
        seen = null;
        if (filter.CaseId is { } c)
        {
            seen = db.AuditEvents.Where(e => e.CaseId == c).Select(e => e.Id)
                .Union(db.AuditEventCases.Where(x => x.CaseId == c).Select(x => x.AuditEventId));
        }

        if (filter.PersonId is { } p)
        {
            // A list view records its cases, not their people: a case's person never changes, so the person's cases find them.
            var cases = db.Cases.Where(x => x.PersonId == p).Select(x => x.Id);
            var byPerson = db.AuditEvents.Where(e => e.PersonId == p).Select(e => e.Id)
                .Union(db.AuditEventCases.Where(x => cases.Contains(x.CaseId)).Select(x => x.AuditEventId));
            seen = seen is null ? byPerson : seen.Where(id => byPerson.Contains(id));
        }

        if (seen is { } ids) q = q.Where(e => ids.Contains(e.Id));
        if (filter.UserName is { } u) q = q.Where(e => e.UserName == u);
        if (filter.From is { } f) { var start = UkTime.StartOfDay(f); q = q.Where(e => e.At >= start); }
        if (filter.To is { } t) { var end = UkTime.StartOfDay(t.AddDays(1)); q = q.Where(e => e.At < end); }
        return q;
    }

    public static async Task<AuditListDto> SearchAsync(CaseloadDb db, AuditFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var q = Filtered(db, filter, out var seen);
        // Searched by case or person alone, the ids are the count: the events themselves are read for the page only.
        var total = seen is not null && filter is { UserName: null, From: null, To: null } ? await seen.CountAsync(ct) : await q.CountAsync(ct);
        var items = await q.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .Select(e => new AuditEventDto(e.Id, e.At, e.UserName, e.Action, e.EntityType, e.EntityId, e.CaseId, e.PersonId, e.Route, e.IpAddress, e.Details, null))
            .ToListAsync(ct);
        var lists = items.Where(i => i.EntityType == AuditTrail.ListEntityType).Select(i => i.Id).ToList();
        if (lists.Count == 0) return new AuditListDto(items, total, filter.Page, filter.PageSize);

        var shown = (await db.AuditEventCases.AsNoTracking().Where(x => lists.Contains(x.AuditEventId)).Select(x => new { x.AuditEventId, x.CaseId }).ToListAsync(ct))
            .ToLookup(x => x.AuditEventId, x => x.CaseId);
        items = items.Select(i => i.EntityType == AuditTrail.ListEntityType ? i with { CasesShown = shown[i.Id].ToList() } : i).ToList();
        return new AuditListDto(items, total, filter.Page, filter.PageSize);
    }
}

public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async Task<IResult> (CurrentUserAccessor users, CaseloadDb db, AuditTrail audit, CancellationToken ct,
            string? caseId = null, string? personId = null, string? userName = null, string? from = null, string? to = null, int page = 1, int pageSize = 100) =>
        {
            var (filter, errors) = AuditFilter.Parse(caseId, personId, userName, from, to, page, pageSize);
            if (filter is null) return ApiProblems.Validation(errors, StatusCodes.Status400BadRequest);
            var result = await AuditQuery.SearchAsync(db, filter, ct);
            // Who looked at the audit trail is itself on it.
            await audit.RecordReadAsync(await users.GetAsync(ct), AuditActions.AuditSearched, "audit", null, filter.CaseId, filter.PersonId,
                AuditQuery.Describe(filter), ct);
            return TypedResults.Ok(result);
        }).RequireAuthorization(Policies.ReadAudit).WithTags("Audit").WithSummary("Search the audit trail (data protection officers only).")
          .WithName("searchAuditTrail");

        app.MapGet("/api/v1/audit/verification", async Task<IResult> (CurrentUserAccessor users, AuditSeals seals, AuditTrail audit, CancellationToken ct) =>
        {
            var result = await seals.VerifyAsync(ct);
            await audit.RecordReadAsync(await users.GetAsync(ct), AuditActions.AuditVerified, "audit", null,
                details: $"verified={result.VerifiedBatches}; broken={result.FirstBrokenBatch?.ToString(CultureInfo.InvariantCulture) ?? "none"}", ct: ct);
            return TypedResults.Ok(new
            {
                verifiedBatches = result.VerifiedBatches,
                firstBrokenBatch = result.FirstBrokenBatch,
                batches = result.Batches,
                lastSealedEventId = result.LastSealedEventId,
                problem = result.Problem,
            });
        }).RequireAuthorization(Policies.ReadAudit).WithTags("Audit")
          .WithSummary("Checks the sealed batches of the audit trail against their chained hashes (data protection officers only): "
                       + "verifiedBatches in order until the first broken batch, null when the chain holds.")
          .WithName("verifyAuditTrail");
    }
}
