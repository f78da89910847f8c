using System.Collections.Frozen;
using System.Reflection;

namespace Caseload.Platform.Audit;

/// <summary>
/// Every action the audit trail records, as stable codes in one place: a DPO's filters and reports rely on them not
/// drifting. <see cref="AuditTrail"/> refuses a code that is not listed here, so a new action is added here first.
/// </summary>
public static class AuditActions
{
    // People and cases
    public const string PersonViewed = "person.viewed";
    public const string PersonCreated = "person.created";
    public const string PersonSearched = "person.searched";
    public const string PersonUpdated = "person.updated";
    public const string CaseViewed = "case.viewed";
    public const string CaseListed = "case.listed";
    public const string CaseCreated = "case.created";
    public const string CaseUpdated = "case.updated";
    public const string CaseAllocated = "case.allocated";
    public const string CaseOpened = "case.opened";
    public const string CaseClosed = "case.closed";
    public const string ClosureRequested = "closure.requested";
    public const string ClosureApproved = "closure.approved";
    public const string ClosureReturned = "closure.returned";

    // Case notes
    public const string NoteCreated = "note.created";
    public const string NoteAmended = "note.amended";
    public const string NoteStruckThrough = "note.struck-through";
    public const string NoteViewed = "note.viewed";
    public const string NoteListed = "note.listed";
    public const string NoteSearched = "note.searched";
    public const string NoteDraftSaved = "note.draft-saved";
    public const string NoteDraftDiscarded = "note.draft-discarded";
    public const string NoteAmendmentDraftSaved = "note.amendment-draft-saved";
    public const string NoteAmendmentDraftDiscarded = "note.amendment-draft-discarded";

    // Tasks
    public const string TaskCreated = "task.created";
    public const string TaskClosed = "task.closed";
    public const string TaskReassigned = "task.reassigned";
    public const string TaskListed = "task.listed";

    // Deadlines and their catalogue
    public const string DeadlineCreated = "deadline.created";
    public const string DeadlinesViewed = "deadlines.viewed";
    public const string DeadlineMet = "deadline.met";
    public const string DeadlineChanged = "deadline.changed";
    public const string DeadlinePaused = "deadline.paused";
    public const string DeadlineResumed = "deadline.resumed";
    public const string BankHolidaysLoaded = "bank-holidays.loaded";
    public const string ServiceStandardCreated = "service-standard.created";
    public const string ServiceStandardChanged = "service-standard.changed";
    public const string ServiceStandardRetired = "service-standard.retired";
    public const string ServiceStandardReinstated = "service-standard.reinstated";

    // Worklist and priority
    public const string WorklistViewed = "worklist.viewed";
    public const string PriorityOverridden = "priority.overridden";
    public const string PriorityViewed = "priority.viewed";
    public const string PriorityWeightsChanged = "priority.weights-changed";
    public const string PriorityWeightsPreviewed = "priority.weights-previewed";

    // Case reviews and caseload reviews
    public const string ReviewCreated = "review.created";
    public const string ReviewViewed = "review.viewed";
    public const string ReviewListed = "review.listed";
    public const string CaseloadReviewViewed = "caseload-review.viewed";
    public const string CaseloadReviewExported = "caseload-review.exported";

    // The case chronology: each read (with its filter) and each significant-event mark, against the case
    public const string ChronologyViewed = "chronology.viewed";
    public const string ChronologyMarked = "chronology.marked";
    public const string ChronologyUnmarked = "chronology.unmarked";

    // Drift
    public const string DriftViewed = "drift.viewed";
    public const string DriftThresholdsChanged = "drift.thresholds-changed";

    // Supervision: sessions (the supervisee's record), their case discussions (case data, audited against their case)
    public const string SupervisionRecorded = "supervision.recorded";
    public const string SupervisionAmended = "supervision.amended";
    public const string SupervisionAgreed = "supervision.agreed";
    public const string SupervisionDisagreed = "supervision.disagreed";
    public const string SupervisionViewed = "supervision.viewed";
    public const string SupervisionListed = "supervision.listed";
    public const string SupervisionFrequencyChanged = "supervision.frequency-changed";
    public const string SupervisionDiscussionRecorded = "supervision-discussion.recorded";
    public const string SupervisionDiscussionViewed = "supervision-discussion.viewed";
    public const string SupervisionAgendaListed = "supervision-agenda.listed";

