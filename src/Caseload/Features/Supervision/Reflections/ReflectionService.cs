using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Audit;
using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.Supervision.Reflections;

/// <summary>A reflection as one reader may see it: its linked case named only if the reader may see that case.</summary>
public sealed record ReflectionView(Reflection Reflection, CaseLabel? Case, bool IsAuthor)
{
    /// <summary>Comments belong to a shared reflection: between the author and their supervisors.</summary>
    public bool MayComment => Reflection.Shared;
}

/// <summary>
/// The one writer of the reflective log. A reflection is its author's; shared, their supervisor chain reads it and comments
/// (unless it is about a case they may not see). Nobody else finds it (404). It never appears on the case; reading and
/// writing it are audited, against the linked case too.
/// </summary>
public sealed class ReflectionService(CaseloadDb db, AuditTrail audit, TimeProvider clock)
{
    public async Task<Outcome<Reflection>> CreateAsync(CurrentUser user, string? model, Guid? caseId, IReadOnlyDictionary<string, string?>? sections, bool shared,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = ReflectionRules.Validate(model, sections);
        Guid? personId = null;
        if (caseId is { } id)
        {
            personId = await db.VisibleCases(user).Where(c => c.Id == id).Select(c => (Guid?)c.PersonId).SingleOrDefaultAsync(ct);
            if (personId is null) errors["caseId"] = "No case with this id that you may see";
        }

        if (errors.Count > 0) return Outcome<Reflection>.Invalid(errors);

        var now = clock.GetUtcNow();
        // Validated above: the model is known.
        var parsed = ReflectionRules.TryParseModel(model, out var known) ? known : ReflectionModel.Gibbs;
        var reflection = new Reflection
        {
            Id = Guid.CreateVersion7(),
            AuthorId = user.Id,
            AuthorUserName = user.UserName,
            AuthorName = user.DisplayName,
            Model = parsed,
            CaseId = caseId,
            PersonId = personId,
            Shared = shared,
            SharedAt = shared ? now : null,
            CreatedAt = now,
        };
        var specs = ReflectionRules.SectionsOf(parsed);
        for (var i = 0; i < specs.Count; i++)
        {
            reflection.Sections.Add(new ReflectionSection { ReflectionId = reflection.Id, Section = specs[i].Code, Position = i + 1, Text = sections![specs[i].Code]!.Trim() });
        }

        db.Add(reflection);
        audit.Add(user, AuditActions.ReflectionRecorded, "reflection", reflection.Id.ToString(), caseId, personId,
            $"model={parsed.ToCode()}; shared={(shared ? "yes" : "no")}");
        await db.SaveChangesAsync(ct);
        return Outcome<Reflection>.Ok(reflection);
    }

