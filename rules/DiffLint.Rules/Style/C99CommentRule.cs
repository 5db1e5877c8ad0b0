using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>//</c> comments in projects that only accept <c>/* */</c> (QEMU, git).</summary>
[DiffLintRule]
public sealed class C99CommentRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3040",
        name: "c99-comment",
        title: "C99 // comment",
        messageFormat: "Do not use C99 // comments; use /* */",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "C99_COMMENTS",
        qemuCheckpatchType: "Q_C99_COMMENT",
        documentation: """
            ## What it does
            Reports a `//` comment on an added line of a C source or header when the profile does not accept C99
            comments (QEMU and git do not; the kernel and U-Boot do). The one exception is the licence tag
            `// SPDX-License-Identifier: ...`, which QEMU requires in that form on some files.

            The comment is found by the tokenizer, so `//` inside a string literal (`"http://example.org"`) or
            inside a `/* */` comment is not reported, unlike checkpatch, which matches the line text.

            ## Why it matters
            These projects write every comment as `/* */`; mixing styles makes the code base inconsistent, and
            reviewers ask for a new version.

            ## Example
            ```diff
            +    // jpeg would use 16 or 24 bpp video mode
            ```
            Write `/* jpeg would use 16 or 24 bpp video mode */` instead.

            ## Configuration
            Follows the profile's `AllowsC99Comments` setting.
            """);

    private const string SpdxTag = "SPDX-License-Identifier:";

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.LineComment);

    private void Analyze(CTokenContext context)
    {
        if (context.Source.Profile.AllowsC99Comments || (context.Token.Flags & CTokenFlags.ContinuedFromPreviousLine) != 0) return;
        var body = context.Text[2..].TrimStart();
        if (body.StartsWith(SpdxTag, StringComparison.Ordinal)) return;
        context.Report(Descriptor);
    }
}
