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

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("extern", "static", "asmlinkage"));

    private void Analyze(CTokenContext storage)
    {
        var fragment = storage.Fragment;
        if (!FollowsType(fragment, storage.Index, out var typeStart, out var typeEnd)) return;
        if (!FirstOnLine.Is(fragment, storage.Index, IsMisplaced)) return;
        storage.Report(Descriptor, storage.Text.ToString(), TypeWords.TextOf(fragment, typeStart, typeEnd));
    }

    /// <summary>Token <paramref name="t"/> is a storage class word written after a type.</summary>
    private static bool IsMisplaced(CFragment fragment, int t)
    {
        ref readonly var token = ref fragment.Tokens.ItemRef(t);
        return token.Kind is CTokenKind.Keyword or CTokenKind.Identifier && TypeWords.IsStorage(fragment.TextOf(token))
            && FollowsType(fragment, t, out _, out _);
    }

    /// <summary>The storage class word at <paramref name="storage"/> comes after a type (<paramref name="typeStart"/>..<paramref name="typeEnd"/>) and a blank.</summary>
    private static bool FollowsType(CFragment fragment, int storage, out int typeStart, out int typeEnd)
    {
        typeStart = -1;
        typeEnd = TypeWords.Adjacent(fragment, storage);
        if (typeEnd < 0 || !TypeWords.SpaceBetween(fragment, typeEnd)) return false;
        typeStart = TypeWords.TypeStart(fragment, typeEnd);
        return typeStart >= 0;
    }
}
