using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Layout;

/// <summary>Checks the form of added <c>MAINTAINERS</c> entry lines: one tab after the type, known types, field order.</summary>
[DiffLintRule]
public sealed class MaintainersStyleRule : PatchRule
{
    private const string SharedConfiguration = """
        ## Configuration
        None. Only the top-level `MAINTAINERS` file is read, in the kernel and U-Boot profiles (QEMU's file has
        another layout).
        """;

    public static readonly RuleDescriptor TabDescriptor = new(
        id: "DL2028",
        name: "maintainers-entry-tab",
        title: "MAINTAINERS entry not separated by one tab",
        messageFormat: "MAINTAINERS entries use one tab after TYPE:",
        category: "Layout",
        defaultSeverity: Severity.Warning,
        checkpatchType: "MAINTAINERS_STYLE",
        profiles: ["kernel", "uboot"],
        documentation: $"""
            ## What it does
            Reports an added `MAINTAINERS` line `X:` (one capital letter and a colon) that is not followed by exactly
            one tab and then text, as checkpatch's MAINTAINERS_STYLE does.

            Unlike checkpatch, a file whose own fields are written with spaces (iproute2's `F: bridge/*`, as the
            patch's context lines show) is left to its convention: the added line that matches its neighbours is not
            reported.

            ## Why it matters
            `scripts/get_maintainer.pl` and `scripts/parse-maintainers.pl` read the fields by this layout, and the file
            is kept aligned by it.

            ## Example
            ```
            +F:  drivers/watchdog/foo_wdt.c
            ```
            Write `F:<TAB>drivers/watchdog/foo_wdt.c`.

            {SharedConfiguration}
            """);

    public static readonly RuleDescriptor TypeDescriptor = new(
        id: "DL2029",
        name: "maintainers-entry-type",
        title: "Unknown MAINTAINERS entry type",
        messageFormat: "Unknown MAINTAINERS entry type: '{0}'",
        category: "Layout",
        defaultSeverity: Severity.Warning,
        checkpatchType: "MAINTAINERS_STYLE",
        profiles: ["kernel", "uboot"],
        documentation: $"""
            ## What it does
            Reports an added `MAINTAINERS` field whose letter is none of `M R L S W Q B C P T F X N K`, when it follows
            another field of the entry (checkpatch reads the type only there).

            ## Why it matters
            `get_maintainer.pl` ignores fields it does not know, so a mistyped letter silently drops a maintainer, list
            or file pattern.

            ## Example
            ```
             M:	Jane Developer <jane@example.org>
            +E:	jane@example.org
            ```

            {SharedConfiguration}
            """);

    public static readonly RuleDescriptor OrderDescriptor = new(
        id: "DL2030",
        name: "maintainers-entry-order",
        title: "Misordered MAINTAINERS entry",
        messageFormat: "Misordered MAINTAINERS entry - {0}",
        category: "Layout",
        defaultSeverity: Severity.Warning,
        checkpatchType: "MAINTAINERS_STYLE",
        profiles: ["kernel", "uboot"],
        documentation: $"""
            ## What it does
            Reports an added `MAINTAINERS` field that comes right after a field it should precede in the order
            `M R L S W Q B C P T F X N K` ("list 'L:' before 'S:'"), and an `F:` or `X:` pattern that sorts before the
            pattern on the line above it ("list file patterns in alphabetic order"), as checkpatch does. The line above
            is the one in the post-image (an added or context line); patterns are compared byte by byte, as Perl's
            `cmp` does.

            ## Why it matters
            A fixed order lets readers find a field at a glance and keeps `scripts/parse-maintainers.pl` from
            rewriting the entry later.

            ## Example
            ```
             F:	drivers/watchdog/foo_wdt.c
            +F:	Documentation/devicetree/bindings/watchdog/foo-wdt.yaml
            ```

            {SharedConfiguration}
            """);

    private const string PreferredOrder = "MRLSWQBCPTFXNK";

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [TabDescriptor, TypeDescriptor, OrderDescriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterFileAction(Analyze);

    private void Analyze(FileAnalysisContext context)
    {
        var file = context.File;
        if (file.AddedCount == 0 || file.Path != "MAINTAINERS") return;
        var fileUsesTabs = !ContextFieldsUseSpaces(file);
        foreach (var hunk in file.Hunks)
        {
            var lines = hunk.Lines;
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Kind != DiffLineKind.Added || !IsField(lines[i].Span)) continue;
                if (fileUsesTabs && !HasTabForm(lines[i].Span)) context.Report(TabDescriptor, Locations.InFile(file, lines[i]));
                // checkpatch compares with the line just above in the input: a removed line there breaks the pair.
                if (i == 0 || lines[i - 1].Kind == DiffLineKind.Removed || !IsField(lines[i - 1].Span)) continue;
                CheckOrder(context, file, lines[i], lines[i - 1].Span);
            }
        }
    }

    private static void CheckOrder(FileAnalysisContext context, FileDiff file, DiffLine line, ReadOnlySpan<char> previous)
    {
        var current = line.Span;
        var currentIndex = PreferredOrder.IndexOf(current[0]);
        var previousIndex = PreferredOrder.IndexOf(previous[0]);
        if (currentIndex < 0)
        {
            context.Report(TypeDescriptor, Locations.InFile(file, line), current[0].ToString());
        }
        else if (previousIndex >= 0 && currentIndex < previousIndex)
        {
            context.Report(OrderDescriptor, Locations.InFile(file, line), $"list '{current[0]}:' before '{previous[0]}:'");
        }
        else if (current[0] == previous[0] && current[0] is 'F' or 'X' && Value(previous).SequenceCompareTo(Value(current)) > 0)
        {
            context.Report(OrderDescriptor, Locations.InFile(file, line), "list file patterns in alphabetic order");
        }
    }

    /// <summary><c>X:</c>, one tab, then text.</summary>
    private static bool HasTabForm(ReadOnlySpan<char> field) => field.Length >= 4 && field[2] == '\t' && !char.IsWhiteSpace(field[3]);

    /// <summary>
    /// Whether the file's own fields, as the context lines show them, are written with spaces (iproute2's
    /// <c>F: bridge/*</c>): an added line that follows that layout is consistent with its file.
    /// </summary>
    private static bool ContextFieldsUseSpaces(FileDiff file)
    {
        foreach (var hunk in file.Hunks)
        {
            foreach (var line in hunk.Lines)
            {
                if (line.Kind == DiffLineKind.Context && IsField(line.Span) && !HasTabForm(line.Span)) return true;
            }
        }

        return false;
    }

    /// <summary>A field line: a capital letter and a colon (<c>F:</c>).</summary>
    private static bool IsField(ReadOnlySpan<char> text) => text.Length >= 2 && char.IsAsciiLetterUpper(text[0]) && text[1] == ':';

    /// <summary>The field's value: what follows the colon and the whitespace after it.</summary>
    private static ReadOnlySpan<char> Value(ReadOnlySpan<char> field) => field[2..].TrimStart();
}
