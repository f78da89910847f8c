using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caseload.Tests.TestHost;

namespace Caseload.Tests.Features.Notes;

/// <summary>Steps through the notes API for arranging tests.</summary>
public static class NoteApi
{
    /// <summary>A valid, factual note: a home visit an hour before the test clock's now.</summary>
    public static Dictionary<string, object?> Note(string whatHappened = "Home visit. Mum and Jordan (9) present. Jordan showed me his bedroom; there was a bed with clean bedding.",
        string occurredAt = "2026-11-23T09:00:00Z", string type = "home-visit") => new()
    {
        ["type"] = type,
        ["occurredAt"] = occurredAt,
        ["presentAndSpokenTo"] = "Mum (Sarah) and Jordan",
        ["whatHappened"] = whatHappened,
        ["whatWasDone"] = "Talked with Jordan alone in his room for 10 minutes.",
        ["outcome"] = "Visit completed; no new concerns recorded.",
        ["safeguardingConcern"] = false,
        ["confidentialityExplained"] = true,
    };

    public static async Task<JsonNode> CreateNoteAsync(this HttpClient client, Guid caseId, Dictionary<string, object?>? note = null)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/notes", note ?? Note());
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static Dictionary<string, object?> With(this Dictionary<string, object?> note, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(note);
        var copy = new Dictionary<string, object?>(note) { [key] = value };
        return copy;
    }
}
