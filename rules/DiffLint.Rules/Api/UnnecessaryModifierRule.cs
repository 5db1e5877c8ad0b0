using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports the <c>h</c> and <c>hh</c> length modifiers on integer conversions in a log call's statement.</summary>
[DiffLintRule]
public sealed class UnnecessaryModifierRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3226", "unnecessary-h-modifier", "%h or %hh in a log format",
        "Integer promotion: Using '{0}' in '{1}' is unnecessary", "UNNECESSARY_MODIFIER", """
        ## What it does
        Reports each `%h` or `%hh` integer conversion (`%hx`, `%02hhu`, `%-4hd`, `%hi`) in the string literals of
        the statement that starts on an added line with a log call (`pr_info(`, `dev_err(`, `seq_printf(`,
        `WARN(` and the rest of checkpatch's list), on that line, the way kernel checkpatch reads it: every string
        of the statement's lines counts, the format and later ones. Unlike checkpatch, DiffLint reads `%%hx` as
        the literal text it prints and skips conversions in comments.

        Checkpatch reads a statement from each line unless an earlier line's statement, holding no `{` or `;`
        of its own, already covered it, so it does not look at a log call on the line after a lone `}` or a one-line
        `if (...)`; DiffLint follows it there too.

        ## Why it matters
        A `char` or `short` argument is promoted to `int` when it is passed to a variadic function, so the
        modifier changes nothing the caller can see; the kernel's `vsprintf` prefers the plain conversion.

        ## Example
        ```diff
        +	dev_info(dev, "status %02hhx\n", status);
        ```
        Write `%02x`.

        ## Configuration
        Kernel and U-Boot profiles.
        """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    // The finding is on the line of the log call, the format may be on a later line the patch leaves alone, and which
    // lines have a statement of their own depends on the lines before them, from the start of the hunk.
    public override void Initialize(RuleRegistration registration) => registration.RegisterFragmentAction(Analyze);

    private void Analyze(CFragmentContext context)
    {
        var fragment = context.Fragment;
        var lastCall = LastLogCallLine(fragment);
        if (lastCall < 0) return;
        var statements = new LineStatement[lastCall + 1];
        LineStatements.Read(fragment, statements);
        var tokens = fragment.Tokens;
        for (var line = 0; line <= lastCall; line++)
        {
            var statement = statements[line];
            if (!statement.Exists || LogCall(fragment, line) is not { } call || !HasString(tokens, fragment.Lines[line].FirstToken, statement.LastToken)) continue;
            for (var l = line; l <= statement.LastLine; l++) ReportConversions(context, line, call, l);
        }
    }

    /// <summary>The last judged line with a log call, when the fragment has a string with an h conversion at all; else -1.</summary>
    private static int LastLogCallLine(CFragment fragment)
    {
        var tokens = fragment.Tokens.AsSpan();
        var any = false;
        foreach (ref readonly var token in tokens)
        {
            if (token.Kind == CTokenKind.String && NextConversion(fragment.TextOf(token), 0, out _, out _) >= 0)
            {
                any = true;
                break;
            }
        }

        if (!any) return -1;
        for (var line = fragment.Lines.Length - 1; line >= 0; line--)
        {
            if (LogCall(fragment, line) is not null) return line;
        }

        return -1;
    }

    /// <summary>The first log call on a judged line: checkpatch's <c>\b$logFunctions\s*\(</c> on the line's code.</summary>
    private static int? LogCall(CFragment fragment, int line)
    {
        ref readonly var cLine = ref fragment.Lines.ItemRef(line);
        if (!cLine.IsJudged) return null;
        var tokens = fragment.Tokens;
        for (var t = cLine.FirstToken; t + 1 < cLine.EndToken; t++)
        {
            if (tokens[t].Kind == CTokenKind.Identifier && tokens[t + 1].IsSymbol('(') && LogFunctions.Is(fragment.TextOf(tokens[t]))) return t;
        }

        return null;
    }

    private static bool HasString(ImmutableArray<CToken> tokens, int first, int last)
    {
        for (var t = first; t <= last; t++)
        {
            if (tokens[t].Kind == CTokenKind.String) return true;
        }

        return false;
    }

    /// <summary>Reports, at line <paramref name="at"/>, each h conversion in the strings of line <paramref name="line"/>.</summary>
    private static void ReportConversions(in CFragmentContext context, int at, int call, int line)
    {
        var fragment = context.Fragment;
        foreach (ref readonly var token in fragment.TokensOf(line))
        {
            if (token.Kind != CTokenKind.String) continue;
            var text = fragment.TextOf(token);
            for (var from = 0; NextConversion(text, from, out var length, out var modifier) is var percent and >= 0; from = percent + length)
            {
                var specifier = text.Slice(percent, length).ToString();
                var h = new string('h', modifier);
                if (line == at) context.Report(Descriptor, at, token.Start + percent, token.Start + percent + length, h, specifier);
                else context.Report(Descriptor, fragment.Tokens.ItemRef(call), h, specifier);
            }
        }
    }

    /// <summary>
    /// The next <c>%[#\d.*-]*h+[idux]</c> from <paramref name="from"/> (a <c>%%</c> pair is a literal percent sign): the
    /// index of its <c>%</c>, its <paramref name="length"/> and how many <c>h</c> it has; -1 when there is none.
    /// </summary>
    private static int NextConversion(ReadOnlySpan<char> text, int from, out int length, out int modifier)
    {
        length = modifier = 0;
        for (var at = NextPercent(text, from); at >= 0; at = NextPercent(text, at + 1))
        {
            if (at + 1 < text.Length && text[at + 1] == '%')
            {
                at++;
                continue;
            }

            var end = at + 1;
            while (end < text.Length && (text[end] is '#' or '.' or '*' or '-' || char.IsAsciiDigit(text[end]))) end++;
            var h = end;
            while (end < text.Length && text[end] == 'h') end++;
            if (end == h || end >= text.Length || text[end] is not ('i' or 'd' or 'u' or 'x')) continue;
            length = end + 1 - at;
            modifier = end - h;
            return at;
        }

        return -1;
    }

    private static int NextPercent(ReadOnlySpan<char> text, int from) => text[from..].IndexOf('%') is var p and >= 0 ? from + p : -1;
}
