using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Caseload.Platform.Http;

/// <summary>
/// The OpenAPI document is a contract: partner systems generate their clients from it. Written once here for every
/// endpoint rather than on each: a stable operationId, the bearer security the endpoint's authorisation needs, and the
/// problem details (RFC 9457) it can answer with.
/// </summary>
public static class OpenApiContract
{
    public const string BearerScheme = "bearer";
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemMediaType = "application/problem+json";

    /// <summary>Path segments that are the operation's verb rather than a resource (POST /cases/{id}/close is closeCase).</summary>
    private static readonly HashSet<string> Actions = new(StringComparer.Ordinal)
    {
        "add", "check", "close", "pause", "preview", "reassign", "resume", "retire", "search", "strike-through", "switch-off", "switch-on",
    };

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Reports"] = "Reports for supervisors (their teams) and service managers (their services): the same figures as the report pages, as JSON or exported as CSV or XLSX, each view and export audited with its filters.",
        ["Plans"] = "A case's SMART plan, agreed with the family: versions (earlier ones kept), goals with their measure, baseline, target and date, actions (tasks for Caseload users) and progress on each goal over time.",
        ["Agencies"] = "Other agencies: the directory administrators keep, who else is involved on a case (the team around the child) and a person's consents, withdrawn with a date and reason.",
        ["Administration"] = "Administrators' settings: the objectivity rules the note check applies, each change versioned with who, when and why.",
        ["Audit"] = "The audit trail of every read and write of case data, for data protection officers.",
        ["Authentication"] = "Bearer tokens for partner systems: exchange a user name and password, then send `Authorization: Bearer <token>`.",
        ["Break-glass"] = "Emergency access to a case the caller may not see, with a reason, for a few hours; never a restricted case. Data protection officers review each use.",
        ["Retention"] = "The retention schedule the data protection officer keeps (versioned with reasons), the queue of closed cases due for review, and the decision on each: destroy, extend or hold.",
        ["Anonymised exports"] = "Exports of cases, notes and outcomes with direct identifiers removed (keyed pseudonyms, age bands, shifted dates, scrubbed text) and k-anonymity over the quasi-identifiers, built in the background; a service manager's export is downloaded only once the data protection officer approves it. Data protection officers and service managers.",
        ["Subject access requests"] = "The register of subject access requests: the clock (day one, identity, clarification stops, extension), the bundle of everything held about the person with third-party information marked and redactions applied, completion keeping the bundle as sent. Data protection officers.",
        ["Legal holds"] = "Holds on a person, a case or a whole service that block destruction until released (a public inquiry, a claim, an investigation). Data protection officers.",
        ["Calendar"] = "Public reference data, no sign-in needed: UK bank holidays by division, working-day arithmetic and the subject access due date.",
        ["Capacity"] = "Weighted caseloads against capacity: each open case's points and why, a practitioner's capacity (FTE, newly qualified protection, agreed adjustments) and utilisation with its band.",
        ["Cases"] = "Cases: open, read, change and close. Each caller sees only the cases their role and relationships allow.",
        ["Chronology"] = "A case's chronology: the child's story in date order from every feature, filtered by kind and date, with significant events marked.",
        ["Deadlines"] = "Statutory and organisational deadlines on a case, counted in working days, and the catalogue of timescales.",
        ["Drift"] = "Cases that have stalled (no contact, nothing recorded, reviews, tasks or deadlines overdue, referrals waiting, leavers' cases), each signal in words with the day it started.",
        ["Notes"] = "Case notes (recorded, amended and struck through, never deleted), the objectivity check and full-text search.",
        ["People"] = "The children, young people and adults that cases are about.",
        ["Reviews"] = "Case reviews (plan–do–review): progress, barriers, risks, adjustments, a decision and the next review date. Never edited.",
        ["Supervision"] = "Supervision sessions: recorded by the supervisee's supervisor chain, agreed or disagreed by the supervisee, amended with a reason; each case decision is management oversight on the case.",
        ["Tasks"] = "Next steps agreed in notes: an owner, a due date and, when closed, what came of it.",
        ["Worklist"] = "Cases in the order to work them, with the reasons for each one's priority and any override.",
    };

    /// <summary>Registers the document and operation transformers; call from AddOpenApi.</summary>
    public static void Describe(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddOperationTransformer(DescribeOperation);
        options.AddDocumentTransformer(DescribeDocument);
    }

    /// <summary>
    /// camelCase verb and resources from the method and route: GET /api/v1/cases/{id} is getCase, GET …/notes is listCaseNotes,
    /// POST …/notes/{noteId}/amendments is createCaseNoteAmendment. An endpoint's own name (WithName) wins. Partner clients are
    /// generated from these, so a change to this rule renames their methods: the expected ids are pinned by a test.
    /// </summary>
    public static string OperationIdFor(string method, string route)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(route);
        var segments = route.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["api", var version, ..] && version.StartsWith('v')) segments = segments[2..];
        var endsWithId = segments.Length > 0 && IsParameter(segments[^1]);
        string? action = null;
        var resources = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (IsParameter(segment)) continue;
            if (action is null && Actions.Contains(segment))
            {
                action = segment;
                continue;
            }

            // A collection followed by an id names one of its records: /cases/{id}/notes is the notes of a case.
            resources.Add(i + 1 < segments.Length && IsParameter(segments[i + 1]) ? Singular(segment) : segment);
        }

        var verb = action ?? method.ToUpperInvariant() switch
        {
            "GET" when !endsWithId && resources.Count > 0 && IsPlural(resources[^1]) => "list",
            "GET" => "get",
            "POST" => "create",
            "PUT" => "replace",
            "PATCH" => "update",
            "DELETE" => "delete",
            _ => method.ToLowerInvariant(),
        };
        if (verb == "create" && !endsWithId && resources.Count > 0) resources[^1] = Singular(resources[^1]);

        var id = new StringBuilder(Pascal(verb));
        foreach (var resource in resources) id.Append(Pascal(resource));
        id[0] = char.ToLowerInvariant(id[0]);
        return id.ToString();
    }

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var route = description.RelativePath ?? string.Empty;
        if (string.IsNullOrEmpty(operation.OperationId)) operation.OperationId = OperationIdFor(description.HttpMethod ?? "GET", route);

        // Deny by default: anything not marked anonymous needs a signed-in caller, which the API knows by a bearer token.
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        operation.Security = anonymous
            ? []
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];

        var statuses = new SortedSet<int>();
        if (!anonymous)
        {
            statuses.Add(StatusCodes.Status401Unauthorized);
            statuses.Add(StatusCodes.Status403Forbidden);
        }

        if (route.Contains('{', StringComparison.Ordinal)) statuses.Add(StatusCodes.Status404NotFound);
        var hasBody = operation.RequestBody is not null;
        if (hasBody)
        {
            // JsonBody reads every body: 400 unreadable, 415 not JSON; the service's rules answer 422.
            statuses.Add(StatusCodes.Status400BadRequest);
            statuses.Add(StatusCodes.Status415UnsupportedMediaType);
            statuses.Add(StatusCodes.Status422UnprocessableEntity);
        }

        if (operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true) statuses.Add(StatusCodes.Status400BadRequest);

        if (metadata.OfType<IfMatchMetadata>().LastOrDefault() is { } ifMatch)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = ifMatch.Required,
                Description = ifMatch.Required
                    ? "The ETag from your last read of the record, e.g. \"3\". Required: a change never silently overwrites someone else's."
                    : "The ETag from your last read of the record, e.g. \"3\". Optional: sent, a stale ETag answers 412.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            statuses.Add(StatusCodes.Status400BadRequest);
            statuses.Add(StatusCodes.Status412PreconditionFailed);
            if (ifMatch.Required) statuses.Add(StatusCodes.Status428PreconditionRequired);
        }

        operation.Responses ??= [];
        foreach (var declared in operation.Responses.Keys)
        {
            if (declared.StartsWith('4') && int.TryParse(declared, NumberStyles.None, CultureInfo.InvariantCulture, out var status)) statuses.Add(status);
        }

        var problems = statuses.ToDictionary(s => s.ToString(CultureInfo.InvariantCulture), s => Problem(s, anonymous, context.Document));
        var ordered = operation.Responses.Where(r => !problems.ContainsKey(r.Key)).Concat(problems.Select(p => KeyValuePair.Create(p.Key, (IOpenApiResponse)p.Value)))
            .OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (key, response) in ordered) operation.Responses[key] = response;
        return Task.CompletedTask;
    }

    private static OpenApiResponse Problem(int status, bool anonymous, OpenApiDocument? document) => new()
    {
        Description = status switch
        {
            StatusCodes.Status400BadRequest => "The request could not be read: malformed JSON, a field of the wrong type or form, an unknown field, " +
                "an invalid query value or If-Match. `errors` names the fields.",
            StatusCodes.Status401Unauthorized when anonymous => "The credentials were not right.",
            StatusCodes.Status401Unauthorized => "No valid bearer token was sent. Get one from POST /api/v1/auth/token.",
            StatusCodes.Status403Forbidden => "The caller's role or relationship to the record does not allow this.",
            StatusCodes.Status404NotFound => "No record with this id exists, or the caller may not see it.",
            StatusCodes.Status412PreconditionFailed => "The record has changed since the ETag sent in If-Match: read it again, check the change, " +
                "then send yours with the new ETag (`currentETag`).",
            StatusCodes.Status415UnsupportedMediaType => "The body was not sent as application/json.",
            StatusCodes.Status422UnprocessableEntity => "The request has invalid fields; `errors` says what is wrong with each in plain English.",
            StatusCodes.Status423Locked => "Too many failed sign-ins for this user name from this client address: it may try again after " +
                "Retry-After seconds. Other addresses are not locked out.",
            StatusCodes.Status429TooManyRequests => "Too many sign-in attempts from this client address or for this user name: wait Retry-After seconds.",
            StatusCodes.Status428PreconditionRequired => "If-Match is missing: send the ETag from your last read of the record.",
            _ => "The request failed.",
        },
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
        },
    };

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "Caseload API";
        document.Info.Description =
            "The partner API of Caseload. Get a bearer token from POST /api/v1/auth/token and send it as `Authorization: Bearer <token>`. " +
            "Errors are RFC 9457 problem details (`application/problem+json`) with a stable `errorCode` and, for invalid fields, `errors`. " +
            "Records that change carry an ETag: send it back in If-Match; a stale one answers 412, never a silent overwrite.";
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" };

        // Relative to wherever the document was read from (keeping any path base), so the contract is the same on every host.
        var bases = (document.Servers ?? []).Select(s => RelativeServer(s.Url)).Distinct(StringComparer.Ordinal).ToList();
        document.Servers = (bases.Count == 0 ? ["/"] : bases)
            .Select(url => new OpenApiServer { Url = url, Description = "This Caseload instance: the host the document was read from." }).ToList();

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT from POST /api/v1/auth/token, sent as `Authorization: Bearer <token>`.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Schemas[ProblemSchema] = ProblemDetailsSchema();

        var tags = (document.Tags ?? Enumerable.Empty<OpenApiTag>()).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        foreach (var tag in tags)
        {
            if (tag.Name is not null && TagDescriptions.TryGetValue(tag.Name, out var text)) tag.Description = text;
        }

        document.Tags = new SortedSet<OpenApiTag>(tags, Comparer<OpenApiTag>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name)));
        return Task.CompletedTask;
    }

    private static OpenApiSchema ProblemDetailsSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details, with a stable `errorCode` and, for invalid fields, `errors`. Some problems add more " +
            "(e.g. `currentETag` on 412).",
        Required = new HashSet<string>(StringComparer.Ordinal) { "title", "status", "errorCode" },
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = Text("A URI reference that identifies the problem type."),
            ["title"] = Text("A short summary of the problem, the same for every occurrence of its type."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = Text("What went wrong this time, in plain English."),
            ["instance"] = Text("A URI reference that identifies this occurrence."),
            ["errorCode"] = Text("A stable code to act on, e.g. validation-failed, invalid-json, not-found, stale-etag, if-match-required."),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "The fields at fault, each with what is wrong in plain English.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["traceId"] = Text("Quote it to support."),
        },
    };

    // "https://caseload.example.gov.uk/caseload/" -> "/caseload"; "http://localhost/" -> "/".
    private static string RelativeServer(string? url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url ?? "/";
        path = path.TrimEnd('/');
        return path.Length == 0 ? "/" : path;
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static bool IsParameter(string segment) => segment.StartsWith('{');

    private static bool IsPlural(string resource) =>
        resource.EndsWith("people", StringComparison.Ordinal) || (resource.EndsWith('s') && !resource.EndsWith("ss", StringComparison.Ordinal));

    private static string Singular(string resource) => resource switch
    {
        _ when resource.EndsWith("people", StringComparison.Ordinal) => resource[..^"people".Length] + "person",
        _ when resource.EndsWith("ies", StringComparison.Ordinal) => resource[..^3] + "y",
        _ when resource.EndsWith('s') && !resource.EndsWith("ss", StringComparison.Ordinal) => resource[..^1],
        _ => resource,
    };

    // "strike-through" -> "StrikeThrough"
    private static string Pascal(string kebab) =>
        string.Concat(kebab.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
