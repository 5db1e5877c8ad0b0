using System.Diagnostics;
using System.Runtime.CompilerServices;
using DiffLint.Core.CSyntax;

namespace DiffLint.Core.Analysis;

// The single walk behind the code actions (RuleRegistration.RegisterCodeLineAction and the rest).
public sealed partial class AnalysisEngine
{
    // The code tokens of the line being walked, and their indexes in the fragment: per thread, reused line after line.
    // Not LineCode.Of, which gives the tokens alone: the token and call actions need each one's fragment index too.
    [ThreadStatic] private static CToken[]? t_code;
    [ThreadStatic] private static int[]? t_codeIndexes;

    private void Walk(CodeDispatch dispatch, in CSourceContext source, DiagnosticSink sink)
    {
        // The thread's buffers are read once per file: a thread-static read per line went through a runtime helper in
        // the published build.
        var walk = new CodeWalk(source) { Code = t_code ?? [], CodeIndexes = t_codeIndexes ?? [] };
        foreach (var fragment in source.Fragments)
        {
            InvokeAll(dispatch.Fragment, new CFragmentContext(source, fragment), sink);
            walk.Fragment = fragment;
            if (dispatch.HasLines) WalkLines(dispatch, walk, sink);
            if (dispatch.HasStructure) WalkStructure(dispatch, source, fragment, sink);
        }
    }

    private void WalkLines(CodeDispatch dispatch, CodeWalk walk, DiagnosticSink sink)
    {
        var fragment = walk.Fragment;
        var tokens = fragment.Tokens.AsSpan();
        var lines = fragment.Lines.AsSpan();
        for (var l = 0; l < lines.Length; l++)
        {
            ref readonly var line = ref lines[l];
            var lineTokens = tokens.Slice(line.FirstToken, line.TokenCount);
            // A context line is walked only for the call actions that want context lines, and only when one of its
            // identifiers may be one of their callees: most context lines are then not copied at all.
            if (!line.IsJudged && !(dispatch.HasCallsOnAllLines && MayCallOnAllLines(dispatch, lineTokens))) continue;
            var buffer = walk.Code;
            var indexes = walk.CodeIndexes;
            if (buffer.Length < lineTokens.Length)
            {
                t_code = walk.Code = buffer = new CToken[Math.Max(64, lineTokens.Length)];
                t_codeIndexes = walk.CodeIndexes = indexes = new int[buffer.Length];
            }

            var count = 0;
            for (var t = 0; t < lineTokens.Length; t++)
            {
                if (!lineTokens[t].IsCode) continue;
                buffer[count] = lineTokens[t];
                indexes[count++] = line.FirstToken + t;
            }

            walk.CodeCount = count;
            ReadOnlySpan<CToken> code = buffer.AsSpan(0, count);
            if (!line.IsJudged)
            {
                DispatchContextLineCalls(dispatch, walk, code, sink);
                continue;
            }

            InvokeAll(dispatch.Line, new CodeLineContext(walk, l), sink);
            if (dispatch.LineOnWords.Length > 0) DispatchLineOnWords(dispatch, walk, l, code, sink);
            if (!dispatch.HasTokens) continue;

            var codeIndex = 0;
            for (var t = 0; t < lineTokens.Length; t++)
            {
                ref readonly var token = ref lineTokens[t];
                var index = line.FirstToken + t;
                var at = token.IsCode ? codeIndex++ : -1;
                // Each list is tested before its context is made: passed to InvokeAll, the context was built for every
                // token of every judged line, though most kinds and symbols have no action.
                var kindActions = dispatch.ByKind[(int)token.Kind];
                if (kindActions.Length != 0) InvokeEach(kindActions, new CTokenContext(walk, index, at), sink);
                switch (token.Kind)
                {
                    case CTokenKind.Identifier or CTokenKind.Keyword:
                        if (dispatch.HasWords && dispatch.MayBeWord(token)) DispatchWord(dispatch, walk, index, code, at, sink);
                        if (dispatch.IdentifierPrefixes.MayMatch(token.First)) DispatchPrefixes(dispatch, walk, index, at, sink);
                        break;
                    case CTokenKind.Operator or CTokenKind.Punctuation when dispatch.HasSymbols:
                        if (dispatch.SymbolActions(fragment, token) is { Length: > 0 } symbolActions)
                        {
                            InvokeEach(symbolActions, new CTokenContext(walk, index, at), sink);
                        }

                        break;
                }
            }
        }
    }

