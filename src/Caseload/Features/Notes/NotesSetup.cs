using Caseload.Features.Chronology;
using Caseload.Features.Notes.Objectivity.Manage;
using Caseload.Features.Notes.Search;
using Caseload.Platform.Hosting;

namespace Caseload.Features.Notes;

public static class NotesSetup
{
    /// <summary>Case notes, their drafts and search, and the objectivity check with the administrators' rules.</summary>
    public static void AddNotes(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<NoteOptions>(builder.Configuration.GetSection("Notes"));
        builder.Services.AddRefreshable<ObjectivityRulesInForce>();
        builder.Services.AddScoped<ObjectivityRuleService>();
        builder.Services.AddScoped<NoteService>();
        builder.Services.AddScoped<NoteSearch>();
        builder.Services.AddChronologySource<NotesChronology>();
    }

    public static void MapNotes(this IEndpointRouteBuilder app)
    {
        app.MapNotesApi();
        app.MapObjectivityRulesApi();
    }
}
