using System.Globalization;
using System.Text;
using Caseload.Data;
using Caseload.Features.Cases;
using Caseload.Platform.Audit;
using Caseload.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Caseload.Features.People;

/// <summary>What a search for a person asked: name words (folded), a date of birth, or an id; any of them together.</summary>
public sealed record PersonSearchTerms(IReadOnlyList<string> Words, DateOnly? DateOfBirth, Guid? Id)
{
    public bool IsEmpty => Words.Count == 0 && DateOfBirth is null && Id is null;

    /// <summary>What kind of search it was, without what was typed: e.g. "name (2 words), date of birth".</summary>
    public string Kinds => string.Join(", ", new[]
    {
        Words.Count == 0 ? null : $"name ({Words.Count} {(Words.Count == 1 ? "word" : "words")})",
        DateOfBirth is null ? null : "date of birth",
        Id is null ? null : "id",
    }.OfType<string>());
}

/// <summary>A person found, with their open cases that the searcher may see.</summary>
public sealed record PersonFound(Guid Id, string GivenName, string FamilyName, DateOnly DateOfBirth, IReadOnlyList<PersonFoundCase> OpenCases)
{
    public string FullName => $"{GivenName} {FamilyName}";
}

public sealed record PersonFoundCase(Guid CaseId, string Service, CaseStatus Status, Risk Risk, string? AllocatedTo);

/// <summary>The people found; More when more matched than are shown, so the searcher should narrow the search.</summary>
public sealed record PersonSearchResult(PersonSearchTerms Terms, IReadOnlyList<PersonFound> People, bool More);

/// <summary>
/// Search for a person by name (any part of either name, case- and accent-insensitive), date of birth or id, among the people the
/// user may see (<see cref="CaseAccess.VisiblePeopleNarrowed"/>, the same people as VisiblePeople reached from the user's own cases, in SQL). Names are matched on <see cref="Person.SearchName"/>, a folded
/// copy of the names kept with the person: one LIKE per word, which PostgreSQL answers from a trigram index and SQLite from a
/// trigram full-text table of the same names (<see cref="PersonSearchSql"/>; a word under three letters scans the column). Each search is audited as a list view of the
/// open cases it shows and the people it found, by id: never the words typed.
/// </summary>
public static class PersonSearch
{
    public const int MaxResults = 50;
    public const int MaxQueryLength = 200;

    private static readonly string[] DateFormats = ["d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-M-d", "d M yyyy"];

