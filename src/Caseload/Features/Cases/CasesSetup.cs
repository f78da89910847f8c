using Caseload.Features.Chronology;

namespace Caseload.Features.Cases;

public static class CasesSetup
{
    /// <summary>Cases: opening, allocation, risk, review dates, restriction and closure.</summary>
    public static void AddCases(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<CaseService>();
        builder.Services.AddChronologySource<CasesChronology>();
    }

    public static void MapCases(this IEndpointRouteBuilder app) => app.MapCasesApi();
}
