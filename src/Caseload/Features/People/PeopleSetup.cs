using Caseload.Features.Chronology;

namespace Caseload.Features.People;

public static class PeopleSetup
{
    /// <summary>The people the service works with and their characteristics.</summary>
    public static void AddPeople(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<PeopleService>();
        builder.Services.AddChronologySource<CharacteristicsChronology>();
    }

    public static void MapPeople(this IEndpointRouteBuilder app) => app.MapPeopleApi();
}
