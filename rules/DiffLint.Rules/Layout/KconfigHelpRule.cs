using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Layout;

/// <summary>Reports a new Kconfig symbol with a prompt whose help text is shorter than the configured number of lines.</summary>
[DiffLintRule]
public sealed class KconfigHelpRule : PatchRule
{
    private const int DefaultMinimumLines = 4;

    /// <summary>The .editorconfig option for the minimum number of help lines.</summary>
    public static readonly RuleOption MinimumLines = new("difflint_min_conf_desc_length", "4",
        "The number of help lines a new Kconfig entry needs (checkpatch's `--min-conf-desc-length`).", PerPath: false);

    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2025",
        name: "kconfig-help-too-short",
        title: "Kconfig symbol without a real help text",
        messageFormat: "please write a help paragraph that fully describes the config symbol with at least {0} lines",
        category: "Layout",
        defaultSeverity: Severity.Warning,
        checkpatchType: "CONFIG_DESCRIPTION",
        profiles: ["kernel", "uboot"],
        options: [MinimumLines],
        documentation: """
            ## What it does
            Reports an added `config`, `menuconfig` or `choice` entry of a `Kconfig*` file that has a prompt (an added
            `bool "..."`, `tristate "..."` or `prompt "..."` line) but fewer than four lines of help text. The entry is
            read as far as the hunk shows it, up to the next `config`, `menuconfig`, `choice`, `endchoice`, `if`,
            `endif`, `menu`, `endmenu` or `source` line; blank lines and `#` comments do not count. The finding points
            at the `config` line. Symbols without a prompt (`def_bool`, `bool` alone, `select`-only helpers) are not
            visible to the user and need no help.

            This is checkpatch's CONFIG_DESCRIPTION, with one difference: checkpatch reads any file whose path contains
            `Kconfig`, DiffLint files whose name starts with `Kconfig` (`Kconfig`, `Kconfig.debug`, `Kconfig.21x`).
            Like checkpatch it judges only entries the patch adds: an entry the patch edits has context it cannot see.

            ## Why it matters
            The help text is what `make menuconfig` shows to someone deciding whether to enable the option; a one-line
            restatement of the prompt does not tell them what the option does or when they need it.

            ## Example
            ```
            +config WATCHDOG_FOO
            +	tristate "Foo watchdog"
            +	depends on ARCH_FOO
            +	help
            +	  Foo watchdog driver.
            ```
            Say what hardware it supports, what it does when it fires, and the module's name when built as a module.

            ## Configuration
            """);


    private static readonly string[] EntryKeywords = ["config", "menuconfig", "choice"];

    private static readonly string[] BlockEndKeywords = ["config", "menuconfig", "choice", "endchoice", "if", "endif", "menu", "endmenu", "source"];

    private static readonly string[] PromptKeywords = ["bool", "tristate", "prompt"];

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterFileAction(Analyze);

    private void Analyze(FileAnalysisContext context)
    {
        var file = context.File;
        if (file.AddedCount == 0 || !System.IO.Path.GetFileName(file.Path).StartsWith("Kconfig", StringComparison.Ordinal)) return;
        var minimum = context.Options.GetInt(MinimumLines, DefaultMinimumLines) is > 0 and var configured ? configured : DefaultMinimumLines;
        foreach (var hunk in file.Hunks)
        {
            var lines = hunk.Lines;
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Kind != DiffLineKind.Added || !StartsWithKeyword(lines[i].Span.TrimStart(), EntryKeywords)) continue;
                if (HelpLinesOfPromptedEntry(lines, i + 1) is { } helpLines && helpLines < minimum)
                    context.Report(Descriptor, Locations.InFile(file, lines[i]), minimum);
            }
        }
    }

    /// <summary>
    /// The number of help lines of the entry whose body starts at <paramref name="start"/>, or null when the patch adds
    /// no prompt for it (nothing the user sees, so nothing to describe).
    /// </summary>
    private static int? HelpLinesOfPromptedEntry(ImmutableArray<DiffLine> lines, int start)
    {
        bool hasPrompt = false, inHelp = false;
        var helpLines = 0;
        for (var k = start; k < lines.Length; k++)
        {
            if (lines[k].Kind == DiffLineKind.Removed) continue;
            var text = lines[k].Span.TrimStart();
            if (lines[k].Kind == DiffLineKind.Added)
            {
                if (IsPrompt(text))
                {
                    hasPrompt = true;
                    continue;
                }

                if (text.TrimEnd().SequenceEqual("help"))
                {
                    inHelp = true;
                    continue;
                }
            }

            var hash = text.IndexOf('#');
            if (hash >= 0) text = text[..hash];
            if (text.IsWhiteSpace()) continue;
            if (StartsWithKeyword(text, BlockEndKeywords)) break;
            if (inHelp) helpLines++;
        }

        return hasPrompt ? helpLines : null;
    }

    /// <summary><c>bool "..."</c>, <c>tristate '...'</c> or <c>prompt "..."</c>: a type or prompt with a quoted text.</summary>
    private static bool IsPrompt(ReadOnlySpan<char> text)
    {
        foreach (var keyword in PromptKeywords)
        {
            if (!text.StartsWith(keyword, StringComparison.Ordinal)) continue;
            var rest = text[keyword.Length..].TrimStart();
            if (rest.Length > 0 && rest[0] is '"' or '\'') return true;
        }

        return false;
    }

    /// <summary>Whether the text starts with one of <paramref name="keywords"/> as a whole word.</summary>
    private static bool StartsWithKeyword(ReadOnlySpan<char> text, string[] keywords)
    {
        foreach (var keyword in keywords)
        {
            if (text.StartsWith(keyword, StringComparison.Ordinal) && (text.Length == keyword.Length || !IsWordChar(text[keyword.Length])))
                return true;
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
