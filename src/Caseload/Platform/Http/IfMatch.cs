namespace Caseload.Platform.Http;

/// <summary>
/// Declares that an endpoint reads If-Match (optimistic concurrency by ETag), so the OpenAPI document can say so:
/// the header, 412 on a stale ETag and, when it is required, 428 without it. It changes nothing at run time.
/// </summary>
public sealed record IfMatchMetadata(bool Required);

public static class IfMatchConventions
{
    /// <summary>The endpoint answers 428 without If-Match and 412 when it names an older version.</summary>
    public static TBuilder RequiresIfMatch<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new IfMatchMetadata(Required: true));

    /// <summary>If-Match is optional: sent, it is checked (412 when stale); left out, the change applies to the current version.</summary>
    public static TBuilder AcceptsIfMatch<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new IfMatchMetadata(Required: false));
}
