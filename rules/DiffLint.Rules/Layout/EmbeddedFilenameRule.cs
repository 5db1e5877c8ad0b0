using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Layout;

/// <summary>Reports an added line that spells out the path of the file it is added to.</summary>
public sealed class EmbeddedFilenameRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2031",
        name: "embedded-filename",
        title: "File names its own path",
        messageFormat: "It's generally not useful to have the filename in the file",
        category: "Layout",
        defaultSeverity: Severity.Warning,
        checkpatchType: "EMBEDDED_FILENAME",
        documentation: """
            ## What it does
            Reports an added line that contains the file's own repository path as a whole word (`drivers/foo/bar.c`
            in `drivers/foo/bar.c`, bounded as Perl's `\b` bounds it), as checkpatch's EMBEDDED_FILENAME does. The
            path is matched, not the bare file name, so `bar.c` alone is not reported.

            ## Why it matters
            A header comment naming the file goes stale the moment the file is moved or renamed, and `git` already
            knows the name.

            ## Example
            ```
            +/* drivers/watchdog/foo_wdt.c - Foo watchdog driver */
            ```

            ## Configuration
            None.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterAddedLineAction(Analyze);

    private static void Analyze(AddedLineContext context)
    {
        var path = context.File.Path.AsSpan();
        if (path.IsEmpty) return;
        var text = context.Text;
        var from = 0;
        while (from < text.Length)
        {
            var at = text[from..].IndexOf(path, StringComparison.Ordinal);
            if (at < 0) return;
            at += from;
            var end = at + path.Length;
            if (IsBoundary(text, at) && IsBoundary(text, end))
            {
                context.Report(Descriptor, at, end, null);
                return;
            }

            from = at + 1;
        }
    }

    /// <summary>Perl's <c>\b</c> at <paramref name="index"/>: a word character on exactly one side.</summary>
    private static bool IsBoundary(ReadOnlySpan<char> text, int index) =>
        (index > 0 && IsWordChar(text[index - 1])) != (index < text.Length && IsWordChar(text[index]));

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
