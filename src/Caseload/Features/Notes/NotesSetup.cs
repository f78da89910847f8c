using Caseload.Features.Account;
using Caseload.Features.Notes.Search;
using Caseload.Features.Tasks;

namespace Caseload.Features.Notes;

public static class NotesSetup
{
    /// <summary>Case notes, their drafts and search, and the tasks their agreed next steps become.</summary>
    public static void AddNotes(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<NoteOptions>(builder.Configuration.GetSection("Notes"));
        builder.Services.AddSingleton<ObjectivityRulesInForce>();
        builder.Services.AddScoped<Admin.ObjectivityRules.ObjectivityRuleService>();
        builder.Services.AddScoped<NoteService>();
        builder.Services.AddScoped<NoteSearch>();
        builder.Services.AddScoped<TaskService>();
        // The timeout warning keeps a long note from being lost to the end of a session.
        builder.Services.AddScoped<SessionRefresh>();
    }

    public static void MapNotes(this IEndpointRouteBuilder app)
    {
        app.MapNotesApi();
        app.MapTasksApi();
        app.MapSessionApi();
    }
}
