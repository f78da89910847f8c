using Caseload.Data;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Cases;

public sealed record CaseRow(Guid Id, Guid PersonId, string PersonName, DateOnly DateOfBirth, string Service, Risk Risk, CaseStatus Status,
    string? AllocatedTo, bool Restricted);

public enum CaseListStatus
{
    Active,
    Closed,
    All,
}

/// <summary>"My cases" and "all cases I can see": one page of rows, highest risk first, then by name.</summary>
public static class MyCasesQuery
{
    public static async Task<(IReadOnlyList<CaseRow> Rows, int Total)> PageAsync(CaseloadDb db, CurrentUser user, bool mine, CaseListStatus status,
        int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var query = db.VisibleCases(user);
        var userId = user.Id;
        if (mine)
        {
            var myCaseIds = db.CaseIdsHeldBy(userId);
            query = query.Where(c => myCaseIds.Contains(c.Id));
        }

        query = status switch
        {
            CaseListStatus.Closed => query.Where(c => c.Status == CaseStatus.Closed),
            CaseListStatus.All => query,
            _ => query.Where(c => c.Status != CaseStatus.Closed),
        };
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(c => c.Risk).ThenBy(c => c.Person.FamilyName).ThenBy(c => c.Person.GivenName).ThenBy(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new CaseRow(c.Id, c.PersonId, c.Person.GivenName + " " + c.Person.FamilyName, c.Person.DateOfBirth, c.Service, c.Risk,
                c.Status, c.AllocatedTo!.DisplayName, c.Restricted))
            .ToListAsync(ct);
        return (rows, total);
    }
}
