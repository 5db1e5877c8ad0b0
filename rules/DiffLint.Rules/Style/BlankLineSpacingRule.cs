using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Style;

/// <summary>
/// Blank lines between definitions: two in a row (DL3113), none after the closing brace of a function, struct,
/// union or enum (DL3114).
/// </summary>
[DiffLintRule]
public sealed class BlankLineSpacingRule : PatchRule
{
    public static readonly RuleDescriptor MultipleBlankLines = new(
        id: "DL3113",
        name: "multiple-blank-lines",
        title: "Several blank lines in a row",
        messageFormat: "Please don't use multiple blank lines",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "LINE_SPACING",
        documentation: """
            ## What it does
            Reports an added blank line right below another blank line (added or context; removed lines between
            them are skipped, as checkpatch reads the patch). In a longer run every other line is reported, as
            checkpatch does: the second, the fourth, and so on. C, Perl and device-tree files are checked.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            One blank line separates; more only spread the code over more screens.

            ## Example
            ```diff
            +static int acme_probe(struct platform_device *pdev);
            +
            +
            +static int acme_remove(struct platform_device *pdev);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public static readonly RuleDescriptor AfterDefinition = new(
        id: "DL3114",
        name: "blank-line-after-definition",
        title: "No blank line after a function, struct, union or enum",
        messageFormat: "Please use a blank line after function/struct/union/enum declarations",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "LINE_SPACING",
        documentation: """
            ## What it does
            Reports an added line that is not blank and follows (removed lines aside) a line holding only `}` or
            `};` in the first column: the end of a function or of a struct, union or enum definition. Left alone,
            as in checkpatch: what customarily sticks to a definition (`EXPORT_SYMBOL*`, `early_param`,
            `ALLOW_ERROR_INJECTION`, `MODULE_*`, `DECLARE*`, `*ATTR*` attribute definitions, `builtin_*driver`,
            `__setup`, a first-column `*init*` call), and `#endif`, `#else`, `#elif`. C, Perl and device-tree files
            are checked (`};` ends a device-tree node too).

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`. The WARNING about a missing blank line after local declarations is another rule.

            ## Why it matters
            A blank line between top-level definitions is how kernel files are laid out; code glued to the previous
            function's brace reads as part of it.

            ## Example
            ```diff
            +}
            +static void acme_remove(struct platform_device *pdev)
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [MultipleBlankLines, AfterDefinition];

    public override void Initialize(RuleRegistration registration) => registration.RegisterHunkAction(Analyze);

    private void Analyze(HunkAnalysisContext context)
    {
        // checkpatch runs these checks on C, Perl and device-tree files, before it narrows down to C.
        var path = context.File.Path;
        if (!(path.EndsWith(".c", StringComparison.Ordinal) || path.EndsWith(".h", StringComparison.Ordinal)
            || path.EndsWith(".pl", StringComparison.Ordinal) || path.EndsWith(".dts", StringComparison.Ordinal)
            || path.EndsWith(".dtsi", StringComparison.Ordinal))) return;
        var lines = context.Hunk.Lines;
        var lastReported = -2;
        var previous = -1;
        for (var l = 0; l < lines.Length; l++)
        {
            var line = lines[l];
            if (line.Kind == DiffLineKind.Removed) continue;
            // checkpatch's previous line skips removed lines.
            var above = previous;
            previous = l;
            if (line.Kind != DiffLineKind.Added || above < 0 || context.MoveOf(l) == MoveKind.Moved) continue;
            var blank = line.Span.IsWhiteSpace();
            if (blank && lines[above].Span.IsWhiteSpace())
            {
                // In a run of blank lines checkpatch reports every other one.
                if (lastReported == l - 1) continue;
                context.Report(MultipleBlankLines, Locations.InFile(context.File, line, 0, 0));
                lastReported = l;
            }
            else if (!blank && IsClosingDefinition(lines[above].Span) && !StaysWithDefinition(line.Span))
            {
                context.Report(AfterDefinition, Locations.InFile(context.File, line, 0, line.Span.Length));
            }
        }
    }

    /// <summary>The line is <c>}</c> or <c>};</c> in the first column, nothing else.</summary>
    private static bool IsClosingDefinition(ReadOnlySpan<char> text) => text.TrimEnd(" \t\r\f\v") is "}" or "};";

    /// <summary>The lines checkpatch lets follow a closing brace directly.</summary>
    private static bool StaysWithDefinition(ReadOnlySpan<char> text)
    {
        var first = 0;
        while (first < text.Length && char.IsWhiteSpace(text[first])) first++;
        var trimmed = text[first..];
        if (trimmed.StartsWith("EXPORT_SYMBOL") || trimmed.StartsWith("early_param") || trimmed.StartsWith("ALLOW_ERROR_INJECTION")
            || trimmed.StartsWith("MODULE_", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("DECLARE")
            || trimmed.StartsWith("__setup")) return true;
        if (trimmed.StartsWith("#"))
        {
            var directive = trimmed[1..].TrimStart(" \t");
            if (directive.StartsWith("end") || directive.StartsWith("elif") || directive.StartsWith("else")) return true;
        }

        if (trimmed.StartsWith("builtin_") && DriverAfterWord(trimmed["builtin_".Length..])) return true;
        // [a-z_]*init at the first column.
        var lower = 0;
        while (lower < text.Length && (char.IsAsciiLetterLower(text[lower]) || text[lower] == '_'))
        {
            if (text[lower..].StartsWith("init")) return true;
            lower++;
        }

        // (static )?[A-Z_]*ATTR
        var attribute = trimmed.StartsWith("static") && trimmed.Length > 6 && char.IsWhiteSpace(trimmed[6]) ? trimmed[6..].TrimStart() : trimmed;
        var upper = 0;
        while (upper < attribute.Length && (char.IsAsciiLetterUpper(attribute[upper]) || attribute[upper] == '_'))
        {
            if (attribute[upper..].StartsWith("ATTR")) return true;
            upper++;
        }

        return false;
    }

    /// <summary><c>[\w_]*driver</c> right after <c>builtin_</c>.</summary>
    private static bool DriverAfterWord(ReadOnlySpan<char> rest)
    {
        for (var i = 0; i < rest.Length && (char.IsAsciiLetterOrDigit(rest[i]) || rest[i] == '_'); i++)
        {
            if (rest[i..].StartsWith("driver")) return true;
        }

        return false;
    }
}
