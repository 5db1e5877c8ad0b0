using System.Collections.Immutable;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Resources;

/// <summary>A call inside an expression: the callee's token, its <c>(</c> and <c>)</c>, and its argument ranges.</summary>
internal readonly record struct CallSite(int Name, int Open, int Close, ImmutableArray<(int Start, int End)> Arguments);

/// <summary>How a condition term compares its subject.</summary>
/// <remarks><see cref="AllOf"/> and <see cref="NotAllOf"/> compare with a positive count: <c>ret == 2</c>, <c>ret != 1</c>, <c>ret &lt; 2</c>.</remarks>
internal enum Comparison : byte { Zero, NonZero, Negative, NonNegative, ErrorPointer, NotErrorPointer, ErrorPointerOrNull, AllOf, NotAllOf }

/// <summary>Token-level reading of expressions: calls, assignments, casts, declarations and condition terms.</summary>
internal static class ExpressionReader
{
    private static readonly HashSet<string> NotCallees =
    [
        "sizeof", "typeof", "__typeof__", "alignof", "_Alignof", "offsetof", "ARRAY_SIZE", "likely", "unlikely", "defined",
    ];

    private static readonly HashSet<string> CleanupMarkers =
    [
        "g_autofree", "g_autoptr", "g_auto", "g_autolist", "g_autoslist", "__free", "__cleanup", "_cleanup_", "_cleanup_free_",
        "_cleanup_close_", "_cleanup_fclose_", "autofree", "__attribute__", "CLEANUP", "__auto_type",
    ];

    private static readonly HashSet<string> ConditionWrappers =
        ["likely", "unlikely", "BE", "__builtin_expect", "WARN_ON", "WARN_ON_ONCE", "unlikely_if", "G_LIKELY", "G_UNLIKELY"];

    public static bool IsCleanupMarker(string text) =>
        // Every marker is six characters or more and starts with one of these: most tokens are turned away unhashed.
        text.Length >= 6 && text[0] is '_' or 'g' or 'a' or 'C' &&
        (CleanupMarkers.Contains(text) || (text.StartsWith("_cleanup_", StringComparison.Ordinal) && text.EndsWith('_')));

    /// <summary>The calls in [start, end), innermost first within each call's arguments (arguments run before the call).</summary>
    public static List<CallSite> Calls(ImmutableArray<CodeToken> tokens, int start, int end)
    {
        var calls = new List<CallSite>();
        Collect(tokens, start, end, calls, 0);
        return calls;
    }

    private static void Collect(ImmutableArray<CodeToken> tokens, int start, int end, List<CallSite> calls, int nesting)
    {
        if (nesting > 32) return;
        for (var t = start; t < end; t++)
        {
            if (!tokens[t].IsIdentifier || t + 1 >= end || !tokens[t + 1].Is("(")) continue;
            var close = MatchingClose(tokens, t + 1, end);
            if (close < 0) continue;
            if (NotCallees.Contains(tokens[t].Text))
            {
                if (tokens[t].Text is "likely" or "unlikely") continue;
                t = close;
                continue;
            }

            Collect(tokens, t + 2, close, calls, nesting + 1);
            calls.Add(new CallSite(t, t + 1, close, SplitTopLevel(tokens, t + 2, close, ",")));
            t = close;
        }
    }

    /// <summary>
    /// <c>ops-&gt;close(f)</c>, <c>s.free(p)</c>: a call through a function pointer in a structure, which is whatever the
    /// structure holds, not the function of that name the pair table lists (libc's close(), free()).
    /// </summary>
    public static bool IsMemberCall(ImmutableArray<CodeToken> tokens, int name) =>
        name > 0 && tokens[name - 1].Text is "->" or ".";

    public static int MatchingClose(ImmutableArray<CodeToken> tokens, int open, int end)
    {
        var depth = 0;
        for (var t = open; t < end; t++)
        {
            switch (Bracket(tokens[t].Text))
            {
                case > 0:
                    depth++;
                    break;
                case < 0 when --depth == 0:
                    return t;
            }
        }

        return -1;
    }

    /// <summary>1 for an opening bracket (<c>(</c>, <c>[</c>, <c>{</c>), -1 for a closing one, 0 for any other token text.</summary>
    /// <remarks>The walks over expressions ask this of every token: one length test turns away the words.</remarks>
    private static int Bracket(string text) => text.Length != 1 ? 0 : text[0] switch
    {
        '(' or '[' or '{' => 1,
        ')' or ']' or '}' => -1,
        _ => 0,
    };

    /// <summary>As <see cref="Bracket"/> for parentheses and square brackets only (braces count as other tokens).</summary>
    private static int RoundOrSquare(string text) => text.Length != 1 ? 0 : text[0] switch
    {
        '(' or '[' => 1,
        ')' or ']' => -1,
        _ => 0,
    };

