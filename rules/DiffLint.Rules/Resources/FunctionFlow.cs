using System.Collections.Immutable;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Resources;

/// <summary>
/// Follows every path through one function body and records what happens to each resource the pair table knows:
/// acquired (with the failed-acquire branch holding nothing), released, handed on, used, and what is still held at
/// each exit. Paths are merged when they agree on every resource and capped (<see cref="PathSet.MaxPaths"/>).
/// Findings are kept only where the patch changed the path: the acquire, the exit, or a branch or goto on the way is
/// an added line (or, for double releases and uses after release, one of the two lines).
/// </summary>
internal sealed class FunctionFlow
{
    private static readonly string[] ReleaseSuffixes = ["_free", "_destroy", "_put", "_unref", "_release", "_close", "_delete", "_cleanup", "_dispose"];
    // A HashSet, not a FrozenSet: built at the first C patch of every run, where a frozen set's analysis of its keys
    // and its generic code (JIT-compiled in a precompiled build) cost more than its lookups save.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> OwnerWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "add", "insert", "append", "prepend", "push", "set", "attach", "register", "queue", "submit", "store", "steal", "take", "install",
        "link", "own", "new", "init", "create",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly FunctionCode _function;
    private readonly ImmutableArray<CodeToken> _tokens;
    private readonly ResourcePairTable _table;
    private readonly bool _trackUndeclared;
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _managed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _releasedKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PathSet> _pendingGotos = new(StringComparer.Ordinal);
    private readonly HashSet<string> _labelsSeen = new(StringComparer.Ordinal);
    private readonly Stack<PathSet> _breaks = new();
    private readonly Stack<PathSet> _continues = new();
    private readonly Stack<PathSet> _switchEntries = new();
    private readonly Stack<List<string>> _scopes = new();
    private readonly Dictionary<(ResourceProblem, int, int), ResourceFinding> _findings = [];
    private readonly Dictionary<string, List<(int Token, ResourcePair Pair, ImmutableArray<int> Path)>> _releasesWithoutAcquire = new(StringComparer.Ordinal);
    private readonly HashSet<string> _acquiredFirst = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<CarriedRelease> _carried;
    private int _steps;

    // A release carried in from the piece before is told by its ReleaseToken: CarriedToken(i) for _carried[i].
    private static int CarriedToken(int index) => -2 - index;

    // A bound on the work for one function, so adversarial input stays linear in practice.
    private const int MaxSteps = 200_000;

    private FunctionFlow(FunctionCode function, ResourcePairTable table, bool trackUndeclared, IReadOnlyList<CarriedRelease>? carried = null)
    {
        _function = function;
        _tokens = function.View.Tokens;
        _table = table;
        _trackUndeclared = trackUndeclared;
        _carried = carried ?? [];
        foreach (var parameter in function.Parameters) _declared.Add(parameter);
    }

    /// <summary>
    /// A variable released at the end of one piece of a function (a hunk that shows its middle), on some path: the next
    /// piece starts with a path on which it is still released.
    /// </summary>
    internal sealed record CarriedRelease(string Key, ResourcePair Pair, bool ByPair, CodeView View, int Token);

    /// <summary>Analyses <paramref name="function"/>; <paramref name="trackUndeclared"/> allows variables whose declaration the view does not show.</summary>
    /// <param name="releasedElsewhere">Keys released in other pieces of the same function (other hunks of it): its exits are compared with those too.</param>
    /// <param name="carried">The variables the piece of the function just before this one left released.</param>
    /// <param name="releasedAtEnd">Filled, when the view ends inside the function, with the variables released where it ends.</param>
    public static IReadOnlyCollection<ResourceFinding> Analyze(FunctionCode function, ResourcePairTable table, bool trackUndeclared,
        IEnumerable<string>? releasedElsewhere = null, IReadOnlyList<CarriedRelease>? carried = null, List<CarriedRelease>? releasedAtEnd = null)
    {
        var flow = new FunctionFlow(function, table, trackUndeclared, carried);
        flow.Prescan();
        if (releasedElsewhere is not null) flow._releasedKeys.UnionWith(releasedElsewhere);
        var body = function.Body;
        var end = function.StartVisible ? flow.ExecuteSequence(body, PathSet.Single(ResourceState.Empty)) : flow.ExecuteFromMiddle(body);
        if (function.EndVisible && function.BodyEnd < flow._tokens.Length) flow.Exit(end, function.BodyEnd, []);
        else if (releasedAtEnd is not null) flow.ReleasedAt(end, releasedAtEnd);
        flow.ReportReleasesWithoutAcquire();
        return flow._findings.Values;
    }

    /// <summary>The variables released on some path of <paramref name="paths"/>, once each, with the release that did it.</summary>
    private void ReleasedAt(PathSet paths, List<CarriedRelease> released)
    {
        foreach (var state in paths.States)
        {
            foreach (var resource in state.Resources)
            {
                if (!resource.IsVariable || resource.Status != ResourceStatus.Released || released.Exists(r => r.Key == resource.Key)) continue;
                var (view, token) = ReleaseSite(resource.ReleaseToken);
                if (token >= 0) released.Add(new CarriedRelease(resource.Key, resource.Pair, resource.ReleasedByPair, view, token));
            }
        }
    }

    /// <summary>The view and token of a release: this view's, or the earlier piece's for a carried one.</summary>
    private (CodeView View, int Token) ReleaseSite(int releaseToken) =>
        releaseToken <= CarriedToken(0) && CarriedToken(0) - releaseToken < _carried.Count
            ? (_carried[CarriedToken(0) - releaseToken].View, _carried[CarriedToken(0) - releaseToken].Token)
            : (_function.View, releaseToken);

    /// <summary>The keys (variables, objects, global states) <paramref name="function"/> releases anywhere in its body.</summary>
    public static IReadOnlySet<string> ReleasedKeys(FunctionCode function, ResourcePairTable table)
    {
        var flow = new FunctionFlow(function, table, trackUndeclared: false);
        flow.Prescan();
        return flow._releasedKeys;
    }

    /// <summary>The keys the function releases anywhere.</summary>
    private void Prescan()
    {
        foreach (var t in _function.TokensNamedBy(_table))
        {
            var token = _tokens[t];
            if (t + 1 >= _function.BodyEnd || !_tokens[t + 1].Is("(") || ExpressionReader.IsMemberCall(_tokens, t)) continue;
            if (!_table.TryGetReleases(token.Text, out var pairs)) continue;
            var close = ExpressionReader.MatchingClose(_tokens, t + 1, _function.BodyEnd);
            if (close < 0) continue;
            var arguments = ExpressionReader.SplitTopLevel(_tokens, t + 2, close, ",");
            foreach (var pair in pairs)
            {
                var key = KeyOf(pair.ReleaseCarrier, pair, arguments, out _);
                if (key is not null) _releasedKeys.Add(key);
            }
        }
    }

    /// <summary>
    /// A view that starts inside the function: its first statements may be the tail of a branch or loop whose head is
    /// above the view (<c>continue;</c> under an unseen <c>if</c>), and the code after an unseen block's end is also
    /// reached by the paths that skipped the block. So at the top level, a path that holds nothing is added wherever
    /// the visible paths stop or an unseen block ends: it adds no resource, only reachability.
    /// </summary>
    private PathSet ExecuteFromMiddle(ImmutableArray<Statement> statements)
    {
        var paths = PathSet.Single(ResourceState.Empty);
        if (_carried.Count > 0)
        {
            var released = ResourceState.Empty;
            for (var i = 0; i < _carried.Count; i++)
            {
                var carried = _carried[i];
                released = released.With(new TrackedResource(carried.Key, true, carried.Pair, ResourceStatus.Released, -1, CarriedToken(i), carried.ByPair, null, []));
            }

            paths.Add(released);
        }

        foreach (var statement in statements)
        {
            if (paths.IsEmpty || statement is UnseenBlockEnd) paths = PathSet.Union(paths, PathSet.Single(ResourceState.Empty));
            paths = Execute(statement, paths);
        }

        return paths;
    }

