using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Supervision;

/// <summary>A user as the subject of supervision.</summary>
public sealed record Supervisee(string Id, string UserName, string DisplayName, int? TeamId, bool IsActive);

/// <summary>
/// Who may record and who may read a practitioner's supervision. The supervisor chain of the practitioner's team records
/// (never the practitioner themselves); the practitioner, that chain and the service managers of the practitioner's service
/// (the services of the cases allocated to them) read. Decided now, from the teams as they are: a supervisor who moves on
/// no longer reads the sessions they recorded.
/// </summary>
public static class SupervisionAccess
{
    public static async Task<Supervisee?> FindAsync(CaseloadDb db, string? userName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var normalised = userName?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(normalised)) return null;
        return await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalised)
            .Select(u => new Supervisee(u.Id, u.UserName!, u.DisplayName, u.TeamId, u.IsActive)).SingleOrDefaultAsync(ct);
    }

    public static async Task<Supervisee?> FindByIdAsync(CaseloadDb db, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new Supervisee(u.Id, u.UserName!, u.DisplayName, u.TeamId, u.IsActive)).SingleOrDefaultAsync(ct);
    }

    /// <summary>The user supervises the practitioner's team or a team above it, and is not the practitioner.</summary>
    public static bool Supervises(CurrentUser user, Supervisee practitioner)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(practitioner);
        return practitioner.Id != user.Id && practitioner.TeamId is { } team && user.SupervisedTeamIds.Contains(team);
    }

    public static async Task<bool> MayReadAsync(CaseloadDb db, CurrentUser user, Supervisee practitioner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(practitioner);
        if (practitioner.Id == user.Id || Supervises(user, practitioner)) return true;
        if (!user.IsInRole(Roles.ServiceManager) || user.ManagedServices.Count == 0) return false;
        var services = user.ManagedServices;
        var practitionerId = practitioner.Id;
        return await db.Cases.AnyAsync(c => c.AllocatedToId == practitionerId && c.Status != CaseStatus.Closed && services.Contains(c.Service), ct);
    }
}
