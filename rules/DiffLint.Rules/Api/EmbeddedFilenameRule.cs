using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Api;

/// <summary>Reports an added line that spells the path of the file it is added to.</summary>
[DiffLintRule]
public sealed class EmbeddedFilenameRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3079", "embedded-filename", "File names its own path",
        "It's generally not useful to have the filename in the file", "EMBEDDED_FILENAME", """
            ## What it does
            Reports an added line, of any file, that contains the file's own path in the tree as a whole word
            (`drivers/net/foo.c` in `drivers/net/foo.c`), in code, comments or strings alike. A longer path that
            starts with it names another file and is not reported: checkpatch reports `source "dir/Kconfig.21x"`
            in `dir/Kconfig`, DiffLint does not.

            ## Why it matters
            A header comment naming the file goes stale the day the file moves, and the path is already known to
            every tool that shows the file.

            ## Example
            ```diff
            +/*
            + * drivers/watchdog/foo_wdt.c - Foo watchdog driver
            ```
            Keep the description, drop the path.

            ## Configuration
            Kernel and U-Boot profiles.
            """, category: "Style");

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterAddedLineAction(Analyze);

    private void Analyze(AddedLineContext context)
    {
        var path = context.File.NewPath;
        if (string.IsNullOrEmpty(path)) return;
        var text = context.Text;
        for (var at = text.IndexOf(path, StringComparison.Ordinal); at >= 0; )
        {
            var end = at + path.Length;
            if (IsBoundary(text, at) && IsBoundary(text, end) && !ContinuesPath(text, end))
            {
                context.Report(Descriptor, at, end, null);
                return;
            }

            var next = text[(at + 1)..].IndexOf(path, StringComparison.Ordinal);
            at = next < 0 ? -1 : at + 1 + next;
        }
    }

    /// <summary>
    /// True when the path goes on after <paramref name="end"/> (<c>Kconfig</c> in <c>source "dir/Kconfig.21x"</c>):
    /// that names another file, which checkpatch's word boundary does not see.
    /// </summary>
    private static bool ContinuesPath(ReadOnlySpan<char> text, int end) =>
        end + 1 < text.Length && text[end] is '.' or '-' or '/' && IsWord(text[end + 1]);

    /// <summary>A regex word boundary before character <paramref name="index"/>: a word character on one side only.</summary>
    private static bool IsBoundary(ReadOnlySpan<char> text, int index)
    {
        var before = index > 0 && IsWord(text[index - 1]);
        var after = index < text.Length && IsWord(text[index]);
        return before != after;
    }

    private static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
