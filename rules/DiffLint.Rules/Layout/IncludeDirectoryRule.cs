using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Layout;

/// <summary>Kernel include-directory rules: nothing under <c>include/asm/</c>, no <c>uapi/</c> prefix inside <c>include/uapi/</c>.</summary>
[DiffLintRule]
public sealed class IncludeDirectoryRule : PatchRule
{
    public static readonly RuleDescriptor AsmDescriptor = new(
        id: "DL2033",
        name: "modified-include-asm",
        title: "File changed under include/asm",
        messageFormat: "do not modify files in include/asm, change architecture specific files in include/asm-<architecture>",
        category: "Layout",
        defaultSeverity: Severity.Error,
        checkpatchType: "MODIFIED_INCLUDE_ASM",
        profiles: ["kernel"],
        documentation: """
            ## What it does
            Reports a file diff whose path starts with `include/asm/`, at its `--- a/...` line (where checkpatch's
            MODIFIED_INCLUDE_ASM points), when the diff has hunks.

            ## Why it matters
            `include/asm` was the symbolic link to the architecture's header directory in old trees; the headers live
            in `arch/<arch>/include/asm/` and `include/asm-generic/`, and a patch to the link's target path changes
            nothing that is built.

            ## Example
            ```
            +++ b/include/asm/io.h
            ```

            ## Configuration
            Kernel profile only.
            """);

    public static readonly RuleDescriptor UapiDescriptor = new(
        id: "DL2034",
        name: "uapi-include-prefix",
        title: "uapi/ prefix in a uapi header's #include",
        messageFormat: "No #include in ...include/uapi/... should use a uapi/ path prefix",
        category: "Layout",
        defaultSeverity: Severity.Error,
        checkpatchType: "UAPI_INCLUDE",
        profiles: ["kernel"],
        documentation: """
            ## What it does
            Reports an added `#include <uapi/...>` (or `"uapi/..."`) in a file under an `include/uapi/` directory
            (`include/uapi/`, `arch/*/include/uapi/`), as checkpatch's UAPI_INCLUDE does.

            ## Why it matters
            The uapi headers are installed for user space without their `uapi/` directory (`make headers_install`
            strips it), so an include that names it does not resolve in the installed headers.

            ## Example
            ```
            +#include <uapi/linux/types.h>
            ```
            Write `#include <linux/types.h>`.

            ## Configuration
            Kernel profile only.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [AsmDescriptor, UapiDescriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterFileAction(AnalyzeFile);
        registration.RegisterAddedLineAction(AnalyzeAddedLine);
    }

    private void AnalyzeFile(FileAnalysisContext context)
    {
        var file = context.File;
        // checkpatch finds the path on the '+++' line, so a file without hunks (a rename, a binary) is not reported.
        if (file.NewPath is not { } path || !path.StartsWith("include/asm/", StringComparison.Ordinal) || file.Hunks.IsEmpty) return;
        // It prints the finding with the location of the line before '+++' (its prefix is not yet updated): the '---' line.
        context.Report(AsmDescriptor, Locations.AtInputLine(file.Hunks[0].HeaderInputLine - 2, path));
    }

    private void AnalyzeAddedLine(AddedLineContext context)
    {
        var text = context.Text.TrimStart();
        if (!text.StartsWith('#')) return;
        text = text[1..].TrimStart();
        // The path last: the line's first character rules out most lines, and the path would be searched for each.
        if (!text.StartsWith("include", StringComparison.Ordinal) || !IsUapiHeaderPath(context.File.Path)) return;
        var rest = text["include".Length..];
        var target = rest.TrimStart();
        if (target.Length == rest.Length || target.Length < 2 || target[0] is not ('<' or '"')) return;
        if (target[1..].StartsWith("uapi/", StringComparison.Ordinal))
            context.Report(UapiDescriptor, 0, context.Text.Length, null);
    }

    /// <summary>checkpatch's <c>\binclude/uapi/</c>: an <c>include/uapi/</c> directory anywhere in the path.</summary>
    private static bool IsUapiHeaderPath(string path)
    {
        var at = path.IndexOf("include/uapi/", StringComparison.Ordinal);
        return at == 0 || (at > 0 && !(char.IsAsciiLetterOrDigit(path[at - 1]) || path[at - 1] == '_'));
    }
}
