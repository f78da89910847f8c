using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Caseload.Features.DataProtection.Exports;

/// <summary>Someone a record names, and the words that stand for them in an anonymised copy ("the young person", "Mother", "the practitioner").</summary>
public sealed record NamedPerson(string Name, string RoleWord);

/// <summary>
/// Takes direct identifiers out of free text: the names of the people a record knows about (the person, the people recorded
/// around them, the workers), replaced by role words; people named beside a relationship ("Mother (Jane Smith)", "Jane Smith
/// (mother)"), replaced by the relationship; and phone numbers, emails, postcodes, dates, the app's ids, NHS numbers, unique
/// pupil numbers and other long numbers, replaced by a bracketed word. Names the record does not know, outside such a pattern,
/// cannot be found: an export is for people who may see de-identified data, not for publication.
/// </summary>
public sealed partial class TextScrubber
{
    private const string NotWord = @"(?<![\p{L}\p{M}\p{N}])";
    private const string WordEnd = @"(?![\p{L}\p{M}\p{N}])";

    private readonly List<(Regex Pattern, string RoleWord)> _names = [];

    public TextScrubber(IEnumerable<NamedPerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        // Every spelling of every name, longest first so that "Sarah Jane Smith" goes before "Sarah"; a spelling two people
        // share stands for the first listed (the young person comes first).
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var variants = new List<(string Text, string RoleWord, int Order)>();
        var order = 0;
        foreach (var person in people)
        {
            order++;
            foreach (var v in Variants(person.Name))
            {
                if (seen.Add(v)) variants.Add((v, person.RoleWord, order));
            }
        }

        foreach (var (text, role, _) in variants.OrderByDescending(v => v.Text.Length).ThenBy(v => v.Order))
        {
            _names.Add((NamePattern(text), role));
        }
    }

    /// <summary>The text with every identifier this scrubber knows replaced; null stays null.</summary>
    public string? Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var s = ScrubPatterns(text.Replace("\u0001", "", StringComparison.Ordinal).Replace("\u0002", "", StringComparison.Ordinal));
        s = Relationship().Replace(s, m => Capitalised(m.Groups["rel"].Value));
        s = RelationshipAfter().Replace(s, m => Capitalised(m.Groups["rel"].Value));
        // Each name becomes a marker first and its role word only at the end, so that no role word is taken for a name
        // ("the practitioner" for a worker whose family name is Practitioner).
        for (var i = 0; i < _names.Count; i++)
        {
            var marker = $"\u0001{i}\u0002";
            s = _names[i].Pattern.Replace(s, m => marker + (m.Groups["poss"].Success ? "'s" : ""));
        }

