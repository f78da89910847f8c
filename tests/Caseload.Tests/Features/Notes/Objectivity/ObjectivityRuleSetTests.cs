using Caseload.Features.Notes.Objectivity;

namespace Caseload.Tests.Features.Notes.Objectivity;

public sealed class ObjectivityRuleSetTests
{
    private const string ValidRule = """
        { "id": "judgement-gobby", "category": "judgement", "patterns": [ "gobby" ],
          "message": "A label.", "suggestion": "Record what was said." }
        """;

    [Fact]
    public void Default_rules_load_from_the_embedded_resource_and_cover_every_category()
    {
        var rules = ObjectivityRuleSet.Default;

        Assert.All(Enum.GetValues<ObjectivityCategory>(), category => Assert.Contains(rules.Rules, r => r.Category == category));
        Assert.NotEmpty(rules.SpeechVerbs);
        Assert.NotEmpty(rules.SourcePhrases);
        Assert.NotEmpty(rules.QuestionPhrases);
        Assert.NotEmpty(rules.TimeFrames);
        Assert.All(rules.Rules, r => Assert.Matches("^[a-z0-9-]+$", r.Id));
    }

    [Fact]
    public void Rules_accept_comments_and_trailing_commas()
    {
        var rules = ObjectivityRuleSet.Parse($$"""
            {
              // Added by the service manager.
              "$comment": "ignored",
              "rules": [ {{ValidRule}}, ],
            }
            """);

        Assert.Equal("judgement-gobby", Assert.Single(rules.Rules).Id);
    }

