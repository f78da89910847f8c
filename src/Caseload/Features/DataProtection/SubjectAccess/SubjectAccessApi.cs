using System.Globalization;
using Caseload.Features.Deadlines;
using Caseload.Features.Deadlines.WorkingDays;
using Caseload.Platform.Http;

namespace Caseload.Features.DataProtection.SubjectAccess;

public sealed record SubjectAccessDueDto(string Division, DateOnly Received, bool Extended, DateOnly Due, string Explanation);

public static class SubjectAccessApi
{
    /// <summary>Reads the calculator's query, naming each field that is wrong; shared by the API and the page.</summary>
    public static (SubjectAccessDueDto? Due, Dictionary<string, string> Errors) Calculate(Calendars calendars, string? division, string? received, string? extended)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        var errors = new Dictionary<string, string>();
        if (!DivisionCodes.TryParse(division, out var d)) errors["division"] = "Division must be england-and-wales, scotland or northern-ireland";
        if (!DateOnly.TryParseExact(received?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var r))
        {
            errors["received"] = "Received must be a date like 2026-10-31";
        }
        else if (r < WorkingDayCalendar.FirstDate || r > SubjectAccessDueDate.LastReceivable)
        {
            errors["received"] = $"Received must be between {WorkingDayCalendar.FirstDate:yyyy-MM-dd} and {SubjectAccessDueDate.LastReceivable:yyyy-MM-dd}";
        }

        var ext = false;
        if (!string.IsNullOrWhiteSpace(extended) && !bool.TryParse(extended.Trim(), out ext)) errors["extended"] = "Extended must be true or false";
        if (errors.Count > 0) return (null, errors);
        var due = SubjectAccessDueDate.For(calendars.For(d), r, ext);
        return (new SubjectAccessDueDto(d.ToCode(), r, ext, due.Due, due.Explanation), errors);
    }

    public static void MapSubjectAccessApi(this IEndpointRouteBuilder app)
    {
        // Public reference data like the working-day calculator beside it: no case data, so no sign-in is needed.
        app.MapGroup("/api/v1/calendar").AllowAnonymous().WithTags("Calendar")
            .MapGet("/subject-access-due", IResult (Calendars calendars, string? division, string? received, string? extended) =>
            {
                var (due, errors) = Calculate(calendars, division, received, extended);
                return due is null ? ApiProblems.Validation(errors, StatusCodes.Status400BadRequest) : TypedResults.Ok(due);
            })
            .WithSummary("When a subject access request received on a day must be answered, by the ICO's rule (one month, or three when extended; moved to the next working day).")
            .WithName("getCalendarSubjectAccessDue");
    }
}
