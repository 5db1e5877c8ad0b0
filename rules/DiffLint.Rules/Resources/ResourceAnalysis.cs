using System.Buffers;
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Core.Model;
using DiffLint.Core.Trees;

namespace DiffLint.Rules.Resources;

/// <summary>
/// The resource facts of a patch, shared by the DL50xx rules: every function the patch touches is rebuilt (from the
/// hunks, or whole from the tree when <c>--tree</c> or the work tree has the pre-image), the file's own wrappers are
/// learned, and each function is followed path by path (<see cref="FunctionFlow"/>).
/// </summary>
/// <remarks>
/// From the patch alone the analysis sees a hunk's context and added lines only. It assumes that the lines it cannot
/// see hold no exit and do not touch the resources it follows; a variable whose declaration it cannot see is followed
/// unless the file uses cleanup attributes (g_autofree, __free(), _cleanup_...), since the declaration might carry one;
/// a goto to a label outside the view and the code before the first line shown end the paths they are on, silently.
/// </remarks>
internal static class ResourceAnalysis
{
    /// <summary>The .editorconfig key naming a repository's own pair tables (comma-separated paths, relative to the .editorconfig's folder).</summary>
    public const string PairsKey = "difflint_resource_pairs";

    /// <summary><see cref="PairsKey"/> as the DL50xx rules' documentation lists it.</summary>
    public static readonly RuleOption PairsOption = new(PairsKey, "the built-in tables only",
        "Comma-separated pair files, relative to the `.editorconfig`, that add pairs to the built-in table or drop one with "
        + "`forget NAME` (the README's \"Resource pairing\").", PerPath: false);

    public static readonly PatchValueProvider<ResourceFacts> Facts = PatchValueProvider<ResourceFacts>.FromAnalysis(Compute);

    private static readonly ConditionalWeakTable<EditorConfigSettings, RepositoryTable> RepositoryTables = new();

    private static ResourceFacts Compute(DiagnosticSink sink)
    {
        var patch = sink.Patch;
        // The table is read (the built-in one parsed, at the first such patch of a run) only for a patch with C code.
        ResourcePairTable? table = null;
        var views = new List<CodeView>();
        foreach (var file in patch.Files)
        {
            if (!file.AddsCCode || file.NewPath is null) continue;
            // With a tree the acquire may lie anywhere in the function; without one it must be on a line the hunks show.
            var whole = sink.SourceTree?.PostImageOf(file);
            if (whole is not null) views.Add(WholeFileView(file, whole));
            else views.AddRange(HunkViews(file, sink.CSourceOf(file), table ??= TableFor(patch, sink.Configuration.EditorConfig)));
        }

        if (views.Count == 0) return ResourceFacts.Empty;
        table ??= TableFor(patch, sink.Configuration.EditorConfig);
        var functions = new List<FunctionCode>();
        foreach (var view in views) functions.AddRange(FunctionCode.FindAll(view));
        table = Wrappers.Learn(functions, table);

        // A function split over several hunks: each piece's exits are compared with the releases of all its pieces.
        var releasedByFunction = functions.Count > 1 ? ReleasedByPiecedFunction(functions, table) : null;

        var findings = ImmutableArray.CreateBuilder<ResourceFinding>();
        // Whether a file uses cleanup attributes, read (every line of its hunks) only for a file with a function to follow.
        Dictionary<FileDiff, bool>? cleanupFiles = null;
        // The variables the piece just analysed left released, for the next piece of the same function.
        FunctionCode? previous = null;
        List<FunctionFlow.CarriedRelease>? releasedAtEnd = null;
        foreach (var function in functions)
        {
            var carried = previous is not null && ContinuesAfter(function, previous) ? releasedAtEnd : null;
            previous = null;
            if (!function.HasAddedLine()) continue;
            // A path follows a resource only from an acquire or a release in view, or from the releases the piece before
            // left: a body that names neither follows nothing (701 of the 8,123 functions followed in the 250 MB archive).
            var use = function.Uses(table);
            if (use == TableUse.None || (use == TableUse.TransfersOnly && carried is null)) continue;
            var file = function.View.File;
            var trackUndeclared = function.View.WholeFile;
            if (!trackUndeclared)
            {
                cleanupFiles ??= [];
                if (!cleanupFiles.TryGetValue(file, out var usesCleanup)) cleanupFiles[file] = usesCleanup = UsesCleanupAttributes(file);
                trackUndeclared = !usesCleanup;
            }

            HashSet<string>? releasedElsewhere = null;
            releasedByFunction?.TryGetValue((file, function.Name), out releasedElsewhere);
            releasedAtEnd = function.EndVisible ? null : [];
            findings.AddRange(FunctionFlow.Analyze(function, table, trackUndeclared, releasedElsewhere, carried, releasedAtEnd));
            previous = releasedAtEnd is { Count: > 0 } ? function : null;
        }

        findings.AddRange(ReferenceBalance.Check(patch, functions, table));
        return new ResourceFacts(findings.ToImmutable());
    }