    /// <summary>Splits [start, end) at <paramref name="separator"/> tokens outside brackets.</summary>
    public static ImmutableArray<(int Start, int End)> SplitTopLevel(ImmutableArray<CodeToken> tokens, int start, int end, string separator)
    {
        var parts = ImmutableArray.CreateBuilder<(int, int)>();
        var depth = 0;
        var partStart = start;
        for (var t = start; t < end; t++)
        {
            var text = tokens[t].Text;
            if (tokens[t].Kind is CTokenKind.Punctuation or CTokenKind.Operator)
            {
                var bracket = Bracket(text);
                if (bracket != 0) depth += bracket;
                else if (depth == 0 && text == separator)
                {
                    parts.Add((partStart, t));
                    partStart = t + 1;
                }
            }
        }

        if (end > partStart || parts.Count > 0) parts.Add((partStart, end));
        return parts.ToImmutable();
    }

    /// <summary>The top-level plain <c>=</c> of [start, end), or -1.</summary>
    public static int AssignmentOperator(ImmutableArray<CodeToken> tokens, int start, int end)
    {
        var depth = 0;
        for (var t = start; t < end; t++)
        {
            var text = tokens[t].Text;
            var bracket = Bracket(text);
            if (bracket != 0) depth += bracket;
            else if (depth == 0 && text == "=" && tokens[t].Kind == CTokenKind.Operator) return t;
            else if (depth == 0 && text == "?") return -1;
        }

        return -1;
    }

    /// <summary>
    /// [start, end) without enclosing parentheses and leading casts: <c>((void **)&amp;buf)</c> → <c>&amp;buf</c>,
    /// <c>(char *)malloc(n)</c> → <c>malloc(n)</c>.
    /// </summary>
    public static (int Start, int End) StripCasts(ImmutableArray<CodeToken> tokens, int start, int end)
    {
        for (var guard = 0; guard < 16 && start < end; guard++)
        {
            if (!tokens[start].Is("(")) break;
            var close = MatchingClose(tokens, start, end);
            if (close == end - 1)
            {
                start++;
                end--;
                continue;
            }

            if (close > start && close < end - 1 && IsTypeName(tokens, start + 1, close))
            {
                start = close + 1;
                continue;
            }

            break;
        }

        return (start, end);
    }

    /// <summary>Looks like a type in a cast: type words and stars only (<c>void **</c>, <c>struct foo *</c>, <c>const char *</c>).</summary>
    private static bool IsTypeName(ImmutableArray<CodeToken> tokens, int start, int end)
    {
        if (start >= end) return false;
        var words = 0;
        for (var t = start; t < end; t++)
        {
            var token = tokens[t];
            if (token.Kind is CTokenKind.Identifier or CTokenKind.Keyword) words++;
            else if (!token.Is("*")) return false;
        }

        return words > 0 && (tokens[end - 1].Is("*") || tokens[start].Kind == CTokenKind.Keyword || words > 1 ||
                             tokens[start].Text.EndsWith("_t", StringComparison.Ordinal));
    }

    /// <summary>The variable named by [start, end) once casts are stripped: <c>p</c>, <c>(void *)p</c>; null otherwise.</summary>
    public static string? PlainVariable(ImmutableArray<CodeToken> tokens, int start, int end)
    {
        (start, end) = StripCasts(tokens, start, end);
        return end - start == 1 && tokens[start].IsIdentifier ? tokens[start].Text : null;
    }

    /// <summary>The variable whose address [start, end) takes: <c>&amp;p</c>, <c>(void **)&amp;p</c>; null otherwise.</summary>
    public static string? AddressOfVariable(ImmutableArray<CodeToken> tokens, int start, int end)
    {
        (start, end) = StripCasts(tokens, start, end);
        if (end - start == 2 && tokens[start].Is("&") && tokens[start + 1].IsIdentifier) return tokens[start + 1].Text;

        // want ? &x : NULL: the resource, when there is one, goes to x.
        var question = IndexOfTopLevel(tokens, start, end, "?");
        var colon = question < 0 ? -1 : IndexOfTopLevel(tokens, question + 1, end, ":");
        if (colon < 0) return null;
        var (whenTrue, whenFalse) = ((question + 1, colon), (colon + 1, end));
        if (IsNull(tokens, whenFalse.Item1, whenFalse.Item2)) return AddressOfVariable(tokens, whenTrue.Item1, whenTrue.Item2);
        return IsNull(tokens, whenTrue.Item1, whenTrue.Item2) ? AddressOfVariable(tokens, whenFalse.Item1, whenFalse.Item2) : null;
    }

