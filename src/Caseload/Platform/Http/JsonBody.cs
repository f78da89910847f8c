using System.Text.Json;
using System.Text.Json.Serialization;

namespace Caseload.Platform.Http;

/// <summary>
/// Reads a JSON request body strictly: malformed JSON, a value of the wrong type, a date in the wrong form or an
/// unknown field is a 400 problem naming the field, before anything is stored.
/// </summary>
public static class JsonBody
{
    public const int MaxBodyBytes = 256 * 1024;

    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowTrailingCommas = false,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return o;
    }

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type",
                "Send the body as JSON", "Set Content-Type: application/json."));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "body-too-large", "The request body is too large"));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, ct);
            return value is null
                ? (null, ApiProblems.Problem(StatusCodes.Status400BadRequest, "invalid-json", "Send a JSON object", "The body was empty or null."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldName(ex.Path);
            var detail = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"'{field}' is not a field of this request."
                : field is null ? "The body is not valid JSON." : $"'{field}' has a value of the wrong type or form.";
            return (null, ApiProblems.Problem(StatusCodes.Status400BadRequest, "invalid-json", "The request body could not be read", detail,
                new Dictionary<string, object?>
                {
                    ["errors"] = field is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]> { [field] = [detail] },
                }));
        }
    }

    // "$.dateOfBirth" -> "dateOfBirth"; "$.characteristics[2]" -> "characteristics"; "$" -> null.
    private static string? FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        var name = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0) name = name[..bracket];
        return name.Length == 0 ? null : name;
    }
}
