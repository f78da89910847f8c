namespace Caseload.Features.People;

public static class PeopleSetup
{
    /// <summary>The people the service works with and their characteristics.</summary>
    public static void AddPeople(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<PeopleService>();
    }

    public static void MapPeople(this IEndpointRouteBuilder app) => app.MapPeopleApi();
}