    /// <summary>Calls each line-on-words action once when one of its spellings is a code word of the line, in registration order.</summary>
    private void DispatchLineOnWords(CodeDispatch dispatch, CodeWalk walk, int line, ReadOnlySpan<CToken> code, DiagnosticSink sink)
    {
        var fragment = walk.Fragment;
        var count = dispatch.LineOnWords.Length;
        Span<bool> wanted = count <= 256 ? stackalloc bool[count] : new bool[count];
        var any = false;
        foreach (ref readonly var token in code)
        {
            if (token.Kind is not (CTokenKind.Identifier or CTokenKind.Keyword) || !dispatch.MayBeLineWord(token)) continue;
            var text = fragment.TextOf(token);
            if (dispatch.MayEndLineWord(text) && dispatch.LineWords.TryGetValue(text, out var actions))
            {
                foreach (var action in actions) wanted[action] = true;
                any = true;
            }

            if (!dispatch.LinePrefixes.MayMatch(token.First)) continue;
            foreach (var (prefix, action) in dispatch.LinePrefixes.Candidates(token.First))
            {
                if (!text.StartsWith(prefix, StringComparison.Ordinal)) continue;
                wanted[action] = true;
                any = true;
            }
        }

        if (!any) return;
        for (var a = 0; a < count; a++)
        {
            if (wanted[a]) Invoke(dispatch.LineOnWords[a], new CodeLineContext(walk, line), sink);
        }
    }

    private void DispatchWord(CodeDispatch dispatch, CodeWalk walk, int index, ReadOnlySpan<CToken> code, int at, DiagnosticSink sink)
    {
        var fragment = walk.Fragment;
        var text = fragment.TextOf(fragment.Tokens.ItemRef(index));
        if (!dispatch.MayEndWord(text) || !dispatch.Words.TryGetValue(text, out var actions)) return;
        // Most spellings are registered as identifiers or as callees, not both: each context is made only for a list
        // that has actions (InvokeAll's argument was built before its length test).
        if (actions.Identifier.Length != 0) InvokeEach(actions.Identifier, new CTokenContext(walk, index, at), sink);
        if (at < 0 || actions.Call.Length + actions.CallOnAllLines.Length == 0 || !CallSyntax.IsCall(fragment, code, at)) return;
        if (actions.Call.Length != 0) InvokeEach(actions.Call, new CallContext(walk, index, at), sink);
        if (actions.CallOnAllLines.Length != 0) InvokeEach(actions.CallOnAllLines, new CallContext(walk, index, at), sink);
    }

