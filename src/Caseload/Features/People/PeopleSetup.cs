using Caseload.Data;
using Caseload.Features.Chronology;
using Caseload.Platform.Hosting;

namespace Caseload.Features.People;

public static class PeopleSetup
{
    /// <summary>The people the service works with and their characteristics.</summary>
    public static void AddPeople(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<PeopleService>();
        builder.Services.AddChronologySource<CharacteristicsChronology>();
        builder.Services.AddStartupTask("fill the search names of people recorded before person search",
            (sp, ct) => PersonSearch.BackfillAsync(sp.GetRequiredService<CaseloadDb>(), ct));
    }

    public static void MapPeople(this IEndpointRouteBuilder app) => app.MapPeopleApi();
}