    /// <summary>The first <paramref name="text"/> token of [start, end) outside brackets, or -1.</summary>
    public static int IndexOfTopLevel(ImmutableArray<CodeToken> tokens, int start, int end, string text)
    {
        var depth = 0;
        for (var t = start; t < end; t++)
        {
            var bracket = RoundOrSquare(tokens[t].Text);
            if (bracket != 0) depth += bracket;
            else if (depth == 0 && tokens[t].Is(text)) return t;
        }

        return -1;
    }

    /// <summary>
    /// The object an argument names, normalised so that the same object compares equal across calls and wrappers:
    /// casts and one-argument upper-case cast macros (<c>OBJECT(x)</c>, <c>DEVICE(x)</c>) are stripped, spaces dropped.
    /// </summary>
    public static string ObjectKey(ImmutableArray<CodeToken> tokens, int start, int end)
    {
        for (var guard = 0; guard < 8; guard++)
        {
            (start, end) = StripCasts(tokens, start, end);
            if (end - start >= 4 && tokens[start].IsIdentifier && IsUpperCase(tokens[start].Text) && tokens[start + 1].Is("(") &&
                MatchingClose(tokens, start + 1, end) == end - 1 && SplitTopLevel(tokens, start + 2, end - 1, ",").Length == 1)
            {
                start += 2;
                end--;
                continue;
            }

            break;
        }

        var text = new System.Text.StringBuilder();
        for (var t = start; t < end; t++) text.Append(tokens[t].Text);
        return text.ToString();
    }

    private static bool IsUpperCase(string name)
    {
        var letters = 0;
        foreach (var c in name)
        {
            if (char.IsLower(c)) return false;
            if (char.IsUpper(c)) letters++;
        }

        return letters > 0;
    }

    /// <summary>True for NULL, 0 and (void *)0.</summary>
    public static bool IsNull(ImmutableArray<CodeToken> tokens, int start, int end)
    {
        (start, end) = StripCasts(tokens, start, end);
        return end - start == 1 && tokens[start].Text is "NULL" or "0" or "nullptr";
    }

    /// <summary>
    /// A declaration's names, when [start, end) declares variables: <c>char *p</c>, <c>struct foo *a</c>,
    /// <c>g_autofree char *s</c>, <c>char *p __free(kfree)</c>. Null when it is not a declaration.
    /// </summary>
    public static string? DeclaredName(ImmutableArray<CodeToken> tokens, int start, int end, out bool cleanup, out bool isStatic)
    {
        cleanup = false;
        isStatic = false;
        var words = 0;
        string? last = null;
        for (var t = start; t < end; t++)
        {
            var token = tokens[t];
            if (IsCleanupMarker(token.Text)) cleanup = true;
            if (token.Is("static")) isStatic = true;
            if (token.Is("("))
            {
                // An attribute or a g_autoptr(Type): skip its parentheses.
                var close = MatchingClose(tokens, t, end);
                if (close < 0 || t == start || !(IsCleanupMarker(tokens[t - 1].Text) || tokens[t - 1].Text.StartsWith("__", StringComparison.Ordinal)))
                    return null;
                t = close;
                continue;
            }

            if (token.Is("[")) break; // an array: char buf[16]
            if (token.Kind == CTokenKind.Keyword || token.IsIdentifier)
            {
                words++;
                if (token.IsIdentifier && !IsCleanupMarker(token.Text) && !token.Text.StartsWith("__", StringComparison.Ordinal)) last = token.Text;
                continue;
            }

            if (!token.Is("*")) return null;
        }

        return words >= 2 && last is not null && !tokens[end - 1].Is("*") ? last : null;
    }