    /// <summary>The most lines the hunks may leave out between two pieces of a function for one to follow on from the other.</summary>
    private const int MaxGapBetweenPieces = 20;

    /// <summary>
    /// <paramref name="function"/> is the piece of <paramref name="previous"/>'s function that the next hunk shows, a few
    /// lines below: what the lines between do is unknown, and taken (as for every line the hunks leave out) not to touch
    /// the resources followed.
    /// </summary>
    private static bool ContinuesAfter(FunctionCode function, FunctionCode previous) =>
        !previous.EndVisible && !function.StartVisible && function.View.File == previous.View.File && function.Name == previous.Name &&
        function.View.Lines.Length > 0 && previous.View.Lines.Length > 0 &&
        function.View.Lines[0].NewLine - previous.View.Lines[^1].NewLine - 1 <= MaxGapBetweenPieces;

    /// <summary>The keys released by the pieces of each function that the hunks show in several pieces; null when none is.</summary>
    private static Dictionary<(FileDiff, string), HashSet<string>>? ReleasedByPiecedFunction(List<FunctionCode> functions, ResourcePairTable table)
    {
        var pieces = new Dictionary<(FileDiff, string), int>();
        var pieced = false;
        foreach (var function in functions)
        {
            if (function.View.WholeFile) continue;
            pieced |= ++CollectionsMarshal.GetValueRefOrAddDefault(pieces, (function.View.File, function.Name), out _) > 1;
        }

        if (!pieced) return null;
        var released = new Dictionary<(FileDiff, string), HashSet<string>>();
        foreach (var function in functions)
        {
            var key = (function.View.File, function.Name);
            if (function.View.WholeFile || pieces[key] < 2) continue;
            if (!released.TryGetValue(key, out var keys)) released[key] = keys = new HashSet<string>(StringComparer.Ordinal);
            keys.UnionWith(FunctionFlow.ReleasedKeys(function, table));
        }

        return released;
    }

    /// <summary>The built-in table, under the repository's own tables unless the patch adds or changes them (a patch must not reconfigure its own review).</summary>
    private static ResourcePairTable TableFor(Patch patch, EditorConfigSettings? settings)
    {
        if (settings is null) return ResourcePairTables.BuiltIn;
        var repository = RepositoryTables.GetValue(settings, RepositoryTable.Load);
        if (repository.Table is null) return ResourcePairTables.BuiltIn;
        foreach (var file in patch.Files)
        {
            var path = file.Path;
            if (Path.GetFileName(path) == ".editorconfig" || repository.Paths.Contains(path)) return ResourcePairTables.BuiltIn;
        }

        return repository.Table;
    }

    /// <summary>
    /// The hunk can hold a finding about a change: an added line calls a function the table knows, follows a context line
    /// that calls a release (it may use what that released), or adds an exit (<c>return</c>, <c>goto</c>, <c>break</c>,
    /// <c>continue</c>) while some line of the hunk calls one. Hunks that only change other statements are not read at
    /// all: most hunks of most patches.
    /// </summary>
    private static bool MayHoldFinding(Hunk hunk, ResourcePairTable table) => MayHoldFinding(hunk.Lines, 0, hunk.Lines.Length, table);

