using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Caseload.Platform.Audit;

/// <summary>
/// What each audit action code means in plain words, for the people who read the trail (the codes stay the stable keys for
/// filters and exports). Every code in <see cref="AuditActions"/> has a name here: a test fails when one is missing.
/// </summary>
public static partial class AuditActionNames
{
    private static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["person.viewed"] = "Viewed a person's record",
        ["person.created"] = "Recorded a new person",
        ["person.searched"] = "Searched for a person",
        ["person.updated"] = "Changed a person's details",
        ["case.viewed"] = "Viewed a case",
        ["case.listed"] = "Viewed a list of cases",
        ["case.created"] = "Opened a referral or case",
        ["case.updated"] = "Changed a case",
        ["case.allocated"] = "Allocated a case",
        ["case.opened"] = "Opened a case",
        ["case.closed"] = "Closed a case",
        ["closure.requested"] = "Asked for a case to be closed",
        ["closure.approved"] = "Approved a case's closure",
        ["closure.returned"] = "Returned a closure request",
        ["note.created"] = "Wrote a case note",
        ["note.amended"] = "Amended a case note",
        ["note.struck-through"] = "Struck through a case note",
        ["note.viewed"] = "Viewed a case note",
        ["note.listed"] = "Viewed a case's notes",
        ["note.searched"] = "Searched case notes",
        ["note.draft-saved"] = "Saved a draft note",
        ["note.draft-discarded"] = "Discarded a draft note",
        ["note.amendment-draft-saved"] = "Saved a draft amendment to a note",
        ["note.amendment-draft-discarded"] = "Discarded a draft amendment to a note",
        ["task.created"] = "Created a task",
        ["task.closed"] = "Recorded a task's outcome",
        ["task.reassigned"] = "Handed a task to someone else",
        ["task.listed"] = "Viewed a list of tasks",
        ["deadline.created"] = "Added a deadline",
        ["deadlines.viewed"] = "Viewed a case's deadlines",
        ["deadline.met"] = "Recorded a deadline as met",
        ["deadline.changed"] = "Changed a deadline",
        ["deadline.paused"] = "Paused a deadline",
        ["deadline.resumed"] = "Restarted a paused deadline",
        ["bank-holidays.loaded"] = "Loaded the bank holidays",
        ["service-standard.created"] = "Added a service standard",
        ["service-standard.changed"] = "Changed a service standard",
        ["service-standard.retired"] = "Retired a service standard",
        ["service-standard.reinstated"] = "Reinstated a service standard",
        ["worklist.viewed"] = "Viewed a worklist",
        ["priority.overridden"] = "Raised or lowered a case's priority",
        ["priority.viewed"] = "Viewed why a case is where it is",
        ["priority.weights-changed"] = "Changed the priority weights",
        ["priority.weights-previewed"] = "Previewed new priority weights",
        ["review.created"] = "Recorded a case review",
        ["review.viewed"] = "Viewed a case review",
        ["review.listed"] = "Viewed a list of case reviews",
        ["caseload-review.viewed"] = "Viewed a caseload review",
        ["caseload-review.exported"] = "Exported a caseload review",
        ["chronology.viewed"] = "Viewed a case's chronology",
        ["chronology.marked"] = "Marked a significant event",
        ["chronology.unmarked"] = "Unmarked a significant event",
        ["drift.viewed"] = "Viewed drifting cases",
        ["drift.thresholds-changed"] = "Changed the drift thresholds",
        ["supervision.recorded"] = "Recorded a supervision session",
        ["supervision.amended"] = "Amended a supervision record",
        ["supervision.agreed"] = "Agreed a supervision record",
        ["supervision.disagreed"] = "Disagreed with a supervision record",
        ["supervision.viewed"] = "Viewed a supervision record",
        ["supervision.listed"] = "Viewed a list of supervision records",
        ["supervision.frequency-changed"] = "Changed how often supervision happens",
        ["supervision-discussion.recorded"] = "Recorded a case discussion in supervision",
        ["supervision-discussion.viewed"] = "Viewed a case discussion from supervision",
        ["supervision-agenda.listed"] = "Viewed a supervision agenda",
        ["reflection.recorded"] = "Wrote a reflection",
        ["reflection.viewed"] = "Viewed a reflection",
        ["reflection.listed"] = "Viewed the reflective log",
        ["reflection.shared"] = "Shared a reflection",
        ["reflection.commented"] = "Commented on a reflection",
        ["agency.created"] = "Added an agency",
        ["agency.changed"] = "Changed an agency",
        ["involvement.recorded"] = "Recorded another agency's involvement",
        ["involvement.ended"] = "Ended another agency's involvement",
        ["involvement.listed"] = "Viewed who else is involved",
        ["other-service.listed"] = "Viewed the person's cases in other services",
        ["consent.recorded"] = "Recorded consent",
        ["consent.withdrawn"] = "Recorded consent withdrawn",
        ["consent.listed"] = "Viewed consents",
        ["referral.made"] = "Made a referral to another service",
        ["referral.step-recorded"] = "Recorded a step on a referral",
        ["referral.listed"] = "Viewed referrals made",
        ["information-share.recorded"] = "Recorded information shared",
        ["information-share.listed"] = "Viewed the information sharing log",
        ["plan.agreed"] = "Agreed a plan",
        ["plan.listed"] = "Viewed a plan and its history",
        ["goal-progress.recorded"] = "Recorded progress on a goal",
        ["plan.approved"] = "Approved a plan",
        ["plan.returned"] = "Returned a plan",
        ["feedback.recorded"] = "Recorded feedback",
        ["feedback.listed"] = "Viewed feedback",
        ["feedback-link.created"] = "Made a feedback link for the family",
        ["feedback-link.opened"] = "Opened a feedback link",
        ["feedback.submitted"] = "Sent feedback through a link",
        ["capacity.viewed"] = "Viewed a practitioner's capacity",
        ["capacity-case.listed"] = "Viewed a case on a capacity list",
        ["capacity.listed"] = "Viewed a team's capacity",
        ["capacity.teams-viewed"] = "Viewed every team's capacity (counts only)",
        ["capacity.settings-changed"] = "Changed capacity settings",
        ["capacity.adjustment-agreed"] = "Agreed a capacity adjustment",
        ["capacity.scheme-changed"] = "Changed the weighting scheme",
        ["capacity-escalation.raised"] = "Raised a capacity escalation",
        ["capacity-escalation.viewed"] = "Viewed a capacity escalation",
        ["capacity-escalation.listed"] = "Viewed capacity escalations",
        ["capacity-escalation.responded"] = "Answered a capacity escalation",
        ["capacity-escalation.passed-up"] = "Passed a capacity escalation up the chain",
        ["capacity-escalation-action.viewed"] = "Viewed an escalation action",
        ["capacity-escalation-action.closed"] = "Recorded an escalation action's outcome",
        ["capacity-escalation.allocation-noted"] = "Noted an allocation over capacity",
        ["allocation-options.viewed"] = "Viewed allocation options",
        ["report.viewed"] = "Viewed a report",
        ["report.exported"] = "Exported a report",
        ["report-event.recorded"] = "Recorded an event for the demand report",
        ["objectivity-rule.added"] = "Added an objectivity rule",
        ["objectivity-rule.changed"] = "Changed an objectivity rule",
        ["objectivity-rule.retired"] = "Retired an objectivity rule",
        ["objectivity-rule.switched-off"] = "Switched off an objectivity rule",
        ["objectivity-rule.switched-on"] = "Switched on an objectivity rule",
        ["user.signed-in"] = "Signed in",
        ["user.sign-in-failed"] = "Failed to sign in",
        ["user.token-issued"] = "Was issued an API token",
        ["user.signed-out"] = "Signed out",
        ["user.signed-out-everywhere"] = "Signed out everywhere",
        ["user.signed-out-everywhere-by-administrator"] = "Was signed out everywhere by an administrator",
        ["user.created"] = "Created a user",
        ["user.updated"] = "Changed a user",
        ["user.sso-linked"] = "Linked a single sign-on account",
        ["user.sso-unlinked"] = "Unlinked a single sign-on account",
        ["team.created"] = "Created a team",
        ["team.updated"] = "Changed a team",
        ["audit.searched"] = "Searched the audit trail",
        ["audit.exported"] = "Exported the audit trail",
        ["audit.verified"] = "Checked the audit trail's seals",
        ["break-glass.granted"] = "Used break-glass access",
        ["break-glass.refused"] = "Was refused break-glass access",
        ["break-glass.listed"] = "Viewed break-glass uses",
        ["break-glass.reviewed"] = "Reviewed a break-glass use",
        ["retention.schedule-changed"] = "Changed the retention schedule",
        ["retention.queue-viewed"] = "Viewed cases due for retention review",
        ["retention.case-viewed"] = "Viewed a case for retention review",
        ["retention.case-destroyed"] = "Destroyed a case's records",
        ["retention.person-destroyed"] = "Destroyed a person's records",
        ["retention.destruction-refused"] = "Was refused destroying records",
        ["retention.extended"] = "Extended a case's retention",
        ["legal-hold.placed"] = "Placed a legal hold",
        ["legal-hold.released"] = "Released a legal hold",
        ["legal-holds.listed"] = "Viewed legal holds",
        ["subject-access.logged"] = "Logged a subject access request",
        ["subject-access.listed"] = "Viewed the subject access requests",
        ["subject-access.viewed"] = "Viewed a subject access request",
        ["subject-access.people-searched"] = "Searched for the person of a subject access request",
        ["subject-access.paused"] = "Stopped a subject access request's clock",
        ["subject-access.resumed"] = "Restarted a subject access request's clock",
        ["subject-access.extended"] = "Extended a subject access request",
        ["subject-access.redaction-recorded"] = "Recorded a redaction for a subject access request",
        ["subject-access.redaction-withdrawn"] = "Withdrew a redaction from a subject access request",
        ["subject-access.bundle-reviewed"] = "Reviewed a subject access bundle",
        ["subject-access.bundle-downloaded"] = "Downloaded a subject access bundle",
        ["subject-access.completed"] = "Completed a subject access request",
        ["export.requested"] = "Asked for an anonymised export",
        ["export.approved"] = "Approved an anonymised export",
        ["export.downloaded"] = "Downloaded an anonymised export",
        ["exports.listed"] = "Viewed the anonymised exports",
        ["export.expired"] = "Cleared an anonymised export's zip at the end of its keeping period",
        ["note.anonymised"] = "Viewed a note's anonymised copy",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The codes that have a name (for the test that every code has one).</summary>
    public static IEnumerable<string> Named => Names.Keys;

    /// <summary>The action in words; an unknown code (from an older release) shows as itself.</summary>
    public static string Title(string code) => Names.TryGetValue(code, out var name) ? name : code;

    /// <summary>
    /// A stored route ("GET /Cases/0193…/Notes?x=1") as a reader takes it in: whether it was a page or the API, the method when it
    /// was not a read, each id as "{id}" (the record column names it) and the query decoded.
    /// </summary>
    public static string Route(string? route)
    {
        if (string.IsNullOrWhiteSpace(route)) return "";
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var method = space > 0 ? route[..space] : "GET";
        var target = space > 0 ? route[(space + 1)..] : route;
        var path = Ids().Replace(Uri.UnescapeDataString(target), "{id}");
        var api = path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);
        var kind = api ? "API" : "Page";
        return method == "GET" ? $"{kind} {path}" : $"{kind} ({method}) {path}";
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", RegexOptions.CultureInvariant)]
    private static partial Regex Ids();
}
