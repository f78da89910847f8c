using Caseload.Features.Notes.Objectivity.Manage;
using Caseload.Features.Notes;
using Caseload.Features.Notes.Objectivity;

namespace Caseload.Tests.Features.Notes.Objectivity.Manage;

/// <summary>The built-in rules combined with stored ones, and an administrator's rule validated field by field.</summary>
public sealed class ObjectivityRulesCombinationTests
{
    private static ObjectivityRuleVersion Local(string id, string phrases, StoredRuleState state = StoredRuleState.InForce, string? exceptions = null) => new()
    {
        RuleId = id,
        Number = 1,
        IsCurrent = true,
        State = state,
        Category = "judgement",
        Phrases = phrases,
        Exceptions = exceptions,
        Message = "A label of the person.",
        Suggestion = "Record what was said or done.",
        ChangedById = "u1",
        ChangedByName = "ada.admin",
        Reason = "Local usage",
    };

    private static ObjectivityRuleVersion SwitchedOff(string id) => new()
    {
        RuleId = id,
        Number = 1,
        IsCurrent = true,
        BuiltIn = true,
        State = StoredRuleState.SwitchedOff,
        ChangedById = "u1",
        ChangedByName = "ada.admin",
        Reason = "False alarms",
    };

    private static IReadOnlyList<string> Flagged(ObjectivityRuleSet rules, string text) =>
        [.. new ObjectivityCheck(rules).Check(text).Select(f => text.Substring(f.Start, f.Length))];

    [Fact]
    public void A_stored_rule_flags_alongside_the_built_in_rules()
    {
        var rules = ObjectivityRulesInForce.Combine(ObjectivityRuleSet.Default, [Local("local-1", "mardy\nmouthy")]);

        Assert.Equal(["mardy", "lazy"], Flagged(rules, "He was mardy and lazy."));
        Assert.Equal("local-1", new ObjectivityCheck(rules).Check("She is mouthy.").Single().RuleId);
    }

    [Fact]
    public void A_stored_rule_keeps_the_checks_treatment_of_quoted_and_reported_speech()
    {
        var rules = ObjectivityRulesInForce.Combine(ObjectivityRuleSet.Default, [Local("local-1", "mardy")]);

        Assert.Empty(Flagged(rules, "Mum said he is \"mardy\" at home."));
        Assert.Empty(Flagged(rules, "His teacher said he was mardy in class."));
    }

    [Fact]
    public void Retired_rules_do_not_flag()
    {
        // A word no built-in rule or word class knows, so only the stored rule could flag it.
        var rules = ObjectivityRulesInForce.Combine(ObjectivityRuleSet.Default, [Local("local-1", "frimbly", StoredRuleState.Retired)]);

        Assert.Empty(Flagged(rules, "He was frimbly."));
        Assert.Equal(["frimbly"], Flagged(ObjectivityRulesInForce.Combine(ObjectivityRuleSet.Default, [Local("local-1", "frimbly")]), "He was frimbly."));
    }

    [Fact]
    public void A_built_in_rule_switched_off_stops_flagging_and_the_others_still_flag()
    {
        var rules = ObjectivityRulesInForce.Combine(ObjectivityRuleSet.Default, [SwitchedOff("judgement-lazy")]);

        // "lazy" may still be caught by the broad verdict patterns; the rule switched off no longer finds anything.
        var findings = new ObjectivityCheck(rules).Check("He was lazy and clearly tired.");
        Assert.DoesNotContain(findings, f => f.RuleId == "judgement-lazy");
        Assert.Contains(findings, f => f.RuleId == "judgement-lazy" || "He was lazy and clearly tired.".Substring(f.Start, f.Length) == "clearly");
        Assert.Contains(new ObjectivityCheck(ObjectivityRuleSet.Default).Check("He was lazy and clearly tired."), f => f.RuleId == "judgement-lazy");
        Assert.False(rules.Rules.Single(r => r.Id == "judgement-lazy").Enabled);
    }

    [Fact]
    public void Exceptions_of_a_stored_rule_apply()
    {
        var rules = ObjectivityRulesInForce.Combine(ObjectivityRuleSet.Default, [Local("local-1", "mardy", exceptions: "mardy lane")]);

        Assert.Equal(["mardy"], Flagged(rules, "He was mardy."));
        Assert.Empty(Flagged(rules, "We met in Gobby Lane."));
    }

    [Fact]
    public void A_stored_rule_that_no_longer_validates_is_left_out_and_reported()
    {
        var problems = new List<string>();
        var rules = ObjectivityRulesInForce.Combine(ObjectivityRuleSet.Default, [Local("local-1", "gob(by"), Local("local-2", "mouthy")], (id, _) => problems.Add(id));

        Assert.Equal(["local-1"], problems);
        Assert.Equal(["mouthy"], Flagged(rules, "She is mouthy."));
    }

    [Theory]
    [InlineData("(lazy|idle)+", "Phrase 1")]
    [InlineData("a*", "Phrase 1")]
    [InlineData("mardy\n[never]", "Phrase 2")]
    [InlineData("_ mardy", "Phrase 1")]
    public void Bad_phrases_are_refused_with_a_readable_message(string phrases, string where)
    {
        var errors = ObjectivityRuleInputRules.Validate("local-1", new ObjectivityRuleInput("judgement", phrases, null, "A label.", "Record facts."), out var rule);

        Assert.Null(rule);
        Assert.StartsWith(where, errors["phrases"], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_missing_field_is_named_in_govuk_wording()
    {
        var errors = ObjectivityRuleInputRules.Validate("local-1", new ObjectivityRuleInput(null, " \n ", null, "", null), out var rule);

        Assert.Null(rule);
        Assert.Equal("Select a category", errors["category"]);
        Assert.Equal("Enter at least one phrase to look for", errors["phrases"]);
        Assert.Equal("Enter a message that explains why the phrase records opinion rather than fact", errors["message"]);
        Assert.Equal("Enter a suggestion of what to record instead", errors["suggestion"]);
    }

    [Fact]
    public void An_unknown_category_is_refused()
    {
        var errors = ObjectivityRuleInputRules.Validate("local-1", new ObjectivityRuleInput("rude", "mardy", null, "A label.", "Record facts."), out _);

        Assert.Contains("value-laden", errors["category"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_rule_is_made_with_its_lines_trimmed_and_deduplicated()
    {
        var errors = ObjectivityRuleInputRules.Validate("local-7", new ObjectivityRuleInput("value-laden", " vile \r\nVile\n\nfoul-mouthed ", "", " Emotive. ", "Quote the words."), out var rule);

        Assert.Empty(errors);
        Assert.Equal(["vile", "foul-mouthed"], rule!.Patterns);
        Assert.Equal(ObjectivityCategory.ValueLaden, rule.Category);
        Assert.Equal("Emotive.", rule.Message);
    }
}
