using System.Collections.Frozen;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>What makes an identifier of an <see cref="ApiUseTable"/> a use.</summary>
internal enum ApiUseShape
{
    /// <summary>The identifier anywhere in code: <c>ENOSYS</c>, <c>__devinit</c>.</summary>
    Word,

    /// <summary>The identifier followed by <c>(</c> on its line and not a member: <c>strcpy(d, s)</c>.</summary>
    Call,

    /// <summary>The identifier followed by <c>()</c>: <c>yield()</c>.</summary>
    EmptyCall,
}

/// <summary>
/// One entry of an <see cref="ApiUseTable"/>: the rule reported, the shape of a use, the replacement (the message's
/// second argument, the name being the first) and whether tools/ and scripts/ (user-space code in the kernel tree)
/// are exempt.
/// </summary>
internal readonly record struct ApiUse(RuleDescriptor Rule, ApiUseShape Shape, string Replacement = "", bool UserSpaceExempt = false);

/// <summary>Matches the names of a family no table can list (<c>*BUG_ON*</c>); null when <paramref name="name"/> is not one.</summary>
internal delegate ApiUse? ApiUsePattern(ReadOnlySpan<char> name);

/// <summary>
/// A table of identifiers whose use a rule reports, as checkpatch's one-regex-per-line checks do (<c>\bstrcpy\s*\(</c>,
/// <c>\bENOSYS\b</c>): read from the tokens, so names in strings and comments are not uses, and reported once per line
/// and rule, as a regex test of the line would.
/// </summary>
internal sealed class ApiUseTable
{
    private readonly FrozenDictionary<string, ApiUse>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public ApiUseTable(IEnumerable<KeyValuePair<string, ApiUse>> uses) =>
        _lookup = uses.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Reports every use on the judged lines of <paramref name="context"/>; <paramref name="pattern"/>, when given,
    /// matches the names no table entry lists (a family such as <c>*BUG_ON*</c>).
    /// </summary>
    public void Report(CSourceContext context, ApiUsePattern? pattern = null)
    {
        var userSpace = IsUserSpacePath(context.File.Path);
        List<RuleDescriptor>? reported = null;
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens.AsSpan();
            var reportedLine = -1;
            for (var t = 0; t < tokens.Length; t++)
            {
                ref readonly var token = ref tokens[t];
                if (!token.IsAdded || token.Kind != CTokenKind.Identifier) continue;
                var name = fragment.TextOf(token);
                if (!_lookup.TryGetValue(name, out var use))
                {
                    if (pattern?.Invoke(name) is not { } matched) continue;
                    use = matched;
                }

                if ((use.UserSpaceExempt && userSpace) || !HasShape(fragment, tokens, t, use.Shape)) continue;
                reported ??= [];
                if (token.Line != reportedLine)
                {
                    reported.Clear();
                    reportedLine = token.Line;
                }

                if (reported.Contains(use.Rule)) continue;
                reported.Add(use.Rule);
                context.Report(use.Rule, fragment, token, name.ToString(), use.Replacement);
            }
        }
    }

    private static bool HasShape(CFragment fragment, ReadOnlySpan<CToken> tokens, int name, ApiUseShape shape)
    {
        if (shape == ApiUseShape.Word) return true;
        var open = NextCode(tokens, name);
        if (open < 0 || !tokens[open].IsSymbol('(') || tokens[open].Line != tokens[name].Line) return false;
        var before = PreviousCode(tokens, name);
        if (before >= 0 && (tokens[before].IsSymbol('.') || fragment.Is(tokens[before], "->"))) return false;
        if (shape == ApiUseShape.Call) return true;
        var close = NextCode(tokens, open);
        return close >= 0 && tokens[close].IsSymbol(')') && tokens[close].Line == tokens[name].Line;
    }

    private static int NextCode(ReadOnlySpan<CToken> tokens, int index)
    {
        for (var t = index + 1; t < tokens.Length; t++)
        {
            if (tokens[t].IsCode) return t;
        }

        return -1;
    }

    private static int PreviousCode(ReadOnlySpan<CToken> tokens, int index)
    {
        for (var t = index - 1; t >= 0; t--)
        {
            if (tokens[t].IsCode) return t;
        }

        return -1;
    }

    /// <summary>
    /// True for a path with a <c>tools/</c> or <c>scripts/</c> directory (checkpatch's <c>\btools/</c>): user-space
    /// programs in the kernel tree, where the C library's string functions are the ones to use.
    /// </summary>
    private static bool IsUserSpacePath(string path) => HasDirectory(path, "tools/") || HasDirectory(path, "scripts/");

    private static bool HasDirectory(string path, string directory)
    {
        for (var at = path.IndexOf(directory, StringComparison.Ordinal); at >= 0; at = path.IndexOf(directory, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || !(char.IsAsciiLetterOrDigit(path[at - 1]) || path[at - 1] == '_')) return true;
        }

        return false;
    }
}
