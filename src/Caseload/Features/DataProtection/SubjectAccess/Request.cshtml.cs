using Caseload.Platform.Http;
using Caseload.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caseload.Features.DataProtection.SubjectAccess;

/// <summary>One request: its clock, the bundle download, redactions, and the forms to stop and restart the clock, extend and complete.</summary>
[Authorize(Policy = Policies.ManageSubjectAccess)]
public sealed class RequestModel(SubjectAccessService sar, CurrentUserAccessor users) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? PauseReason { get; set; }
    [BindProperty] public string? PauseFrom { get; set; }
    [BindProperty] public string? ResumeOn { get; set; }
    [BindProperty] public string? ExtensionReason { get; set; }
    [BindProperty] public string? ToldRequesterOn { get; set; }
    [BindProperty] public string? SentOn { get; set; }
    [BindProperty] public long? RedactionId { get; set; }
    [BindProperty] public string? WithdrawalReason { get; set; }
    public SubjectAccessView? View { get; private set; }
    public SubjectAccessPerson? Person { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetBundleAsync(CancellationToken ct)
    {
        var outcome = await sar.DownloadAsync(await users.GetAsync(ct), Id, ct);
        return this.Answer(outcome, d => File(d.Content, "application/zip", d.FileName)) ?? NotFound();
    }

    public Task<IActionResult> OnPostPauseAsync(CancellationToken ct) =>
        ChangeAsync(async () => await sar.PauseAsync(await users.GetAsync(ct), Id, null, PauseReason,
            SubjectAccessForms.Day(ModelState, nameof(PauseFrom), PauseFrom, "the date the clock stopped"), ct),
            "The clock is stopped", new Dictionary<string, string> { ["reason"] = nameof(PauseReason), ["from"] = nameof(PauseFrom) }, ct);

    public Task<IActionResult> OnPostResumeAsync(CancellationToken ct) =>
        ChangeAsync(async () => await sar.ResumeAsync(await users.GetAsync(ct), Id, null, SubjectAccessForms.Day(ModelState, nameof(ResumeOn), ResumeOn, "the date the clock restarts"), ct),
            "The clock has restarted", new Dictionary<string, string> { ["on"] = nameof(ResumeOn) }, ct);

    public Task<IActionResult> OnPostExtensionAsync(CancellationToken ct) =>
        ChangeAsync(async () => await sar.ExtendAsync(await users.GetAsync(ct), Id, null, ExtensionReason,
            SubjectAccessForms.Day(ModelState, nameof(ToldRequesterOn), ToldRequesterOn, "the date the requester was told"), ct),
            "The request is extended", new Dictionary<string, string> { ["reason"] = nameof(ExtensionReason), ["toldRequesterOn"] = nameof(ToldRequesterOn) }, ct);

    public Task<IActionResult> OnPostCompletionAsync(CancellationToken ct) =>
        ChangeAsync(async () => await sar.CompleteAsync(await users.GetAsync(ct), Id, null, SubjectAccessForms.Day(ModelState, nameof(SentOn), SentOn, "the date the response was sent"), ct),
            "The request is completed and the bundle kept as sent", new Dictionary<string, string> { ["sentOn"] = nameof(SentOn) }, ct);

    public async Task<IActionResult> OnPostWithdrawRedactionAsync(CancellationToken ct)
    {
        if (RedactionId is { } redactionId)
        {
            return await ChangeAsync(async () => await sar.WithdrawRedactionAsync(await users.GetAsync(ct), Id, redactionId, null, WithdrawalReason, ct),
                "The redaction is withdrawn", new Dictionary<string, string> { ["reason"] = nameof(WithdrawalReason) }, ct);
        }

        ModelState.AddModelError(nameof(RedactionId), "Select the redaction to withdraw");
        if (string.IsNullOrWhiteSpace(WithdrawalReason)) ModelState.AddModelError(nameof(WithdrawalReason), "Enter why the redaction is withdrawn");
        if (!await LoadAsync(ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    // The date is read first (a field error stops there); then the service decides. Any refusal shows the page again with the summary.
    private async Task<IActionResult> ChangeAsync(Func<Task<Outcome<SubjectAccessView>>> change, string done, Dictionary<string, string> rename, CancellationToken ct)
    {
        var outcome = await change();
        if (outcome is { Kind: OutcomeKind.Conflict, Code: SubjectAccessService.ExtensionTooLate })
        {
            ModelState.AddModelError(nameof(ToldRequesterOn), outcome.Message!);
        }
        else if (ModelState.IsValid)
        {
            var answer = this.Answer(outcome, ok: v =>
            {
                TempData["Success"] = done;
                return Redirect($"/DataProtection/SubjectAccess/{v.Request.Id}");
            }, rename: rename);
            if (answer is not null) return answer;
        }
        else
        {
            // The service found the date missing too: keep the page's own message for it.
            foreach (var (key, message) in outcome.Errors)
            {
                var field = rename.GetValueOrDefault(key, key);
                if (ModelState[field] is not { Errors.Count: > 0 }) ModelState.AddModelError(field, message);
            }
        }

        if (!await LoadAsync(ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        View = await sar.GetAsync(await users.GetAsync(ct), Id, ct);
        if (View is null) return false;
        Person = await sar.PersonAsync(View.Request.PersonId, ct);
        return true;
    }
}