    private PathSet ExecuteSequence(ImmutableArray<Statement> statements, PathSet paths)
    {
        foreach (var statement in statements) paths = Execute(statement, paths);
        return paths;
    }

    private PathSet Execute(Statement statement, PathSet paths)
    {
        if (++_steps > MaxSteps) return new PathSet();
        switch (statement)
        {
            case ExpressionStatement expression:
                if (paths.IsEmpty) return paths;
                paths = EvaluateAll(paths, expression.Token, expression.End, isReturn: false);
                return EndsProcess(expression) ? new PathSet() : paths;
            case BlockStatement block:
            {
                _scopes.Push([]);
                var end = ExecuteSequence(block.Body, paths);
                var locals = _scopes.Pop();
                if (locals.Count > 0 && block.Close < _function.BodyEnd) ScopeEnds(end, locals, block.Close);
                return end;
            }
            case IfStatement branch:
            {
                var evaluated = EvaluateAll(paths, branch.ConditionStart, branch.ConditionEnd, isReturn: false);
                var (whenTrue, whenFalse) = Refine(branch.ConditionStart, branch.ConditionEnd, evaluated);
                var then = Execute(branch.Then, whenTrue);
                var otherwise = branch.Else is null ? whenFalse : Execute(branch.Else, whenFalse);
                return PathSet.Union(then, otherwise);
            }
            case LoopStatement loop:
                return ExecuteLoop(loop, paths);
            case SwitchStatement choice:
            {
                var entry = EvaluateAll(paths, choice.ConditionStart, choice.ConditionEnd, isReturn: false);
                _switchEntries.Push(entry);
                _breaks.Push(new PathSet());
                var body = choice.Body is BlockStatement block ? block.Body : [choice.Body];
                var hasDefault = HasDefault(body);
                var end = ExecuteSequence(body, body.Length > 0 && body[0] is CaseStatement ? new PathSet() : entry);
                _switchEntries.Pop();
                end = PathSet.Union(end, _breaks.Pop());
                if (!hasDefault) end = PathSet.Union(end, entry);
                return end;
            }
            case CaseStatement:
            {
                if (_switchEntries.Count > 0) paths = PathSet.Union(paths, _switchEntries.Peek());
                return paths;
            }
            case GuardStatement guard:
                return Execute(guard.Body, paths);
            case ReturnStatement exit:
            {
                if (paths.IsEmpty) return paths;
                var returned = ReturnedVariables(exit.Start, exit.End);
                var evaluated = EvaluateAll(paths, exit.Start, exit.End, isReturn: true);
                Exit(evaluated, exit.Token, returned);
                return new PathSet();
            }
            case GotoStatement jump:
            {
                if (!paths.IsEmpty && jump.Label.Length > 0 && !_labelsSeen.Contains(jump.Label))
                {
                    if (!_pendingGotos.TryGetValue(jump.Label, out var pending)) _pendingGotos[jump.Label] = pending = new PathSet();
                    pending.AddRange(paths);
                }

                return new PathSet();
            }
            case BreakStatement:
                if (_breaks.Count > 0) _breaks.Peek().AddRange(paths);
                return new PathSet();
            case ContinueStatement:
                if (_continues.Count > 0) _continues.Peek().AddRange(paths);
                return new PathSet();
            case LabelStatement label:
            {
                _labelsSeen.Add(label.Name);
                if (_pendingGotos.Remove(label.Name, out var arriving)) paths = PathSet.Union(paths, arriving);
                return paths;
            }
            default:
                return paths;
        }
    }

    /// <summary>
    /// <c>err(EXIT_FAILURE, ...);</c>, <c>exit(1);</c>, <c>panic("...");</c>: a call that does not return ends the path,
    /// and the process with it (what the path holds is not leaked, and nothing after it runs).
    /// </summary>
    private bool EndsProcess(ExpressionStatement statement) =>
        statement.End - statement.Token >= 3 && _tokens[statement.Token].IsIdentifier && NoReturn.Contains(_tokens[statement.Token].Text) &&
        _tokens[statement.Token + 1].Is("(") && ExpressionReader.MatchingClose(_tokens, statement.Token + 1, statement.End) == statement.End - 1;

    private static readonly HashSet<string> NoReturn = new(StringComparer.Ordinal)
    {
        "exit", "_exit", "_Exit", "abort", "err", "errx", "verr", "verrx", "panic", "BUG", "die", "g_error", "g_assert_not_reached",
        "__builtin_unreachable", "unreachable",
    };

    /// <summary>A variable declared in a block goes out of scope at its closing brace: what it still holds is lost.</summary>
    private void ScopeEnds(PathSet paths, List<string> locals, int close)
    {
        foreach (var state in paths.States)
        {
            foreach (var name in locals)
            {
                var resource = state[name];
                if (resource is null || !resource.IsVariable || !resource.IsHeld || resource.AcquireToken < 0) continue;
                if (resource.Pair.Kind is ResourceKind.Lock or ResourceKind.State) continue;
                Report(ResourceProblem.Leak, close, resource, resource.Path, exit: "the end of its block, where it goes out of scope");
            }
        }
    }

    private PathSet ExecuteLoop(LoopStatement loop, PathSet paths)
    {
        if (loop.Init is not null) paths = Execute(loop.Init, paths);
        _breaks.Push(new PathSet());
        _continues.Push(new PathSet());
        PathSet exit;
        PathSet end;
        if (loop.Kind == LoopKind.DoWhile)
        {
            end = Execute(loop.Body, paths);
            end = PathSet.Union(end, _continues.Peek());
            end = EvaluateAll(end, loop.ConditionStart, loop.ConditionEnd, isReturn: false);
            exit = new PathSet();
            exit.AddRange(end);
        }
        else
        {
            var evaluated = loop.Kind == LoopKind.Iterator
                ? paths
                : EvaluateAll(paths, loop.ConditionStart, loop.ConditionEnd, isReturn: false);
            var (enter, leave) = loop.Kind == LoopKind.Iterator ? (evaluated, evaluated) : Refine(loop.ConditionStart, loop.ConditionEnd, evaluated);
            var iterated = loop.Kind == LoopKind.Iterator ? IteratedResource(loop) : null;
            if (iterated is not null) enter = enter.Select(static (state, resource) => state.With(resource), iterated);
            end = Execute(loop.Body, enter);
            end = PathSet.Union(end, _continues.Peek());
            if (iterated is not null) end = end.Select(static (state, resource) => PassEnds(state, resource), iterated);
            if (loop.Step is not null) end = Execute(loop.Step, end);
            exit = new PathSet();
            exit.AddRange(leave);
            exit.AddRange(end);
        }

        _continues.Pop();
        LeakedPerIteration(loop, end);
        exit = Settle(loop, exit);
        exit.AddRange(_breaks.Pop());
        return exit;
    }

