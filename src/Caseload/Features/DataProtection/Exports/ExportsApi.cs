using Caseload.Platform.Http;
using Caseload.Platform.Security;

namespace Caseload.Features.DataProtection.Exports;

public sealed record AnonymisedExportRequest(string? Service, string? From, string? To, IReadOnlyList<string>? Include, string? Purpose, int? K);

public sealed record ExportApprovalRequest(string? Comment);

public sealed record ExportCountsDto(int? Cases, int? Notes, int? Outcomes, int? Generalised, int? Suppressed);

public sealed record ExportApprovalDto(bool Required, bool Approved, DateTimeOffset? ApprovedAt, string? ApprovedBy, string? Comment);

public sealed record ExportDto(Guid Id, string Status, string? Service, string From, string To, IReadOnlyList<string> Include, string Purpose, int K, int? KAchieved,
    ExportCountsDto Counts, ExportApprovalDto Approval, bool Downloadable, DateTimeOffset RequestedAt, string RequestedBy, DateTimeOffset? CompletedAt, string? Failure,
    DateTimeOffset? ExpiredAt)
{
    public static ExportDto Of(AnonymisedExport x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(x.Id, x.Status, x.Service, AnonymisationRules.Iso(x.From), AnonymisationRules.Iso(x.To), x.Parts, x.Purpose, x.K, x.KAchieved,
            new ExportCountsDto(x.CaseCount, x.NoteCount, x.OutcomeCount, x.GeneralisedRows, x.SuppressedRows),
            new ExportApprovalDto(x.ApprovalRequired, x.ApprovedAt is not null, x.ApprovedAt, x.ApprovedByName, x.ApprovalComment),
            x.Status == ExportStatuses.Ready && x.IsApproved, x.RequestedAt, x.RequestedByName, x.CompletedAt, x.Failure, x.ExpiredAt);
    }
}

public sealed record AnonymisedNoteDto(Guid NoteId, string Type, string TypeTitle, bool LateEntry, bool SafeguardingConcern, string? PresentAndSpokenTo,
    string WhatHappened, string? WhatWasDone, string? AgreedNextSteps, string? Outcome);

public static class ExportsApi
{
    public static void MapExportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/exports").WithTags("Anonymised exports");

        group.MapPost("/anonymised", async Task<IResult> (HttpRequest request, CurrentUserAccessor users, ExportService exports, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<AnonymisedExportRequest>(request, ct);
            if (problem is not null) return problem;
            var outcome = await exports.RequestAsync(await users.GetAsync(ct),
                new ExportRequest(body!.Service, body.From, body.To, body.Include, body.Purpose, body.K), ct);
            return ApiProblems.From(outcome, x => TypedResults.Accepted($"/api/v1/exports/{x.Id}", ExportDto.Of(x)));
        }).RequireAuthorization(Policies.AnonymisedExports).WithName("requestAnonymisedExport").Accepts<AnonymisedExportRequest>("application/json").Produces<ExportDto>(StatusCodes.Status202Accepted)
          .WithSummary("Ask for an anonymised export of cases, notes and outcomes (service?, from, to, include, purpose, k? 5-100): 202 with its id and Location; "
                       + "background work builds it. The DPO, or a service manager for the services they manage (their export needs the DPO's approval before download).");

        group.MapGet("/", async Task<IResult> (CurrentUserAccessor users, ExportService exports, CancellationToken ct) =>
        {
            var list = await exports.ListAsync(await users.GetAsync(ct), ct);
            return TypedResults.Ok(new { items = list.Select(ExportDto.Of) });
        }).RequireAuthorization(Policies.AnonymisedExports).WithName("listExports").Produces(StatusCodes.Status200OK)
          .WithSummary("Anonymised exports, newest first: every one to the DPO, a service manager's own to them.");

        group.MapGet("/{id:guid}", async Task<IResult> (Guid id, CurrentUserAccessor users, ExportService exports, CancellationToken ct) =>
        {
            var export = await exports.FindAsync(await users.GetAsync(ct), id, ct);
            return export is null ? ApiProblems.NotFound("No export with this id was found") : TypedResults.Ok(ExportDto.Of(export));
        }).RequireAuthorization(Policies.AnonymisedExports).WithName("getExport").Produces<ExportDto>()
          .WithSummary("An export's status (queued, running, ready, failed), the k asked for and achieved, counts (rows generalised and suppressed) and approval.");

        group.MapPost("/{id:guid}/approval", async Task<IResult> (Guid id, HttpRequest request, CurrentUserAccessor users, ExportService exports, CancellationToken ct) =>
        {
            string? comment = null;
            // The body is optional: none approves without a comment; one sent must be well-formed.
            if (request.ContentLength is > 0 || request.ContentType is not null)
            {
                var (body, problem) = await JsonBody.ReadAsync<ExportApprovalRequest>(request, ct);
                if (problem is not null) return problem;
                comment = body!.Comment;
            }

            var outcome = await exports.ApproveAsync(await users.GetAsync(ct), id, comment, ct);
            return ApiProblems.From(outcome, x => TypedResults.Ok(ExportDto.Of(x)));
        }).RequireAuthorization(Policies.ApproveExports).WithName("approveExport").Accepts<ExportApprovalRequest>("application/json").Produces<ExportDto>()
          .WithSummary("The DPO approves a service manager's export once it is ready (optionally with a comment); 409 approval-not-needed, already-approved or export-not-ready.");

        group.MapGet("/{id:guid}/download", async Task<IResult> (Guid id, CurrentUserAccessor users, ExportService exports, CancellationToken ct) =>
        {
            var outcome = await exports.DownloadAsync(await users.GetAsync(ct), id, ct);
            if (outcome.Kind == OutcomeKind.Conflict && outcome.Code == ExportService.Expired)
            {
                return ApiProblems.Problem(StatusCodes.Status410Gone, ExportService.Expired, "The export has expired", outcome.Message);
            }

            return ApiProblems.From(outcome, x => TypedResults.File(x.Zip, "application/zip", $"anonymised-export-{x.Export.RequestedAt:yyyy-MM-dd}.zip"));
        }).RequireAuthorization(Policies.AnonymisedExports).WithName("downloadExport").Produces(StatusCodes.Status200OK, contentType: "application/zip")
          .WithSummary("The export as a zip of CSV (RFC 4180) and JSON; 409 export-not-ready while it is built, approval-required until the DPO approves a service manager's; "
                       + "410 export-expired once its zip was cleared (DataProtection:ExportKeepDays after it was built, default 30): ask for it again.");

        app.MapGet("/api/v1/cases/{id:guid}/notes/{noteId:guid}/anonymised", async Task<IResult> (Guid id, Guid noteId, CaseScope scope, NoteAnonymiser anonymiser,
            CancellationToken ct) =>
        {
            var note = await anonymiser.AnonymiseAsync(scope.Case, noteId, ct);
            return note is null ? ApiProblems.NotFound("No note with this id was found on this case") : TypedResults.Ok(note);
        }).RequireAuthorization(Policies.CaseWork).WithCaseScope("id").WithTags("Notes").WithName("getAnonymisedNote").Produces<AnonymisedNoteDto>()
          .WithSummary("One note's current version with the names of the person and the people around them, contact details, dates and identifiers replaced "
                       + "(\"the young person\", \"Mother\", \"[phone]\"), for a portfolio or supervision. Audited against the case.");
    }
}
