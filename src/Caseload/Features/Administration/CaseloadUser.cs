using Microsoft.AspNetCore.Identity;

namespace Caseload.Features.Administration;

public sealed class CaseloadUser : IdentityUser
{
    public required string DisplayName { get; set; }
    public int? TeamId { get; set; }
    public Team? Team { get; set; }
    /// <summary>Whether the account may sign in; leavers are deactivated, never deleted, so the record stays attributable.</summary>
    public bool IsActive { get; set; } = true;
    public List<ManagedService> ManagedServices { get; set; } = [];
}

/// <summary>A service a service manager is responsible for: they may see its cases.</summary>
public sealed class ManagedService
{
    public required string UserId { get; set; }
    public required string Service { get; set; }
}
