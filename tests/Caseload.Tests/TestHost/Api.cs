using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Caseload.Tests.TestHost;

/// <summary>Steps a partner system would take through the API, for arranging tests.</summary>
public static class Api
{
    public static async Task<Guid> CreatePersonAsync(this HttpClient client, string given = "Alex", string family = "Taylor",
        string dateOfBirth = "2014-05-01", params string[] characteristics)
    {
        var response = await client.PostAsJsonAsync("/api/v1/people", new { givenName = given, familyName = family, dateOfBirth, characteristics });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.JsonAsync())["id"]!.GetValue<Guid>();
    }

    public static async Task<JsonNode> CreateCaseAsync(this HttpClient client, Guid personId, string? allocatedTo, bool restricted = false,
        string service = "early-help", string risk = "amber", string[]? restrictedTo = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", new
        {
            personId,
            service,
            allocatedTo,
            risk,
            restricted,
            restrictedTo = restrictedTo ?? [],
            expectedContactEveryWorkingDays = 10,
        });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    public static async Task<Guid> CreateCaseIdAsync(this HttpClient client, string? allocatedTo, bool restricted = false, string service = "early-help")
    {
        var person = await client.CreatePersonAsync();
        return (await client.CreateCaseAsync(person, allocatedTo, restricted, service))["id"]!.GetValue<Guid>();
    }

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty JSON");
    }

    public static Task<HttpResponseMessage> PostJsonTextAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(new Uri(url, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    /// <summary>Asserts the status and shows the body when it is wrong, so a failure explains itself.</summary>
    public static async Task ShouldBeAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode}: {body}");
        }
    }
}
