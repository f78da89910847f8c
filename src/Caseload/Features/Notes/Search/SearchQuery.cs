using System.Globalization;
using System.Text;

namespace Caseload.Features.Notes.Search;

/// <summary>
/// What a person typed into the search box, as terms every result must contain: single words, or "phrases in quotes".
/// Only letters and digits reach the database, so no query syntax of either database can be injected. Pure.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxTerms = 12;
    public const int MaxWordLength = 60;

    private SearchQuery(IReadOnlyList<IReadOnlyList<string>> terms) => Terms = terms;

    /// <summary>Each term is one word or the words of one phrase, lower-cased.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Terms { get; }

    public bool IsEmpty => Terms.Count == 0;

    public static SearchQuery Parse(string? text)
    {
        var terms = new List<IReadOnlyList<string>>();
        if (string.IsNullOrWhiteSpace(text)) return new SearchQuery(terms);
        var inQuote = false;
        var phrase = new List<string>();
        var word = new StringBuilder();

        void EndWord()
        {
            if (word.Length == 0) return;
            var w = word.ToString().ToLower(CultureInfo.InvariantCulture);
            word.Clear();
            if (w.Length > MaxWordLength) w = w[..MaxWordLength];
            if (inQuote) phrase.Add(w);
            else terms.Add([w]);
        }

        foreach (var ch in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(ch))
            {
                word.Append(ch);
                continue;
            }

            EndWord();
            if (ch is '"' or '\u201C' or '\u201D')
            {
                if (inQuote && phrase.Count > 0) terms.Add(phrase.ToList());
                phrase.Clear();
                inQuote = !inQuote;
            }
        }

        EndWord();
        if (inQuote && phrase.Count > 0) terms.Add(phrase.ToList());
        var distinct = terms.DistinctBy(t => string.Join(' ', t), StringComparer.Ordinal).Take(MaxTerms).ToList();
        return new SearchQuery(distinct);
    }

    /// <summary>An FTS5 query: every term as a quoted phrase, all required, within the given columns.</summary>
    public string ToFts5(string columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var terms = string.Join(" AND ", Terms.Select(t => $"\"{string.Join(' ', t)}\""));
        return $"{{{columns}}} : ({terms})";
    }

    /// <summary>Text for PostgreSQL's websearch_to_tsquery: every term quoted, so words such as "or" are not operators.</summary>
    public string ToWebSearch() => string.Join(' ', Terms.Select(t => $"\"{string.Join(' ', t)}\""));

    public override string ToString() => string.Join(' ', Terms.Select(t => t.Count == 1 ? t[0] : $"\"{string.Join(' ', t)}\""));
}