    /// <summary>
    /// The resource a loop macro of the table gives its variable for each pass (<c>for_each_child_of_node(np, child)</c>:
    /// a reference on <c>child</c>); null for any other loop.
    /// </summary>
    private TrackedResource? IteratedResource(LoopStatement loop)
    {
        if (!_tokens[loop.Token].IsIdentifier || !_table.TryGetAcquires(_tokens[loop.Token].Text, out var pairs) ||
            pairs.FirstOrDefault(p => p.IsIterator) is not { } pair)
            return null;
        var arguments = ExpressionReader.SplitTopLevel(_tokens, loop.ConditionStart, loop.ConditionEnd, ",");
        if (pair.AcquireCarrier.Argument > arguments.Length) return null;
        var (start, end) = arguments[pair.AcquireCarrier.Argument - 1];
        var variable = ExpressionReader.PlainVariable(_tokens, start, end);
        return variable is not null && Trackable(variable)
            ? new TrackedResource(variable, true, pair, ResourceStatus.Held, loop.Token, -1, false, null, [])
            : null;
    }

    /// <summary>The macro drops the pass's resource when the pass ends (by the end of the body or <c>continue</c>).</summary>
    private static ResourceState PassEnds(ResourceState state, TrackedResource iterated) =>
        state[iterated.Key] is { } resource && resource.AcquireToken == iterated.AcquireToken && resource.Status != ResourceStatus.NotHeld
            ? state.With(resource with { Status = ResourceStatus.NotHeld })
            : state;

    /// <summary>
    /// The paths that leave a loop through its condition after a pass ran once stand for every later pass, which the
    /// analysis does not follow: what the body acquires or releases there is not known for the last pass (a buffer
    /// freed at the end of one pass is allocated again by the next), so those resources are no longer followed.
    /// Paths that leave by <c>break</c> are exact and kept.
    /// </summary>
    private PathSet Settle(LoopStatement loop, PathSet exit)
    {
        var bodyStart = loop.Body.Token;
        var bodyEnd = loop.Body is BlockStatement block ? block.Close : LastToken(loop.Body);
        return exit.Select(static (state, body) =>
        {
            foreach (var resource in state.Resources)
            {
                var inBody = (resource.AcquireToken >= body.Start && resource.AcquireToken <= body.End) ||
                             (resource.ReleaseToken >= body.Start && resource.ReleaseToken <= body.End);
                if (inBody && resource.IsVariable && resource.Status != ResourceStatus.Escaped)
                    state = state.With(resource with { Status = ResourceStatus.Escaped });
            }

            return state;
        }, (Start: bodyStart, End: bodyEnd));
    }

    /// <summary>
    /// A resource acquired in the loop's body and still held when the pass ends is lost when the next pass acquires
    /// again, unless the code after the loop still refers to the variable (it may release the last one).
    /// </summary>
    private void LeakedPerIteration(LoopStatement loop, PathSet end)
    {
        var bodyStart = loop.Body.Token;
        var bodyEnd = loop.Body is BlockStatement block ? block.Close : LastToken(loop.Body);
        if (bodyEnd >= _function.BodyEnd) return; // the loop's end is not in view
        foreach (var state in end.States)
        {
            foreach (var resource in state.Resources)
            {
                if (!resource.IsVariable || !resource.IsHeld || resource.AcquireToken < bodyStart || resource.AcquireToken > bodyEnd) continue;
                if (!_declared.Contains(resource.Key)) continue; // perhaps a global, which keeps the last one
                if (resource.Pair.Kind is ResourceKind.Lock or ResourceKind.State) continue;
                if (MentionedAfter(resource.Key, bodyEnd + 1)) continue;
                Report(ResourceProblem.Leak, bodyEnd, resource, resource.Path, exit: "the end of the loop pass (the next pass acquires it again)");
            }
        }
    }

    private bool HasDefault(ImmutableArray<Statement> body)
    {
        foreach (var statement in body)
        {
            if (statement is CaseStatement c && _tokens[c.Token].Is("default")) return true;
        }

        return false;
    }

    private static int LastToken(Statement statement) => statement switch
    {
        ExpressionStatement e => e.End,
        BlockStatement b => b.Close,
        IfStatement i => LastToken(i.Else ?? i.Then),
        LoopStatement l => LastToken(l.Body),
        _ => statement.Token,
    };

    private bool MentionedAfter(string name, int from)
    {
        for (var t = from; t < _function.BodyEnd; t++)
        {
            if (_tokens[t].IsIdentifier && _tokens[t].Text == name) return true;
        }

        return false;
    }

    /// <summary>
    /// The variables a <c>return</c> hands to its caller: the value itself (<c>return p;</c>, <c>return (void *)p;</c>)
    /// or an arm of a conditional (<c>return ok ? p : NULL;</c>); a variable passed to a call in the expression is only borrowed.
    /// </summary>
    private HashSet<string> ReturnedVariables(int start, int end)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var question = -1;
        var colon = -1;
        var depth = 0;
        for (var t = start; t < end; t++)
        {
            var text = _tokens[t].Text;
            if (text is "(" or "[") depth++;
            else if (text is ")" or "]") depth--;
            else if (depth == 0 && text == "?" && question < 0) question = t;
            else if (depth == 0 && text == ":" && question >= 0 && colon < 0) colon = t;
        }

        foreach (var (armStart, armEnd) in question >= 0 && colon > question ? [(question + 1, colon), (colon + 1, end)] : new[] { (start, end) })
        {
            var (s, e) = ExpressionReader.StripCasts(_tokens, armStart, armEnd);
            if (e - s == 1 && _tokens[s].IsIdentifier) names.Add(_tokens[s].Text);
            else if (e - s == 2 && _tokens[s].Is("&") && _tokens[s + 1].IsIdentifier) names.Add(_tokens[s + 1].Text);
            else if (e > s && _tokens[s].IsIdentifier && s + 1 < e && _tokens[s + 1].Text is "->" or ".")
                names.Add(_tokens[s].Text); // return p->member: a part of it outlives the function, so p is kept by someone
            else if (InteriorOf(s, e) is { } container)
                names.Add(container); // return &p->base: the caller gets p itself, as the embedded structure it reaches p by
        }

