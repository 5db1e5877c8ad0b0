using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>What kernel checkpatch makes of a <c>#define</c> body that is not a known safe shape.</summary>
internal enum MacroVerdict : byte
{
    /// <summary>A single value, a wrapped statement, a declaration or another accepted shape.</summary>
    Accepted,

    /// <summary>The body starts with <c>if</c>.</summary>
    StartsWithIf,

    /// <summary>Statements (a <c>;</c>) outside <c>do { } while (0)</c> or <c>({ })</c>.</summary>
    MultipleStatements,

    /// <summary>More than one operand without enclosing parentheses.</summary>
    ComplexValue,
}

/// <summary>
/// Reads a <c>#define</c> body the way kernel checkpatch does: literals blanked, comments dropped, continuation
/// lines joined, every bracketed group collapsed to one operand and string pastes to one string, then the flat text
/// matched against the shapes checkpatch accepts. Matching its reading, quirks included, is the point: what it
/// reports is what reviewers and bots ask to change.
/// </summary>
internal static partial class MacroValue
{
    /// <summary>Bodies longer than this are not judged: collapsing brackets is quadratic in the worst case.</summary>
    private const int MaxBodyLength = 16 * 1024;

    /// <summary>
    /// The patterns are source-generated backtracking matchers (building non-backtracking automata for them cost
    /// more than all other rules together); none nests quantifiers over overlapping text, and the timeout bounds
    /// a hostile body anyway.
    /// </summary>
    private const int MatchTimeoutMilliseconds = 200;

    private const string Ident = @"[A-Za-z_][A-Za-z0-9_]*(?:\s*##\s*[A-Za-z_][A-Za-z0-9_]*)*";
    private const string IntType = "(?:[Ll][Ll][Uu]|[Uu][Ll][Ll]|[Ll][Ll]|[Ll][Uu]|[Uu][Ll]|[Ll]|[Uu])";

    private const string Constant =
        "(?:0[xX][0-9a-fA-F]+[pP]-?[0-9]+[fFlL]?"
        + "|(?:[0-9]+\\.[0-9]*|[0-9]*\\.[0-9]+)(?:[eE]-?[0-9]+)?[fFlL]?"
        + "|[0-9]+[eE]-?[0-9]+[fFlL]?"
        + "|0[bB][01]+" + IntType + "?"
        + "|0[0-7]+" + IntType + "?"
        + "|0[xX][0-9a-fA-F]+" + IntType + "?"
        + "|[0-9]+" + IntType + "?)";

    /// <summary>
    /// Put before a pattern that starts with a name, it keeps the matcher from trying again at every letter inside a
    /// name (quadratic in its length) and changes no answer: where such a pattern matches after a letter or '_', it
    /// also matches one character earlier, so its leftmost match never starts there.
    /// </summary>
    private const string WordStart = "(?<![A-Za-z_])";

    private const string Lval = Ident + @"(?:->" + Ident + @"|\." + Ident + @"|\[[^\]]*\])*";

    /// <summary>A type name anywhere (checkpatch's type patterns have no word boundary before them), or another declaration marker.</summary>
    private const string Exceptions =
        @"(?:typeof|__typeof__)\s*\([^)]*\)"
        + @"|(?:void|char|short|int|long|signed|float|double|bool|FILE|atomic_t)\b"
        + @"|(?:__)?(?:[us]_?)?int_?(?:8|16|32|64)_t\b|u_(?:char|short|int|long)\b|u(?:nchar|short|int|long)\b"
        + @"|(?:__)?(?:u|s|be|le)(?:8|16|32|64)\b"
        + @"|(?:struct|union|enum)\s+" + Ident
        + @"|" + WordStart + @"[A-Za-z_][A-Za-z0-9_]*_(?:t|handler|handler_fn)\b"
        + @"|module_param_named|MODULE_PARM_DESC|DECLARE_PER_CPU|DEFINE_PER_CPU|__typeof__\(|union|struct"
        + @"|\." + Ident + @"\s*=\s*|^""|""$|^\[";

