namespace Caseload.Platform.Security;

public static class Roles
{
    public const string Practitioner = "Practitioner";
    public const string Supervisor = "Supervisor";
    public const string ServiceManager = "ServiceManager";
    public const string DataProtectionOfficer = "DataProtectionOfficer";
    public const string Administrator = "Administrator";

    public static readonly IReadOnlyList<string> All = [Practitioner, Supervisor, ServiceManager, DataProtectionOfficer, Administrator];

    public static string Title(string role) => role switch
    {
        ServiceManager => "Service manager",
        DataProtectionOfficer => "Data protection officer",
        _ => role,
    };
}

/// <summary>Policy names. Every page folder and API group names one; a test fails if an endpoint has none.</summary>
public static class Policies
{
    /// <summary>Any signed-in user: pages every role reaches, such as the home page and signing out.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Any signed-in user with a role that works with cases; which cases is decided by relationship.</summary>
    public const string CaseWork = nameof(CaseWork);
    public const string Supervise = nameof(Supervise);
    public const string ReadAudit = nameof(ReadAudit);

    /// <summary>
    /// Emergency access to a case one may not see (the duty worker out of hours): practitioners and supervisors, never an account
    /// that also administers Caseload, as administering accounts must not be a way into case records.
    /// </summary>
    public const string BreakGlass = nameof(BreakGlass);

    /// <summary>The data protection officer's review of each break-glass use.</summary>
    public const string ReviewBreakGlass = nameof(ReviewBreakGlass);

    /// <summary>The data protection officer's retention schedule, retention queue (destroy, extend, hold) and legal holds.</summary>
    public const string ManageRetention = nameof(ManageRetention);

    /// <summary>The data protection officer's register of subject access requests: logging, the clock, redactions, the bundle, completion.</summary>
    public const string ManageSubjectAccess = nameof(ManageSubjectAccess);
    /// <summary>Anonymised exports: the data protection officer, and service managers for the services they manage.</summary>
    public const string AnonymisedExports = nameof(AnonymisedExports);

    /// <summary>The data protection officer's approval of a service manager's anonymised export.</summary>
    public const string ApproveExports = nameof(ApproveExports);
    public const string SetPriorityWeights = nameof(SetPriorityWeights);
    public const string SetDriftThresholds = nameof(SetDriftThresholds);
    public const string SetWeightingScheme = nameof(SetWeightingScheme);

    /// <summary>Supervisors and service managers (for the practitioners they supervise) and administrators: how often a practitioner is supervised.</summary>
    public const string SetSupervisionFrequency = nameof(SetSupervisionFrequency);
    public const string Administer = nameof(Administer);
}
