using System.Collections.Immutable;
using DiffLint.Core.CSyntax;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Resources;

/// <summary>
/// Counts, per family of counted references, the acquires and releases the patch adds and removes. A reference taken
/// on an object (<c>object_ref(OBJECT(t));</c>, <c>kref_get(&amp;x-&gt;ref);</c>) is dropped somewhere else by design, often
/// in another function of the same patch (seed 004: <c>iothread_ref</c> and <c>iothread_unref</c>); what a patch must not
/// do is take more than it drops, unless it stores the object (the reference then belongs to the field).
/// </summary>
internal static class ReferenceBalance
{
    public static IEnumerable<ResourceFinding> Check(Patch patch, List<FunctionCode> functions, ResourcePairTable table)
    {
        // A finding is an added statement that calls a counted acquire, so a patch whose touched functions name none (most
        // of them) needs no count: that spares reading every added and removed line of its C files again.
        if (!NamesCountedAcquire(functions, table)) yield break;
        var families = new Dictionary<string, (int Acquired, int Released)>(StringComparer.Ordinal);
        var scratch = new List<CToken>();
        foreach (var file in patch.Files)
        {
            if (!file.IsCSource || file.IsBinary) continue;
            foreach (var hunk in file.Hunks)
            {
                foreach (var line in hunk.Lines)
                {
                    if (line.Kind == DiffLineKind.Context || !ResourceAnalysis.MentionsAny(line.Span, table)) continue;
                    var sign = line.Kind == DiffLineKind.Added ? 1 : -1;
                    scratch.Clear();
                    CTokenizer.TokenizeLine(line.Span, CLexState.Code, 0, CTokenFlags.None, scratch);
                    for (var t = 0; t + 1 < scratch.Count; t++)
                    {
                        if (scratch[t].Kind != CTokenKind.Identifier || !scratch[t + 1].IsSymbol('(')) continue;
                        var name = line.Span.Slice(scratch[t].Start, scratch[t].Length);
                        if (table.Knows(name)) Count(families, table, name.ToString(), sign);
                    }
                }
            }
        }

        // Most patches add no reference at all, or as many releases as acquires: nothing to look for then.
        if (!families.Values.Any(c => c.Acquired > Math.Max(c.Released, 0))) yield break;
        foreach (var function in functions)
        {
            if (!function.HasAddedLine()) continue;
            var body = function.Body;
            foreach (var finding in Unbalanced(function, body, table, families)) yield return finding;
        }
    }

    /// <summary>Whether a function with an added line names, anywhere in its body, an acquire of a counted reference.</summary>
    private static bool NamesCountedAcquire(List<FunctionCode> functions, ResourcePairTable table)
    {
        foreach (var function in functions)
        {
            if (!function.HasAddedLine()) continue;
            var tokens = function.View.Tokens;
            foreach (var t in function.TokensNamedBy(table))
            {
                if (!table.TryGetAcquires(tokens[t].Text, out var pairs)) continue;
                foreach (var pair in pairs)
                {
                    if (IsCounted(pair) && !pair.AcquireCarrier.IsReturn && !pair.AcquireCarrier.IsGlobal) return true;
                }
            }
        }

        return false;
    }

    private static void Count(Dictionary<string, (int Acquired, int Released)> families, ResourcePairTable table, string name, int sign)
    {
        if (table.TryGetAcquires(name, out var acquires) && acquires.FirstOrDefault(IsCounted) is { } acquire)
        {
            families.TryGetValue(acquire.Family, out var counts);
            families[acquire.Family] = (counts.Acquired + sign, counts.Released);
        }
        else if (table.TryGetReleases(name, out var releases) && releases.FirstOrDefault(IsCounted) is { } release)
        {
            families.TryGetValue(release.Family, out var counts);
            families[release.Family] = (counts.Acquired, counts.Released + sign);
        }
    }

    /// <summary>Table pairs of counted references (learned wrappers are not counted: their insides are; nor are loop macros, which drop what they take).</summary>
    private static bool IsCounted(ResourcePair pair) =>
        pair.Kind == ResourceKind.Reference && !pair.IsIterator && !pair.Source.StartsWith("learned", StringComparison.Ordinal);

    private static IEnumerable<ResourceFinding> Unbalanced(FunctionCode function, ImmutableArray<Statement> body, ResourcePairTable table,
        Dictionary<string, (int Acquired, int Released)> families)
    {
        var tokens = function.View.Tokens;
        foreach (var statement in BodyParser.Flatten(body))
        {
            if (statement is not ExpressionStatement expression || !function.View.IsAdded(expression.Token)) continue;
            var (start, end) = ExpressionReader.StripCasts(tokens, expression.Token, expression.End);
            if (end - start < 3 || !tokens[start].IsIdentifier || !tokens[start + 1].Is("(") ||
                ExpressionReader.MatchingClose(tokens, start + 1, end) != end - 1)
                continue;
            if (!table.TryGetAcquires(tokens[start].Text, out var pairs)) continue;
            var pair = pairs.FirstOrDefault(p => IsCounted(p) && !p.AcquireCarrier.IsReturn && !p.AcquireCarrier.IsGlobal);
            if (pair is null || !families.TryGetValue(pair.Family, out var counts) || counts.Acquired <= Math.Max(counts.Released, 0)) continue;
            var arguments = ExpressionReader.SplitTopLevel(tokens, start + 2, end - 1, ",");
            if (pair.AcquireCarrier.Argument > arguments.Length) continue;
            var (argStart, argEnd) = arguments[pair.AcquireCarrier.Argument - 1];
            var key = ExpressionReader.ObjectKey(tokens, argStart, argEnd);
            if (Stored(function, key)) continue;
            yield return new ResourceFinding(ResourceProblem.UnbalancedReference, function.View, function.Name, key, pair, start, start, -1,
                [counts.Acquired, counts.Released]);
        }
    }

    /// <summary>The object is stored (<c>s-&gt;obj = obj</c>, <c>*out = obj</c>) or returned in the function: its reference goes with it.</summary>
    private static bool Stored(FunctionCode function, string key)
    {
        var tokens = function.View.Tokens;
        var name = key.TrimStart('&', '*');
        for (var t = function.BodyStart + 1; t < function.BodyEnd; t++)
        {
            if (!tokens[t].IsIdentifier || tokens[t].Text != name) continue;
            var (before, after) = (tokens[t - 1], t + 1 < function.BodyEnd ? tokens[t + 1] : default);
            var alone = after.Text is ";" or ")" or ",";
            if (alone && (before.Is("=") || before.Is("return") || before.Is(")"))) return true;
        }

        return false;
    }
}
