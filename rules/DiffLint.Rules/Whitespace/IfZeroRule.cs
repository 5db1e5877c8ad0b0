using DiffLint.Core.CSyntax;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Whitespace;

/// <summary>Reports <c>#if 0</c> blocks added to C sources.</summary>
[DiffLintRule]
public sealed class IfZeroRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2011",
        name: "if-zero",
        title: "#if 0 block",
        messageFormat: "Code disabled with #if 0; remove it instead",
        category: "Whitespace",
        defaultSeverity: Severity.Warning,
        checkpatchType: "IF_0",
        qemuCheckpatchType: "Q_IF_0",
        documentation: """
            ## What it does
            Reports an added `#if 0` line in a C or C++ source or header.

            ## Why it matters
            Disabled code is never compiled, so it rots silently; version control already keeps old code.
            If the code documents something, a comment says it better.

            ## Example
            ```diff
            +#if 0
            +	legacy_init(dev);
            +#endif
            ```

            ## Configuration
            None. QEMU's checkpatch reports this as an error; raise the severity with
            `dotnet_diagnostic.DL2011.severity = error` if the project wants the same.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterAddedLineAction(Analyze);

    private void Analyze(AddedLineContext context)
    {
        var text = context.Text;
        // Called for every added line, whose indentation is a few characters: a plain loop, not a vectorized search.
        var hash = 0;
        while (hash < text.Length && text[hash] is ' ' or '\t') hash++;
        if (hash == text.Length || text[hash] != '#') return;
        var rest = text[(hash + 1)..].TrimStart(" \t");
        if (!rest.StartsWith("if", StringComparison.Ordinal) || rest.Length < 3 || rest[2] is not (' ' or '\t')) return;
        rest = rest[2..].TrimStart(" \t");
        if (rest.IsEmpty || rest[0] != '0' || (rest.Length > 1 && (char.IsAsciiLetterOrDigit(rest[1]) || rest[1] == '_'))) return;
        if (!SourceFiles.IsC(context.File.Path)) return;
        context.Report(Descriptor, hash, text.Length - rest.Length + 1, null);
    }
}
