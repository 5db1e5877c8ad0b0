using System.Collections.Frozen;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a non-const definition with an aggregate initializer of a QEMU ops or description struct.</summary>
[DiffLintRule]
public sealed class ConstOpsStructRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = QemuApiDescriptor.Create("DL4024", "const-ops-struct", "Non-const ops or description struct",
        "Initializer for struct {0} should normally be const", "Q_CONST_OPS_STRUCT", """
            ## What it does
            Reports the definition of a variable of one of QEMU's ops, callback or description types with an
            aggregate initializer (`= {`) and no `const`: `AIOCBInfo`, `BdrvActionOps`, `BlockDevOps`,
            `BlockJobDriver`, `DisplayChangeListenerOps`, `GraphicHwOps`, `IDEDMAOps`, `KVMCapabilityInfo`,
            `MemoryRegionIOMMUOps`, `MemoryRegionOps`, `MemoryRegionPortio`, `QEMUFileOps`, `SCSIBusInfo`,
            `SCSIReqOps`, `Spice…Interface`, `TypeInfo`, `USBDesc…`, `VhostOps`, `VMStateDescription` and
            `VMStateInfo` (the 20 patterns of QEMU's checkpatch).

            ## Why it matters
            These tables are filled once and only read; `const` puts them in read-only memory, where a stray write
            or an attacker cannot redirect the function pointers, and lets the compiler catch code that modifies
            them.

            ## Example
            ```diff
            +static MemoryRegionOps scratch_ops = {
            +    .read = scratch_read,
            ```
            Write `static const MemoryRegionOps scratch_ops = {`.

            ## Configuration
            QEMU profile only. Unlike checkpatch, which flags any line with the type name, no `const` and a `=`,
            only definitions with an aggregate initializer are reported: a pointer (`MemoryRegionOps *ops = ...`)
            or a copy to be modified (`MemoryRegionOps ops = *s->ops;`) is not a table that should be const.
            """);

    // checkpatch's list without its two families; the engine calls Analyze on these names only.
    private static readonly string[] OpsTypeNames =
    [
        "AIOCBInfo", "BdrvActionOps", "BlockDevOps", "BlockJobDriver", "DisplayChangeListenerOps", "GraphicHwOps",
        "IDEDMAOps", "KVMCapabilityInfo", "MemoryRegionIOMMUOps", "MemoryRegionOps", "MemoryRegionPortio", "QEMUFileOps",
        "SCSIBusInfo", "SCSIReqOps", "TypeInfo", "VhostOps", "VMStateDescription", "VMStateInfo",
    ];

    // A class of its own: the set is built when the rule first needs it, not when a descriptor of the rule is read or
    // the rule is made (every run makes every rule, whatever the profile).
    private static class Tables
    {
        public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> OpsTypeLookup =
            FrozenSet.Create(StringComparer.Ordinal, OpsTypeNames).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterIdentifierAction(Analyze, OpsTypeNames);
        // The two families, Spice...Interface and USBDesc...
        registration.RegisterIdentifierPrefixAction(Analyze, RegisteredNames.Of("Spice", "USBDesc"));
    }

    // A type name is followed by its declarator, the first test.
    private void Analyze(CTokenContext type)
    {
        var fragment = type.Fragment;
        var tokens = fragment.Tokens.AsSpan();
        var declarator = type.Index + 1;
        if (type.Token.Kind != CTokenKind.Identifier || declarator >= tokens.Length || tokens[declarator].Kind != CTokenKind.Identifier ||
            type.Token.InDirective) return;
        if (!IsOpsType(type.Text) || !IsAggregateDefinition(fragment, tokens, declarator) || HasConstBefore(fragment, tokens, type.Index)) return;
        type.Report(Descriptor, type.Text.ToString());
    }

    /// <summary>checkpatch's list, with its two families <c>Spice[A-Z]…Interface</c> and <c>USBDesc[A-Z]…</c>.</summary>
    private static bool IsOpsType(ReadOnlySpan<char> name) =>
        Tables.OpsTypeLookup.Contains(name) ||
        (name.Length > "SpiceInterface".Length && name.StartsWith("Spice") && char.IsAsciiLetterUpper(name[5]) &&
         name.EndsWith("Interface")) ||
        (name.Length > "USBDesc".Length && name.StartsWith("USBDesc") && char.IsAsciiLetterUpper(name[7]));

    /// <summary>True for <c>name = {</c> or <c>name[...] = {</c> starting at <paramref name="declarator"/>.</summary>
    private static bool IsAggregateDefinition(CFragment fragment, ReadOnlySpan<CToken> tokens, int declarator)
    {
        if (tokens[declarator].Kind != CTokenKind.Identifier) return false;
        var t = declarator + 1;
        while (t < tokens.Length && tokens[t].IsSymbol('['))
        {
            var close = fragment.Structure.MatchOf(t);
            if (close < 0) return false;
            t = close + 1;
        }

        return t + 1 < tokens.Length && tokens[t].IsSymbol('=') && tokens[t + 1].IsSymbol('{');
    }

    /// <summary>True when a <c>const</c> is among the words before the type (<c>static const</c>, <c>const struct</c>).</summary>
    private static bool HasConstBefore(CFragment fragment, ReadOnlySpan<CToken> tokens, int type)
    {
        for (var t = type - 1; t >= 0; t--)
        {
            ref readonly var token = ref tokens[t];
            if (!token.IsCode) continue;
            if (token.Kind is not (CTokenKind.Keyword or CTokenKind.Identifier)) return false;
            if (fragment.Is(token, "const")) return true;
        }

        return false;
    }
}