    /// <summary><see cref="MayHoldFinding(Hunk, ResourcePairTable)"/> for the lines [from, to) of a hunk.</summary>
    private static bool MayHoldFinding(ImmutableArray<DiffLine> lines, int from, int to, ResourcePairTable table)
    {
        // The calls first: a hunk that calls no function of the table (most of them) is never searched for exits.
        var contextMentions = false;
        ReadOnlySpan<char> released = default; // the arguments of the last release a context line calls
        for (var l = from; l < to; l++)
        {
            ref readonly var line = ref lines.ItemRef(l);
            if (line.Kind == DiffLineKind.Added)
            {
                if (MentionsAny(line.Span, table) || (!released.IsEmpty && SharesName(line.Span, released))) return true;
            }
            else if (line.Kind == DiffLineKind.Context)
            {
                var mention = Mention(line.Span, table, out var arguments);
                contextMentions |= mention != CallMention.None;
                if (mention == CallMention.Release) released = arguments;
            }
        }

        if (!contextMentions) return false;
        for (var l = from; l < to; l++)
        {
            ref readonly var line = ref lines.ItemRef(l);
            if (line.Kind == DiffLineKind.Added && AddsExit(line.Span)) return true;
        }

        return false;
    }

    /// <summary>Whether <paramref name="text"/> names, as a whole word, an identifier of <paramref name="arguments"/> (what a release was given).</summary>
    private static bool SharesName(ReadOnlySpan<char> text, ReadOnlySpan<char> arguments)
    {
        for (var i = 0; NextIdentifier(text, ref i, out var name);)
        {
            for (var k = 0; NextIdentifier(arguments, ref k, out var argument);)
            {
                if (name.SequenceEqual(argument)) return true;
            }
        }

        return false;
    }

    /// <summary>The next identifier of <paramref name="text"/> from <paramref name="at"/> (moved past it); false at the end.</summary>
    private static bool NextIdentifier(ReadOnlySpan<char> text, ref int at, out ReadOnlySpan<char> identifier)
    {
        while (at < text.Length)
        {
            var start = at;
            while (at < text.Length && IsWordPart(text[at])) at++;
            if (at > start && !char.IsAsciiDigit(text[start]))
            {
                identifier = text[start..at];
                return true;
            }

            if (at == start) at++;
        }

        identifier = default;
        return false;
    }

    private static bool IsWordPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>
    /// The text that holds <paramref name="lines"/>[from, to) when they are consecutive slices of one buffer (the
    /// message's decoded text they were read from, a string or a reused char array): with the diff's line prefixes and
    /// line ends between them, which no word searched for here can match across, so a search that fails on the text
    /// fails on every line. False otherwise.
    /// </summary>
    /// <remarks>
    /// Not for the hunk prefilter: that one reads added and context lines only, and stops at the first mention, so one
    /// scan of the whole text (removed lines included, and again line by line when it finds something) measured slower.
    /// </remarks>
    private static bool TryGetText(ImmutableArray<DiffLine> lines, int from, int to, out ReadOnlySpan<char> text)
    {
        text = default;
        if (from >= to || !TryGetSource(lines[from].Text, out var source, out var first, out var length)) return false;
        var end = first + length;
        for (var l = from + 1; l < to; l++)
        {
            if (!TryGetSource(lines[l].Text, out var other, out var start, out length) || !ReferenceEquals(other, source) || start < end)
                return false;
            end = start + length;
        }

        text = source is string whole ? whole.AsSpan(first, end - first) : ((char[])source).AsSpan(first, end - first);
        return true;
    }

