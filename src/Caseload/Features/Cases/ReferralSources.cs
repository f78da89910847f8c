namespace Caseload.Features.Cases;

/// <summary>A source of referral: its code, its words and the broad group the demand report draws it in.</summary>
public sealed record ReferralSourceOption(string Code, string Title, string Group)
{
    public string Label => $"{Code} – {Title}";
}

/// <summary>
/// Where a referral came from, one list for every service so demand compares across them: the DfE children in need census
/// referral sources (CINreferralSource, N00152), which children's social care returns and which fit early help, SEND, careers
/// and youth referrals as well. Optional on a case; a code not in the list is refused naming <c>referralSource</c>.
/// </summary>
public static class ReferralSources
{
    public const string FamilyOrSelf = "Family, self or another individual";
    public const string Education = "Schools and education";
    public const string Health = "Health services";
    public const string PoliceOrLegal = "Police and legal agencies";
    public const string LocalAuthority = "Local authority services and housing";
    public const string Other = "Other, anonymous or unknown";

    /// <summary>The groups in the order the demand report shows them.</summary>
    public static readonly IReadOnlyList<string> Groups = [FamilyOrSelf, Education, Health, PoliceOrLegal, LocalAuthority, Other];

    public static readonly IReadOnlyList<ReferralSourceOption> All =
    [
        new("1A", "Individual: family member, relative or carer", FamilyOrSelf),
        new("1B", "Individual: acquaintance, including neighbours and child minders", FamilyOrSelf),
        new("1C", "Individual: self", FamilyOrSelf),
        new("1D", "Individual: other", FamilyOrSelf),
        new("2A", "Schools", Education),
        new("2B", "Education services", Education),
        new("3A", "Health services: GP", Health),
        new("3B", "Health services: health visitor", Health),
        new("3C", "Health services: school nurse", Health),
        new("3D", "Health services: other primary health services", Health),
        new("3E", "Health services: A&E", Health),
        new("3F", "Health services: other", Health),
        new("4", "Housing (local authority housing or housing association)", LocalAuthority),
        new("5A", "Local authority services: social care, for example adult social care", LocalAuthority),
        new("5B", "Local authority services: other internal", LocalAuthority),
        new("5C", "Local authority services: external, for example another authority", LocalAuthority),
        new("5D", "Local authority services: early help", LocalAuthority),
        new("6", "Police", PoliceOrLegal),
        new("7", "Other legal agency, including courts, probation, immigration and Cafcass", PoliceOrLegal),
        new("8", "Other, including children's centres and voluntary organisations", Other),
        new("9", "Anonymous", Other),
        new("10", "Unknown", Other),
    ];

    public static string Codes => string.Join(", ", All.Select(s => s.Code));

    public static ReferralSourceOption? Find(string? code) => code is null ? null : All.FirstOrDefault(s => string.Equals(s.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string GroupOf(string? code) => Find(code)?.Group ?? NotRecorded;

    public const string NotRecorded = "Not recorded";
}
