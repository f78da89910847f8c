using Caseload.Features.Chronology;

namespace Caseload.Features.Closure;

public static class ClosureSetup
{
    /// <summary>Closure with a supervisor's approval where the service requires it (configured by <c>Closure:ApprovalRequiredFor</c>).</summary>
    public static void AddClosure(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(ClosurePolicy.From(builder.Configuration));
        builder.Services.AddScoped<ClosureService>();
        var reasons = builder.Configuration.GetSection("Closure:Reasons");
        var byService = new Dictionary<string, IReadOnlyList<ClosureReasonOption>>(ClosureReasonList.Defaults, StringComparer.Ordinal);
        foreach (var service in reasons.GetChildren())
        {
            var list = service.GetChildren().Select(r => new ClosureReasonOption(r["Code"] ?? "", r["Title"] ?? "", bool.TryParse(r["Census"], out var census) && census))
                .Where(r => r.Code.Length is > 0 and <= 20 && r.Title.Length > 0).ToList();
            if (list.Count > 0) byService[service.Key] = list;
        }

        builder.Services.AddSingleton(new ClosureReasonList(byService));
        builder.Services.AddScoped<ClosureOutcomes>();
        builder.Services.AddChronologySource<ClosureChronology>();
    }

    public static void MapClosure(this IEndpointRouteBuilder app) => app.MapClosureApi();
}
