using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>
/// checkpatch's call checks test a line once (<c>\bin_atomic\s*\(</c>), so a line calling a name twice is reported
/// once: a call action reports the first call of its name on the line only.
/// </summary>
internal static class CallsOnLine
{
    /// <summary>True when no call before <paramref name="call"/> on its line calls the same name.</summary>
    public static bool IsFirst(CallContext call)
    {
        var code = call.Code;
        var name = call.Callee;
        for (var t = call.CodeIndex - 1; t >= 0; t--)
        {
            if (code[t].Kind == CTokenKind.Identifier && call.TextOf(code[t]).SequenceEqual(name) && CallSyntax.IsCall(call.Fragment, code, t))
                return false;
        }

        return true;
    }

    /// <summary>True when no call before <paramref name="call"/> on its line calls a name <paramref name="names"/> holds.</summary>
    public static bool IsFirstOf(CallContext call, ApiUsePattern names)
    {
        var code = call.Code;
        for (var t = call.CodeIndex - 1; t >= 0; t--)
        {
            if (code[t].Kind == CTokenKind.Identifier && names(call.TextOf(code[t])) && CallSyntax.IsCall(call.Fragment, code, t))
                return false;
        }

        return true;
    }
}
