using Caseload.Data;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.Reports;

/// <summary>
/// Something a service manager records because it may change demand: a policy, funding or staffing change, or another event,
/// on a day, for some services (none named: every service). The demand report draws it as a marker on its charts. Never changed.
/// </summary>
public sealed class ReportEvent
{
    public Guid Id { get; set; }
    public DateOnly On { get; set; }
    /// <summary>A code of <see cref="ReportEventRules.Kinds"/>.</summary>
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    /// <summary>The service codes it bears on, comma-separated; empty for every service.</summary>
    public required string Services { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedById { get; set; }
    public required string RecordedByName { get; set; }

    public IReadOnlyList<string> ServiceList => Services.Length == 0 ? [] : Services.Split(',');
}

public sealed class ReportEventConfiguration : IEntityTypeConfiguration<ReportEvent>
{
    public void Configure(EntityTypeBuilder<ReportEvent> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("ReportEvents");
        builder.Property(e => e.Kind).HasMaxLength(20);
        builder.Property(e => e.Title).HasMaxLength(ReportEventRules.MaxTitleLength);
        builder.Property(e => e.Description).HasMaxLength(ReportEventRules.MaxDescriptionLength);
        builder.Property(e => e.Services).HasMaxLength(200);
        builder.Property(e => e.RecordedById).HasMaxLength(450);
        builder.Property(e => e.RecordedByName).HasMaxLength(256);
        builder.HasIndex(e => e.On);
    }
}

public sealed record ReportEventRequest(string? On, string? Kind, string? Title, string? Description, IReadOnlyList<string?>? Services);

public sealed record ReportEventDto(Guid Id, DateOnly On, string Kind, string Title, string? Description, IReadOnlyList<string> Services, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static ReportEventDto From(ReportEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.On, e.Kind, e.Title, e.Description, e.ServiceList, e.RecordedByName, e.RecordedAt);
    }
}

/// <summary>The rules of an event, pure: a real day, a kind from the list, a title, and known services.</summary>
public static class ReportEventRules
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 2000;

    public static readonly IReadOnlyList<(string Code, string Title)> Kinds =
        [("policy", "Policy change"), ("funding", "Funding change"), ("staffing", "Staffing change"), ("other", "Other")];

    public static (Dictionary<string, string> Errors, DateOnly On, IReadOnlyList<string> Services) Check(ReportEventRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var on = default(DateOnly);
        if (string.IsNullOrWhiteSpace(input.On)) errors["on"] = "Enter the date of the event";
        else if (!DateOnly.TryParseExact(input.On.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out on)
            || on.Year is < 2000 or > 2099)
        {
            errors["on"] = "Enter the date of the event as a real date, for example 2026-04-01";
        }

        if (string.IsNullOrWhiteSpace(input.Kind)) errors["kind"] = "Select the kind of event: policy, funding, staffing or other";
        else if (Kinds.All(k => k.Code != input.Kind.Trim())) errors["kind"] = "Select policy, funding, staffing or other";
        if (string.IsNullOrWhiteSpace(input.Title)) errors["title"] = "Enter a title for the event";
        else if (input.Title.Trim().Length > MaxTitleLength) errors["title"] = $"The title must be {MaxTitleLength} characters or fewer";
        if (input.Description is { } d && d.Trim().Length > MaxDescriptionLength) errors["description"] = $"The description must be {MaxDescriptionLength} characters or fewer";
        var services = new List<string>();
        var given = input.Services ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var code = given[i]?.Trim();
            if (!Cases.Services.IsKnown(code)) errors[$"services[{i}]"] = $"Select a service: {string.Join(", ", Cases.Services.Titles.Keys)}";
            else if (!services.Contains(code!)) services.Add(code!);
        }

        return (errors, on, services);
    }
}

/// <summary>Records and lists the events drawn on the demand report. Service managers record them for the services they manage.</summary>
public sealed class ReportEventService(CaseloadDb db, AuditTrail audit, TimeProvider clock)
{
    public async Task<Outcome<ReportEvent>> RecordAsync(CurrentUser user, ReportEventRequest input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole(Roles.ServiceManager)) return Outcome<ReportEvent>.Forbidden("Only service managers record events.");
        var (errors, on, services) = ReportEventRules.Check(input);
        if (errors.Count > 0) return Outcome<ReportEvent>.Invalid(errors);
        var outside = services.Where(s => !user.ManagedServices.Contains(s)).ToList();
        if (outside.Count > 0) return Outcome<ReportEvent>.Forbidden($"You record events only for the services you manage, not {string.Join(", ", outside)}.");
        var e = new ReportEvent
        {
            Id = Guid.CreateVersion7(), On = on, Kind = input.Kind!.Trim(), Title = input.Title!.Trim(),
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            Services = string.Join(',', services), RecordedAt = clock.GetUtcNow(), RecordedById = user.Id, RecordedByName = user.UserName,
        };
        db.Add(e);
        audit.Add(user, AuditActions.ReportEventRecorded, "report-event", e.Id.ToString(), details: $"on={on:yyyy-MM-dd}; kind={e.Kind}; services={(e.Services.Length == 0 ? "all" : e.Services)}");
        await db.SaveChangesAsync(ct);
        return Outcome<ReportEvent>.Ok(e);
    }

    /// <summary>The events of a period, for the services given (null: all); an event naming no service bears on every service.</summary>
    public async Task<IReadOnlyList<ReportEvent>> ListAsync(DateOnly? from, DateOnly? to, string? service, CancellationToken ct = default)
    {
        var q = db.Set<ReportEvent>().AsNoTracking();
        if (from is { } f) q = q.Where(e => e.On >= f);
        if (to is { } t) q = q.Where(e => e.On <= t);
        var list = await q.OrderBy(e => e.On).ThenBy(e => e.RecordedAt).ToListAsync(ct);
        return service is null ? list : list.Where(e => e.Services.Length == 0 || e.ServiceList.Contains(service)).ToList();
    }
}

public static class ReportEventsApi
{
    public static void MapReportEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reports/events").WithTags("Reports").RequireAuthorization(Policies.Supervise);

        group.MapPost("/", async Task<IResult> (HttpRequest request, CurrentUserAccessor users, ReportEventService events, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ReportEventRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await events.RecordAsync(await users.GetAsync(ct), body!, ct);
            return ApiProblems.From(outcome, e => TypedResults.Created($"/api/v1/reports/events/{e.Id}", ReportEventDto.From(e)));
        })
        .WithName("recordReportEvent")
        .Accepts<ReportEventRequest>("application/json")
        .Produces<ReportEventDto>(StatusCodes.Status201Created)
        .WithSummary("Record an event that may change demand (a policy, funding, staffing or other change) on a day, for the services it bears on "
            + "(none: every service); the demand report draws it on its charts. Service managers only, for the services they manage. "
            + "Body: on (yyyy-MM-dd), kind (policy, funding, staffing or other), title, description, services (codes).");

        group.MapGet("/", async Task<IResult> (ReportEventService events, CancellationToken ct) =>
            TypedResults.Ok((await events.ListAsync(null, null, null, ct)).Select(ReportEventDto.From).ToList()))
        .WithName("listReportEvents")
        .Produces<List<ReportEventDto>>()
        .WithSummary("The events recorded for the demand report, oldest first. Supervisors and service managers; they name no case.");
    }
}
