using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.Notes;

public sealed class NotesOpenApiTests(SqliteApp app)
{
    [Fact]
    public async Task The_openapi_document_describes_the_notes_search_and_tasks_api()
    {
        var json = await (await app.Anonymous().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative))).JsonAsync();
        var paths = json["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/notes/check", paths);
        Assert.Contains("/api/v1/cases/{id}/notes", paths);
        Assert.Contains("/api/v1/cases/{id}/notes/{noteId}", paths);
        Assert.Contains("/api/v1/cases/{id}/notes/{noteId}/amendments", paths);
        Assert.Contains("/api/v1/cases/{id}/notes/{noteId}/strike-through", paths);
        Assert.Contains("/api/v1/search/notes", paths);
        Assert.Contains("/api/v1/tasks", paths);
        Assert.Contains("/api/v1/tasks/{id}/outcome", paths);
        Assert.Contains("/api/v1/tasks/{id}/reassign", paths);
        Assert.Contains("/api/v1/admin/objectivity-rules", paths);
        Assert.Contains("/api/v1/admin/objectivity-rules/{id}/switch-off", paths);
        Assert.Contains("/api/v1/admin/objectivity-rules/preview", paths);
    }
}
