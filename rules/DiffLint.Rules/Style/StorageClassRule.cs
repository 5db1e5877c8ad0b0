using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a storage class written after the type: <c>int static x;</c>.</summary>
[DiffLintRule]
public sealed class StorageClassRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3144",
        name: "storage-class",
        title: "Storage class after the type",
        messageFormat: "storage class '{0}' should be located before type '{1}'",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "STORAGE_CLASS",
        documentation: """
            ## What it does
            Reports `static`, `extern` or `asmlinkage` right after a type on an added line (`int static x;`,
            `unsigned static long y;`, `void asmlinkage foo(void)`), once a line, as kernel checkpatch does.
            (Checkpatch has a second form, "storage class should be at the beginning of the declaration", whose
            pattern can never match in the 6.12 script; it is not reproduced.)

            ## Why it matters
            The C standard calls a storage class that is not first obsolescent, and readers look for it first.

            ## Example
            ```diff
            +int static counter;
            ```
            should be `static int counter;`.

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens;
            foreach (var line in fragment.Lines)
            {
                if (!line.IsJudged) continue;
                for (var t = line.FirstToken + 1; t < line.EndToken; t++)
                {
                    var token = tokens[t];
                    if (token.Kind is not (CTokenKind.Keyword or CTokenKind.Identifier) || !TypeWords.IsStorage(fragment.TextOf(token))) continue;
                    var typeEnd = TypeWords.Adjacent(fragment, t);
                    if (typeEnd < 0 || !TypeWords.SpaceBetween(fragment, typeEnd)) continue;
                    var typeStart = TypeWords.TypeStart(fragment, typeEnd);
                    if (typeStart < 0) continue;
                    context.Report(Descriptor, fragment, token, fragment.TextOf(token).ToString(), TypeWords.TextOf(fragment, typeStart, typeEnd));
                    break;
                }
            }
        }
    }
}