    // The reflective log: private to its author unless shared with their supervisors; a linked case is recorded for subject access
    public const string ReflectionRecorded = "reflection.recorded";
    public const string ReflectionViewed = "reflection.viewed";
    public const string ReflectionListed = "reflection.listed";
    public const string ReflectionShared = "reflection.shared";
    public const string ReflectionCommented = "reflection.commented";

    // Other agencies: the directory (no case data), who else is involved on a case, and a person's consents
    public const string AgencyCreated = "agency.created";
    public const string AgencyChanged = "agency.changed";
    public const string InvolvementRecorded = "involvement.recorded";
    public const string InvolvementEnded = "involvement.ended";
    public const string InvolvementListed = "involvement.listed";
    /// <summary>A case of the same person in another service, shown (service, worker and how to reach them) on a case's page.</summary>
    public const string OtherServiceListed = "other-service.listed";
    public const string ConsentRecorded = "consent.recorded";
    public const string ConsentWithdrawn = "consent.withdrawn";
    public const string ConsentListed = "consent.listed";
    // Capacity: a practitioner's weighted caseload (one view with the cases it showed), settings, adjustments, the scheme
    // Referrals out, each step on their path, and the information sharing log (a referral logs its own share)
    public const string ReferralMade = "referral.made";
    public const string ReferralStepRecorded = "referral.step-recorded";
    public const string ReferralListed = "referral.listed";
    public const string InformationShared = "information-share.recorded";
    public const string InformationShareListed = "information-share.listed";
    // Plans: a new version agreed (its goals and actions), the plan read with its history, progress on a goal
    public const string PlanAgreed = "plan.agreed";
    public const string PlanListed = "plan.listed";
    public const string GoalProgressRecorded = "goal-progress.recorded";
    // A plan version approved by a supervisor of the case (it comes into force) or returned with a comment
    public const string PlanApproved = "plan.approved";
    public const string PlanReturned = "plan.returned";
    // Feedback from the person or family: recorded by a practitioner, listed, a single-use link made for the family, the link
    // opened and the family's form sent through it (both audited as the family, against the link's case)
    public const string FeedbackRecorded = "feedback.recorded";
    public const string FeedbackListed = "feedback.listed";
    public const string FeedbackLinkCreated = "feedback-link.created";
    public const string FeedbackLinkOpened = "feedback-link.opened";
    public const string FeedbackSubmitted = "feedback.submitted";
    // Capacity: a practitioner's weighted caseload (its cases listed, each audited against its case), settings, adjustments, the scheme
    public const string CapacityViewed = "capacity.viewed";
    public const string CapacityCaseListed = "capacity-case.listed";
    public const string CapacityListed = "capacity.listed";
    /// <summary>
    /// An aggregate view: a service manager's every team, a row a team with its counts and points, naming no practitioner's
    /// cases and no case. One event with what it counted; no AuditEventCases rows, as no case was shown.
    /// </summary>
    public const string CapacityTeamsViewed = "capacity.teams-viewed";
    public const string CapacitySettingsChanged = "capacity.settings-changed";
    public const string CapacityAdjustmentAgreed = "capacity.adjustment-agreed";
    public const string CapacitySchemeChanged = "capacity.scheme-changed";
    // Capacity escalations: raised (by a person or the system), read, listed, answered, passed up the chain unanswered
    public const string EscalationRaised = "capacity-escalation.raised";
    public const string EscalationViewed = "capacity-escalation.viewed";
    public const string EscalationListed = "capacity-escalation.listed";
    public const string EscalationResponded = "capacity-escalation.responded";
    public const string EscalationPassedUp = "capacity-escalation.passed-up";
    public const string EscalationActionViewed = "capacity-escalation-action.viewed";
    public const string EscalationActionClosed = "capacity-escalation-action.closed";
    /// <summary>A further allocation over capacity, with its rationale, added to the practitioner's open escalation.</summary>
    public const string EscalationAllocationNoted = "capacity-escalation.allocation-noted";
    /// <summary>A case's allocation options: a read of the case and of the capacity figures of each practitioner offered.</summary>
    public const string AllocationOptionsViewed = "allocation-options.viewed";

    // Reports: figures over many cases, not a list of them, so no case is recorded against the view (entity type report, its
    // name as the id, the filters in the details); a view is the page or the JSON, an export the CSV or XLSX.
    public const string ReportViewed = "report.viewed";
    public const string ReportExported = "report.exported";
    // An event a service manager records to be drawn on the demand report (a policy, funding or staffing change): no case data.
    public const string ReportEventRecorded = "report-event.recorded";

