using System.Net;
using System.Text.Json.Nodes;
using Caseload.Features.Cases;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Tests.Features.Drift;

/// <summary>
/// Arranging drift: cases made through the API, then dated in the past directly in the database (the API dates a case by the
/// clock, which the shared test apps never move). Today is 23 Nov 2026.
/// </summary>
public static class DriftArrange
{
    public static readonly DateOnly Today = new(2026, 11, 23);
    public static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Shipped(Division.EnglandAndWales);

    public static DateOnly WorkingDaysAgo(int days) => Calendar.AddWorkingDays(Today, -days);

    public static async Task<Guid> CaseAsync(HttpClient client, string? allocatedTo, string given, string risk = "amber", bool restricted = false, string[]? restrictedTo = null)
    {
        var person = await client.CreatePersonAsync(given, "Drift");
        return (await client.CreateCaseAsync(person, allocatedTo, restricted, risk: risk, restrictedTo: restrictedTo))["id"]!.GetValue<Guid>();
    }

    /// <summary>Opened (and referred) this many working days ago, with no contact or note since unless the test adds them.</summary>
    public static Task OpenedAgoAsync(CaseloadApp app, Guid caseId, int workingDays)
    {
        var day = WorkingDaysAgo(workingDays);
        return app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OpenedOn, day).SetProperty(c => c.ReferredOn, day)));
    }

    public static Task ReferredAgoAsync(CaseloadApp app, Guid caseId, int workingDays)
    {
        var day = WorkingDaysAgo(workingDays);
        return app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId && c.Status == CaseStatus.Referred).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReferredOn, day)));
    }

    public static Task ReviewDueAsync(CaseloadApp app, Guid caseId, DateOnly due) =>
        app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReviewDueOn, due)));

    public static async Task<JsonArray> DriftAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync(new Uri($"/api/v1/drift{query}", UriKind.Relative));
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return (await response.JsonAsync())["items"]!.AsArray();
    }

    public static JsonNode? Item(JsonArray items, Guid caseId) => items.SingleOrDefault(i => i!["caseId"]!.GetValue<Guid>() == caseId);

    public static IReadOnlyList<string> Codes(JsonNode item) => [.. item["signals"]!.AsArray().Select(s => s!["code"]!.GetValue<string>())];

    public static JsonNode Signal(JsonNode item, string code) => item["signals"]!.AsArray().Single(s => s!["code"]!.GetValue<string>() == code)!;
}