        return Marker().Replace(s, m => _names[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)].RoleWord);
    }

    /// <summary>Phone numbers, emails, postcodes, dates, ids and long numbers, whoever the record names.</summary>
    public static string ScrubPatterns(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = Link().Replace(text, "[link]");
        s = Email().Replace(s, "[email]");
        s = Guid().Replace(s, "[id]");
        // Anything shaped like a postcode goes, valid or mistyped: a mistyped one still points at a street.
        s = Postcode().Replace(s, "[postcode]");
        s = Upn().Replace(s, "[UPN]");
        s = Phone().Replace(s, m => m.Value.Count(char.IsAsciiDigit) is >= 10 and <= 13 ? "[phone]" : m.Value);
        s = NhsNumber().Replace(s, "[NHS number]");
        s = NumericDate().Replace(s, "[date]");
        s = WrittenDate().Replace(s, "[date]");
        s = LongNumber().Replace(s, "[number]");
        return s;
    }

    /// <summary>A UK postcode written without spaces, upper case ("LS62AB", "SW1A1AA").</summary>
    public static bool IsPostcode(string compact) => CompactPostcode().IsMatch(compact);

    /// <summary>The spellings a name is written in: whole, each part (of several names, of a hyphenated or apostrophed one), with and without accents and with either apostrophe.</summary>
    public static IEnumerable<string> Variants(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var whole = Collapse(name);
        if (whole.Length < 2) yield break;
        var parts = new List<string> { whole };
        foreach (var word in whole.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            parts.Add(word);
            foreach (var piece in word.Split(['-', '‐'], StringSplitOptions.RemoveEmptyEntries)) parts.Add(piece);
        }

        foreach (var part in parts.Distinct(StringComparer.Ordinal))
        {
            // A single letter (an initial) or a bare prefix ("O'") would match inside ordinary words.
            if (part.Count(char.IsLetter) < 2) continue;
            yield return part;
            var folded = Fold(part);
            if (folded != part) yield return folded;
        }
    }

    private static string Collapse(string name) => string.Join(' ', name.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Accents folded ("Zoë" → "Zoe", "Siân" → "Sian"); other characters unchanged.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var b = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) b.Append(c);
        }

        return b.ToString().Normalize(NormalizationForm.FormC);
    }

    private static Regex NamePattern(string name)
    {
        var body = new StringBuilder();
        foreach (var c in name)
        {
            body.Append(c switch
            {
                '\'' or '’' => "['’]",
                ' ' => @"\s+",
                '-' or '‐' => "[-‐]",
                _ => Regex.Escape(c.ToString()),
            });
        }

        // A name that is also an everyday word ("Hope", "Will", "Brown") counts only with its capital: "Will said he will
        // come" loses the name, not the verb. Other names count however they are cased.
        var common = CommonWords.Contains(name);
        var options = RegexOptions.CultureInvariant | (common ? RegexOptions.None : RegexOptions.IgnoreCase);
        var title = @"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?";
        return new Regex($"{NotWord}{title}{body}(?<poss>['’]s)?{WordEnd}", options, TimeSpan.FromSeconds(1));
    }

    private static string Capitalised(string relationship)
    {
        var lower = relationship.ToLowerInvariant();
        return lower.Length == 0 ? lower : char.ToUpperInvariant(lower[0]) + lower[1..];
    }

    private const string Relations =
        "mother|father|mum|dad|mam|stepmother|stepfather|step-mother|step-father|stepmum|stepdad|grandmother|grandfather|grandma|grandad|granddad|nan|nana|"
        + "aunt|auntie|uncle|sister|brother|half-sister|half-brother|stepsister|stepbrother|cousin|carer|foster carer|kinship carer|guardian|partner|"
        + "boyfriend|girlfriend|friend|neighbour|parent";

    // A capitalised word that is not a relationship word: a name.
    private const string CapWord = @"(?!(?i:" + Relations + @")\b)\p{Lu}[\p{L}\p{M}'’-]+";

    /// <summary>"Mother (Jane Smith)", "mum Jane", "Dad: John Smith" → the relationship.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{M}])(?<rel>(?i:" + Relations + @"))(?:\s*\(\s*|\s*:\s*|\s+)" + CapWord + @"(?:\s+" + CapWord + @"){0,2}(?:\s*\))?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Relationship();

    /// <summary>"Jane Smith (mother)" → the relationship.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{M}])" + CapWord + @"(?:\s+" + CapWord + @"){0,2}\s*\(\s*(?<rel>(?i:" + Relations + @"))\s*\)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex RelationshipAfter();

    [GeneratedRegex("\u0001([0-9]+)\u0002", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Marker();

    [GeneratedRegex(@"\bhttps?://\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Link();

    [GeneratedRegex(@"[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Guid();

    [GeneratedRegex(@"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Postcode();

    // Outward code (area letters, district) then inward code (sector digit, unit letters); the GIR 0AA special case aside.
    [GeneratedRegex(@"^(?:[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][ABD-HJLNP-UW-Z]{2}|GIR0AA)$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CompactPostcode();

    // Unique pupil number (DfE): a check letter, 11 digits, then a digit or a letter (a temporary UPN).
    [GeneratedRegex(@"\b[A-Z][0-9]{11}[0-9A-Z]\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Upn();

    // A UK number from +44 or 0, with spaces, hyphens or brackets between digits; its digits are counted before it is replaced.
    [GeneratedRegex(@"(?<![\w+])(?:\+\s?44\s?(?:\(0\)\s?)?|\(?0)[0-9][0-9\s\-()]{7,15}[0-9](?![0-9])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Phone();

    // NHS number: ten digits, often written 3-3-4.
    [GeneratedRegex(@"(?<![0-9])[0-9]{3}[\s-]?[0-9]{3}[\s-]?[0-9]{4}(?![0-9])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NhsNumber();

    [GeneratedRegex(@"(?<![0-9])(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2}))(?![0-9])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\b[0-9]{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:,?\s+[0-9]{4})?\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WrittenDate();

    [GeneratedRegex(@"(?<![0-9])[0-9][0-9\s-]{4,}[0-9](?![0-9])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LongNumber();

    /// <summary>Names that are also everyday English words: matched only when capitalised.</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Hope", "Will", "Joy", "May", "Rose", "Grace", "Faith", "Summer", "Autumn", "Dawn", "Holly", "Ivy", "Daisy", "Amber", "Ruby",
        "Pearl", "Crystal", "Violet", "Iris", "Lily", "Poppy", "Heather", "Hazel", "Robin", "Jay", "Bill", "Mark", "Pat", "Sue", "Rob",
        "Jack", "Penny", "Frank", "Guy", "Rich", "Art", "Bob", "Sunny", "Sky", "River", "Brook", "Star", "Honey", "Sandy", "Rusty",
        "Brown", "White", "Green", "Black", "Grey", "Gray", "Young", "King", "Wood", "Hill", "Page", "Bell", "Long", "Little", "Wall",
        "Lane", "Ford", "Field", "Cook", "Baker", "Price", "Hunter", "Mason", "Miller", "Turner", "Walker", "Carter", "Shepherd",
        "Fisher", "Marsh", "Moss", "Stone", "Rice", "Swift", "Small", "Sharp", "Strong", "Best", "Church", "Park", "North", "South",
        "West", "East", "Day", "Knight", "Bishop", "Chance", "Story", "Noble", "Love", "Wise", "Gold", "Silver", "Banks", "Lamb",
        "Fox", "Hart", "Bird", "Bush", "Read", "Reed", "Booth", "Hall", "Bond", "Major", "Cross", "Fair", "Sterling", "Winter",
    };
}