    /// <summary>
    /// The string or char array <paramref name="text"/> is a slice of, and where. A mail's lines are slices of the thread's
    /// reused char array, not of a string: with strings alone the whole-hunk search never ran and every line was searched
    /// on its own (UsesCleanupAttributes, ~60-100 ms of the 250 MB archive, line by line).
    /// </summary>
    private static bool TryGetSource(ReadOnlyMemory<char> text, out object source, out int start, out int length)
    {
        if (MemoryMarshal.TryGetString(text, out var owner, out start, out length))
        {
            source = owner;
            return true;
        }

        if (MemoryMarshal.TryGetArray(text, out var segment) && segment.Array is { } array)
        {
            (source, start, length) = (array, segment.Offset, segment.Count);
            return true;
        }

        source = "";
        return false;
    }

    /// <summary>A cheap test before tokenizing: an identifier followed by '(' that the table knows.</summary>
    internal static bool MentionsAny(ReadOnlySpan<char> text, ResourcePairTable table) =>
        Mention(text, table, out _, untilRelease: false) != CallMention.None;

    private enum CallMention : byte { None, Known, Release }

    /// <summary>
    /// Whether <paramref name="text"/> calls a function the table knows, and whether one of them is a release, with the
    /// text of that release's arguments (read to the end of the text when <paramref name="untilRelease"/>; otherwise the
    /// first known call answers).
    /// </summary>
    private static CallMention Mention(ReadOnlySpan<char> text, ResourcePairTable table, out ReadOnlySpan<char> arguments, bool untilRelease = true)
    {
        arguments = default;
        var mention = CallMention.None;
        // The '(' of 64 characters at a time, as the bits of one vector compare: a call per '(' to find the next one cost
        // more than the test of the name before it (this runs on every added and context line of every C hunk).
        for (var chunk = 0; chunk < text.Length; chunk += 64)
        {
            for (var opens = CharacterMask.Of<OpenParenthesis>(text[chunk..]); opens != 0; opens &= opens - 1)
            {
                var open = chunk + BitOperations.TrailingZeroCount(opens);
                var end = open;
                while (end > 0 && text[end - 1] == ' ') end--;
                // The name's last two characters first: most callees end as no name of the table does, and are then not
                // walked back over (perf, resource analysis alone: this prefilter was a fifth of it).
                if (end == 0 || !IsWordPart(text[end - 1]) ||
                    !table.MayEndAName(text[end - 1], end > 1 && IsWordPart(text[end - 2]) ? text[end - 2] : '\0'))
                    continue;
                var start = end;
                while (start > 0 && IsWordPart(text[start - 1])) start--;
                if (!table.Knows(text[start..end])) continue;
                if (!untilRelease) return CallMention.Known;
                if (table.IsRelease(text[start..end]))
                {
                    var close = text[open..].IndexOf(')');
                    arguments = close < 0 ? text[(open + 1)..] : text[(open + 1)..(open + close)];
                    return CallMention.Release;
                }

                mention = CallMention.Known;
            }
        }

        return mention;
    }

    /// <summary>The opening parenthesis, the one character <see cref="Mention"/> looks for.</summary>
    private readonly struct OpenParenthesis : ICharacterClass
    {
        public static bool Contains(char c) => c == '(';

        public static Vector128<ushort> Contains(Vector128<ushort> chars) => Vector128.Equals(chars, Vector128.Create((ushort)'('));
    }

