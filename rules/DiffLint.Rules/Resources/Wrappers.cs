using System.Collections.Immutable;

namespace DiffLint.Rules.Resources;

/// <summary>
/// Learns a file's own acquire and release functions from the definitions the analysis sees (the patch's functions,
/// or with the tree the whole post-image files): a function that releases its parameter (<c>pending_pkt_free(p)</c>
/// calling <c>free(p)</c>) is a release; one that returns a fresh acquire (<c>return g_strdup(x)</c>, or a variable it
/// assigned one to) is an acquire; one that takes a reference or lock on its parameter and never drops it
/// (<c>iothread_ref(t)</c> calling <c>object_ref(OBJECT(t))</c>) acquires on that parameter.
/// </summary>
internal static class Wrappers
{
    public static ResourcePairTable Learn(IEnumerable<FunctionCode> functions, ResourcePairTable table)
    {
        var learned = new List<ResourcePair>();
        foreach (var function in functions)
        {
            if (!function.StartVisible || !function.EndVisible) continue;
            if (table.IsAcquire(function.Name) || table.IsRelease(function.Name)) continue;
            // A wrapper calls what it wraps: a release wrapper a release, an acquire wrapper an acquire.
            var (namesAcquire, namesRelease) = NamedKinds(function, table);
            if (!namesAcquire && !namesRelease) continue;
            var body = function.Body;
            // Both parameter learners look the released or acquired argument up among the parameters.
            var hasParameters = !function.Parameters.IsEmpty;
            if (namesRelease && hasParameters) LearnRelease(function, body, table, learned);
            if (namesAcquire) LearnReturnedAcquire(function, body, table, learned);
            if (namesAcquire && hasParameters) LearnOutParameterAcquire(function, body, table, learned);
            if (namesAcquire && hasParameters) LearnParameterAcquire(function, body, table, learned);
        }

        return table.WithLearned(learned);
    }

    /// <summary>Whether the body names an acquire, and whether it names a release, of <paramref name="table"/>.</summary>
    private static (bool Acquire, bool Release) NamedKinds(FunctionCode function, ResourcePairTable table)
    {
        var tokens = function.View.Tokens;
        var (acquire, release) = (false, false);
        foreach (var t in function.TokensNamedBy(table))
        {
            acquire |= table.IsAcquire(tokens[t].Text);
            release |= table.IsRelease(tokens[t].Text);
            if (acquire && release) break;
        }

        return (acquire, release);
    }

    /// <summary>Whether [start, end) holds a name <paramref name="table"/> releases (or, unless <paramref name="release"/>, acquires).</summary>
    private static bool Names(ImmutableArray<CodeToken> tokens, int start, int end, ResourcePairTable table, bool release)
    {
        for (var t = start; t < end; t++)
        {
            if (!tokens[t].IsIdentifier || !table.Knows(tokens[t].Text)) continue;
            if (release ? table.IsRelease(tokens[t].Text) : table.IsAcquire(tokens[t].Text)) return true;
        }

        return false;
    }

    /// <summary>A statement at the top of the body (or under <c>if (p)</c>) that releases a parameter.</summary>
    private static void LearnRelease(FunctionCode function, ImmutableArray<Statement> body, ResourcePairTable table, List<ResourcePair> learned)
    {
        var tokens = function.View.Tokens;
        foreach (var statement in body)
        {
            var expression = statement switch
            {
                ExpressionStatement e => e,
                IfStatement { Else: null, Then: ExpressionStatement e } => e,
                IfStatement { Else: null, Then: BlockStatement { Body: [ExpressionStatement e] } } => e,
                _ => null,
            };
            if (expression is null || !Names(tokens, expression.Token, expression.End, table, release: true)) continue;
            foreach (var call in ExpressionReader.Calls(tokens, expression.Token, expression.End))
            {
                if (ExpressionReader.IsMemberCall(tokens, call.Name) || !table.TryGetReleases(tokens[call.Name].Text, out var pairs)) continue;
                foreach (var pair in pairs)
                {
                    if (pair.ReleaseCarrier.IsGlobal || pair.ReleaseCarrier.Argument > call.Arguments.Length) continue;
                    var (start, end) = call.Arguments[pair.ReleaseCarrier.Argument - 1];
                    var key = ExpressionReader.ObjectKey(tokens, start, end);
                    var parameter = function.Parameters.IndexOf(key);
                    if (parameter < 0) continue;
                    learned.Add(pair with
                    {
                        Release = function.Name, ReleaseCarrier = new Carrier(parameter + 1),
                        Source = "learned from " + function.View.File.Path, Line = function.View.NewLineOf(call.Name),
                    });
                }
            }
        }
    }

