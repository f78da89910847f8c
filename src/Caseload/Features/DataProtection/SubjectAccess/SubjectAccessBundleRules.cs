using System.Text;

namespace Caseload.Features.DataProtection.SubjectAccess;

/// <summary>
/// What the bundle shows of each table it gathers and what it marks for the DPO's review. Third-party information (ICO, "How do
/// we deal with requests involving other people's information?"; DPA 2018 Sch. 2 para. 16) is of two kinds here: <b>other people
/// named</b> (who was present at a visit, the parent who gave consent, who gave feedback, other agencies' staff), marked per
/// field; and <b>information given by or to other professionals</b> (referrals and their answers, the sharing log, a
/// practitioner's reflective writing), marked per item. The marks are a prompt to review, not a decision: the DPO records
/// each redaction or withholding with its reason.
/// </summary>
public static class SubjectAccessBundleRules
{
    /// <summary>Sections in reading order; tables not named come after, by name.</summary>
    private static readonly (string Table, string Title)[] Sections =
    [
        ("People", "The person"),
        ("PersonCharacteristics", "Characteristics recorded"),
        ("PersonCharacteristicChanges", "Changes to characteristics"),
        ("Cases", "Cases"),
        ("RiskChanges", "Risk rating history"),
        ("ComplexityChanges", "Complexity history"),
        ("CaseCoWorkers", "Co-workers on cases"),
        ("ClosureRequests", "Case closure requests"),
        ("CaseNotes", "Case notes"),
        ("CaseNoteVersions", "Case note versions (every version of every note)"),
        ("NoteDrafts", "Unfinished case note drafts"),
        ("NoteAmendmentDrafts", "Unfinished case note amendment drafts"),
        ("CaseDeadlines", "Deadlines"),
        ("DeadlineChanges", "Deadline changes"),
        ("CaseReviews", "Case reviews"),
        ("SupervisionCaseDiscussions", "Supervision decisions about the cases"),
        ("SupervisionActions", "Actions agreed in supervision"),
        ("Plans", "Plans"),
        ("PlanGoals", "Plan goals"),
        ("GoalProgress", "Progress towards goals"),
        ("GoalOutcomes", "Goal outcomes"),
        ("PlanActions", "Plan actions"),
        ("Involvements", "Other agencies and professionals involved"),
        ("Referrals", "Referrals"),
        ("ReferralSteps", "Referral progress and answers"),
        ("InformationShares", "Information shared"),
        ("Consents", "Consents"),
        ("ConsentAgencies", "Agencies named in consents"),
        ("CaseFeedback", "Feedback"),
        ("FeedbackGoalViews", "Feedback on goals"),
        ("Reflections", "Practitioners' reflections linked to the cases"),
        ("ReflectionSections", "Reflection sections"),
        ("ReflectionComments", "Comments on reflections"),
        ("Tasks", "Tasks"),
        ("CaseTaskReassignments", "Task reassignments"),
        ("ChronologyMarks", "Chronology entries marked significant"),
        ("BreakGlassGrants", "Emergency (break-glass) access to the cases"),
    ];

    /// <summary>Fields never shown: internal keys of staff accounts, search copies of the names, and secrets (a feedback link's token hash).</summary>
    private static readonly HashSet<string> HiddenFields = new(StringComparer.Ordinal)
    {
        "SearchName", "SearchVector", "TokenHash", "UserId", "AuthorId", "RecordedById", "CreatedById", "ChangedById", "DecidedById",
        "StruckThroughById", "AllocatedToId", "ReassignedById", "RequestedById", "DecidedByUserId",
    };

    private static readonly Dictionary<string, string> ItemMarks = new(StringComparer.Ordinal)
    {
        ["Referrals"] = "Information given to or by another agency",
        ["ReferralSteps"] = "Information given by another agency",
        ["InformationShares"] = "Information shared with another agency",
        ["Reflections"] = "A practitioner's reflective writing",
        ["ReflectionSections"] = "A practitioner's reflective writing",
        ["ReflectionComments"] = "A supervisor's comment on a practitioner's reflection",
    };

    private static readonly Dictionary<(string Table, string Field), string> FieldMarks = new()
    {
        [("CaseNoteVersions", "PresentAndSpokenTo")] = "Other people named",
        [("Involvements", "ProfessionalName")] = "Staff of another agency",
        [("Involvements", "ProfessionalRole")] = "Staff of another agency",
        [("Involvements", "ProfessionalContact")] = "Staff of another agency",
        [("Consents", "GivenByName")] = "Another person named (who gave consent)",
        [("CaseFeedback", "From")] = "Another person named (who gave feedback)",
        [("InformationShares", "SharedWith")] = "Another agency or person named",
    };

    public static int Order(string table)
    {
        var i = Array.FindIndex(Sections, s => s.Table == table);
        return i < 0 ? Sections.Length : i;
    }

    public static string Title(string table)
    {
        var i = Array.FindIndex(Sections, s => s.Table == table);
        return i < 0 ? Words(table) : Sections[i].Title;
    }

    public static bool Shows(string field) => !HiddenFields.Contains(field);

    /// <summary>Why a whole item is marked as third-party information, or null.</summary>
    public static string? ItemMark(string table) => ItemMarks.GetValueOrDefault(table);

    /// <summary>Why one field is marked as third-party information, or null.</summary>
    public static string? FieldMark(string table, string field) => FieldMarks.GetValueOrDefault((table, field));

    /// <summary>"PresentAndSpokenTo" → "Present and spoken to".</summary>
    public static string Words(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1])) text.Append(' ').Append(char.ToLowerInvariant(c));
            else text.Append(i == 0 ? char.ToUpperInvariant(c) : c);
        }

        return text.ToString();
    }

    /// <summary>What the bundle shows in place of something left out.</summary>
    public static string Placeholder(string action, string reason) => action == RedactionActions.Withhold ? $"[withheld: {reason}]" : $"[redacted: {reason}]";
}
