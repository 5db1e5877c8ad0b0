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

/// <summary>True when <paramref name="name"/> belongs to a family of names no table can list (<c>*BUG_ON*</c>).</summary>
internal delegate bool ApiUsePattern(ReadOnlySpan<char> name);

/// <summary>
/// A family of names an <see cref="ApiUseTable"/> matches by pattern, the text every one of them contains
/// (<paramref name="Marker"/>: lines without it are not read) and what a use of one reports.
/// </summary>
internal sealed record ApiUseFamily(ApiUsePattern Matches, string Marker, ApiUse Use);

/// <summary>
/// A table of identifiers whose use a rule reports, as checkpatch's one-regex-per-line checks do (<c>\bstrcpy\s*\(</c>,
/// <c>\bENOSYS\b</c>): read from the tokens, so names in strings and comments are not uses, and reported once per line
/// and rule, as a regex test of the line would.
/// </summary>
internal sealed class ApiUseTable
{
    // A Dictionary, not a FrozenDictionary: a precompiled build holds its code for this struct value, where a frozen
    // dictionary's (chosen at run time) is JIT-compiled at every start, and the table is looked up only for its own names.
    private readonly Dictionary<string, ApiUse> _uses;
    private readonly Dictionary<string, ApiUse>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly ApiUseFamily? _family;

    /// <param name="uses">The names (compared ordinally) and what a use of each reports; the table keeps it.</param>
    /// <param name="family">The names no entry lists (such as <c>*BUG_ON*</c>); an entry wins over it.</param>
    public ApiUseTable(Dictionary<string, ApiUse> uses, ApiUseFamily? family = null)
    {
        _uses = uses;
        _lookup = _uses.GetAlternateLookup<ReadOnlySpan<char>>();
        _family = family;
    }

    /// <summary>
    /// Registers for the table's names on judged lines, and with a family, for every judged line (a pattern lists no
    /// names; a line is one call where each of its identifiers was one).
    /// </summary>
    public void Register(RuleRegistration registration)
    {
        registration.RegisterIdentifierAction(ReportListed, RegisteredNames.KeysOf(_uses));
        if (_family is not null) registration.RegisterCodeLineAction(ReportFamilyMembers);
    }

    private void ReportListed(CTokenContext name)
    {
        if (name.Token.Kind == CTokenKind.Identifier) Report(name.Source, name.Fragment, name.Index, _lookup[name.Text]);
    }

    private void ReportFamilyMembers(CodeLineContext line)
    {
        var family = _family!;
        if (!line.Text.Contains(family.Marker, StringComparison.Ordinal)) return; // most lines
        var fragment = line.Fragment;
        var first = line.CLine.FirstToken;
        var tokens = line.Tokens;
        for (var t = 0; t < tokens.Length; t++)
        {
            if (tokens[t].Kind != CTokenKind.Identifier) continue;
            if (family.Use.Shape != ApiUseShape.Word && !NextCodeIsOpen(tokens, t)) continue;
            var name = fragment.TextOf(tokens[t]);
            if (family.Matches(name) && !_lookup.ContainsKey(name)) Report(line.Source, fragment, first + t, family.Use);
        }
    }

    /// <summary>The code token after <paramref name="index"/> on its line is <c>(</c>.</summary>
    private static bool NextCodeIsOpen(ReadOnlySpan<CToken> line, int index)
    {
        for (var t = index + 1; t < line.Length; t++)
        {
            if (line[t].IsCode) return line[t].IsSymbol('(');
        }

        return false;
    }

    private void Report(CSourceContext source, CFragment fragment, int index, ApiUse use)
    {
        var userSpace = IsUserSpacePath(source.File.Path);
        if ((use.UserSpaceExempt && userSpace) || !HasShape(fragment, index, use.Shape) || UsedBeforeOnLine(fragment, index, use.Rule, userSpace))
            return;
        ref readonly var token = ref fragment.Tokens.ItemRef(index);
        source.Report(use.Rule, fragment, token, fragment.TextOf(token).ToString(), use.Replacement);
    }

    /// <summary>True when an identifier before <paramref name="index"/> on its line is a use <paramref name="rule"/> reports.</summary>
    private bool UsedBeforeOnLine(CFragment fragment, int index, RuleDescriptor rule, bool userSpace)
    {
        var tokens = fragment.Tokens.AsSpan();
        for (var t = index - 1; t >= fragment.Lines[tokens[index].Line].FirstToken; t--)
        {
            if (tokens[t].Kind != CTokenKind.Identifier || UseOf(fragment.TextOf(tokens[t])) is not { } use || !ReferenceEquals(use.Rule, rule)) continue;
            if (!(use.UserSpaceExempt && userSpace) && HasShape(fragment, t, use.Shape)) return true;
        }

        return false;
    }

    private ApiUse? UseOf(ReadOnlySpan<char> name) =>
        _lookup.TryGetValue(name, out var use) ? use : _family is not null && _family.Matches(name) ? _family.Use : null;

    private static bool HasShape(CFragment fragment, int name, ApiUseShape shape)
    {
        if (shape == ApiUseShape.Word) return true;
        var tokens = fragment.Tokens.AsSpan();
        var open = CodeTokens.Next(fragment, name);
        if (open < 0 || !tokens[open].IsSymbol('(') || tokens[open].Line != tokens[name].Line) return false;
        var before = CodeTokens.Previous(fragment, name);
        if (before >= 0 && (tokens[before].IsSymbol('.') || fragment.Is(tokens[before], "->"))) return false;
        if (shape == ApiUseShape.Call) return true;
        var close = CodeTokens.Next(fragment, open);
        return close >= 0 && tokens[close].IsSymbol(')') && tokens[close].Line == tokens[name].Line;
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
