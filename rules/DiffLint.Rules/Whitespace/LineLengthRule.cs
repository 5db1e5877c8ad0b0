using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Rules.Api;

namespace DiffLint.Rules.Whitespace;

/// <summary>
/// Reports added source lines wider than the profile's limits, telling apart an overlong comment or string that
/// starts before the limit (often acceptable) from overlong code.
/// </summary>
[DiffLintRule]
public sealed class LineLengthRule : PatchRule
{
    private const string Configuration = """
        ## Configuration
        The limits are the profile's `LineLengthWarning` (kernel and U-Boot 100, QEMU and git 80) and
        `LineLengthError` (QEMU 90); tabs count up to the next multiple of `TabWidth` (8).
        """;

    private const string Exemptions = """
        Lines made of a single string literal, `#define NAME "string"`, lines with a URL, log calls (`pr_err`,
        `dev_warn`, `printk`, ...) whose last argument is a string that starts within the limit, `EFI_GUID(` and
        `DEFINE_PER_CPU` lines are never reported: splitting them would hurt `grep`.
        """;

    /// <summary><c>difflint.DL2007.max_line_length</c>: the warning limit, for some paths or all.</summary>
    public static readonly RuleOption MaxLineLength = RuleOption.OfRule("DL2007", "max_line_length",
        "the profile's `LineLengthWarning`: 100 (kernel, U-Boot), 80 (QEMU, git)",
        "The limit in columns over which an added line is reported: DL2007, DL2008 or DL2009, or DL2010 when it is also over the profile's hard limit.");

    public static readonly RuleDescriptor LongLine = new(
        id: "DL2007",
        name: "long-line",
        title: "Line over the length limit",
        messageFormat: "Line is {0} columns, over the limit of {1}",
        category: "Whitespace",
        defaultSeverity: Severity.Warning,
        checkpatchType: "LONG_LINE",
        checkpatchMessage: "line length of {0} exceeds {1} columns",
        qemuCheckpatchType: "Q_LINE_OVER_80",
        options: [MaxLineLength],
        documentation: $$"""
            ## What it does
            Reports an added line of a source file (C, C++, Rust, assembly, shell, Perl, Python, device tree)
            wider than the profile's warning limit, when the part past the limit is code.
            {{Exemptions}}

            ## Why it matters
            Long lines are hard to read side by side and in mail; past the limit, the code usually wants a helper
            variable, an early return or a shorter name.

            ## Example
            ```diff
            +	if (dev->config->flags & FLAG_ENABLED && dev->state == STATE_RUNNING && !dev->suspended && count > 0) {
            ```

            {{Configuration}}
            """);

    public static readonly RuleDescriptor LongLineComment = new(
        id: "DL2008",
        name: "long-line-comment",
        title: "Comment runs over the length limit",
        messageFormat: "Line is {0} columns, over the limit of {1}: the comment at its end runs past it",
        category: "Whitespace",
        defaultSeverity: Severity.Warning,
        checkpatchType: "LONG_LINE_COMMENT",
        checkpatchMessage: "line length of {0} exceeds {1} columns",
        qemuCheckpatchType: "Q_LINE_OVER_80",
        options: [MaxLineLength],
        documentation: $$"""
            ## What it does
            Reports an added source line wider than the profile's warning limit whose excess is a comment that
            starts before the limit (a trailing comment, or a line of a block comment).

            ## Why it matters
            Comments are easy to rewrap: moving the comment above the code or breaking the line costs nothing.

            ## Example
            ```diff
            +	val = readl(base + REG_CTRL);	/* the controller latches the value only after the second read */
            ```

            {{Configuration}}
            """);

    public static readonly RuleDescriptor LongLineString = new(
        id: "DL2009",
        name: "long-line-string",
        title: "String runs over the length limit",
        messageFormat: "Line is {0} columns, over the limit of {1}: the string at its end runs past it",
        category: "Whitespace",
        defaultSeverity: Severity.Warning,
        checkpatchType: "LONG_LINE_STRING",
        checkpatchMessage: "line length of {0} exceeds {1} columns",
        qemuCheckpatchType: "Q_LINE_OVER_80",
        options: [MaxLineLength],
        documentation: $$"""
            ## What it does
            Reports an added source line wider than the profile's warning limit whose excess is a string literal
            that starts before the limit, when the line is more than the string (log calls ending in a string
            are exempt, see DL2007).

            ## Why it matters
            User-visible strings should not be split (people grep for them), but the code around them can often
            move to the next line so the string fits.

            ## Example
            ```diff
            +	err = fwnode_property_match_string(fwnode, "compatible", "vendor,the-long-compatible-of-the-board");
            ```

            {{Configuration}}
            """);

