using Caseload.Features.Notes.Search;

namespace Caseload.Tests.Features.Notes;

public sealed class SearchQueryTests
{
    [Fact]
    public void Words_and_quoted_phrases_become_terms_in_lower_case()
    {
        var q = SearchQuery.Parse("Bruise \"school gate\" MUM");
        Assert.Equal([["bruise"], ["school", "gate"], ["mum"]], q.Terms.Select(t => t.ToArray()));
        Assert.Equal("bruise \"school gate\" mum", q.ToString());
    }

    [Fact]
    public void Operators_and_punctuation_of_either_database_are_only_separators()
    {
        var q = SearchQuery.Parse("NEAR(mum* -dad) OR col:\"x");
        Assert.Equal(["near", "mum", "dad", "or", "col", "x"], q.Terms.Select(t => string.Join(' ', t)));
        Assert.Equal("{A B} : (\"near\" AND \"mum\" AND \"dad\" AND \"or\" AND \"col\" AND \"x\")", q.ToFts5("A B"));
        Assert.Equal("\"near\" \"mum\" \"dad\" \"or\" \"col\" \"x\"", q.ToWebSearch());
    }

    [Fact]
    public void Nothing_to_search_for_is_empty_and_repeats_and_long_queries_are_trimmed()
    {
        Assert.True(SearchQuery.Parse("  \"\" ... ").IsEmpty);
        Assert.True(SearchQuery.Parse(null).IsEmpty);
        Assert.Single(SearchQuery.Parse("mum Mum MUM").Terms);
        Assert.Equal(SearchQuery.MaxTerms, SearchQuery.Parse(string.Join(' ', Enumerable.Range(0, 30).Select(i => $"w{i}"))).Terms.Count);
    }

    [Fact]
    public void Letters_of_any_language_and_digits_are_words()
    {
        Assert.Equal(["zoë", "3cm", "ŵyr"], SearchQuery.Parse("Zoë, 3cm; Ŵyr").Terms.Select(t => t[0]));
    }

    [Fact]
    public void A_marked_snippet_becomes_text_with_highlight_offsets_and_safe_html()
    {
        var snippet = Snippet.FromMarked("Mum said \u0002<b>school</b>\u0003 was \u0002shut\u0003\n today");
        Assert.Equal("Mum said <b>school</b> was shut  today", snippet.Text);
        Assert.Equal([new Highlight(9, 13), new Highlight(27, 4)], snippet.Highlights);
        using var writer = new StringWriter();
        snippet.ToHtml().WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        Assert.Equal("Mum said <mark>&lt;b&gt;school&lt;/b&gt;</mark> was <mark>shut</mark>  today", writer.ToString());
    }
}