    [Fact]
    public void Invalid_json_is_reported_with_its_position()
    {
        var exception = Assert.Throws<ObjectivityRuleSetException>(() => ObjectivityRuleSet.Parse("{ \"rules\": [ { \"id\": } ] }"));

        var error = Assert.Single(exception.Errors);
        Assert.StartsWith("The rules are not valid JSON", error, StringComparison.Ordinal);
        Assert.Contains("LineNumber", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_in_a_rule_is_reported_at_once()
    {
        var valid = ObjectivityRuleSet.TryParse("""
            { "rules": [ { "category": "opinion", "patterns": [], "exceptWithTimeFrame": "yes" } ] }
            """, out var rules, out var errors);

        Assert.False(valid);
        Assert.Null(rules);
        Assert.Equal(
            [
                "rules[0]: enter an id.",
                "rules[0]: the category \"opinion\" is not one of judgement, certainty, speculation, value-laden, generalisation, prediction, favourable-judgement.",
                "rules[0]: enter a message that explains the problem.",
                "rules[0]: enter a suggestion of what to record instead.",
                "rules[0]: enter at least one pattern in \"patterns\".",
                "rules[0]: \"exceptWithTimeFrame\" must be true or false.",
            ],
            errors);
    }

    [Fact]
    public void The_exception_message_lists_every_error()
    {
        var exception = Assert.Throws<ObjectivityRuleSetException>(() => ObjectivityRuleSet.Parse("""
            { "rules": [ { "id": "Bad Id", "category": "judgement", "patterns": [ "x*" ], "message": "m", "suggestion": "s" } ] }
            """));

        Assert.Equal(2, exception.Errors.Count);
        Assert.All(exception.Errors, e => Assert.Contains(e, exception.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("a*", "fewer than 3 letters before '*'")]
    [InlineData("*lazy", "'*' that is not at the end of a word")]
    [InlineData("la*zy", "'*' that is not at the end of a word")]
    [InlineData("lazy[", "misplaced bracket")]
    [InlineData("[very]", "only optional words")]
    [InlineData("[a] [b] [c] [d] lazy", "more than 3 optional words")]
    [InlineData("so|non-compliant", "hyphenated word among alternatives")]
    [InlineData("[non-compliant] parent", "optional hyphenated word")]
    [InlineData("(lazy)", "the character '('")]
    [InlineData("lazy.*", "the character '.'")]
    [InlineData("lazy||idle", "empty word")]
    [InlineData("_ lazy", "starts with \"_\"")]
    [InlineData("one two three four five six seven eight nine", "more than 8 words")]
    public void Malformed_or_unsafe_patterns_are_rejected_with_a_reason(string pattern, string reason)
    {
        var json = $$"""
            { "rules": [ { "id": "x", "category": "judgement", "patterns": [ {{System.Text.Json.JsonSerializer.Serialize(pattern)}} ],
              "message": "m", "suggestion": "s" } ] }
            """;

        var exception = Assert.Throws<ObjectivityRuleSetException>(() => ObjectivityRuleSet.Parse(json));

        var error = Assert.Single(exception.Errors);
        Assert.StartsWith("rules[0] (\"x\"): patterns[0]", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_rule_ids_are_rejected()
    {
        var valid = ObjectivityRuleSet.TryParse($$"""{ "rules": [ {{ValidRule}}, {{ValidRule}} ] }""", out _, out var errors);

        Assert.False(valid);
        Assert.Equal("rules[1]: the id \"judgement-gobby\" is used by another rule.", Assert.Single(errors));
    }

    [Fact]
    public void Unknown_properties_are_rejected_so_typos_do_not_pass_silently()
    {
        var valid = ObjectivityRuleSet.TryParse("""
            { "rule": [],
              "rules": [ { "id": "x", "category": "judgement", "pattern": [ "lazy" ], "patterns": [ "lazy" ], "message": "m", "suggestion": "s" } ] }
            """, out _, out var errors);

        Assert.False(valid);
        Assert.Equal(
            [
                "Unknown property \"rule\" (expected rules, speechVerbs, sourcePhrases, questionPhrases or timeFrames).",
                "rules[0] (\"x\"): unknown property \"pattern\".",
            ],
            errors);
    }

    [Fact]
    public void Bad_speech_verbs_and_time_frames_are_reported()
    {
        var valid = ObjectivityRuleSet.TryParse("""{ "speechVerbs": [ "said", 3 ], "timeFrames": "today" }""", out _, out var errors);

        Assert.False(valid);
        Assert.Equal(["speechVerbs: speechVerbs[1] must be a string.", "timeFrames: \"timeFrames\" must be an array of strings."], errors);
    }

    [Fact]
    public void Extra_rules_are_applied_together_with_the_default_rules()
    {
        var check = new ObjectivityCheck(ObjectivityRuleSet.Default.CombineWith(ObjectivityRuleSet.Parse($$"""{ "rules": [ {{ValidRule}} ] }""")));
        const string text = "She was gobby with staff and the flat was filthy.";

        var findings = check.Check(text);

        Assert.Equal(["judgement-gobby", "value-laden-emotive"], findings.Select(f => f.RuleId));
        Assert.Equal("A label.", findings[0].Message);
        Assert.Equal("Record what was said.", findings[0].Suggestion);
    }

    [Fact]
    public void An_extra_rule_with_the_id_of_a_default_rule_replaces_it()
    {
        var original = ObjectivityRuleSet.Default.Rules.Single(r => r.Id == "generalisation-absolute");
        var disabled = ObjectivityRuleSet.Parse("""
            { "rules": [ { "id": "generalisation-absolute", "category": "generalisation", "patterns": [ "always" ],
                           "message": "m", "suggestion": "s", "enabled": false } ] }
            """);

        var combined = ObjectivityRuleSet.Default.CombineWith(disabled);

        Assert.Equal(ObjectivityRuleSet.Default.Rules.Count, combined.Rules.Count);
        Assert.False(combined.Rules.Single(r => r.Id == original.Id).Enabled);
        Assert.Empty(new ObjectivityCheck(combined).Check("He never listens to staff."));
        Assert.NotEmpty(ObjectivityCheck.Default.Check("He never listens to staff."));
    }

    [Fact]
    public void Extra_speech_verbs_extend_reported_speech()
    {
        const string text = "Dad grumbled that the school is terrible.";
        var combined = ObjectivityRuleSet.Default.CombineWith(ObjectivityRuleSet.Parse("""{ "speechVerbs": [ "grumbled" ] }"""));

        Assert.NotEmpty(ObjectivityCheck.Default.Check(text));
        Assert.Empty(new ObjectivityCheck(combined).Check(text));
    }

    [Theory]
    [InlineData("attention-seeking", "She is attention seeking.", "attention seeking")]
    [InlineData("attention seeking", "She is attention-seeking.", "attention-seeking")]
    [InlineData("manipulat*", "He was manipulating staff.", "manipulating")]
    [InlineData("typical of this family", "It is typical of this family's approach.", "typical of this family's")]
    [InlineData("[very] rude", "He was very rude.", "very rude")]
    [InlineData("is|was rude", "He was rude.", "was rude")]
    [InlineData("rude _ staff", "He was rude to staff.", "rude to staff")]
    [InlineData("don't care", "She said nothing. He don’t care.", "don’t care")]
    public void Patterns_match_whole_words_with_their_variants(string pattern, string text, string flagged)
    {
        var check = new ObjectivityCheck(ObjectivityRuleSet.Parse($$"""
            { "rules": [ { "id": "x", "category": "judgement", "patterns": [ {{System.Text.Json.JsonSerializer.Serialize(pattern)}} ],
              "message": "m", "suggestion": "s" } ] }
            """));

        var finding = Assert.Single(check.Check(text));

        Assert.Equal(flagged, text.Substring(finding.Start, finding.Length));
    }

    [Theory]
    [InlineData("manipulat*", "The results were unmanipulated.")]
    [InlineData("rude", "The prudent choice.")]
    [InlineData("is rude", "It is, rudely, late.")]
    public void Patterns_do_not_match_inside_words(string pattern, string text)
    {
        var check = new ObjectivityCheck(ObjectivityRuleSet.Parse($$"""
            { "rules": [ { "id": "x", "category": "judgement", "patterns": [ "{{pattern}}" ], "message": "m", "suggestion": "s" } ] }
            """));

        Assert.Empty(check.Check(text));
    }

    [Fact]
    public void An_exception_covering_the_match_stops_the_rule()
    {
        var check = new ObjectivityCheck(ObjectivityRuleSet.Parse("""
            { "rules": [ { "id": "x", "category": "certainty", "patterns": [ "clearly" ], "exceptions": [ "clearly visible", "spoke clearly" ],
              "message": "m", "suggestion": "s" } ] }
            """));

        Assert.Empty(check.Check("The mark was clearly visible and she spoke clearly."));
        Assert.Single(check.Check("She was clearly upset."));
    }
}