    private const string AcceptedShapes =
        "^(?:" + Ident + "|-?" + Constant + ")[,;]$"
        + "|^[!~-]?(?:" + Lval + "|" + Constant + ")$"
        + "|^'X'$|^'XX'$"
        + @"|^\." + Ident + @"\s*="
        + @"|^#\s*(?:" + Ident + "|" + Constant + @")\s*$"
        + @"|^case\b"
        + @"|^do\s*" + Constant + @"\s*while\s*" + Constant + ";?$"
        + @"|^while\s*" + Constant + @"\s*" + Constant + @"\s*$"
        + @"|^for\s*" + Constant + "$"
        + @"|^for\s*" + Constant + @"\s+(?:" + Ident + "|-?" + Constant + ")$"
        + @"|^do\s*\{|^\(\{";

    [GeneratedRegex(Exceptions, RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex ExceptionPattern();

    [GeneratedRegex(AcceptedShapes, RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex AcceptedPattern();

    [GeneratedRegex(@"((?:\b[Lu])?""X*"")\s*" + Ident, RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex StringThenName();

    [GeneratedRegex(WordStart + Ident + @"\s*((?:\b[Lu])?""X*"")", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex NameThenString();

    [GeneratedRegex(@"\b_*asm_*\s+_*volatile_*\b", RegexOptions.CultureInvariant, MatchTimeoutMilliseconds)]
    private static partial Regex AsmVolatile();

    /// <summary>
    /// A pattern's first match also compiles its generated matcher, and on a loaded machine that can outlast the
    /// timeout and make whichever body is read first <see cref="MacroVerdict.Accepted"/>. Each pattern matches once
    /// here, before any body, so the timeout bounds the matching alone.
    /// </summary>
    static MacroValue()
    {
        foreach (var (pattern, text) in (ReadOnlySpan<(Regex, string)>)
                 [(ExceptionPattern(), "int"), (AcceptedPattern(), "x;"), (StringThenName(), "\"X\" x"), (NameThenString(), "x \"X\""),
                     (AsmVolatile(), "asm volatile")])
        {
            try
            {
                pattern.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                // Compiled all the same.
            }
        }
    }

    /// <summary>
    /// Verdicts of the macros of the fragment this thread last asked about, by index in <see cref="CStructure.Macros"/>,
    /// shared by the rules that report them; each is read the first time a rule asks (null until then), so macros no
    /// rule asks about cost nothing. One fragment per thread is enough: the engine calls every macro action of a
    /// fragment before it goes on to the next, and a verdict asked again for an older fragment is only read again.
    /// (A table keyed by fragment cost a dependent handle per fragment, more than the lookups it saved.)
    /// </summary>
    [ThreadStatic] private static CFragment? t_fragment;

    [ThreadStatic] private static MacroVerdict?[]? t_verdicts;

    /// <summary>The verdict on macro <paramref name="index"/> of <see cref="CStructure.Macros"/>.</summary>
    public static MacroVerdict VerdictOf(CFragment fragment, int index)
    {
        var verdicts = t_verdicts;
        if (!ReferenceEquals(t_fragment, fragment) || verdicts is null)
        {
            t_verdicts = verdicts = new MacroVerdict?[fragment.Structure.Macros.Length];
            t_fragment = fragment;
        }

        return verdicts[index] ??= Judge(fragment, fragment.Structure.Macros[index]);
    }

    /// <summary>
    /// The verdict on a macro the patch writes (its directive on a new line, its name on a judged line): the only
    /// ones the verdict rules report. <see cref="MacroVerdict.Accepted"/> for any other, whose body is not read;
    /// most macros of a fragment are context.
    /// </summary>
    public static MacroVerdict VerdictOfNew(CFragment fragment, in CMacro macro)
    {
        if (macro.NameToken < 0 || macro.BodyFirst < 0 || !CodeTokens.IsOnNewLine(fragment, macro.Directive)
            || !fragment.Lines.ItemRef(fragment.Tokens.ItemRef(macro.NameToken).Line).IsJudged)
            return MacroVerdict.Accepted;
        return VerdictOf(fragment, macro);
    }

    /// <summary>The verdict on <paramref name="macro"/>, one of <see cref="CStructure.Macros"/> of <paramref name="fragment"/>.</summary>
    public static MacroVerdict VerdictOf(CFragment fragment, in CMacro macro) => VerdictOf(fragment, IndexOf(fragment.Structure.Macros, macro));

    /// <summary>The index of <paramref name="macro"/> in <paramref name="macros"/>, which are in directive order (a macro the hunk starts inside, directive -1, first).</summary>
    private static int IndexOf(ImmutableArray<CMacro> macros, in CMacro macro) => macros.AsSpan().BinarySearch(new DirectiveAt(macro.Directive));

    private readonly record struct DirectiveAt(int Directive) : IComparable<CMacro>
    {
        public int CompareTo(CMacro other) => Directive.CompareTo(other.Directive);
    }

    /// <summary>The verdict on <paramref name="macro"/>'s body (<see cref="MacroVerdict.Accepted"/> when there is none).</summary>
    private static MacroVerdict Judge(CFragment fragment, in CMacro macro)
    {
        if (macro.NameToken < 0 || macro.BodyFirst < 0) return MacroVerdict.Accepted;
        var name = fragment.TextOf(fragment.Tokens[macro.NameToken]);
        if (name is "TRACE_SYSTEM" or "TRACE_INCLUDE_FILE" or "TRACE_INCLUDE_PATH") return MacroVerdict.Accepted;
        if (IsPlainValue(fragment, macro)) return MacroVerdict.Accepted;
        var body = BlankedBody(fragment, macro);
        if (body is null || body.Length == 0) return MacroVerdict.Accepted;
        string flat;
        try
        {
            flat = Flatten(body);
            // The anchored shapes first: they fail at the first characters, where the unanchored exceptions try every position.
            if (AcceptedPattern().IsMatch(flat) || ExceptionPattern().IsMatch(flat)) return MacroVerdict.Accepted;
        }
        catch (RegexMatchTimeoutException)
        {
            return MacroVerdict.Accepted;
        }

        if (flat.StartsWith("if", StringComparison.Ordinal) && (flat.Length == 2 || !IsWordChar(flat[2]))) return MacroVerdict.StartsWithIf;
        return flat.Contains(';') ? MacroVerdict.MultipleStatements : MacroVerdict.ComplexValue;
    }

    /// <summary>
    /// Most bodies are one name, literal, bracketed group or call, which checkpatch always accepts: answered from the
    /// tokens, without building the text (a number with an exponent sign such as <c>1e+3</c> is left to the full
    /// reading, since checkpatch's number pattern does not take it).
    /// </summary>
    private static bool IsPlainValue(CFragment fragment, in CMacro macro)
    {
        var first = fragment.Tokens[macro.BodyFirst];
        if (first.IsSymbol('(')) return fragment.Structure.MatchOf(macro.BodyFirst) == macro.BodyLast;
        if (first.Kind is CTokenKind.Identifier or CTokenKind.Keyword && IsCallOfWholeBody(fragment, macro, first)) return true;
        if (macro.BodyFirst != macro.BodyLast) return false;
        return first.Kind is CTokenKind.Identifier or CTokenKind.Keyword or CTokenKind.String or CTokenKind.Char
            || (first.Kind == CTokenKind.Number && !fragment.TextOf(first).Contains('+'));
    }

    /// <summary>
    /// The body is a name and, right after it (no blank), a bracketed group that ends the body: <c>do_x(a, 1)</c>.
    /// Collapsed, that reads <c>do_x1u</c>, one name, which checkpatch's value shape always accepts.
    /// </summary>
    private static bool IsCallOfWholeBody(CFragment fragment, in CMacro macro, in CToken name)
    {
        var open = macro.BodyFirst + 1;
        if (open >= macro.BodyLast) return false;
        ref readonly var paren = ref fragment.Tokens.ItemRef(open);
        return paren.IsSymbol('(') && paren.Line == name.Line && paren.Start == name.End && fragment.Structure.MatchOf(open) == macro.BodyLast;
    }

    /// <summary>
    /// The body as one line: string and character literals blanked to <c>X</c>s, comments dropped, each
    /// continuation (backslash, line break) removed, the spacing otherwise as written; null when too long.
    /// </summary>
    private static string? BlankedBody(CFragment fragment, in CMacro macro)
    {
        var tokens = fragment.Tokens;
        var text = new StringBuilder();
        var previous = -1;
        for (var t = macro.BodyFirst; t <= macro.BodyLast; t++)
        {
            var token = tokens[t];
            var line = fragment.Lines[token.Line].Text;
            if (previous >= 0 && tokens[previous].Line == token.Line) text.Append(line[tokens[previous].End..token.Start]);
            else if (previous >= 0) text.Append(line[..token.Start]);
            previous = t;
            if (token.Kind == CTokenKind.Continuation)
            {
                previous = -1;
                continue;
            }

            if (token.IsComment) continue;
            var tokenText = fragment.TextOf(token);
            if (token.Kind is CTokenKind.String or CTokenKind.Char)
            {
                var quote = tokenText.IndexOfAny('"', '\'');
                text.Append(tokenText[..(quote + 1)]);
                var inner = Math.Max(tokenText.Length - quote - 2, 0);
                text.Append('X', inner);
                if (tokenText.Length - quote >= 2) text.Append(tokenText[^1]);
            }
            else
            {
                text.Append(tokenText);
            }

            if (text.Length > MaxBodyLength) return null;
        }

        return text.ToString().Trim();
    }

    /// <summary>Collapses bracketed groups (innermost first) to <c>1u</c>, pasted strings to one string, and <c>asm volatile</c> to one word.</summary>
    private static string Flatten(string body)
    {
        // A character array, not a StringBuilder: each collapse scans the text from its start again, and the builder's
        // indexer was most of the time spent here.
        var text = body.ToCharArray();
        var length = text.Length;
        while (CollapseGroup(text, ref length, '(', ')', 0) || CollapseGroup(text, ref length, '{', '}', 0)
               || CollapseGroup(text, ref length, '[', ']', 1))
        {
        }

        var flat = new string(text, 0, length);
        // Both paste patterns need a string literal and the asm one its keyword: most bodies have neither, and the
        // unanchored patterns would try every position of them.
        while (flat.Contains('"'))
        {
            var next = StringThenName().Replace(flat, "$1", 1);
            if (ReferenceEquals(next, flat) || next == flat) next = NameThenString().Replace(flat, "$1", 1);
            if (next == flat) break;
            flat = next;
        }

        return flat.Contains("volatile", StringComparison.Ordinal) ? AsmVolatile().Replace(flat, "asm_volatile") : flat;
    }

    /// <summary>
    /// Replaces the leftmost <paramref name="open"/>...<paramref name="close"/> group with no bracket of its kind
    /// inside, plus <paramref name="before"/> characters before it, with <c>1u</c>, in the first <paramref name="length"/>
    /// characters of <paramref name="text"/> (which never grow: a group is at least two characters).
    /// </summary>
    private static bool CollapseGroup(char[] text, ref int length, char open, char close, int before)
    {
        var start = -1;
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (c == open)
            {
                start = i;
            }
            else if (c == close && start >= before)
            {
                var from = start - before;
                text[from] = '1';
                text[from + 1] = 'u';
                Array.Copy(text, i + 1, text, from + 2, length - i - 1);
                length -= i + 1 - from - 2;
                return true;
            }
            else if (c == close)
            {
                start = -1;
            }
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>
    /// The parameters of a function-like macro as checkpatch spells them (blanks removed: <c>args...</c>), each
    /// with its first token; empty for an object-like macro or a parameter list the hunk does not close.
    /// </summary>
    public static List<(string Name, int Token)> Parameters(CFragment fragment, in CMacro macro)
    {
        var parameters = new List<(string, int)>();
        if (!macro.IsFunctionLike || macro.NameToken < 0) return parameters;
        var open = macro.NameToken + 1;
        var close = fragment.Structure.MatchOf(open);
        if (close < 0) return parameters;
        var name = new StringBuilder();
        var first = -1;
        for (var t = open + 1; t <= close; t++)
        {
            var token = fragment.Tokens[t];
            if (!token.IsCode) continue;
            if (t == close || token.IsSymbol(','))
            {
                if (name.Length > 0) parameters.Add((name.ToString(), first));
                name.Clear();
                first = -1;
                continue;
            }

            if (first < 0) first = t;
            name.Append(fragment.TextOf(token));
        }

        return parameters;
    }

    /// <summary>The body (comments and literals aside) uses the name <paramref name="word"/>.</summary>
    public static bool BodyUses(CFragment fragment, in CMacro macro, string word)
    {
        if (macro.BodyFirst < 0) return false;
        for (var t = macro.BodyFirst; t <= macro.BodyLast; t++)
        {
            var token = fragment.Tokens[t];
            if (token.Kind is CTokenKind.Identifier or CTokenKind.Keyword && fragment.TextOf(token).SequenceEqual(word)) return true;
        }

        return false;
    }

    /// <summary>Index after the last token of the macro (its directive, name, parameters, body and continuations).</summary>
    public static int EndToken(CFragment fragment, in CMacro macro) => fragment.Lines[macro.LastLine].EndToken;
}
