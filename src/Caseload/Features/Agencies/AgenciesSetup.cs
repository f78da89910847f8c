using Caseload.Features.Agencies.Referrals;
using Caseload.Features.Chronology;

namespace Caseload.Features.Agencies;

public static class AgenciesSetup
{
    /// <summary>Other agencies: the directory, who else is involved on a case, consent, referrals out and the information sharing log.</summary>
    public static void AddAgencies(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<AgencyService>();
        builder.Services.AddScoped<InvolvementService>();
        builder.Services.AddScoped<ConsentService>();
        builder.Services.AddScoped<ReferralService>();
        builder.Services.AddChronologySource<ReferralsChronology>();
    }

    public static void MapAgencies(this IEndpointRouteBuilder app)
    {
        app.MapAgenciesApi();
        app.MapReferralsApi();
    }
}
