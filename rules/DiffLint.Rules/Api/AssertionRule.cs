using System.Collections.Frozen;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>assert(0)</c>/<c>assert(false)</c> and GLib assertions that tests can make non-fatal, outside tests/.</summary>
[DiffLintRule]
public sealed class AssertionRule : PatchRule
{
    public static readonly RuleDescriptor AssertZero = QemuApiDescriptor.Create("DL4003", "assert-zero", "assert(0) instead of g_assert_not_reached",
        "Use g_assert_not_reached() instead of {0}(0)", "Q_ASSERT_0", """
            ## What it does
            Reports `assert(0)` and `g_assert(0)`.

            ## Why it matters
            `assert()` compiles to nothing with `NDEBUG`, so the "cannot happen" path falls through; QEMU's
            `g_assert_not_reached()` always aborts and tells the compiler the path is dead.

            ## Example
            ```diff
            +    default:
            +        assert(0);
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor AssertFalse = QemuApiDescriptor.Create("DL4004", "assert-false", "assert(false) instead of g_assert_not_reached",
        "Use g_assert_not_reached() instead of {0}(false)", "Q_ASSERT_FALSE", """
            ## What it does
            Reports `assert(false)` and `g_assert(false)`.

            ## Why it matters
            As for `assert(0)`: use `g_assert_not_reached()`, which is never compiled out.

            ## Example
            ```diff
            +        assert(false);
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor NonFatal = QemuApiDescriptor.Create("DL4005", "nonfatal-glib-assert", "Non-fatal GLib assertion outside tests",
        "Use g_assert or g_assert_not_reached instead of {0}", "Q_NONFATAL_GLIB_ASSERT", """
            ## What it does
            Reports `g_assert_cmpint()`, `g_assert_cmpstr()`, `g_assert_true()`, `g_assert_null()`,
            `g_assert_no_error()` and the other GLib test assertions, and the `g_test_*assert*` helpers, in files
            outside `tests/`.

            ## Why it matters
            `g_test_set_nonfatal_assertions()` turns these into logged failures that return: fine in a test, a
            continued run on a broken invariant in production code. `g_assert()` and `g_assert_not_reached()` always
            abort.

            ## Example
            ```diff
            +    g_assert_cmpint(len, <=, sizeof(buf));
            ```
            Write `g_assert(len <= sizeof(buf));`.

            ## Configuration
            QEMU profile only; files under `tests/` are not checked.
            """);

    private static readonly FrozenSet<string> NonFatalAsserts = FrozenSet.Create(StringComparer.Ordinal,
    [
        "g_assert_cmpstr", "g_assert_cmpint", "g_assert_cmpuint", "g_assert_cmphex", "g_assert_cmpfloat",
        "g_assert_cmpfloat_with_epsilon", "g_assert_cmpmem", "g_assert_cmpstrv", "g_assert_cmpvariant",
        "g_assert_true", "g_assert_false", "g_assert_nonnull", "g_assert_null", "g_assert_no_error", "g_assert_error",
        "g_assert_no_errno", "g_test_assert_expected_messages", "g_test_trap_assert_passed", "g_test_trap_assert_failed",
        "g_test_trap_assert_stdout", "g_test_trap_assert_stdout_unmatched", "g_test_trap_assert_stderr",
        "g_test_trap_assert_stderr_unmatched",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NonFatalLookup =
        NonFatalAsserts.GetAlternateLookup<ReadOnlySpan<char>>();

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [AssertZero, AssertFalse, NonFatal];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        var inTests = context.File.Path.StartsWith("tests/", StringComparison.Ordinal);
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens.AsSpan();
            for (var t = 0; t < tokens.Length; t++)
            {
                ref readonly var token = ref tokens[t];
                if (!token.IsAdded || token.Kind != CTokenKind.Identifier || !CallSyntax.IsCall(fragment, tokens, t)) continue;
                var name = fragment.TextOf(token);
                if (name.SequenceEqual("assert") || name.SequenceEqual("g_assert"))
                {
                    if (t + 3 >= tokens.Length || !tokens[t + 3].IsSymbol(')')) continue;
                    ref readonly var argument = ref tokens[t + 2];
                    if (argument.Kind == CTokenKind.Number && fragment.Is(argument, "0"))
                        context.Report(AssertZero, fragment, token, name.ToString());
                    else if (fragment.Is(argument, "false"))
                        context.Report(AssertFalse, fragment, token, name.ToString());
                }
                else if (!inTests && NonFatalLookup.Contains(name))
                {
                    context.Report(NonFatal, fragment, token, name.ToString());
                }
            }
        }
    }
}
