using System.Text.Json;
using Caseload.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caseload.Features.DataProtection.Retention;

/// <summary>What a retention period runs from.</summary>
public static class RetentionAnchors
{
    public const string DateOfBirth = "date-of-birth";
    public const string Closure = "closure";
    public const string LastContact = "last-contact";

    /// <summary>The court order that ended the case (an adoption order); Caseload holds no order date, so the closure date stands in for it.</summary>
    public const string OrderDate = "order-date";

    /// <summary>The day the person stops being eligible for the service: their 19th birthday, or 25th with an EHC plan.</summary>
    public const string EndOfEligibility = "end-of-eligibility";

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [DateOfBirth] = "date of birth",
        [Closure] = "closure of the case",
        [LastContact] = "last contact",
        [OrderDate] = "the order (closure of the case)",
        [EndOfEligibility] = "the end of eligibility (19th birthday, 25th with an EHC plan)",
    };
}

/// <summary>The classes of record the schedule names; a case's class follows from its service, the person's characteristics and the closure reason.</summary>
public static class RecordClasses
{
    public const string Adoption = "adoption";
    public const string LookedAfter = "looked-after";
    public const string ChildProtection = "child-protection";
    public const string ChildInNeed = "child-in-need";
    public const string EarlyHelp = "early-help";
    public const string Send = "send";
    public const string Careers = "careers";
    public const string YouthSupport = "youth-support";
}

/// <summary>One line of the schedule: a service's class of record is kept for so many years from its anchor; the source says why.</summary>
public sealed record RetentionRule(string Service, string RecordClass, int Years, string RunsFrom, string Source)
{
    public string Describe() => $"{Years} years from {RetentionAnchors.Titles.GetValueOrDefault(RunsFrom, RunsFrom)}";
}

/// <summary>
/// The retention schedule the DPO keeps: one rule a service and class of record. A case whose class has no rule falls to
/// <see cref="Fallback"/>, the most conservative period (75 years from birth), so a gap in the schedule never destroys early.
/// </summary>
public sealed record RetentionSchedule(IReadOnlyList<RetentionRule> Rules)
{
    public const int MaxYears = 150;
    public const int MaxSourceLength = 500;
    public const int MaxRules = 100;

    public static readonly RetentionRule Fallback = new("*", "*", 75, RetentionAnchors.DateOfBirth,
        "No rule for this class of record: kept as long as the longest period in the schedule (conservative)");

    /// <summary>The default schedule; README (Retention) gives each source in full.</summary>
    public static readonly RetentionSchedule Default = new(
    [
        // Disclosure of Adoption Information (Post-Commencement Adoptions) Regulations 2005 reg 6: at least 100 years from the adoption order.
        new(Services.ChildrensSocialCare, RecordClasses.Adoption, 100, RetentionAnchors.OrderDate, "Disclosure of Adoption Information (Post-Commencement Adoptions) Regulations 2005 reg 6: at least 100 years from the adoption order"),
        // Care Planning, Placement and Case Review (England) Regulations 2010 reg 50: until the 75th anniversary of birth.
        new(Services.ChildrensSocialCare, RecordClasses.LookedAfter, 75, RetentionAnchors.DateOfBirth, "Care Planning, Placement and Case Review (England) Regulations 2010 reg 50: until the 75th anniversary of birth"),
        new(Services.ChildrensSocialCare, RecordClasses.ChildProtection, 40, RetentionAnchors.LastContact, "IRMS Retention Guidelines for Local Authorities (child protection): 40 years from last contact, the longest period local authorities commonly keep (conservative)"),
        new(Services.ChildrensSocialCare, RecordClasses.ChildInNeed, 40, RetentionAnchors.LastContact, "IRMS Retention Guidelines for Local Authorities: kept as child protection records (conservative; most schedules keep these to 25th birthday)"),
        new(Services.EarlyHelp, RecordClasses.EarlyHelp, 25, RetentionAnchors.DateOfBirth, "IRMS Retention Guidelines for Local Authorities (early help): until the 25th birthday (Limitation Act 1980 s.28: 6 years after majority, plus one)"),
        new(Services.Send, RecordClasses.Send, 31, RetentionAnchors.DateOfBirth, "IRMS Toolkit (SEN files, EHC plans and reviews): date of birth + 31 years"),
        new(Services.CareersIag, RecordClasses.Careers, 6, RetentionAnchors.EndOfEligibility, "Limitation Act 1980 s.2 and s.5: 6 years after eligibility ends (Education and Skills Act 2008 s.68: support to 19, or 25 with an EHC plan)"),
        new(Services.YouthSupport, RecordClasses.YouthSupport, 25, RetentionAnchors.DateOfBirth, "IRMS Retention Guidelines for Local Authorities (youth work): until the 25th birthday"),
    ]);

    public RetentionRule RuleFor(string service, string recordClass) =>
        Rules.FirstOrDefault(r => r.Service == service && r.RecordClass == recordClass) ?? Fallback;

    /// <summary>Problems with the schedule, keyed by the field as the API names it ("rules[2].years").</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (Rules.Count == 0) errors["rules"] = "Enter at least one rule";
        if (Rules.Count > MaxRules) errors["rules"] = $"The schedule can have at most {MaxRules} rules";
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < Rules.Count; i++)
        {
            var r = Rules[i];
            var at = $"rules[{i}]";
            if (r is null) { errors[at] = "Enter the rule"; continue; }
            if (!Services.IsKnown(r.Service)) errors[$"{at}.service"] = "Select a service Caseload knows";
            if (string.IsNullOrWhiteSpace(r.RecordClass) || r.RecordClass.Length > 50 || !r.RecordClass.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                errors[$"{at}.recordClass"] = "Enter the class of record in lower case letters, digits and hyphens (50 characters or fewer)";
            }

            if (r.Years is < 1 or > MaxYears) errors[$"{at}.years"] = $"Enter a number of years from 1 to {MaxYears}";
            if (r.RunsFrom is null || !RetentionAnchors.Titles.ContainsKey(r.RunsFrom)) errors[$"{at}.runsFrom"] = "Select what the period runs from";
            if (string.IsNullOrWhiteSpace(r.Source)) errors[$"{at}.source"] = "Enter the source of the rule";
            else if (r.Source.Length > MaxSourceLength) errors[$"{at}.source"] = $"The source must be {MaxSourceLength} characters or fewer";
            if (r.Service is not null && r.RecordClass is not null && !seen.Add((r.Service, r.RecordClass))) errors[$"{at}.recordClass"] = "This service already has a rule for this class of record";
        }

        return errors;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(Rules, Json);

    public static RetentionSchedule? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<RetentionRule>>(json, Json) is { } rules ? new RetentionSchedule(rules) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A version of the retention schedule the DPO saved, with who, when and why. The newest is in force; none saved means the default.</summary>
public sealed class RetentionScheduleVersion
{
    public const int MaxReasonLength = 1000;

    public int Id { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedByName { get; set; }
    public required string Reason { get; set; }
}

public sealed class RetentionScheduleVersionConfiguration : IEntityTypeConfiguration<RetentionScheduleVersion>
{
    public void Configure(EntityTypeBuilder<RetentionScheduleVersion> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("RetentionScheduleVersions");
        builder.Property(v => v.ChangedByName).HasMaxLength(256);
        builder.Property(v => v.Reason).HasMaxLength(RetentionScheduleVersion.MaxReasonLength);
    }
}
