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

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens.AsSpan();
            for (var t = 0; t + 3 < tokens.Length; t++)
            {
                ref readonly var token = ref tokens[t];
                if (!token.IsAdded || token.Kind != CTokenKind.Identifier || !fragment.Is(token, "g_strdup") ||
                    !CallSyntax.IsCall(fragment, tokens, t)) continue;
                ref readonly var argument = ref tokens[t + 2];
                if (argument.Kind != CTokenKind.Identifier || !tokens[t + 3].IsSymbol('(')) continue;
                if (fragment.Is(argument, "basename"))
                    context.Report(Descriptor, fragment, token, "basename");
                else if (fragment.Is(argument, "dirname"))
                    context.Report(Descriptor, fragment, token, "dirname");
            }
        }
    }
}
