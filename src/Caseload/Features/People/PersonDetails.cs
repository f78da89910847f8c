using System.Text.RegularExpressions;

namespace Caseload.Features.People;

/// <summary>A person's sex as children's services record it (the CIN census's gender item, in words): kebab-case codes.</summary>
public static class Sexes
{
    public const string Female = "female";
    public const string Male = "male";
    public const string Other = "other";
    public const string NotKnown = "not-known";

    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Female] = "Female",
        [Male] = "Male",
        [Other] = "Other",
        [NotKnown] = "Not known",
    };

    public static bool IsKnown(string code) => Titles.ContainsKey(code);

    public static string Title(string code) => Titles.GetValueOrDefault(code, code);
}

/// <summary>
/// Ethnicity by the DfE's main codes as the children in need census uses them (the ONS census categories, with Gypsy or Roma
/// and Traveller of Irish heritage apart), and the DfE's main category each belongs to. Stored and sent as the code ("WBRI").
/// </summary>
public static class Ethnicities
{
    public const string Refused = "REFU";
    public const string NotObtained = "NOBT";

    private static readonly (string Code, string Title, string Group)[] All =
    [
        ("WBRI", "White – English, Welsh, Scottish, Northern Irish or British", "White"),
        ("WIRI", "White – Irish", "White"),
        ("WIRT", "White – Traveller of Irish heritage", "White"),
        ("WROM", "White – Gypsy or Roma", "White"),
        ("WOTH", "White – any other White background", "White"),
        ("MWBC", "Mixed – White and Black Caribbean", "Mixed"),
        ("MWBA", "Mixed – White and Black African", "Mixed"),
        ("MWAS", "Mixed – White and Asian", "Mixed"),
        ("MOTH", "Mixed – any other mixed background", "Mixed"),
        ("AIND", "Asian or Asian British – Indian", "Asian"),
        ("APKN", "Asian or Asian British – Pakistani", "Asian"),
        ("ABAN", "Asian or Asian British – Bangladeshi", "Asian"),
        ("AOTH", "Asian or Asian British – any other Asian background", "Asian"),
        ("BCRB", "Black or Black British – Caribbean", "Black"),
        ("BAFR", "Black or Black British – African", "Black"),
        ("BOTH", "Black or Black British – any other Black background", "Black"),
        ("CHNE", "Chinese", "Chinese"),
        ("OOTH", "Any other ethnic group", "Other"),
        (Refused, "Refused", "Not known"),
        (NotObtained, "Information not yet obtained", "Not known"),
    ];

    public static readonly IReadOnlyDictionary<string, string> Titles = All.ToDictionary(e => e.Code, e => e.Title, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Groups = All.ToDictionary(e => e.Code, e => e.Group, StringComparer.Ordinal);

    public static bool IsKnown(string code) => Titles.ContainsKey(code);

    public static string Title(string code) => Titles.GetValueOrDefault(code, code);

    /// <summary>The major group of a code ("WBRI" → "White"); a code not known is its own group.</summary>
    public static string MajorGroup(string code) => Groups.GetValueOrDefault(code, code);
}

/// <summary>UK postcodes: checked by their shape and written the one way ("ls6 2ab" → "LS6 2AB").</summary>
public static partial class Postcodes
{
    /// <summary>The postcode written in capitals with one space before the inward code, or null when it is not a UK postcode.</summary>
    public static string? Normalise(string? value)
    {
        if (value is null) return null;
        var compact = new string(value.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (compact.Length is < 5 or > 7 || !Compact().IsMatch(compact)) return null;
        return $"{compact[..^3]} {compact[^3..]}";
    }

    /// <summary>The outward code (the postcode district): "LS6 2AB" → "LS6".</summary>
    public static string District(string postcode)
    {
        ArgumentNullException.ThrowIfNull(postcode);
        var normal = Normalise(postcode) ?? throw new ArgumentException("Not a UK postcode.", nameof(postcode));
        return normal[..normal.IndexOf(' ', StringComparison.Ordinal)];
    }

    // The Royal Mail's formats (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA; the inward letters never C I K M O V) and GIR 0AA.
    [GeneratedRegex("^(?:[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][ABD-HJLNP-UW-Z]{2}|GIR0AA)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Compact();
}

/// <summary>A person's sex, ethnicity and postcode as given: each optional, an empty value meaning "not recorded".</summary>
public sealed record PersonDetailsInput(string? Sex, string? Ethnicity, string? Postcode);

/// <summary>Sex, ethnicity and postcode checked and in the form they are stored.</summary>
public sealed record PersonDetailsValues(string? Sex, string? Ethnicity, string? Postcode);

public static class PersonDetailsRules
{
    /// <summary>Checks the details and gives them as stored (trimmed, the postcode normalised, empty as null). Keys are the API's field names.</summary>
    public static (PersonDetailsValues Values, Dictionary<string, string> Errors) Validate(PersonDetailsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        var sex = Blank(input.Sex)?.ToLowerInvariant();
        if (sex is not null && !Sexes.IsKnown(sex)) errors["sex"] = $"Select a sex: {string.Join(", ", Sexes.Titles.Keys)}";
        var ethnicity = Blank(input.Ethnicity)?.ToUpperInvariant();
        if (ethnicity is not null && !Ethnicities.IsKnown(ethnicity))
        {
            errors["ethnicity"] = $"Select an ethnicity from the census codes: {string.Join(", ", Ethnicities.Titles.Keys)}";
        }

        var postcode = Blank(input.Postcode);
        string? normalised = null;
        if (postcode is not null)
        {
            normalised = Postcodes.Normalise(postcode);
            if (normalised is null) errors["postcode"] = "Enter a real postcode, like LS6 2AB";
        }

        return (new PersonDetailsValues(sex, ethnicity, normalised), errors);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