    /// <summary>Lower case, accents and other marks removed, every run of characters that is not a letter or digit one space.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark) continue;
            if (char.IsLetterOrDigit(ch))
            {
                if (space && folded.Length > 0) folded.Append(' ');
                space = false;
                // Letters that do not decompose into a base letter and a mark.
                folded.Append(char.ToLowerInvariant(ch) switch
                {
                    'ß' => "ss",
                    'æ' => "ae",
                    'œ' => "oe",
                    'ø' => "o",
                    'ł' => "l",
                    'đ' or 'ð' => "d",
                    'þ' => "th",
                    'ı' => "i",
                    var lower => lower.ToString(),
                });
            }
            else
            {
                // Apostrophes and hyphens join nothing: "O'Brien" is found by "obrien" only if typed so; "o brien" and "brien" find it.
                space = true;
            }
        }

        return folded.ToString();
    }

    /// <summary>Reads the words typed: a date (3/4/2015, 2015-04-03, or "3 4 2015" alone), an id, the rest name words.</summary>
    public static PersonSearchTerms Parse(string? query)
    {
        var text = (query ?? "").Trim();
        if (text.Length == 0) return new([], null, null);
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var whole)) return new([], whole, null);
        var words = new List<string>();
        DateOnly? dob = null;
        Guid? id = null;
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (dob is null && DateOnly.TryParseExact(part, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) dob = day;
            else if (id is null && Guid.TryParse(part, out var guid)) id = guid;
            else words.AddRange(Fold(part).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        return new(words.Distinct(StringComparer.Ordinal).ToList(), dob, id);
    }

    /// <summary>
    /// The people among <paramref name="people"/> the terms match: the id, the date of birth, and every name word within the
    /// folded name (partial, case- and accent-insensitive). The caller decides whom <paramref name="people"/> holds, and says
    /// whether they are <paramref name="many"/>: on SQLite, among a whole service's people a word is looked up in the trigram
    /// index, while among a practitioner's own few hundred their names are read (a common word such as "smi" has thousands of
    /// people in the index, more than the practitioner has in all).
    /// </summary>
    public static IQueryable<Person> Matching(CaseloadDb db, IQueryable<Person> people, PersonSearchTerms terms, bool many = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Id is { } id) people = people.Where(p => p.Id == id);
        if (terms.DateOfBirth is { } dob) people = people.Where(p => p.DateOfBirth == dob);
        var sqlite = db.Database.IsSqlite();
        foreach (var word in terms.Words)
        {
            // Folded words hold letters and digits only, so nothing in the pattern needs escaping.
            var pattern = $"%{word}%";
            if (sqlite && many && word.Length >= PersonSearchSql.TrigramLength)
            {
                // SQLite: the trigram index of the folded names finds who has the word, instead of every name being read.
                var found = db.Database.SqlQueryRaw<Guid>(PersonSearchSql.SqliteWordSql, pattern);
                people = people.Where(p => found.Contains(p.Id));
            }
            else
            {
                people = people.Where(p => EF.Functions.Like(p.SearchName, pattern));
            }
        }

        return people;
    }

    /// <summary>Whether the user may see a whole service's people (a service manager), rather than those of their own and their teams' cases.</summary>
    public static bool SeesMany(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.ManagedServices.Count > 0;
    }

    public static async Task<PersonSearchResult> RunAsync(CaseloadDb db, AuditTrail audit, CurrentUser user, string? query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(user);
        var terms = Parse(query);
        if (terms.IsEmpty) return new(terms, [], false);

        var people = Matching(db, db.VisiblePeopleNarrowed(user), terms, many: SeesMany(user));
        var found = await people.AsNoTracking()
            .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.DateOfBirth).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.DateOfBirth })
            .Take(MaxResults + 1).ToListAsync(ct);
        var more = found.Count > MaxResults;
        if (more) found.RemoveAt(MaxResults);
        var ids = found.Select(p => p.Id).ToList();
        var cases = ids.Count == 0
            ? []
            : await db.VisibleCases(user).AsNoTracking().Where(c => ids.Contains(c.PersonId) && c.Status != CaseStatus.Closed)
                .OrderBy(c => c.ReferredOn).ThenBy(c => c.Id)
                .Select(c => new { c.PersonId, c.Id, c.Service, c.Status, c.Risk, AllocatedTo = c.AllocatedTo != null ? c.AllocatedTo.DisplayName : null })
                .ToListAsync(ct);
        var casesOf = cases.ToLookup(c => c.PersonId, c => new PersonFoundCase(c.Id, c.Service, c.Status, c.Risk, c.AllocatedTo));
        var result = found.Select(p => new PersonFound(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, casesOf[p.Id].ToList())).ToList();

        // A list view: the open cases shown, and the people found by id (a person without a case shows none). What was typed is
        // not kept, only what kind of search it was: the words are often the person's name, which the append-only trail would
        // keep after the person's records are destroyed.
        var details = $"by={terms.Kinds}; people={result.Count}{(more ? "+" : "")}{(ids.Count == 0 ? "" : ": " + string.Join(',', ids))}";
        await audit.RecordListAsync(user, AuditActions.PersonSearched, cases.Select(c => c.Id), details, result.Count == 1 ? result[0].Id : null, ct);
        return new(terms, result, more);
    }

    /// <summary>
    /// Fills the search names of people stored before search existed (the column was added empty). Cheap when there are none:
    /// one indexed look-up.
    /// </summary>
    public static async Task BackfillAsync(CaseloadDb db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        while (true)
        {
            var batch = await db.People.Where(p => EF.Property<string>(p, nameof(Person.SearchName)) == "").Take(1000).ToListAsync(ct);
            // A name of punctuation alone folds to nothing: such rows stay empty and must not keep the loop going.
            if (batch.Count == 0 || batch.All(p => p.SearchName.Length == 0)) return;
            // Loaded with the stored empty value; marking the column modified writes the one the names give.
            foreach (var person in batch) db.Entry(person).Property(p => p.SearchName).IsModified = true;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            if (batch.Count < 1000) return;
        }
    }
}