    public static readonly RuleDescriptor OverHardLimit = new(
        id: "DL2010",
        name: "line-over-hard-limit",
        title: "Line over the hard length limit",
        messageFormat: "Line is {0} columns, over the hard limit of {1}",
        category: "Whitespace",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_LINE_OVER_90",
        documentation: $$"""
            ## What it does
            Reports an added source line wider than the profile's hard limit (QEMU: 90 columns), whatever the
            excess is; only the exemptions of DL2007 apply. Such a line gets this error instead of DL2007–DL2009.
            {{Exemptions}}

            ## Why it matters
            Projects with a hard limit reject the patch until the line is wrapped.

            ## Example
            ```diff
            +    error_setg(errp, "device %s does not support migration with the current configuration", name);
            ```

            {{Configuration}}
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [LongLine, LongLineComment, LongLineString, OverHardLimit];

    public override void Initialize(RuleRegistration registration) => registration.RegisterAddedLineAction(Analyze);

    private void Analyze(AddedLineContext context)
    {
        var text = context.Text;
        if (text.Length > 0 && text[^1] == '\r') text = text[..^1];
        var profile = context.Profile;
        var limit = context.Options.GetInt(MaxLineLength, profile.LineLengthWarning);
        if (text.Length <= limit / profile.TabWidth) return;
        // A tab adds at most TabWidth - 1 columns more than a character: a vectorised count rules out most lines.
        if (text.Length + (profile.TabWidth - 1) * text.Count('\t') <= limit) return;
        var columns = SourceFiles.Columns(text, profile.TabWidth);
        if (columns <= limit || !SourceFiles.HasLineLengthLimit(context.File.Path)) return;

        var tail = LineTail.ReadAlone(text);
        if (IsExempt(text, tail, limit, profile.TabWidth)) return;

        var rule = LongLine;
        if (profile.LineLengthError is { } hardLimit && columns > hardLimit)
        {
            rule = OverHardLimit;
            limit = hardLimit;
        }
        else if (tail.CommentStart >= 0 && StartsWithin(text, tail.CommentStart, limit, profile.TabWidth))
        {
            rule = LongLineComment;
        }
        else if (tail.StringStart >= 0 && StartsWithin(text, tail.StringStart, limit, profile.TabWidth))
        {
            rule = LongLineString;
        }

        context.Report(rule, FirstCharacterPast(text, limit, profile.TabWidth), text.Length, null, columns, limit);
    }

    private static bool IsExempt(ReadOnlySpan<char> text, LineTail tail, int limit, int tabWidth)
    {
        var code = text.TrimStart();
        if (tail.StringStart >= 0)
        {
            // A line that is one string literal (ending the line, an argument or a call), or `#define NAME "literal"`.
            if (tail.StringStart == text.Length - code.Length && tail.FirstStringStart == tail.StringStart && !code.TrimEnd().EndsWith('\\')) return true;
            if (IsStringDefine(code)) return true;
            // A log call whose only string is its last argument, starting within the limit.
            if (tail.FirstStringStart == tail.StringStart && StartsWithin(text, tail.StringStart, limit, tabWidth) && IsLogCall(code)) return true;
        }

        if (code.Contains("EFI_GUID", StringComparison.Ordinal) && IsEfiGuid(code)) return true;
        if (code.Contains("DEFINE_PER_CPU", StringComparison.Ordinal) && IsPerCpuDefinition(code)) return true;
        return ContainsUrl(code);
    }

    private static bool IsLogCall(ReadOnlySpan<char> code)
    {
        var name = Identifier(code);
        return name.Length > 0 && code[name.Length..].TrimStart().StartsWith('(') && LogFunctions.Is(name);
    }

    /// <summary>An RFC 3986-like URL: a word-initial letter, scheme characters, <c>://</c> and a visible character.</summary>
    private static bool ContainsUrl(ReadOnlySpan<char> code)
    {
        for (var at = code.IndexOf("://", StringComparison.Ordinal); at >= 0;)
        {
            if (at + 3 < code.Length && !char.IsWhiteSpace(code[at + 3]))
            {
                for (var start = at - 1; start >= 0 && (IsIdentifierChar(code[start]) || code[start] is '.' or '+' or '-'); start--)
                {
                    if (char.IsAsciiLetter(code[start]) && (start == 0 || !IsIdentifierChar(code[start - 1]))) return true;
                }
            }

            var next = code[(at + 3)..].IndexOf("://", StringComparison.Ordinal);
            at = next < 0 ? -1 : at + 3 + next;
        }

        return false;
    }

    private static bool IsStringDefine(ReadOnlySpan<char> code)
    {
        if (!code.StartsWith('#')) return false;
        code = code[1..].TrimStart();
        if (!code.StartsWith("define", StringComparison.Ordinal)) return false;
        code = code[6..];
        if (code.IsEmpty || !char.IsWhiteSpace(code[0])) return false;
        code = code.TrimStart();
        var name = Identifier(code);
        if (name.IsEmpty) return false;
        var value = code[name.Length..];
        if (value.IsEmpty || !char.IsWhiteSpace(value[0])) return false;
        value = value.Trim();
        return value.Length >= 2 && value[0] == '"' && value[^1] == '"' && value[1..^1].IndexOf('"') < 0;
    }

    private static bool IsEfiGuid(ReadOnlySpan<char> code)
    {
        var at = code.IndexOf("EFI_GUID", StringComparison.Ordinal);
        return (at == 0 || !IsIdentifierChar(code[at - 1])) && code[(at + 8)..].TrimStart().StartsWith('(');
    }

    /// <summary><c>DEFINE_PER_CPU...</c> at the start, possibly after one word (<c>static</c>).</summary>
    private static bool IsPerCpuDefinition(ReadOnlySpan<char> code)
    {
        if (code.StartsWith("DEFINE_PER_CPU", StringComparison.Ordinal)) return true;
        var word = Identifier(code);
        return !word.IsEmpty && code[word.Length..].TrimStart().StartsWith("DEFINE_PER_CPU", StringComparison.Ordinal);
    }

    private static ReadOnlySpan<char> Identifier(ReadOnlySpan<char> code)
    {
        var end = 0;
        while (end < code.Length && IsIdentifierChar(code[end])) end++;
        return code[..end];
    }

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool StartsWithin(ReadOnlySpan<char> text, int start, int limit, int tabWidth) =>
        SourceFiles.Columns(text[..start], tabWidth) <= limit;

    private static int FirstCharacterPast(ReadOnlySpan<char> text, int limit, int tabWidth)
    {
        var columns = 0;
        for (var i = 0; i < text.Length; i++)
        {
            columns = text[i] == '\t' ? (columns / tabWidth + 1) * tabWidth : columns + 1;
            if (columns > limit) return i;
        }

        return text.Length;
    }
}