    private static bool UsesCleanupAttributes(FileDiff file)
    {
        foreach (var hunk in file.Hunks)
        {
            if (TryGetText(hunk.Lines, 0, hunk.Lines.Length, out var text) && !text.ContainsAny(Words.Cleanup)) continue;
            foreach (var line in hunk.Lines)
            {
                if (MentionsCleanup(line.Span)) return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A cleanup marker in <paramref name="text"/>: <c>g_autofree</c>, <c>__free(</c>, <c>_cleanup_</c>, or
    /// <c>cleanup(</c> as a word (the attribute's argument), not as the end of a function's name (<c>set_gpt_cleanup(</c>).
    /// </summary>
    private static bool MentionsCleanup(ReadOnlySpan<char> text)
    {
        for (var at = text.IndexOfAny(Words.Cleanup); at >= 0;)
        {
            var rest = text[at..];
            if (!rest.StartsWith("cleanup(", StringComparison.Ordinal) || at == 0 || !IsWordPart(text[at - 1]))
                return true;
            var next = text[(at + 1)..].IndexOfAny(Words.Cleanup);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }


    /// <summary>
    /// The views of the hunks of <paramref name="file"/> that may hold a finding, made from the engine's tokens
    /// (<paramref name="source"/>) where it has them for the hunk and tokenized from the same state; tokenized here
    /// otherwise (a hunk the engine leaves out because the patch only moves its lines, one starting inside a macro,
    /// whose tokens the engine reads as the directive's, or a cut inside a comment).
    /// </summary>
    private static IEnumerable<CodeView> HunkViews(FileDiff file, CSourceFile? source, ResourcePairTable table)
    {
        var scratch = t_startTokens ??= new List<CToken>(256);
        var fragments = source?.Fragments ?? [];
        var nextFragment = 0;
        for (var h = 0; h < file.Hunks.Length; h++)
        {
            var hunk = file.Hunks[h];
            if (hunk.AddedCount == 0 || !MayHoldFinding(hunk, table)) continue;
            while (nextFragment < fragments.Length && fragments[nextFragment].HunkIndex < h) nextFragment++;
            var fragment = nextFragment < fragments.Length && fragments[nextFragment].HunkIndex == h ? fragments[nextFragment] : null;
            var start = (fragment?.Start ?? CStartState.Recover(hunk, scratch)).State & ~CLexState.Directive;

            // A long hunk (a new file, say) is cut after each function's closing brace in the first column, and only
            // the functions that may hold a finding are tokenized: the rest of a new file costs a line scan.
            var lines = hunk.Lines;
            var from = 0;
            var postFrom = 0; // the index among the post-image lines (the fragment's lines) of the first line at or after `from`
            var post = 0;
            for (var l = 0; l < lines.Length; l++)
            {
                if (lines[l].Kind != DiffLineKind.Removed) post++;
                var last = l == lines.Length - 1;
                if (!last && (lines[l].Kind == DiffLineKind.Removed || !IsFunctionEnd(lines[l].Span))) continue;
                if (from == 0 && last)
                {
                    yield return View(file, fragment, PostImageLines(lines, 0, lines.Length, hunk.Lines.Length - hunk.RemovedCount), 0, start,
                        HeadingName(hunk.Heading));
                    break;
                }

                if (MayHoldFinding(lines, from, l + 1, table))
                {
                    yield return View(file, fragment, PostImageLines(lines, from, l + 1), postFrom, from == 0 ? start : CLexState.Code,
                        from == 0 ? HeadingName(hunk.Heading) : null);
                }

                from = l + 1;
                postFrom = post;
            }
        }
    }

    /// <summary>
    /// <paramref name="lines"/> (lines <paramref name="firstLine"/>... of the hunk's post-image) read from state
    /// <paramref name="start"/>: with the fragment's tokens when the engine read its first line in that state, since
    /// the tokens of the lines after follow from it.
    /// </summary>
    private static CodeView View(FileDiff file, CFragment? fragment, ImmutableArray<CodeLine> lines, int firstLine, CLexState start, string? heading) =>
        fragment is not null && (lines.IsEmpty || fragment.Lines[firstLine].StartState == start)
            ? CodeView.FromFragment(file, lines, fragment, firstLine, heading)
            : CodeView.Tokenize(file, lines, start, heading, wholeFile: false);

    /// <summary>The context and added lines among <paramref name="lines"/>[from, to).</summary>
    private static ImmutableArray<CodeLine> PostImageLines(ImmutableArray<DiffLine> lines, int from, int to, int count = -1)
    {
        if (count < 0)
        {
            count = 0;
            for (var l = from; l < to; l++)
            {
                if (lines[l].Kind != DiffLineKind.Removed) count++;
            }
        }

        var post = new CodeLine[count];
        var k = 0;
        for (var l = from; l < to; l++)
        {
            var line = lines[l];
            if (line.Kind != DiffLineKind.Removed) post[k++] = new CodeLine(line.NewLine, line.Kind == DiffLineKind.Added, line.InputLine, line.Text);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(post);
    }

    /// <summary>A line that is just <c>}</c> in the first column: the end of a function in every C style in use.</summary>
    private static bool IsFunctionEnd(ReadOnlySpan<char> text) => text.Length > 0 && text[0] == '}' && text[1..].IsWhiteSpace();

    private static bool AddsExit(ReadOnlySpan<char> text) => text.ContainsAny(Words.Exit);

    // A class of its own: the searchers are built at the first C hunk, not when a DL50xx descriptor is read or the rules
    // are made (every run makes every rule, with or without C code).
    private static class Words
    {
        public static readonly SearchValues<string> Cleanup =
            SearchValues.Create(["g_auto", "__free(", "_cleanup_", "__cleanup", "cleanup("], StringComparison.Ordinal);

        public static readonly SearchValues<string> Exit = SearchValues.Create(["return", "goto", "break", "continue"], StringComparison.Ordinal);
    }

    [ThreadStatic] private static List<CToken>? t_startTokens;

    private static CodeView WholeFileView(FileDiff file, PostImage image)
    {
        var inPatch = new Dictionary<int, DiffLine>();
        foreach (var hunk in file.Hunks)
        {
            foreach (var line in hunk.Lines)
            {
                if (line.Kind != DiffLineKind.Removed) inPatch[line.NewLine] = line;
            }
        }

        var lines = ImmutableArray.CreateBuilder<CodeLine>(image.Lines.Length);
        for (var n = 0; n < image.Lines.Length; n++)
        {
            var added = inPatch.TryGetValue(n + 1, out var diff) && diff.Kind == DiffLineKind.Added;
            lines.Add(new CodeLine(n + 1, added, inPatch.ContainsKey(n + 1) ? diff.InputLine : 0, image.Lines[n].AsMemory()));
        }

        return CodeView.Tokenize(file, lines.ToImmutable(), CLexState.Code, null, wholeFile: true);
    }

    /// <summary>The function a hunk header names: the identifier before its first '('.</summary>
    private static string? HeadingName(string heading)
    {
        var open = heading.IndexOf('(');
        if (open <= 0 || heading.Contains('=') || heading.TrimStart().StartsWith('#')) return null;
        var end = open;
        while (end > 0 && heading[end - 1] == ' ') end--;
        var start = end;
        while (start > 0 && (char.IsAsciiLetterOrDigit(heading[start - 1]) || heading[start - 1] == '_')) start--;
        return start < end && !char.IsAsciiDigit(heading[start]) ? heading[start..end] : null;
    }

    /// <summary>A repository's own pair tables, read once per .editorconfig set (with the paths they came from).</summary>
    private sealed class RepositoryTable
    {
        public ResourcePairTable? Table { get; private init; }
        public HashSet<string> Paths { get; private init; } = new(StringComparer.Ordinal);

        public static RepositoryTable Load(EditorConfigSettings settings)
        {
            var value = settings.GlobalOption(PairsKey);
            if (string.IsNullOrWhiteSpace(value)) return new RepositoryTable();
            var paths = new HashSet<string>(StringComparer.Ordinal);
            var files = new List<(string, string)>();
            foreach (var entry in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var full = Path.GetFullPath(Path.Combine(settings.Root, entry));
                paths.Add(Path.GetRelativePath(settings.Root, full).Replace('\\', '/'));
                files.Add((full, File.ReadAllText(full)));
            }

            return new RepositoryTable { Table = ResourcePairTables.Parse(files, ResourcePairTables.BuiltIn), Paths = paths };
        }
    }
}

/// <summary>What <see cref="ResourceAnalysis"/> found in one patch.</summary>
internal sealed record ResourceFacts(ImmutableArray<ResourceFinding> Findings)
{
    public static readonly ResourceFacts Empty = new([]);
}
