using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>g_strdup(basename(...))</c> and <c>g_strdup(dirname(...))</c>.</summary>
[DiffLintRule]
public sealed class GPathGetRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = QemuApiDescriptor.Create("DL4020", "g-path-get", "g_strdup of basename/dirname",
        "Consider using g_path_get_{0}() in preference to g_strdup({0}())", "Q_G_PATH_GET", """
            ## What it does
            Reports a `g_strdup()` whose argument is a call to `basename()` or `dirname()`.

            ## Why it matters
            POSIX `basename()` and `dirname()` may modify their argument and may return a pointer to static storage,
            and glibc has a second, GNU `basename()` with different behaviour depending on the headers included.
            GLib's `g_path_get_basename()` and `g_path_get_dirname()` leave the path alone, return a newly allocated
            string and also understand Windows separators.

            ## Example
            ```diff
            +    name = g_strdup(basename(path));
            ```
            Use `name = g_path_get_basename(path);`.

            ## Configuration
            QEMU profile only.
            """, Severity.Warning);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCallAction(Analyze, "g_strdup");

    /// <summary><c>g_strdup(basename(</c> or <c>g_strdup(dirname(</c>, the argument possibly on the next line.</summary>
    private void Analyze(CallContext call)
    {
        var fragment = call.Fragment;
        var argument = CodeTokens.Next(fragment, call.Open);
        var open = argument < 0 ? -1 : CodeTokens.Next(fragment, argument);
        if (open < 0 || fragment.Tokens[argument].Kind != CTokenKind.Identifier || !fragment.Tokens[open].IsSymbol('(')) return;
        if (fragment.Is(fragment.Tokens[argument], "basename"))
            call.Report(Descriptor, "basename");
        else if (fragment.Is(fragment.Tokens[argument], "dirname"))
            call.Report(Descriptor, "dirname");
    }
}