    /// <summary>
    /// Reads one condition term: its subject range and how it is compared (<c>!p</c>, <c>p == NULL</c>, <c>ret &lt; 0</c>,
    /// <c>IS_ERR(p)</c>, <c>ret != EFI_SUCCESS</c>, <c>p</c>).
    /// </summary>
    public static bool TryReadTerm(ImmutableArray<CodeToken> tokens, int start, int end, out (int Start, int End) subject, out Comparison comparison)
    {
        subject = default;
        comparison = Comparison.NonZero;
        var negate = false;
        for (var guard = 0; guard < 16 && start < end; guard++)
        {
            var stripped = StripCasts(tokens, start, end);
            if (stripped != (start, end))
            {
                (start, end) = stripped;
                continue;
            }

            if (tokens[start].Is("!"))
            {
                negate = !negate;
                start++;
                continue;
            }

            // likely(x), unlikely(x), BE(x, 0), __builtin_expect(x, 0), WARN_ON(x): the condition is the first argument.
            if (tokens[start].IsIdentifier && ConditionWrappers.Contains(tokens[start].Text) && start + 1 < end && tokens[start + 1].Is("(") &&
                MatchingClose(tokens, start + 1, end) == end - 1)
            {
                var first = SplitTopLevel(tokens, start + 2, end - 1, ",")[0];
                (start, end) = first;
                continue;
            }

            break;
        }

        if (start >= end) return false;
        if (tokens[start].IsIdentifier && tokens[start].Text is "IS_ERR" or "IS_ERR_OR_NULL" && start + 1 < end && tokens[start + 1].Is("(") &&
            MatchingClose(tokens, start + 1, end) == end - 1)
        {
            subject = (start + 2, end - 1);
            comparison = tokens[start].Text == "IS_ERR"
                ? negate ? Comparison.NotErrorPointer : Comparison.ErrorPointer
                : negate ? Comparison.NotErrorPointer : Comparison.ErrorPointerOrNull;
            return true;
        }

        var depth = 0;
        for (var t = start; t < end; t++)
        {
            var text = tokens[t].Text;
            if (text is "(" or "[") depth++;
            else if (text is ")" or "]") depth--;
            else if (depth == 0 && tokens[t].Kind == CTokenKind.Operator && text is "==" or "!=" or "<" or ">=" or ">" or "<=")
            {
                var (left, right) = ((start, t), (t + 1, end));
                var (value, other) = IsConstant(tokens, right.Item1, right.Item2) ? (left, right) : (right, left);
                if (!IsConstant(tokens, other.Item1, other.Item2)) return false;
                subject = value;
                var zero = IsNull(tokens, other.Item1, other.Item2) || IsSuccessConstant(tokens[other.Item1].Text);
                var minusOne = other.Item2 - other.Item1 == 2 && tokens[other.Item1].Is("-") && tokens[other.Item1 + 1].Is("1");
                var flipped = value != left;
                comparison = (text, zero, minusOne, flipped) switch
                {
                    ("==", true, _, _) => Comparison.Zero,
                    ("!=", true, _, _) => Comparison.NonZero,
                    ("==", _, true, _) => Comparison.Negative,
                    ("!=", _, true, _) => Comparison.NonNegative,
                    ("<", true, _, false) or (">", true, _, true) => Comparison.Negative,
                    (">=", true, _, false) or ("<=", true, _, true) => Comparison.NonNegative,
                    (">", true, _, false) or ("<", true, _, true) => Comparison.NonNegative,
                    _ => (Comparison)255,
                };
                if ((byte)comparison == 255 && !zero && !minusOne && other.Item2 - other.Item1 == 1 && tokens[other.Item1].Kind == CTokenKind.Number)
                {
                    comparison = (text, flipped) switch
                    {
                        ("==", _) or (">=", false) or ("<=", true) => Comparison.AllOf,
                        ("!=", _) or ("<", false) or (">", true) => Comparison.NotAllOf,
                        _ => (Comparison)255,
                    };
                }

                if ((byte)comparison == 255) return false;
                if (negate) comparison = Negate(comparison);
                return true;
            }
            else if (depth == 0 && tokens[t].Kind == CTokenKind.Operator && text is not ("->" or "." or "=" or "*" or "&"))
            {
                return false;
            }
        }

        subject = (start, end);
        comparison = negate ? Comparison.Zero : Comparison.NonZero;
        return true;
    }

    private static bool IsSuccessConstant(string text) => text.EndsWith("_SUCCESS", StringComparison.Ordinal) || text == "false";

    private static bool IsConstant(ImmutableArray<CodeToken> tokens, int start, int end)
    {
        (start, end) = StripCasts(tokens, start, end);
        if (end - start == 2 && tokens[start].Is("-") && tokens[start + 1].Kind == CTokenKind.Number) return true;
        if (end - start != 1) return false;
        var token = tokens[start];
        return token.Kind == CTokenKind.Number || token.Text is "NULL" or "false" or "true" || IsSuccessConstant(token.Text) ||
               (token.IsIdentifier && IsUpperCase(token.Text));
    }

    /// <summary>What a term compares when it is false.</summary>
    public static Comparison Negate(Comparison comparison) => comparison switch
    {
        Comparison.Zero => Comparison.NonZero,
        Comparison.NonZero => Comparison.Zero,
        Comparison.Negative => Comparison.NonNegative,
        Comparison.NonNegative => Comparison.Negative,
        Comparison.ErrorPointer => Comparison.NotErrorPointer,
        Comparison.NotErrorPointer => Comparison.ErrorPointer,
        Comparison.AllOf => Comparison.NotAllOf,
        Comparison.NotAllOf => Comparison.AllOf,
        _ => Comparison.NotErrorPointer,
    };
}
