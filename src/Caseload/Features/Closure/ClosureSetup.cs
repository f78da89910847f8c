using Caseload.Features.Chronology;

namespace Caseload.Features.Closure;

public static class ClosureSetup
{
    /// <summary>Closure with a supervisor's approval where the service requires it (configured by <c>Closure:ApprovalRequiredFor</c>).</summary>
    public static void AddClosure(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection("Closure:ApprovalRequiredFor");
        var services = section.Exists() ? section.Get<string[]>() ?? [] : ClosurePolicy.DefaultServices;
        builder.Services.AddSingleton(new ClosurePolicy(services.Where(s => !string.IsNullOrWhiteSpace(s)).ToHashSet(StringComparer.Ordinal)));
        builder.Services.AddScoped<ClosureService>();
        builder.Services.AddChronologySource<ClosureChronology>();
    }

    public static void MapClosure(this IEndpointRouteBuilder app) => app.MapClosureApi();
}
