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
        o.Converters.Add(new TextConverter());
        o.Converters.Add(new TextListConverter());
        return o;
    }

    /// <summary>Text with a NUL character is never typed and PostgreSQL cannot store it: refused as a value of the wrong form.</summary>
    private sealed class TextConverter : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Text(ref reader);

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value);
        }
    }

    /// <summary>A list of text (user names, codes, phrases) with a null inside is refused, as a null where text belongs.</summary>
    private sealed class TextListConverter : JsonConverter<IReadOnlyList<string>>
    {
        public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("Expected a list of text.");
            var items = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(Text(ref reader));
            return items;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ArgumentNullException.ThrowIfNull(value);
            writer.WriteStartArray();
            foreach (var item in value) writer.WriteStringValue(item);
            writer.WriteEndArray();
        }
    }

    private static string Text(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("Expected text.");
        var text = reader.GetString()!;
        if (text.Contains('\0', StringComparison.Ordinal)) throw new JsonException("Text may not contain a NUL character.");
        return text;
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
