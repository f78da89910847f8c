namespace Caseload.Features.Notes.Objectivity;

/// <summary>
/// Finds text in quotation marks: “curly” and "straight" double quotes, ‘curly’ and 'straight' single quotes.
/// A single quote between letters is an apostrophe ("he's", "Mum’s"), never a quotation mark.
/// A quote left open runs to the end of its sentence, so a missing closing mark does not hide the rest of the note.
/// </summary>
internal static class QuotedSpans
{
    public static IReadOnlyList<(int Start, int End)> Find(string text)
    {
        if (text.AsSpan().IndexOfAny("\"“‘'") < 0)
        {
            return [];
        }

        var spans = new List<(int Start, int End)>();

        // Once a quote of a kind has run unclosed to a line end, no closing mark of that kind exists before that point,
        // so a later quote of the same kind on the line is known to be unclosed without scanning again (linear time).
        var noDoubleCloserBefore = -1;
        var noSingleCloserBefore = -1;
        var open = -1;
        var isDouble = false;
        var i = 0;
        while (i < text.Length || open >= 0)
        {
            if (i >= text.Length)
            {
                // Open at the end of the text: close it at the end of its sentence and look for quotes after that.
                SetNoCloserBefore(isDouble, text.Length, ref noDoubleCloserBefore, ref noSingleCloserBefore);
                i = AddUnclosed(text, open, spans);
                open = -1;
                continue;
            }

            var c = text[i];
            if (open < 0)
            {
                var opensDouble = c is '“' or '"';
                if (opensDouble || c == '‘' || (c == '\'' && OpensSingleQuote(text, i)))
                {
                    if (i < (opensDouble ? noDoubleCloserBefore : noSingleCloserBefore))
                    {
                        i = AddUnclosed(text, i, spans);
                        continue;
                    }

                    open = i;
                    isDouble = opensDouble;
                }

                i++;
                continue;
            }

            var closes = isDouble
                ? c is '”' or '"'
                : c is '’' or '\'' && ClosesSingleQuote(text, i);
            if (closes)
            {
                spans.Add((open, i + 1));
                open = -1;
                i++;
                continue;
            }

            if (c == '\n')
            {
                // A quotation does not run across paragraphs: treat it as unclosed.
                SetNoCloserBefore(isDouble, i, ref noDoubleCloserBefore, ref noSingleCloserBefore);
                i = AddUnclosed(text, open, spans);
                open = -1;
                continue;
            }

            i++;
        }

        return spans;
    }

    private static void SetNoCloserBefore(bool isDouble, int position, ref int noDoubleCloserBefore, ref int noSingleCloserBefore)
    {
        if (isDouble)
        {
            noDoubleCloserBefore = position;
        }
        else
        {
            noSingleCloserBefore = position;
        }
    }

    /// <summary>Adds an unclosed quote running from <paramref name="open"/> to the end of its sentence; returns that end.</summary>
    private static int AddUnclosed(string text, int open, List<(int Start, int End)> spans)
    {
        var end = open + 1;
        while (end < text.Length)
        {
            var c = text[end];
            if (c == '\n')
            {
                break;
            }

            end++;
            if (c is '.' or '!' or '?' && (end == text.Length || char.IsWhiteSpace(text[end])))
            {
                break;
            }
        }

        spans.Add((open, end));
        return end;
    }

    private static bool OpensSingleQuote(string text, int i)
    {
        var before = i == 0 ? ' ' : text[i - 1];
        var after = i + 1 < text.Length ? text[i + 1] : ' ';
        return (char.IsWhiteSpace(before) || before is '(' or '[' or '-' or '–' or '—' or '/' or ':')
            && !char.IsWhiteSpace(after);
    }

    private static bool ClosesSingleQuote(string text, int i)
    {
        var before = text[i - 1];
        var after = i + 1 < text.Length ? text[i + 1] : ' ';
        return !char.IsWhiteSpace(before) && !char.IsLetterOrDigit(after);
    }
}
