using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>#if</c>/<c>#ifdef</c>/<c>#elif</c> tests of reserved <c>__xxx</c> macros (host architecture and OS).</summary>
[DiffLintRule]
public sealed class ArchSpecificDefineRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL4010",
        name: "arch-specific-define",
        title: "Architecture-specific #if",
        messageFormat: "Architecture specific defines should be avoided ({0})",
        category: "Api",
        defaultSeverity: Severity.Warning,
        qemuCheckpatchType: "Q_ARCH_SPECIFIC_DEFINE",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports an `#if`, `#ifdef`, `#ifndef` or `#elif` that tests a reserved `__xxx` macro such as
            `__linux__`, `__APPLE__` or `__x86_64__` (reported once per directive, at the first such name).

            Two uses that checkpatch also reports are left alone because they test no architecture: an include guard
            (`#ifndef __FOO_H` followed by `#define __FOO_H`) and `__cplusplus`.

            ## Why it matters
            QEMU's build system defines `CONFIG_LINUX`, `CONFIG_DARWIN`, `HOST_X86_64`... from the configured host;
            testing compiler-defined macros spreads host detection over the code base.

            ## Example
            ```diff
            +#ifdef __APPLE__
            ```
            Test `CONFIG_DARWIN` instead.

            ## Configuration
            QEMU profile only.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierPrefixAction(Analyze, "__");

    // Called for names, not directives: a directive the patch moves can go on, over a continuation, onto a line it writes.
    private void Analyze(CTokenContext name)
    {
        if (name.Token.Kind != CTokenKind.Identifier || !name.Token.InDirective || !IsReserved(name.Text)) return;
        var fragment = name.Fragment;
        var tokens = fragment.Tokens.AsSpan();
        var directive = DirectiveOfFirst(fragment, name.Index);
        if (directive < 0 || !tokens[directive].IsAdded || !IsConditional(fragment.TextOf(tokens[directive])) ||
            IsIncludeGuard(fragment, tokens, directive)) return;
        name.Report(Descriptor, name.Text.ToString());
    }

    /// <summary>
    /// The directive token of the preprocessor line(s) the reserved name at <paramref name="name"/> is on, or -1 when
    /// another reserved name comes before it there (a directive is reported once, at its first) or it is on none.
    /// </summary>
    private static int DirectiveOfFirst(CFragment fragment, int name)
    {
        var tokens = fragment.Tokens.AsSpan();
        for (var t = name - 1; t >= 0 && tokens[t].InDirective; t--)
        {
            if (tokens[t].Kind == CTokenKind.Preprocessor) return t;
            if (tokens[t].Kind == CTokenKind.Identifier && IsReserved(fragment.TextOf(tokens[t]))) return -1;
        }

        return -1;
    }

    /// <summary>A <c>__xxx</c> name other than <c>__cplusplus</c>, which tests no architecture.</summary>
    private static bool IsReserved(ReadOnlySpan<char> name) => name.StartsWith("__") && !name.SequenceEqual("__cplusplus");

    private static bool IsConditional(ReadOnlySpan<char> directive)
    {
        var name = directive[1..].TrimStart(" \t");
        return name.SequenceEqual("if") || name.SequenceEqual("ifdef") || name.SequenceEqual("ifndef") || name.SequenceEqual("elif");
    }

    /// <summary><c>#ifndef NAME</c> directly followed by <c>#define NAME</c>.</summary>
    private static bool IsIncludeGuard(CFragment fragment, ReadOnlySpan<CToken> tokens, int directive)
    {
        if (!fragment.TextOf(tokens[directive]).EndsWith("ifndef") || directive + 3 >= tokens.Length) return false;
        ref readonly var name = ref tokens[directive + 1];
        ref readonly var define = ref tokens[directive + 2];
        return define.Kind == CTokenKind.Preprocessor && fragment.TextOf(define).EndsWith("define") &&
               tokens[directive + 3].Kind == CTokenKind.Identifier && fragment.TextOf(tokens[directive + 3]).SequenceEqual(fragment.TextOf(name));
    }
}
