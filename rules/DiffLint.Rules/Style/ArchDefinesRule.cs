using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Conditional on a compiler architecture macro.</summary>
[DiffLintRule]
public sealed class ArchDefinesRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3125",
        name: "arch-defines",
        title: "Conditional on a compiler architecture macro",
        messageFormat: "architecture specific defines should be avoided",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "ARCH_DEFINES",
        documentation: """
            ## What it does
            Reports an added `#if`, `#ifdef` or `#ifndef` line (not `#elif`, as in checkpatch) that tests `__i386__`, `__powerpc64__`,
            `__sun__` or `__s390x__`, outside `include/asm-*` headers.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            Code that depends on the architecture belongs under `arch/` or behind a Kconfig symbol; compiler-defined
            architecture macros scatter that knowledge over generic code.

            ## Example
            ```diff
            +#ifdef __i386__
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.Preprocessor);

    private void Analyze(CTokenContext context)
    {
        var name = context.Text.TrimStart('#').TrimStart(" \t");
        if (!name.StartsWith("if") || context.Source.File.Path.Contains("include/asm-", StringComparison.Ordinal)) return;
        var fragment = context.Fragment;
        var tokens = fragment.Tokens;
        for (var u = context.Index + 1; u < tokens.Length && tokens[u].InDirective && tokens[u].Kind != CTokenKind.Preprocessor; u++)
        {
            if (tokens[u].Kind is not (CTokenKind.Identifier or CTokenKind.Keyword)
                || fragment.TextOf(tokens[u]) is not ("__i386__" or "__powerpc64__" or "__sun__" or "__s390x__")) continue;
            context.Report(Descriptor);
            return;
        }
    }
}