        return names;
    }

    /// <summary>The variable whose member [start, end) takes the address of: <c>p</c> for <c>&amp;p-&gt;base</c> or <c>&amp;p.list</c>; null otherwise.</summary>
    private string? InteriorOf(int start, int end) =>
        end - start >= 4 && _tokens[start].Is("&") && _tokens[start + 1].IsIdentifier && _tokens[start + 2].Text is "->" or "."
            ? _tokens[start + 1].Text
            : null;

    /// <summary>What is still held when the paths leave the function at <paramref name="exitToken"/>.</summary>
    private void Exit(PathSet paths, int exitToken, HashSet<string> returned)
    {
        foreach (var state in paths.States)
        {
            foreach (var resource in state.Resources)
            {
                if (!resource.IsHeld) continue;
                if (resource.IsVariable)
                {
                    if (returned.Contains(resource.Key)) continue;
                    if (resource.Pair.Kind is ResourceKind.Lock or ResourceKind.State) continue;
                    Report(ResourceProblem.Leak, exitToken, resource, resource.Path);
                }
                else if (_releasedKeys.Contains(resource.Key) && resource.Status == ResourceStatus.Held)
                {
                    // Held here but released elsewhere in the function: the exits disagree (smatch's "inconsistent returns").
                    Report(ResourceProblem.HeldAtExit, exitToken, resource, resource.Path);
                }
            }
        }
    }

    private void Report(ResourceProblem problem, int token, TrackedResource resource, ImmutableArray<int> path, int releaseToken = -1,
        string? exit = null)
    {
        token = Math.Clamp(token, 0, _tokens.Length - 1);
        if (!Changed(problem, token, resource, path, releaseToken)) return;
        var key = (problem, resource.AcquireToken, token);
        var (releaseView, release) = ReleaseSite(releaseToken >= 0 ? releaseToken : resource.ReleaseToken);
        if (problem is ResourceProblem.UseAfterRelease or ResourceProblem.DoubleRelease)
        {
            // One finding per release: the first use after it; what follows is the same mistake.
            foreach (var known in _findings.Values)
            {
                if (known.Problem == problem && known.ReleaseToken == release && known.ReleaseView == releaseView) return;
            }
        }

        if (problem == ResourceProblem.Leak)
        {
            // One finding per acquire: the first exit (in token order) that leaks it.
            foreach (var known in _findings.Values)
            {
                if (known.Problem == ResourceProblem.Leak && known.AcquireToken == resource.AcquireToken) return;
            }
        }

        _findings.TryAdd(key, new ResourceFinding(problem, _function.View, _function.Name, resource.Key, resource.Pair, token,
            resource.AcquireToken, release, path)
        {
            Exit = exit ?? ExitWords(token),
            ReleaseView = releaseView,
        });
    }

    /// <summary>How a message names an exit token: a return, or the function's closing brace.</summary>
    private string ExitWords(int token) =>
        _tokens[token].Is("return") ? "this return" : token == _function.BodyEnd ? "the end of the function" : "this point";

    /// <summary>The patch changed this path: one of its lines (acquire, release, exit, a branch or goto on the way) is added.</summary>
    private bool Changed(ResourceProblem problem, int token, TrackedResource resource, ImmutableArray<int> path, int releaseToken)
    {
        var view = _function.View;
        if (Added(token) || Added(resource.AcquireToken) || Added(releaseToken)) return true;
        if (problem is ResourceProblem.DoubleRelease or ResourceProblem.UseAfterRelease)
        {
            var (releaseView, release) = ReleaseSite(resource.ReleaseToken);
            return release >= 0 && releaseView.IsAdded(release);
        }

        foreach (var step in path)
        {
            if (Added(step)) return true;
        }

        return false;

        bool Added(int t) => t >= 0 && t < view.Tokens.Length && view.IsAdded(t);
    }

    // ---- Expressions --------------------------------------------------------------------------------------------

    /// <summary><see cref="Evaluate"/> on every path (the set itself when no path changes).</summary>
    private PathSet EvaluateAll(PathSet paths, int start, int end, bool isReturn) =>
        paths.Select(static (state, a) => a.Flow.Evaluate(a.Start, a.End, state, a.IsReturn), (Flow: this, Start: start, End: end, IsReturn: isReturn));

    /// <summary>Applies the effects of the expression [start, end) (a statement, condition or return value) to one path.</summary>
    private ResourceState Evaluate(int start, int end, ResourceState state, bool isReturn)
    {
        if (start >= end) return state;
        var declarationType = false;
        for (var partStart = start; partStart < end;)
        {
            var partEnd = ExpressionReader.IndexOfTopLevel(_tokens, partStart, end, ",");
            if (partEnd < 0) partEnd = end;
            var next = partEnd + 1;
            var assignment = ExpressionReader.AssignmentOperator(_tokens, partStart, partEnd);
            var lhsEnd = assignment >= 0 ? assignment : partEnd;
            var declared = ExpressionReader.DeclaredName(_tokens, partStart, lhsEnd, out var cleanup, out var isStatic);
            if (declared is null && declarationType)
            {
                // The second declarator of `char *a = x, *b = y`.
                var first = partStart;
                while (first < lhsEnd && _tokens[first].Is("*")) first++;
                if (lhsEnd - first == 1 && _tokens[first].IsIdentifier) declared = _tokens[first].Text;
            }

            if (declared is not null)
            {
                declarationType = true;
                _declared.Add(declared);
                if (_scopes.Count > 0) _scopes.Peek().Add(declared);
                if (cleanup || isStatic) _managed.Add(declared);
                else _managed.Remove(declared);
                state = Forget(state, declared);
            }

            if (Touches(partStart, partEnd, state))
            {
                state = EvaluateCalls(partStart, partEnd, state, assignment);
                state = Dereferences(partStart, partEnd, state);
                if (assignment >= 0) state = Assign(declared, partStart, assignment, partEnd, state);
            }

            partStart = next;
        }

        return state;
    }

    /// <summary>
    /// Whether [start, end) can change what the path knows: it names a function of the table or a resource the path
    /// follows. Most statements do neither and are skipped (the analysis's hot path).
    /// </summary>
    private bool Touches(int start, int end, ResourceState state)
    {
        for (var t = start; t < end; t++)
        {
            if (!_tokens[t].IsIdentifier) continue;
            var text = _tokens[t].Text;
            if (_table.Knows(text)) return true;
            if (state.IsEmpty) continue;
            if (state.Follows(text) || state.IsStatusVariable(text)) return true;
            if (t + 1 < end && _tokens[t + 1].Is("(") && (IsReleaseName(text) || TakesOwnership(text))) return true;
        }

        return false;
    }

    /// <summary>A new declaration of a name (a loop body's local, say) starts a new variable.</summary>
    private static ResourceState Forget(ResourceState state, string name)
    {
        var known = state[name];
        return known is null || !known.IsVariable || known.IsHeld ? state : state.With(known with { Status = ResourceStatus.NotHeld });
    }

    private ResourceState EvaluateCalls(int start, int end, ResourceState state, int assignment)
    {
        var valueStart = assignment >= 0 ? assignment + 1 : start;
        var (valueFirst, valueEnd) = ExpressionReader.StripCasts(_tokens, valueStart, end);
        foreach (var call in ExpressionReader.Calls(_tokens, start, end))
        {
            var name = _tokens[call.Name].Text;
            if (ExpressionReader.IsMemberCall(_tokens, call.Name))
            {
                state = UnknownCall(state, name, call);
                continue;
            }

            var isValue = (call.Name == valueFirst && call.Close == valueEnd - 1) || WrappedValue(valueFirst, valueEnd, call);
            var handled = false;
            if (_table.TryGetReleases(name, out var releases))
            {
                // One release per carrier, whichever of the pairs that share the release function names it (free ends malloc's and strdup's alike).
                for (var p = 0; p < releases.Length; p++)
                {
                    if (!ReleasesAsAnEarlierPair(releases, p)) state = Release(state, releases[p], call, byPair: true);
                }

                handled = true;
            }

            if (_table.TryGetAcquires(name, out var acquires))
            {
                // Pairs listing the same acquire with several releases start one resource.
                if (acquires.FirstOrDefault(p => !p.AcquireCarrier.IsReturn) is { IsIterator: false } pair)
                    state = AcquireInto(state, pair, call, assignment >= 0 && isValue ? AssignedVariable(start, assignment) : null);
                handled = true;
            }

            if (_table.TryGetTransfers(name, out var transfers))
            {
                foreach (var transfer in transfers)
                {
                    if (transfer.Carrier.Argument - 1 < call.Arguments.Length)
                        state = Escape(state, call.Arguments[transfer.Carrier.Argument - 1]);
                }

                handled = true;
            }

            if (!handled) state = UnknownCall(state, name, call);
            DiscardedResults(call);
        }

        return state;
    }

    /// <summary>
    /// Whether a pair before <paramref name="index"/> releases through the same carrier, as a lock or state or not, as
    /// <paramref name="releases"/>[<paramref name="index"/>] does (a release function's pairs are few: compared one by one).
    /// </summary>
    private static bool ReleasesAsAnEarlierPair(ImmutableArray<ResourcePair> releases, int index)
    {
        var pair = releases[index];
        var isLockOrState = pair.Kind is ResourceKind.Lock or ResourceKind.State;
        for (var q = 0; q < index; q++)
        {
            var earlier = releases[q];
            if (earlier.ReleaseCarrier.Argument == pair.ReleaseCarrier.Argument && (earlier.Kind is ResourceKind.Lock or ResourceKind.State) == isLockOrState)
                return true;
        }

        return false;
    }

    private static readonly string[] ReadingCallees = ["printf", "print", "log_", "debug", "_dbg", "_err", "_warn", "_info", "_notice", "puts", "strcmp", "strlen", "strcasecmp", "strncmp", "pr_", "dev_", "DBG", "error", "warn"];

    /// <summary>
    /// <c>log_debug("%ls", efi_dp_str(dp))</c>: an acquire's result passed straight to a function that only reads it
    /// (printing, logging, comparing) is never released by anyone.
    /// </summary>
    private void DiscardedResults(CallSite outer)
    {
        var callee = _tokens[outer.Name].Text;
        if (_table.IsAcquire(callee) || _table.IsRelease(callee) || _table.TryGetTransfers(callee, out _)) return;
        if (!IsReadingCallee(callee)) return;
        foreach (var (argStart, argEnd) in outer.Arguments)
        {
            var (s, e) = ExpressionReader.StripCasts(_tokens, argStart, argEnd);
            if (e - s < 3 || !_tokens[s].IsIdentifier || !_tokens[s + 1].Is("(") || ExpressionReader.MatchingClose(_tokens, s + 1, e) != e - 1) continue;
            if (!_table.TryGetAcquires(_tokens[s].Text, out var pairs) || pairs.FirstOrDefault(p => p.AcquireCarrier.IsReturn) is not { } pair) continue;
            if (pair.Kind is ResourceKind.Lock or ResourceKind.State) continue;
            var resource = new TrackedResource("<" + pair.Family + ":" + pair.Acquire + ">", true, pair, ResourceStatus.Held, s, -1, false, null, []);
            Report(ResourceProblem.Leak, outer.Name, resource, [], exit: "this call, which only reads it");
        }
    }

    private static bool IsReadingCallee(string callee)
    {
        foreach (var reader in ReadingCallees)
        {
            if (callee.Contains(reader, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    /// <summary><c>ret = EFI_CALL(acquire(...))</c>: an upper-case macro around the call passes its value through.</summary>
    private bool WrappedValue(int first, int end, CallSite call) =>
        end - first >= 4 && _tokens[first].IsIdentifier && _tokens[first].Text.ToUpperInvariant() == _tokens[first].Text &&
        _tokens[first + 1].Is("(") && ExpressionReader.MatchingClose(_tokens, first + 1, end) == end - 1 &&
        ExpressionReader.StripCasts(_tokens, first + 2, end - 1) is var (s, e) &&
        s == call.Name && e == call.Close + 1;

    private string? AssignedVariable(int start, int assignment)
    {
        var name = ExpressionReader.DeclaredName(_tokens, start, assignment, out _, out _);
        return name ?? (assignment - start == 1 && _tokens[start].IsIdentifier ? _tokens[start].Text : null);
    }

    /// <summary>A call the table does not know: arguments are borrowed, unless the name says it releases or takes them.</summary>
    private ResourceState UnknownCall(ResourceState state, string name, CallSite call)
    {
        var releases = IsReleaseName(name);
        var takes = !releases && TakesOwnership(name);
        foreach (var (argStart, argEnd) in call.Arguments)
        {
            var variable = ExpressionReader.PlainVariable(_tokens, argStart, argEnd);
            var address = variable is null ? ExpressionReader.AddressOfVariable(_tokens, argStart, argEnd) : null;
            var resource = state[variable ?? address ?? ""];
            if (resource is null || !resource.IsVariable) continue;
            if (resource.Status == ResourceStatus.Released)
            {
                if (variable is not null || IsErrorReuse(resource)) Report(ResourceProblem.UseAfterRelease, call.Name, resource, resource.Path, resource.ReleaseToken);
                continue;
            }

            if (!resource.IsHeld) continue;
            if (releases) state = state.With(resource with { Status = ResourceStatus.Released, ReleaseToken = call.Name, ReleasedByPair = false });
            else if (takes || address is not null) state = state.With(resource with { Status = ResourceStatus.Escaped });
        }

        return state;
    }

    /// <summary>A name that says the function releases its argument: <c>*_free</c>, <c>*_destroy</c>, <c>*_put</c>, <c>*_unref</c>...</summary>
    private static bool IsReleaseName(string name)
    {
        foreach (var suffix in ReleaseSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    /// <summary>
    /// Whether a name says the function keeps its argument: one of its words (split at '_') is add, insert, set,
    /// register... (<c>list_add</c>, <c>strset_add</c>, <c>g_hash_table_insert</c>), never a word that merely contains one
    /// (<c>readdir</c>).
    /// </summary>
    private static bool TakesOwnership(string name)
    {
        foreach (var range in name.AsSpan().Split('_'))
        {
            if (OwnerWords.Contains(name.AsSpan(range))) return true;
        }

        return false;
    }

    /// <summary>A GError freed with g_error_free and passed again as <c>&amp;err</c> without being reset to NULL.</summary>
    private static bool IsErrorReuse(TrackedResource resource) => resource.Pair.Release == "g_error_free";

    private ResourceState Release(ResourceState state, ResourcePair pair, CallSite call, bool byPair)
    {
        var key = KeyOf(pair.ReleaseCarrier, pair, call.Arguments, out var viaAddress);
        if (key is null) return state;
        var resource = state[key];
        if (resource is null)
        {
            // Global states nest (open_json_object, rcu_read_lock): a release may close an outer acquire.
            var isState = pair.Kind is ResourceKind.Lock or ResourceKind.State;
            if (isState && !pair.ReleaseCarrier.IsGlobal) Remember(key, call.Name, pair, []);
            // A variable released without being acquired in view (a parameter, an acquire above the hunk) is still released:
            // using or releasing it again on this path is wrong all the same.
            var isVariable = !isState && !viaAddress && IsPlainVariable(pair.ReleaseCarrier, call.Arguments);
            if (!viaAddress && (isState || isVariable) && (isState || Trackable(key)))
                state = state.With(new TrackedResource(key, isVariable, pair, ResourceStatus.Released, -1, call.Name, byPair, null, []));
            return state;
        }

        // Two different releases of one object are its teardown in steps (mdio_unregister(bus), then mdio_free(bus)), not
        // the same release twice.
        if (resource.Status == ResourceStatus.Released && resource.ReleasedByPair && byPair && !viaAddress && !pair.ReleaseCarrier.IsGlobal &&
            ReleaseName(resource) == _tokens[call.Name].Text)
        {
            Report(ResourceProblem.DoubleRelease, call.Name, resource, resource.Path, resource.ReleaseToken);
            return state;
        }

        // fd = open(...); if (fd < 0) goto out; ... out: close(fd);  closes -1 on the failure path. Only for acquires that
        // fail with a negative value: releasing NULL is allowed by most releases, and many kernel ones accept an ERR_PTR too.
        if (resource.Status == ResourceStatus.Failed && resource.IsVariable && resource.Pair.Failure == AcquireFailure.Negative &&
            resource.Pair.AcquireCarrier.IsReturn && byPair && !viaAddress)
        {
            Report(ResourceProblem.ReleaseAfterFailure, call.Name, resource, resource.Path);
            return state.With(resource with { Status = ResourceStatus.NotHeld });
        }

        // g_clear_pointer(&p, ...), jsonw_destroy(&jw): the release also resets the variable.
        var status = viaAddress ? ResourceStatus.NotHeld : ResourceStatus.Released;
        if (resource.Status is ResourceStatus.NotHeld or ResourceStatus.Failed && pair.Kind is ResourceKind.Lock or ResourceKind.State && !pair.ReleaseCarrier.IsGlobal)
            Remember(key, call.Name, pair, resource.Path);
        return state.With(resource with { Status = status, ReleaseToken = call.Name, ReleasedByPair = byPair });
    }

    /// <summary>The function that released <paramref name="resource"/> (free, mdio_unregister).</summary>
    private string ReleaseName(TrackedResource resource) =>
        ReleaseSite(resource.ReleaseToken) is ({ } view, >= 0 and var token) ? view.Tokens[token].Text : resource.Pair.Release;

    private void Remember(string key, int token, ResourcePair pair, ImmutableArray<int> path)
    {
        if (!_releasesWithoutAcquire.TryGetValue(key, out var list)) _releasesWithoutAcquire[key] = list = [];
        list.Add((token, pair, path));
    }

    /// <summary>
    /// Releases on a path where the function had not acquired the key, reported only when the function's other paths
    /// do acquire it first: a function that is entered with the lock held (and drops it) is not a bug.
    /// </summary>
    private void ReportReleasesWithoutAcquire()
    {
        if (!_function.StartVisible) return;
        foreach (var (key, releases) in _releasesWithoutAcquire)
        {
            if (!_acquiredFirst.Contains(key)) continue;
            foreach (var (token, pair, path) in releases)
            {
                var resource = new TrackedResource(key, false, pair, ResourceStatus.NotHeld, -1, token, true, null, path);
                Report(ResourceProblem.ReleaseWithoutAcquire, token, resource, path, token);
            }
        }
    }

    /// <summary>An acquire whose resource is an argument: <c>&amp;x</c> receives a new one, anything else names the object it is taken on.</summary>
    private ResourceState AcquireInto(ResourceState state, ResourcePair pair, CallSite call, string? statusVariable)
    {
        if (pair.AcquireCarrier.IsFormatted)
        {
            foreach (var argument in FormatAllocated(call))
            {
                if (ExpressionReader.AddressOfVariable(_tokens, argument.Start, argument.End) is { } variable)
                    state = AcquireInto(state, pair, call, statusVariable, variable, viaAddress: true);
            }

            return state;
        }

        var key = KeyOf(pair.AcquireCarrier, pair, call.Arguments, out var viaAddress);
        return key is null ? state : AcquireInto(state, pair, call, statusVariable, key, viaAddress);
    }

    private ResourceState AcquireInto(ResourceState state, ResourcePair pair, CallSite call, string? statusVariable, string key, bool viaAddress)
    {
        var isVariable = viaAddress && pair.Kind is ResourceKind.Memory or ResourceKind.Handle or ResourceKind.Reference;
        if (isVariable && !Trackable(key)) return state;
        var existing = state[key];
        // mdio_register(bus) on the bus this function allocated: not a second acquire that overwrites it, but the object
        // handed on (registered, referenced elsewhere), so no longer this path's alone to release.
        if (!isVariable && existing is { IsVariable: true })
            return existing.IsHeld ? state.With(existing with { Status = ResourceStatus.Escaped }) : state;
        if (existing is null && !isVariable) _acquiredFirst.Add(key);
        if (existing is not null && existing.IsHeld && existing.IsVariable)
            Report(ResourceProblem.Leak, call.Name, existing, existing.Path, exit: "this second acquire, which overwrites it");
        var status = pair.Failure == AcquireFailure.None ? ResourceStatus.Held : ResourceStatus.Unchecked;
        return state.With(new TrackedResource(key, isVariable, pair, status, call.Name, -1, false, statusVariable, []));
    }

    /// <summary>
    /// The arguments the <c>%m</c> conversions of the call's format fill: the format is its first string-literal argument
    /// (adjacent literals joined), read from the line's text; each conversion after it takes the next argument, except
    /// <c>%*...</c> and <c>%%</c>.
    /// </summary>
    private List<(int Start, int End)> FormatAllocated(CallSite call)
    {
        var filled = new List<(int Start, int End)>();
        for (var a = 0; a < call.Arguments.Length; a++)
        {
            var (start, end) = call.Arguments[a];
            if (start >= end || _tokens[start].Kind != CTokenKind.String) continue;
            var format = new System.Text.StringBuilder();
            for (var t = start; t < end && _tokens[t].Kind == CTokenKind.String; t++) format.Append(LiteralText(_tokens[t]));
            var next = a + 1;
            var text = format.ToString();
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] != '%') continue;
                if (++i < text.Length && text[i] == '%') continue;
                var suppressed = i < text.Length && text[i] == '*';
                var allocates = false;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '*' or 'm' or 'h' or 'l' or 'L' or 'q' or 'j' or 'z' or 't'))
                    allocates |= text[i++] == 'm';
                if (i < text.Length && text[i] == '[')
                {
                    // A scanset: ']' right after '[' or '[^' is one of its characters.
                    i += i + 1 < text.Length && text[i + 1] == '^' ? 2 : 1;
                    if (i < text.Length && text[i] == ']') i++;
                    while (i < text.Length && text[i] != ']') i++;
                }

                if (suppressed) continue;
                if (allocates && next < call.Arguments.Length) filled.Add(call.Arguments[next]);
                next++;
            }

            break;
        }

        return filled;
    }

    /// <summary>The characters between a string literal token's quotes, from its line (the view keeps a placeholder as its text).</summary>
    private ReadOnlySpan<char> LiteralText(CodeToken token)
    {
        var line = _function.View.Lines[token.Line].Text.Span;
        if (token.Column >= line.Length) return default;
        var rest = line[token.Column..];
        var open = rest.IndexOf('"');
        if (open < 0) return default;
        for (var i = open + 1; i < rest.Length; i++)
        {
            if (rest[i] == '\\') i++;
            else if (rest[i] == '"') return rest[(open + 1)..i];
        }

        return rest[(open + 1)..];
    }

    private bool IsPlainVariable(Carrier carrier, ImmutableArray<(int Start, int End)> arguments) =>
        carrier.Argument >= 1 && carrier.Argument <= arguments.Length &&
        ExpressionReader.PlainVariable(_tokens, arguments[carrier.Argument - 1].Start, arguments[carrier.Argument - 1].End) is not null;

    /// <summary>The key a call's carrier argument names: a variable (<c>p</c>, or <c>&amp;p</c> when <paramref name="viaAddress"/>), an object, or the pair's global state.</summary>
    private string? KeyOf(Carrier carrier, ResourcePair pair, ImmutableArray<(int Start, int End)> arguments, out bool viaAddress)
    {
        viaAddress = false;
        if (carrier.IsGlobal) return "<" + pair.Family + ":" + pair.Acquire + ">";
        if (carrier.Argument < 1 || carrier.Argument > arguments.Length) return null;
        var (start, end) = arguments[carrier.Argument - 1];
        var address = ExpressionReader.AddressOfVariable(_tokens, start, end);
        if (address is not null && pair.Kind is ResourceKind.Memory or ResourceKind.Handle or ResourceKind.Reference)
        {
            viaAddress = true;
            return address;
        }

        return ExpressionReader.PlainVariable(_tokens, start, end) ?? ExpressionReader.ObjectKey(_tokens, start, end);
    }

    /// <summary>
    /// A variable the function declares (or, when the view starts inside the function, one whose declaration may be
    /// above the view). Undeclared in a function seen from its first line means a global, which outlives the function.
    /// </summary>
    private bool Trackable(string variable) =>
        !_managed.Contains(variable) && (_declared.Contains(variable) || (_trackUndeclared && !_function.StartVisible));

    /// <summary><c>p-&gt;x</c>, <c>p[i]</c>, <c>*p</c> of a released variable.</summary>
    private ResourceState Dereferences(int start, int end, ResourceState state)
    {
        for (var t = start; t < end; t++)
        {
            if (!_tokens[t].IsIdentifier) continue;
            var resource = state[_tokens[t].Text];
            if (resource is null || !resource.IsVariable || resource.Status != ResourceStatus.Released) continue;
            if (t > start && (_tokens[t - 1].Is(".") || _tokens[t - 1].Is("->"))) continue; // a member named like the variable
            var deref = (t + 1 < end && (_tokens[t + 1].Is("->") || _tokens[t + 1].Is("["))) ||
                        (t > start && _tokens[t - 1].Is("*") && (t - 1 == start || _tokens[t - 2].Kind is CTokenKind.Operator or CTokenKind.Punctuation));
            if (deref) Report(ResourceProblem.UseAfterRelease, t, resource, resource.Path, resource.ReleaseToken);
        }

        return state;
    }

    private ResourceState Assign(string? declared, int start, int assignment, int end, ResourceState state)
    {
        var target = declared ?? (assignment - start == 1 && _tokens[start].IsIdentifier ? _tokens[start].Text : null);
        var (valueStart, valueEnd) = ExpressionReader.StripCasts(_tokens, assignment + 1, end);
        var valueVariable = valueEnd - valueStart == 1 && _tokens[valueStart].IsIdentifier ? _tokens[valueStart].Text : null;

        // Whatever is stored, returned through a pointer or aliased is handed on: the value itself, or a pointer into it
        // (bus = &priv->mii), through which the code goes on to use, hand on or release it.
        if ((valueVariable ?? InteriorOf(valueStart, valueEnd)) is { } aliased && aliased != target)
        {
            var stored = state[aliased];
            if (stored is not null && stored.IsVariable && stored.IsHeld) state = state.With(stored with { Status = ResourceStatus.Escaped });
        }

        var (acquire, acquireToken) = AcquiredValue(valueStart, valueEnd);
        // Only a reallocation that can fail loses the old block: g_realloc() and git's xrealloc() abort instead.
        if (acquire is not null && acquire.Failure != AcquireFailure.None && ReallocatesItself(start, declared is null ? assignment : start, acquireToken, valueEnd))
        {
            var block = new TrackedResource(ExpressionReader.ObjectKey(_tokens, start, assignment), true, acquire, ResourceStatus.Held,
                acquireToken, -1, false, null, []);
            Report(ResourceProblem.ReallocLoses, acquireToken, block, []);
        }

        if (target is null) return state;
        state = StatusOverwritten(state, target, start, end);
        var current = state[target];
        if (current is not null && current.IsVariable && current.IsHeld)
        {
            if (acquire is not null && !acquire.Acquire.Contains("realloc", StringComparison.Ordinal) || ExpressionReader.IsNull(_tokens, valueStart, valueEnd))
                Report(ResourceProblem.Leak, start, current, current.Path, exit: "this assignment, which overwrites it");
            state = state.With(current with { Status = ResourceStatus.Escaped });
        }
        else if (current is not null && current.IsVariable)
        {
            state = state.With(current with { Status = ResourceStatus.NotHeld });
        }

        if (acquire is not null && Trackable(target) && !IsLazyInitialisation(target, start))
        {
            var status = acquire.Failure == AcquireFailure.None ? ResourceStatus.Held : ResourceStatus.Unchecked;
            state = state.With(new TrackedResource(target, true, acquire, status, acquireToken, -1, false, null, []));
        }

        return state;
    }

    /// <summary>
    /// <c>ret = open_store(&amp;mtd); if (ret) ...; ret = store_write(mtd);</c>: once the variable that held an acquire's
    /// status is assigned again (outside the acquire's own statement [start, end)), testing it no longer says whether
    /// that acquire failed.
    /// </summary>
    private static ResourceState StatusOverwritten(ResourceState state, string target, int start, int end)
    {
        foreach (var resource in state.Resources)
        {
            if (resource.StatusVariable == target && (resource.AcquireToken < start || resource.AcquireToken >= end))
                state = state.With(resource with { StatusVariable = null });
        }

        return state;
    }

    /// <summary>
    /// The acquire whose result [start, end) is: <c>malloc(n)</c>, or one arm of a conditional whose other arm is NULL
    /// (<c>json_output ? jsonw_new(fp) : NULL</c>); with the acquire call's token.
    /// </summary>
    private (ResourcePair? Pair, int Token) AcquiredValue(int start, int end)
    {
        if (end - start >= 3 && _tokens[start].IsIdentifier && _tokens[start + 1].Is("(") &&
            ExpressionReader.MatchingClose(_tokens, start + 1, end) == end - 1 && _table.TryGetAcquires(_tokens[start].Text, out var pairs))
            return (pairs.FirstOrDefault(p => p.AcquireCarrier.IsReturn), start);
        var question = ExpressionReader.IndexOfTopLevel(_tokens, start, end, "?");
        var colon = question < 0 ? -1 : ExpressionReader.IndexOfTopLevel(_tokens, question + 1, end, ":");
        if (colon < 0) return (null, -1);
        if (ExpressionReader.IsNull(_tokens, colon + 1, end))
        {
            var (s, e) = ExpressionReader.StripCasts(_tokens, question + 1, colon);
            return AcquiredValue(s, e);
        }

        if (ExpressionReader.IsNull(_tokens, question + 1, colon))
        {
            var (s, e) = ExpressionReader.StripCasts(_tokens, colon + 1, end);
            return AcquiredValue(s, e);
        }

        return (null, -1);
    }

    /// <summary>
    /// <c>p = realloc(p, n)</c>, <c>dev-&gt;buf = krealloc(dev-&gt;buf, n, GFP_KERNEL)</c>: the destination is also the block
    /// reallocated, so a failure (NULL) overwrites the only pointer to the old block. Read from the text, whatever the
    /// destination is.
    /// </summary>
    private bool ReallocatesItself(int start, int lhsEnd, int call, int end)
    {
        if (call < 0 || !_tokens[call].Text.Contains("realloc", StringComparison.Ordinal)) return false;
        var close = ExpressionReader.MatchingClose(_tokens, call + 1, end);
        if (close < 0) return false;
        var arguments = ExpressionReader.SplitTopLevel(_tokens, call + 2, close, ",");
        if (arguments.Length < 2) return false;
        var (s, e) = ExpressionReader.StripCasts(_tokens, arguments[0].Start, arguments[0].End);
        var (ls, le) = ExpressionReader.StripCasts(_tokens, start, lhsEnd);
        if (e - s != le - ls || e == s) return false;
        for (var k = 0; k < e - s; k++)
        {
            if (_tokens[s + k].Text != _tokens[ls + k].Text) return false;
        }

        return true;
    }

    /// <summary>
    /// <c>if (!sessions) sessions = queue_new();</c>: a variable filled only when empty is kept across calls (a global,
    /// a static or a cache), not a local this function must release.
    /// </summary>
    private bool IsLazyInitialisation(string target, int assignment)
    {
        var close = assignment - 1;
        if (close > _function.BodyStart && _tokens[close].Is("{")) close--;
        if (close <= _function.BodyStart || !_tokens[close].Is(")")) return false;
        var depth = 0;
        var open = -1;
        for (var t = close; t >= _function.BodyStart; t--)
        {
            if (_tokens[t].Is(")")) depth++;
            else if (_tokens[t].Is("(") && --depth == 0)
            {
                open = t;
                break;
            }
        }

        if (open <= _function.BodyStart || !_tokens[open - 1].Is("if")) return false;
        return ExpressionReader.TryReadTerm(_tokens, open + 1, close, out var subject, out var comparison) &&
               comparison == Comparison.Zero && ExpressionReader.PlainVariable(_tokens, subject.Start, subject.End) == target;
    }

    private ResourceState Escape(ResourceState state, (int Start, int End) argument)
    {
        var (start, end) = ExpressionReader.StripCasts(_tokens, argument.Start, argument.End);
        for (var t = start; t < end; t++)
        {
            if (!_tokens[t].IsIdentifier) continue;
            var resource = state[_tokens[t].Text];
            if (resource is not null && resource.IsHeld) state = state.With(resource with { Status = ResourceStatus.Escaped });
            break; // the base of &p->node, p, (void *)p
        }

        return state;
    }

    // ---- Conditions ---------------------------------------------------------------------------------------------

    /// <summary>Splits the paths by the condition [start, end): what each branch knows of the resources the condition tests.</summary>
    private (PathSet WhenTrue, PathSet WhenFalse) Refine(int start, int end, PathSet paths)
    {
        // Nothing followed on any path (most conditions of most functions): both branches see the same paths.
        if (paths.FollowsNothing) return (paths, paths);

        (start, end) = ExpressionReader.StripCasts(_tokens, start, end);
        var or = ExpressionReader.SplitTopLevel(_tokens, start, end, "||");
        var and = or.Length == 1 ? ExpressionReader.SplitTopLevel(_tokens, start, end, "&&") : [(start, end)];
        var whenTrue = new PathSet();
        var whenFalse = new PathSet();
        foreach (var state in paths.States)
        {
            if (or.Length > 1)
            {
                // a || b: false means every term is false; true is ambiguous for what the terms test.
                whenFalse.Add(ApplyTerms(state, or, outcome: false));
                whenTrue.Add(Obscure(state, or));
            }
            else if (and.Length > 1)
            {
                whenTrue.Add(ApplyTerms(state, and, outcome: true));
                whenFalse.Add(Obscure(state, and));
            }
            else
            {
                whenTrue.Add(ApplyTerms(state, and, outcome: true));
                whenFalse.Add(ApplyTerms(state, and, outcome: false));
            }
        }

        return (whenTrue, whenFalse);
    }

    private ResourceState ApplyTerms(ResourceState state, ImmutableArray<(int Start, int End)> terms, bool outcome)
    {
        foreach (var (start, end) in terms)
        {
            if (!ExpressionReader.TryReadTerm(_tokens, start, end, out var subject, out var comparison)) continue;
            foreach (var resource in state.Resources)
            {
                // A failed acquire tested again (out: if (fd >= 0) close(fd);): on the branch that says it succeeded the
                // path is not real, and nothing is said about it there.
                if (!resource.IsHeld && resource.Status != ResourceStatus.Failed) continue;
                var succeeded = Outcome(resource, subject, comparison, outcome);
                if (succeeded is null) continue;
                var status = succeeded.Value
                    ? resource.Status == ResourceStatus.Failed ? ResourceStatus.NotHeld : ResourceStatus.Held
                    : ResourceStatus.Failed;
                state = state.With(resource with { Status = status });
            }
        }

        return state;
    }

    /// <summary>Resources a compound condition tests become unknowable on its ambiguous branch (nothing is reported about them there).</summary>
    private ResourceState Obscure(ResourceState state, ImmutableArray<(int Start, int End)> terms)
    {
        foreach (var (start, end) in terms)
        {
            if (!ExpressionReader.TryReadTerm(_tokens, start, end, out var subject, out var comparison)) continue;
            foreach (var resource in state.Resources)
            {
                if (resource.Status == ResourceStatus.Unchecked && Outcome(resource, subject, comparison, true) is not null)
                    state = state.With(resource with { Status = ResourceStatus.Escaped });
            }
        }

        return state;
    }

    /// <summary>
    /// Whether the acquire of <paramref name="resource"/> succeeded when the term (<paramref name="subject"/> compared by
    /// <paramref name="comparison"/>) is <paramref name="outcome"/>; null when the term says nothing about it.
    /// </summary>
    private bool? Outcome(TrackedResource resource, (int Start, int End) subject, Comparison comparison, bool outcome)
    {
        var (start, end) = ExpressionReader.StripCasts(_tokens, subject.Start, subject.End);
        var assignment = ExpressionReader.AssignmentOperator(_tokens, start, end);
        string? name;
        bool isStatus;
        if (assignment >= 0)
        {
            // if ((p = malloc(n)) == NULL), if ((ret = acquire(&x)) < 0)
            name = assignment - start == 1 ? _tokens[start].Text : null;
            isStatus = name is not null && name == resource.StatusVariable;
            if (name != resource.Key && !isStatus) return null;
        }
        else if (end - start == 1 && _tokens[start].IsIdentifier)
        {
            name = _tokens[start].Text;
            isStatus = name == resource.StatusVariable;
            if (name != resource.Key && !isStatus) return null;
        }
        else if (resource.AcquireToken >= start && resource.AcquireToken < end && _tokens[start].IsIdentifier &&
                 _tokens[resource.AcquireToken].Text == _tokens[start].Text)
        {
            isStatus = !resource.Pair.AcquireCarrier.IsReturn; // if (rtnl_talk(..., &answer) < 0), if (!mutex_trylock(&m))
        }
        else
        {
            return null;
        }

        if (!outcome) comparison = ExpressionReader.Negate(comparison);
        if (!isStatus && resource.IsVariable)
        {
            // Testing the handle itself: a NULL pointer, an ERR_PTR or a negative descriptor holds nothing, whatever the acquire promised.
            return comparison switch
            {
                Comparison.Zero or Comparison.Negative or Comparison.ErrorPointer or Comparison.ErrorPointerOrNull => false,
                Comparison.AllOf or Comparison.NotAllOf => null,
                Comparison.NonZero when resource.Pair.Failure is AcquireFailure.Negative => null,
                _ => true,
            };
        }

        var failure = resource.Pair.Failure;
        return (failure, comparison) switch
        {
            (AcquireFailure.Null, Comparison.Zero) => false,
            (AcquireFailure.Null, Comparison.NonZero) => true,
            (AcquireFailure.Null or AcquireFailure.ErrorPointerOrNull, Comparison.ErrorPointerOrNull) => false,
            (AcquireFailure.ErrorPointer or AcquireFailure.ErrorPointerOrNull, Comparison.ErrorPointer or Comparison.ErrorPointerOrNull) => false,
            (AcquireFailure.ErrorPointer, Comparison.NotErrorPointer) => true,
            (AcquireFailure.ErrorPointerOrNull, Comparison.Zero) => false,
            (AcquireFailure.Negative, Comparison.Negative) => false,
            (AcquireFailure.Negative, Comparison.NonNegative) => true,
            (AcquireFailure.Negative, Comparison.NonZero) when isStatus => false,
            (AcquireFailure.Negative, Comparison.Zero) when isStatus => true,
            (AcquireFailure.NonZero, Comparison.NonZero or Comparison.Negative) => false,
            (AcquireFailure.NonZero, Comparison.Zero) => true,
            (AcquireFailure.False, Comparison.Zero) => false,
            (AcquireFailure.False, Comparison.NonZero) => true,
            (AcquireFailure.Count, Comparison.AllOf) => true,
            (AcquireFailure.Count, Comparison.NotAllOf or Comparison.Zero or Comparison.Negative) => false,
            _ => null,
        };
    }
}
