using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Rules.Style;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>#define ARCH_HAS_FOO</c> and its <c>ARCH_HAVE_</c>/<c>__ARCH_HAS_</c> spellings.</summary>
[DiffLintRule]
public sealed class ArchHasDefineRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new("DL3191", "define-arch-has", "#define ARCH_HAS_*",
        "#define of '{0}' is wrong - use Kconfig variables or standard guards instead", "Api", Severity.Error, """
            ## What it does
            Reports a `#define` of a name starting with `ARCH_HAS`, `ARCH_HAVE`, `__ARCH_HAS` or `__ARCH_HAVE`.

            ## Why it matters
            Architecture features are Kconfig symbols (`select ARCH_HAS_FOO` in the architecture's Kconfig,
            tested as `CONFIG_ARCH_HAS_FOO`): every file sees them the same way. A macro defined in some header is
            seen only where that header happens to be included, so the generic code silently takes the wrong path
            elsewhere. An architecture overriding a generic helper defines the helper's own name as the guard.

            ## Example
            ```diff
            +#define ARCH_HAS_PREFETCH
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """, checkpatchType: "DEFINE_ARCH_HAS", profiles: ["kernel", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.Preprocessor);

    private void Analyze(CTokenContext directive)
    {
        var operand = DirectiveLine.OperandOf(directive, "define");
        if (operand < 0 || directive.Fragment.Tokens[operand].Kind != CTokenKind.Identifier) return;
        var name = directive.TextOf(directive.Fragment.Tokens[operand]);
        var bare = name.StartsWith("__") ? name[2..] : name;
        if (bare.StartsWith("ARCH_HAS") || bare.StartsWith("ARCH_HAVE")) directive.Report(Descriptor, name.ToString());
    }
}
