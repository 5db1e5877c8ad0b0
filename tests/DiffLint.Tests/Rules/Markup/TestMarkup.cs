using System.Collections.Immutable;
using System.Text;

namespace DiffLint.Tests.Rules.Markup;

/// <summary>
/// A finding a case expects, marked in place: <see cref="RuleId"/> (null for <c>[|…|]</c>, the case's own rule) at
/// 1-based input line <see cref="Line"/>, from 0-based character <see cref="Column"/> of that raw input line (a diff
/// line's '+' is character 0) for <see cref="Length"/> characters.
/// </summary>
public readonly record struct MarkedSpan(string? RuleId, int Line, int Column, int Length);

/// <summary>
/// The markup of rule test cases, after Microsoft.CodeAnalysis.Testing's: <c>{|DL3027:return|}</c> expects a DL3027
/// finding that covers exactly <c>return</c>, <c>[|return|]</c> one of the case's own rule (the folder's ID), and
/// <c>{|DL1001:|}</c> an empty span (a finding on the patch or a subject, which has no columns). Marks may nest but not
/// span lines: a finding is on one line. <c>$$</c> (Roslyn's caret) has no meaning here and is left alone.
/// </summary>
public static class TestMarkup
{
    /// <summary>True when <paramref name="text"/> carries markup: a case without it is checked against its golden only.</summary>
    public static bool HasMarkup(string text) => text.Contains("[|", StringComparison.Ordinal) || text.Contains("{|", StringComparison.Ordinal);

    /// <summary>The text with its marks removed, and the spans they marked.</summary>
    public static (string Text, ImmutableArray<MarkedSpan> Spans) Parse(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var spans = ImmutableArray.CreateBuilder<MarkedSpan>();
        var open = new Stack<(string? RuleId, int Line, int Column)>();
        var line = 1;
        var column = 0;
        for (var i = 0; i < markup.Length; i++)
        {
            var c = markup[i];
            if (c == '[' && At(markup, i + 1, '|'))
            {
                open.Push((null, line, column));
                i++;
            }
            else if (c == '{' && At(markup, i + 1, '|'))
            {
                var colon = markup.IndexOf(':', i + 2);
                var id = colon < 0 ? "" : markup[(i + 2)..colon];
                if (id.Length == 0 || !id.All(char.IsAsciiLetterOrDigit))
                    throw new FormatException($"line {line}: '{{|' must be followed by a rule ID and ':', as in {{|DL3027:return|}}");
                open.Push((id, line, column));
                i = colon;
            }
            else if (c == '|' && (At(markup, i + 1, ']') || At(markup, i + 1, '}')))
            {
                var closer = markup[i + 1];
                if (!open.TryPop(out var start)) throw new FormatException($"line {line}: '|{closer}' closes no mark");
                if ((closer == ']') != (start.RuleId is null))
                    throw new FormatException($"line {line}: '|{closer}' closes a mark opened with '{(start.RuleId is null ? "[|" : "{|")}'");
                if (start.Line != line) throw new FormatException($"line {start.Line}: a mark must end on the line it starts on");
                spans.Add(new MarkedSpan(start.RuleId, line, start.Column, column - start.Column));
                i++;
            }
            else
            {
                text.Append(c);
                if (c == '\n')
                {
                    if (open.Count > 0) throw new FormatException($"line {open.Peek().Line}: a mark must end on the line it starts on");
                    line++;
                    column = 0;
                }
                else
                {
                    column++;
                }
            }
        }

        if (open.Count > 0) throw new FormatException($"line {open.Peek().Line}: a mark is not closed");
        return (text.ToString(), spans.DrainToImmutable());
    }

    /// <summary>
    /// Puts marks back into <paramref name="line"/>: <c>[|…|]</c> around each span of <paramref name="caseRuleId"/>,
    /// <c>{|ID:…|}</c> around the others, for a failure message that shows the markup a case would need.
    /// </summary>
    public static string Mark(string line, IEnumerable<(string RuleId, int Column, int Length)> spans, string? caseRuleId = null)
    {
        // Marks are inserted from the end of the line backwards, so at one place the insert made first ends up last. The
        // line must read: closers (inner span first), empty marks, openers (outer span first); so openers go in first,
        // shortest span first, then empty marks, then closers, earliest start first.
        var inserts = new List<(int At, int Order, string Text)>();
        foreach (var (id, column, length) in spans)
        {
            var start = Math.Clamp(column, 0, line.Length);
            var end = Math.Clamp(column + length, start, line.Length);
            if (end == start)
            {
                inserts.Add((start, -1, Opener(id, caseRuleId) + "|" + Closer(id, caseRuleId)));
                continue;
            }

            inserts.Add((start, int.MinValue / 2 + (end - start), Opener(id, caseRuleId)));
            inserts.Add((end, start, "|" + Closer(id, caseRuleId)));
        }

        var result = new StringBuilder(line);
        foreach (var (at, _, insert) in inserts.OrderByDescending(i => i.At).ThenBy(i => i.Order)) result.Insert(at, insert);
        return result.ToString();
    }

    private static string Opener(string id, string? caseRuleId) => id == caseRuleId ? "[|" : "{|" + id + ":";

    private static char Closer(string id, string? caseRuleId) => id == caseRuleId ? ']' : '}';

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;
}