    /// <summary>The identifier actions registered by a prefix of the word at <paramref name="index"/>, in registration order.</summary>
    private void DispatchPrefixes(CodeDispatch dispatch, CodeWalk walk, int index, int at, DiagnosticSink sink)
    {
        var fragment = walk.Fragment;
        ref readonly var token = ref fragment.Tokens.ItemRef(index);
        var text = fragment.TextOf(token);
        foreach (var (prefix, action) in dispatch.IdentifierPrefixes.Candidates(token.First))
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal)) Invoke(action, new CTokenContext(walk, index, at), sink);
        }
    }

    /// <summary>Whether one of <paramref name="lineTokens"/> may be the callee of a call action registered with <see cref="CallLines.All"/>.</summary>
    private static bool MayCallOnAllLines(CodeDispatch dispatch, ReadOnlySpan<CToken> lineTokens)
    {
        foreach (ref readonly var token in lineTokens)
        {
            if (token.Kind == CTokenKind.Identifier && dispatch.MayBeCallOnAllLines(token)) return true;
        }

        return false;
    }

    /// <summary>The calls of a context line, for the call actions registered with <see cref="CallLines.All"/>.</summary>
    private void DispatchContextLineCalls(CodeDispatch dispatch, CodeWalk walk, ReadOnlySpan<CToken> code, DiagnosticSink sink)
    {
        var fragment = walk.Fragment;
        for (var at = 0; at < code.Length; at++)
        {
            ref readonly var token = ref code[at];
            if (token.Kind != CTokenKind.Identifier || !dispatch.MayBeCallOnAllLines(token)) continue;
            if (!dispatch.Words.TryGetValue(fragment.TextOf(token), out var actions) || actions.CallOnAllLines.Length == 0
                || !CallSyntax.IsCall(fragment, code, at)) continue;
            InvokeAll(actions.CallOnAllLines, new CallContext(walk, walk.CodeIndexes[at], at), sink);
        }
    }

    private void WalkStructure(CodeDispatch dispatch, in CSourceContext source, CFragment fragment, DiagnosticSink sink)
    {
        var structure = fragment.Structure;
        foreach (ref readonly var control in structure.Controls.AsSpan())
        {
            InvokeAll(dispatch.ByControl[(int)control.Kind], new ControlContext(source, fragment, control), sink);
        }

        if (dispatch.Statement.Length > 0)
        {
            var tokens = fragment.Tokens.AsSpan();
            var lines = fragment.Lines.AsSpan();
            var statements = structure.Statements.AsSpan();
            for (var s = 0; s < statements.Length; s++)
            {
                if (!lines[tokens[statements[s].First].Line].IsJudged) continue;
                InvokeAll(dispatch.Statement, new StatementContext(source, fragment, s), sink);
            }
        }

        if (dispatch.Macro.Length > 0)
        {
            foreach (ref readonly var macro in structure.Macros.AsSpan())
            {
                InvokeAll(dispatch.Macro, new MacroContext(source, fragment, macro), sink);
            }
        }

        if (dispatch.Function.Length > 0)
        {
            foreach (ref readonly var function in structure.Functions.AsSpan())
            {
                InvokeAll(dispatch.Function, new FunctionContext(source, fragment, function), sink);
            }
        }
    }

    /// <summary>
    /// Calls the code actions registered for one context, in order. A rule that throws is reported once per patch
    /// (DL9001) and not called again on that patch; the other rules go on. Under <c>--stats</c> each call is timed for
    /// its rule. The context is passed by reference down to the delegate call. The JIT builds the context argument before
    /// the inlined length test, so the per-token paths test the list themselves and call <c>InvokeEach</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void InvokeAll<T>(Registered<Action<T>>[] actions, scoped in T context, DiagnosticSink sink) where T : allows ref struct
    {
        if (actions.Length != 0) InvokeEach(actions, context, sink);
    }

    private void InvokeEach<T>(Registered<Action<T>>[] actions, scoped in T context, DiagnosticSink sink) where T : allows ref struct
    {
        if (Timings is { } timings)
        {
            InvokeTimed(actions, context, sink, timings);
            return;
        }

        if (sink.FailedActions is not null)
        {
            foreach (var registered in actions) Invoke(registered, context, sink);
            return;
        }

        // One protected region for the whole list while nothing has failed: a throw resumes with the next action.
        var next = 0;
        while (next < actions.Length)
        {
            try
            {
                CallFrom(actions, ref next, context, sink);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Failed(actions[next], ex, sink);
                next++;
            }
        }

        sink.OwnerIndex = -1;
    }

    /// <summary>
    /// Calls the actions from <paramref name="next"/> on, keeping <paramref name="next"/> at the one being called. Out of
    /// <see cref="InvokeEach"/>'s protected region: there the JIT kept the list, the context and the index on the stack,
    /// reloading each around every call.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CallFrom<T>(Registered<Action<T>>[] actions, ref int next, scoped in T context, DiagnosticSink sink)
        where T : allows ref struct
    {
        for (var a = next; a < actions.Length; a++)
        {
            next = a;
            sink.OwnerIndex = actions[a].Owner.Index;
            actions[a].Action(context);
        }

        next = actions.Length;
    }

    /// <summary>
    /// Under <c>--stats</c>: calls the actions that have not failed on this patch, each timed for its rule with one clock
    /// read per call (the end of one call is the start of the next) and added to the thread's table by the rule's index:
    /// the code actions are called millions of times per run, most for a few tens of nanoseconds, so reading the clock
    /// twice around each, or a table lookup per call, was most of what --stats cost.
    /// </summary>
    private void InvokeTimed<T>(Registered<Action<T>>[] actions, scoped in T context, DiagnosticSink sink, RuleTimings timings)
        where T : allows ref struct
    {
        var table = timings.OfThisThread();
        var start = Stopwatch.GetTimestamp();
        foreach (var registered in actions)
        {
            if (!CallUnlessFailed(registered, context, sink)) continue;
            var end = Stopwatch.GetTimestamp();
            table.Add(registered.Owner, end - start);
            start = end;
        }
    }

    /// <summary>Calls one code action, unless it failed earlier on this patch; timed under <c>--stats</c>.</summary>
    private void Invoke<T>(Registered<Action<T>> registered, scoped in T context, DiagnosticSink sink) where T : allows ref struct
    {
        var start = Timings is null ? 0 : Stopwatch.GetTimestamp();
        if (CallUnlessFailed(registered, context, sink)) Timings?.Add(registered.Owner, start);
    }

    /// <summary>
    /// Calls one code action as its rule (the sink's owner) unless it failed earlier on this patch, and says whether it
    /// was called. A throw is reported (DL9001) and keeps the action from being called again on this patch.
    /// </summary>
    private bool CallUnlessFailed<T>(Registered<Action<T>> registered, scoped in T context, DiagnosticSink sink) where T : allows ref struct
    {
        if (sink.FailedActions is { } failed && failed.Contains(registered.Action)) return false;
        sink.OwnerIndex = registered.Owner.Index;
        try
        {
            registered.Action(context);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Failed(registered, ex, sink);
        }
        finally
        {
            sink.OwnerIndex = -1;
        }

        return true;
    }

    /// <summary>Reports a code action's failure (DL9001) and keeps it from being called again on this patch.</summary>
    private void Failed<T>(Registered<T> registered, Exception ex, DiagnosticSink sink) where T : Delegate
    {
        (sink.FailedActions ??= new HashSet<Delegate>(ReferenceEqualityComparer.Instance)).Add(registered.Action);
        ReportFailure(registered.Owner, ex, sink.Patch, sink);
    }
}