    /// <summary>The variables the body assigns an acquire's result to (<c>v = acquire(...)</c>), with the acquire's pair.</summary>
    private static Dictionary<string, ResourcePair> AssignedAcquires(FunctionCode function, ResourcePairTable table)
    {
        var tokens = function.View.Tokens;
        var assigned = new Dictionary<string, ResourcePair>(StringComparer.Ordinal);
        for (var t = function.BodyStart; t + 3 < function.BodyEnd; t++)
        {
            if (!tokens[t].IsIdentifier || !tokens[t + 1].Is("=")) continue;
            var (start, _) = ExpressionReader.StripCasts(tokens, t + 2, function.BodyEnd);
            if (ReturnAcquire(tokens, start, function.BodyEnd, table) is { } pair) assigned[tokens[t].Text] = pair;
        }

        return assigned;
    }

    /// <summary>The pair of the acquire called at <paramref name="start"/> when it returns the resource (<c>malloc(n)</c>); null otherwise.</summary>
    private static ResourcePair? ReturnAcquire(ImmutableArray<CodeToken> tokens, int start, int end, ResourcePairTable table) =>
        start + 1 < end && tokens[start].IsIdentifier && tokens[start + 1].Is("(") && table.TryGetAcquires(tokens[start].Text, out var pairs)
            ? pairs.FirstOrDefault(p => p.AcquireCarrier.IsReturn)
            : null;

    /// <summary><c>return acquire(...)</c>, or <c>v = acquire(...)</c> ... <c>return v</c>.</summary>
    private static void LearnReturnedAcquire(FunctionCode function, ImmutableArray<Statement> body, ResourcePairTable table, List<ResourcePair> learned)
    {
        var tokens = function.View.Tokens;
        var assigned = AssignedAcquires(function, table);
        foreach (var statement in BodyParser.Flatten(body))
        {
            if (statement is not ReturnStatement exit || exit.End - exit.Start < 1) continue;
            var (start, end) = ExpressionReader.StripCasts(tokens, exit.Start, exit.End);
            ResourcePair? pair = null;
            if (end - start == 1 && tokens[start].IsIdentifier) assigned.TryGetValue(tokens[start].Text, out pair);
            else if (end - start >= 3 && tokens[start].IsIdentifier && tokens[start + 1].Is("(") &&
                     ExpressionReader.MatchingClose(tokens, start + 1, end) == end - 1 && table.TryGetAcquires(tokens[start].Text, out var pairs))
                pair = pairs.FirstOrDefault(p => p.AcquireCarrier.IsReturn);
            if (pair is null) continue;
            learned.Add(pair with
            {
                Acquire = function.Name, AcquireCarrier = Carrier.Return,
                Failure = AcquireFailure.Null, // a wrapper may return NULL whatever it calls
                Source = "learned from " + function.View.File.Path, Line = function.View.NewLineOf(exit.Token),
            });
            return;
        }
    }

