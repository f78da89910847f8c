using System.Security.Cryptography;
using Caseload.Data;
using Caseload.Features.Account;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Features.Cases;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Administration;

public sealed record UserForm(string? UserName, string? DisplayName, int? TeamId, IReadOnlyList<string> Roles, IReadOnlyList<string> ManagedServices, bool? IsActive);

/// <summary>A saved user, and whether the account was active before: the change says whether it was deactivated or reactivated.</summary>
public sealed record UserSaved(CaseloadUser User, bool WasActive);

public sealed record TeamForm(string? Name, string? SupervisorUserName, int? ParentTeamId);

/// <summary>The one writer of users and teams; every change is audited.</summary>
public sealed class AdminService(CaseloadDb db, UserManager<CaseloadUser> users, SignInCounts signInCounts, AuditTrail audit)
{
    /// <summary>Creates a user with a one-time password to hand over; they choose their own at first sign-in or through SSO.</summary>
    public async Task<Outcome<(CaseloadUser User, string Password)>> CreateUserAsync(CurrentUser admin, UserForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = await ValidateAsync(form, null);
        if (errors.Count > 0) return Outcome<(CaseloadUser, string)>.Invalid(errors);
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)) + "aA1";
        var user = new CaseloadUser { UserName = form.UserName!.Trim(), DisplayName = form.DisplayName!.Trim(), TeamId = form.TeamId, IsActive = form.IsActive!.Value };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return Outcome<(CaseloadUser, string)>.Invalid("userName", string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRolesAsync(user, form.Roles);
        db.ManagedServices.AddRange(form.ManagedServices.Select(s => new ManagedService { UserId = user.Id, Service = s }));
        audit.Add(admin, AuditActions.UserCreated, "user", user.Id, details: $"userName={user.UserName}; roles={string.Join(",", form.Roles)}; team={form.TeamId}");
        await db.SaveChangesAsync();
        return Outcome<(CaseloadUser, string)>.Ok((user, password));
    }

    public async Task<Outcome<UserSaved>> UpdateUserAsync(CurrentUser admin, string id, UserForm form, bool unlock)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(form);
        var user = await users.FindByIdAsync(id);
        if (user is null) return Outcome<UserSaved>.NotFound();
        var errors = await ValidateAsync(form, user);
        if (id == admin.Id && (form.IsActive == false || !form.Roles.Contains(Roles.Administrator))) errors["roles"] = "You cannot remove your own administrator role or deactivate yourself";
        if (errors.Count > 0) return Outcome<UserSaved>.Invalid(errors);

        var wasActive = user.IsActive;
        // Identity's calls save as they go: the change and its audit event commit together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync();
        user.DisplayName = form.DisplayName!.Trim();
        user.TeamId = form.TeamId;
        user.IsActive = form.IsActive!.Value;
        if (unlock)
        {
            // Failed passwords lock the user name from one address at a time (Features/Account/SignInGuard): unlocking
            // forgets those locks from every address, and any lock set on the account itself.
            user.LockoutEnd = null;
            await signInCounts.UnlockAccountAsync(user.NormalizedUserName!);
        }
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(form.Roles));
        await users.AddToRolesAsync(user, form.Roles.Except(current));
        // Every request reads the account's state and roles, so a removed role or a deactivation holds from the next one
        // without ending the person's sessions. Deactivation also changes the stamp, so reactivating the account later
        // does not bring back the sessions and tokens it had.
        if (wasActive && !user.IsActive) await users.UpdateSecurityStampAsync(user);
        var existing = await db.ManagedServices.Where(m => m.UserId == id).ToListAsync();
        db.ManagedServices.RemoveRange(existing.Where(m => !form.ManagedServices.Contains(m.Service)));
        db.ManagedServices.AddRange(form.ManagedServices.Where(s => existing.All(m => m.Service != s)).Select(s => new ManagedService { UserId = id, Service = s }));
        audit.Add(admin, AuditActions.UserUpdated, "user", id, details: $"roles={string.Join(",", form.Roles)}; team={form.TeamId}; active={user.IsActive}; unlocked={unlock}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return Outcome<UserSaved>.Ok(new UserSaved(user, wasActive));
    }

    public async Task<Outcome<Team>> SaveTeamAsync(CurrentUser admin, int? id, TeamForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var team = id is null ? new Team { Name = "" } : await db.Teams.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (team is null) return Outcome<Team>.NotFound();
        var errors = new Dictionary<string, string>();
        var name = form.Name?.Trim();
        if (string.IsNullOrEmpty(name)) errors["name"] = "Enter a team name";
        else if (name.Length > 100) errors["name"] = "Team name must be 100 characters or fewer";
        else if (await db.Teams.AnyAsync(t => t.Name == name && t.Id != team.Id, ct)) errors["name"] = "A team with this name already exists";
        CaseloadUser? supervisor = null;
        if (!string.IsNullOrWhiteSpace(form.SupervisorUserName))
        {
            supervisor = await users.FindByNameAsync(form.SupervisorUserName.Trim());
            if (supervisor is null || !await users.IsInRoleAsync(supervisor, Roles.Supervisor)) errors["supervisorUserName"] = "Select a user with the supervisor role";
        }

        if (form.ParentTeamId is { } parent && (parent == team.Id || !await db.Teams.AnyAsync(t => t.Id == parent, ct))) errors["parentTeamId"] = "Select another existing team";
        if (errors.Count > 0) return Outcome<Team>.Invalid(errors);

        team.Name = name!;
        team.SupervisorId = supervisor?.Id;
        team.ParentTeamId = form.ParentTeamId;
        if (id is null) db.Teams.Add(team);
        // A new team's id comes from the first save; the team and its audit event commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Add(admin, id is null ? AuditActions.TeamCreated : AuditActions.TeamUpdated, "team", team.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: $"name={team.Name}; supervisor={supervisor?.UserName ?? "-"}; parent={team.ParentTeamId}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<Team>.Ok(team);
    }

    private async Task<Dictionary<string, string>> ValidateAsync(UserForm form, CaseloadUser? existing)
    {
        var errors = new Dictionary<string, string>();
        if (existing is null)
        {
            if (string.IsNullOrWhiteSpace(form.UserName)) errors["userName"] = "Enter a user name";
            else if (form.UserName.Trim().Length > 100) errors["userName"] = "User name must be 100 characters or fewer";
            else if (await users.FindByNameAsync(form.UserName.Trim()) is not null) errors["userName"] = "A user with this user name already exists";
        }

        if (string.IsNullOrWhiteSpace(form.DisplayName)) errors["displayName"] = "Enter the person's full name";
        else if (form.DisplayName.Trim().Length > 200) errors["displayName"] = "Full name must be 200 characters or fewer";
        if (form.IsActive is null) errors["isActive"] = "Select whether the account is active";
        if (form.Roles.Count == 0) errors["roles"] = "Select at least one role";
        else if (form.Roles.Any(r => !Roles.All.Contains(r))) errors["roles"] = "Select roles from the list";
        if (form.ManagedServices.Any(s => !Services.IsKnown(s))) errors["managedServices"] = "Select services from the list";
        if (form.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team)) errors["teamId"] = "Select a team from the list";
        return errors;
    }
}
