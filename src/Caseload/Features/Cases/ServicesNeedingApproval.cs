namespace Caseload.Features.Cases;

/// <summary>
/// The services in which a step needs a supervisor's approval (closing a case, a new version of a plan): children's social
/// care and early help unless configured otherwise under the step's key (a list of service codes; an empty list turns approval
/// off everywhere).
/// </summary>
public abstract class ServicesNeedingApproval(IEnumerable<string> approvalRequiredFor)
{
    public static readonly IReadOnlyList<string> DefaultServices = [Services.ChildrensSocialCare, Services.EarlyHelp];

    public IReadOnlySet<string> ApprovalRequiredFor { get; } =
        approvalRequiredFor.Where(s => !string.IsNullOrWhiteSpace(s)).ToHashSet(StringComparer.Ordinal);

    public bool RequiresApproval(string service) => ApprovalRequiredFor.Contains(service);

    /// <summary>The services configured under <paramref name="key"/>, or the defaults when the key is not there.</summary>
    protected static IEnumerable<string> Configured(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(key);
        return section.Exists() ? section.Get<string[]>() ?? [] : DefaultServices;
    }
}

/// <summary>A supervisor's decision on what waits for their approval (a closure request, a plan version). Pure.</summary>
public static class ApprovalDecision
{
    public const int CommentLength = 2000;

    /// <summary>Approve or return, and a comment, which returning needs; <paramref name="what"/> names the thing decided on.</summary>
    public static Dictionary<string, string> Validate(bool? approve, string? comment, string what)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (approve is null) errors["approve"] = $"Say whether you approve {what} (true) or return it (false)";
        else if (approve == false && string.IsNullOrWhiteSpace(comment)) errors["comment"] = $"Enter why you are returning {what}";
        if (comment is { } c && c.Contains('\0', StringComparison.Ordinal)) errors["comment"] = "Comment contains a character that cannot be stored: remove it";
        else if (comment is { } c2 && c2.Trim().Length > CommentLength) errors["comment"] = $"Comment must be {CommentLength} characters or fewer";
        return errors;
    }
}