    /// <summary>
    /// <c>*out = v</c> with v assigned an acquire's result (or <c>*out = acquire(...)</c>), where <c>out</c> is a parameter:
    /// the caller's <c>&amp;x</c> receives the resource. The function's status says whether it did, read from its returns:
    /// <c>return 0;</c> (or <c>EFI_SUCCESS</c>) on success makes any other status a failure, <c>return true;</c> makes false one.
    /// </summary>
    private static void LearnOutParameterAcquire(FunctionCode function, ImmutableArray<Statement> body, ResourcePairTable table, List<ResourcePair> learned)
    {
        var tokens = function.View.Tokens;
        Dictionary<string, ResourcePair>? assigned = null;
        foreach (var statement in BodyParser.Flatten(body))
        {
            if (statement is not ExpressionStatement { Token: var star, End: var end } || end - star < 4 || !tokens[star].Is("*") ||
                !tokens[star + 1].IsIdentifier || !tokens[star + 2].Is("="))
                continue;
            var parameter = function.Parameters.IndexOf(tokens[star + 1].Text);
            if (parameter < 0) continue;
            var (start, valueEnd) = ExpressionReader.StripCasts(tokens, star + 3, end);
            var pair = valueEnd - start == 1 && tokens[start].IsIdentifier
                ? (assigned ??= AssignedAcquires(function, table)).GetValueOrDefault(tokens[start].Text)
                : ReturnAcquire(tokens, start, valueEnd, table);
            if (pair is null || pair.Kind is ResourceKind.Lock or ResourceKind.State || StatusFailure(function, body) is not { } failure) continue;
            learned.Add(pair with
            {
                Acquire = function.Name, AcquireCarrier = new Carrier(parameter + 1), Failure = failure,
                Source = "learned from " + function.View.File.Path, Line = function.View.NewLineOf(star),
            });
            return;
        }
    }

    /// <summary>How the function's status tells a failure: by its success return (<c>return 0;</c>, <c>return EFI_SUCCESS;</c>, <c>return true;</c>), or null when no return says.</summary>
    private static AcquireFailure? StatusFailure(FunctionCode function, ImmutableArray<Statement> body)
    {
        var tokens = function.View.Tokens;
        foreach (var statement in BodyParser.Flatten(body))
        {
            if (statement is not ReturnStatement { Start: var start, End: var end } || end - start != 1) continue;
            var value = tokens[start].Text;
            if (value == "0" || value.EndsWith("_SUCCESS", StringComparison.Ordinal)) return AcquireFailure.NonZero;
            if (value == "true") return AcquireFailure.False;
        }

        return null;
    }

    /// <summary>A reference or lock taken on a parameter at the top of the body, never dropped in it.</summary>
    private static void LearnParameterAcquire(FunctionCode function, ImmutableArray<Statement> body, ResourcePairTable table, List<ResourcePair> learned)
    {
        var tokens = function.View.Tokens;
        foreach (var statement in body)
        {
            if (statement is not ExpressionStatement expression || !Names(tokens, expression.Token, expression.End, table, release: false)) continue;
            foreach (var call in ExpressionReader.Calls(tokens, expression.Token, expression.End))
            {
                if (ExpressionReader.IsMemberCall(tokens, call.Name) || !table.TryGetAcquires(tokens[call.Name].Text, out var pairs)) continue;
                foreach (var pair in pairs)
                {
                    if (pair.Kind is not (ResourceKind.Reference or ResourceKind.Lock or ResourceKind.State)) continue;
                    if (pair.AcquireCarrier.IsReturn || pair.AcquireCarrier.IsGlobal || pair.AcquireCarrier.Argument > call.Arguments.Length) continue;
                    var (start, end) = call.Arguments[pair.AcquireCarrier.Argument - 1];
                    var parameter = function.Parameters.IndexOf(ExpressionReader.ObjectKey(tokens, start, end));
                    if (parameter < 0 || Releases(function, pair, table)) continue;
                    learned.Add(pair with
                    {
                        Acquire = function.Name, AcquireCarrier = new Carrier(parameter + 1),
                        Source = "learned from " + function.View.File.Path, Line = function.View.NewLineOf(call.Name),
                    });
                }
            }
        }
    }

    private static bool Releases(FunctionCode function, ResourcePair pair, ResourcePairTable table)
    {
        var tokens = function.View.Tokens;
        foreach (var t in function.TokensNamedBy(table))
        {
            if (table.TryGetReleases(tokens[t].Text, out var pairs) && pairs.Any(p => p.Family == pair.Family))
                return true;
        }

        return false;
    }
}
