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

    private static readonly string[] NonFatalAsserts =
    [
        "g_assert_cmpstr", "g_assert_cmpint", "g_assert_cmpuint", "g_assert_cmphex", "g_assert_cmpfloat",
        "g_assert_cmpfloat_with_epsilon", "g_assert_cmpmem", "g_assert_cmpstrv", "g_assert_cmpvariant",
        "g_assert_true", "g_assert_false", "g_assert_nonnull", "g_assert_null", "g_assert_no_error", "g_assert_error",
        "g_assert_no_errno", "g_test_assert_expected_messages", "g_test_trap_assert_passed", "g_test_trap_assert_failed",
        "g_test_trap_assert_stdout", "g_test_trap_assert_stdout_unmatched", "g_test_trap_assert_stderr",
        "g_test_trap_assert_stderr_unmatched",
    ];

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [AssertZero, AssertFalse, NonFatal];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterCallAction(AnalyzeAssert, RegisteredNames.Of("assert", "g_assert"));
        registration.RegisterCallAction(AnalyzeNonFatal, NonFatalAsserts);
    }

    /// <summary><c>assert(0)</c> or <c>assert(false)</c>: the argument alone between the parentheses.</summary>
    private void AnalyzeAssert(CallContext call)
    {
        var fragment = call.Fragment;
        var argument = CodeTokens.Next(fragment, call.Open);
        var close = argument < 0 ? -1 : CodeTokens.Next(fragment, argument);
        if (close < 0 || !fragment.Tokens[close].IsSymbol(')')) return;
        ref readonly var value = ref fragment.Tokens.ItemRef(argument);
        if (value.Kind == CTokenKind.Number && fragment.Is(value, "0"))
            call.Report(AssertZero, call.Callee.ToString());
        else if (fragment.Is(value, "false"))
            call.Report(AssertFalse, call.Callee.ToString());
    }

    private void AnalyzeNonFatal(CallContext call)
    {
        if (!call.Source.File.Path.StartsWith("tests/", StringComparison.Ordinal)) call.Report(NonFatal, call.Callee.ToString());
    }
}