    /// <summary>The user's own reflections and those their supervisees shared with them, newest first.</summary>
    public async Task<IReadOnlyList<ReflectionView>> ListAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.Id;
        var teams = user.SupervisedTeamIds;
        var visible = db.VisibleCases(user);
        var reflections = await db.Set<Reflection>().AsNoTracking().Include(r => r.Sections).Include(r => r.Comments).AsSplitQuery()
            .Where(r => r.AuthorId == userId
                || (r.Shared && db.Users.Any(u => u.Id == r.AuthorId && u.TeamId != null && teams.Contains(u.TeamId.Value))
                    && (r.CaseId == null || visible.Any(c => c.Id == r.CaseId))))
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(500).ToListAsync(ct);
        var labels = await LabelsAsync(user, reflections, ct);
        // One view: how many reflections it showed, and the cases they are about.
        await audit.RecordListAsync(user, AuditActions.ReflectionListed, labels.Values.Select(l => l.CaseId), $"reflections={reflections.Count}", personId: null, ct);
        return reflections.Select(r => View(user, r, labels)).ToList();
    }

    /// <summary>One reflection for a reader who may read it (audited), else null.</summary>
    public async Task<ReflectionView?> ReadAsync(CurrentUser user, Guid id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var reflection = await LoadAsync(id, tracked: false, ct);
        if (reflection is null || !await MayReadAsync(user, reflection, ct)) return null;
        var labels = await LabelsAsync(user, [reflection], ct);
        await audit.RecordReadAsync(user, AuditActions.ReflectionViewed, "reflection", reflection.Id.ToString(), reflection.CaseId, reflection.PersonId, ct: ct);
        return View(user, reflection, labels);
    }

    /// <summary>The author shares a private reflection with their supervisors.</summary>
    public async Task<Outcome<Reflection>> ShareAsync(CurrentUser user, Guid id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var reflection = await LoadAsync(id, tracked: true, ct);
        if (reflection is null || !await MayReadAsync(user, reflection, ct)) return Outcome<Reflection>.NotFound();
        if (reflection.AuthorId != user.Id) return Outcome<Reflection>.Forbidden("Only its author shares a reflection.");
        if (reflection.Shared) return Outcome<Reflection>.Invalid("shared", "The reflection is already shared with your supervisors");
        reflection.Shared = true;
        reflection.SharedAt = clock.GetUtcNow();
        audit.Add(user, AuditActions.ReflectionShared, "reflection", reflection.Id.ToString(), reflection.CaseId, reflection.PersonId);
        await db.SaveChangesAsync(ct);
        return Outcome<Reflection>.Ok(reflection);
    }

    /// <summary>A comment on a shared reflection, by a supervisor of its author or the author replying.</summary>
    public async Task<Outcome<Reflection>> CommentAsync(CurrentUser user, Guid id, string? text, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var reflection = await LoadAsync(id, tracked: true, ct);
        if (reflection is null || !await MayReadAsync(user, reflection, ct)) return Outcome<Reflection>.NotFound();
        if (!reflection.Shared) return Outcome<Reflection>.Invalid("shared", "Share the reflection with your supervisors before commenting on it");
        if (ReflectionRules.ValidateComment(text) is { } error) return Outcome<Reflection>.Invalid("text", error);
        reflection.Comments.Add(new ReflectionComment { ReflectionId = reflection.Id, AuthorId = user.Id, AuthorName = user.DisplayName, Text = text!.Trim(), At = clock.GetUtcNow() });
        audit.Add(user, AuditActions.ReflectionCommented, "reflection", reflection.Id.ToString(), reflection.CaseId, reflection.PersonId);
        await db.SaveChangesAsync(ct);
        return Outcome<Reflection>.Ok(reflection);
    }

    /// <summary>The view of a reflection just written, for its writer's answer (the write is its audit event).</summary>
    public async Task<ReflectionView> ViewAfterWriteAsync(CurrentUser user, Reflection reflection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(reflection);
        return View(user, reflection, await LabelsAsync(user, [reflection], ct));
    }

    /// <summary>The open cases the user holds, to link a reflection to (audited as a list of cases).</summary>
    public async Task<IReadOnlyList<CaseLabel>> CasesToReflectOnAsync(CurrentUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var held = db.CaseIdsHeldBy(user.Id);
        var cases = await db.VisibleCases(user).AsNoTracking().Where(c => held.Contains(c.Id) && c.Status != CaseStatus.Closed)
            .OrderBy(c => c.Person.FamilyName).ThenBy(c => c.Person.GivenName).Take(500)
            .Select(c => new CaseLabel(c.Id, c.PersonId, c.Person.GivenName + " " + c.Person.FamilyName)).ToListAsync(ct);
        await audit.RecordListAsync(user, AuditActions.CaseListed, cases.Select(c => c.CaseId), ct);
        return cases;
    }

    /// <summary>The author always; their supervisor chain once it is shared, unless it is about a case they may not see.</summary>
    private async Task<bool> MayReadAsync(CurrentUser user, Reflection reflection, CancellationToken ct)
    {
        if (reflection.AuthorId == user.Id) return true;
        if (!reflection.Shared) return false;
        var author = await SupervisionAccess.FindByIdAsync(db, reflection.AuthorId, ct);
        if (author is null || !SupervisionAccess.Supervises(user, author)) return false;
        return reflection.CaseId is not { } caseId || await db.VisibleCases(user).AnyAsync(c => c.Id == caseId, ct);
    }

    private Task<Reflection?> LoadAsync(Guid id, bool tracked, CancellationToken ct)
    {
        var query = db.Set<Reflection>().Include(r => r.Sections).Include(r => r.Comments).AsSplitQuery();
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(r => r.Id == id, ct);
    }

    private async Task<Dictionary<Guid, CaseLabel>> LabelsAsync(CurrentUser user, IReadOnlyList<Reflection> reflections, CancellationToken ct)
    {
        var ids = reflections.Where(r => r.CaseId is not null).Select(r => r.CaseId!.Value).Distinct().ToList();
        if (ids.Count == 0) return [];
        return await db.VisibleCases(user).AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new CaseLabel(c.Id, c.PersonId, c.Person.GivenName + " " + c.Person.FamilyName))
            .ToDictionaryAsync(c => c.CaseId, ct);
    }

    private static ReflectionView View(CurrentUser user, Reflection r, Dictionary<Guid, CaseLabel> labels) =>
        new(r, r.CaseId is { } id && labels.TryGetValue(id, out var label) ? label : null, r.AuthorId == user.Id);
}