    // Objectivity rules
    public const string ObjectivityRuleAdded = "objectivity-rule.added";
    public const string ObjectivityRuleChanged = "objectivity-rule.changed";
    public const string ObjectivityRuleRetired = "objectivity-rule.retired";
    public const string ObjectivityRuleSwitchedOff = "objectivity-rule.switched-off";
    public const string ObjectivityRuleSwitchedOn = "objectivity-rule.switched-on";

    // Accounts, users and teams; the audit trail itself
    public const string SignedIn = "user.signed-in";
    public const string SignInFailed = "user.sign-in-failed";
    public const string TokenIssued = "user.token-issued";
    public const string SignedOut = "user.signed-out";
    public const string SignedOutEverywhere = "user.signed-out-everywhere";
    public const string UserSignedOutEverywhere = "user.signed-out-everywhere-by-administrator";
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserSingleSignOnLinked = "user.sso-linked";
    public const string UserSingleSignOnUnlinked = "user.sso-unlinked";
    public const string TeamCreated = "team.created";
    public const string TeamUpdated = "team.updated";
    public const string AuditSearched = "audit.searched";
    /// <summary>The audit trail exported as CSV, with the filters it was exported by.</summary>
    public const string AuditExported = "audit.exported";

    /// <summary>The DPO checked the audit trail's sealed batches against their chained hashes.</summary>
    public const string AuditVerified = "audit.verified";

    // Break-glass: emergency access to a case with a reason (against the case), a refusal (a restricted case), the DPO's queue and review
    public const string BreakGlassGranted = "break-glass.granted";
    public const string BreakGlassRefused = "break-glass.refused";
    public const string BreakGlassListed = "break-glass.listed";
    public const string BreakGlassReviewed = "break-glass.reviewed";

    // Retention: the DPO's schedule, the queue of closed cases due for review, each decision (ids only, never content) and legal holds
    public const string RetentionScheduleChanged = "retention.schedule-changed";
    public const string RetentionQueueViewed = "retention.queue-viewed";
    public const string RetentionCaseViewed = "retention.case-viewed";
    public const string RetentionCaseDestroyed = "retention.case-destroyed";
    public const string RetentionPersonDestroyed = "retention.person-destroyed";
    public const string RetentionDestructionRefused = "retention.destruction-refused";
    public const string RetentionExtended = "retention.extended";
    public const string LegalHoldPlaced = "legal-hold.placed";
    public const string LegalHoldReleased = "legal-hold.released";
    public const string LegalHoldsListed = "legal-holds.listed";

    // Subject access requests: the DPO's register and each request (ids and codes only, never the requester's or anyone's name),
    // the DPO's own search for the person, each change of the clock, each redaction, each bundle gathered and the completion
    public const string SubjectAccessLogged = "subject-access.logged";
    public const string SubjectAccessListed = "subject-access.listed";
    public const string SubjectAccessViewed = "subject-access.viewed";
    public const string SubjectAccessPeopleSearched = "subject-access.people-searched";
    public const string SubjectAccessPaused = "subject-access.paused";
    public const string SubjectAccessResumed = "subject-access.resumed";
    public const string SubjectAccessExtended = "subject-access.extended";
    public const string SubjectAccessRedactionRecorded = "subject-access.redaction-recorded";
    public const string SubjectAccessRedactionWithdrawn = "subject-access.redaction-withdrawn";
    public const string SubjectAccessBundleReviewed = "subject-access.bundle-reviewed";
    public const string SubjectAccessBundleDownloaded = "subject-access.bundle-downloaded";
    public const string SubjectAccessCompleted = "subject-access.completed";
    // Anonymised exports: each request, the DPO's approval and each download, with the export's filters and purpose in the
    // details; one note's anonymised copy (for a portfolio or supervision), against its case
    public const string ExportRequested = "export.requested";
    public const string ExportApproved = "export.approved";
    public const string ExportDownloaded = "export.downloaded";
    public const string ExportsListed = "exports.listed";
    public const string ExportExpired = "export.expired";
    public const string NoteAnonymised = "note.anonymised";

    /// <summary>Every code above.</summary>
    public static readonly FrozenSet<string> All = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToFrozenSet(StringComparer.Ordinal);

    public static bool IsKnown(string action) => All.Contains(action);
}
