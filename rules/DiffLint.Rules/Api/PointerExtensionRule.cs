using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>
/// Reports a <c>%p</c> followed by a letter the kernel's vsprintf does not know as a pointer extension, and <c>%px</c>,
/// which prints the raw address: the two findings of checkpatch's reading of a statement's formats.
/// </summary>
[DiffLintRule]
public sealed class PointerExtensionRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3074", "vsprintf-pointer-extension",
        "Unknown vsprintf %p extension", "Invalid vsprintf pointer extension '{0}'{1}", "VSPRINTF_POINTER_EXTENSION", """
            ## What it does
            Reports, in a statement that passes a string literal as an argument of a call, a format `%p` directly
            followed by a letter or digit that is not one of the kernel's pointer extensions (`%pS`, `%pK`, `%pR`,
            `%pI4`, `%pM`, `%pUb`, `%pOF`, `%pV`, `%pe`... the letters `4SsBKRraEehMmIiUDdgVCbGNOxtf`, with `%pf` valid
            only as `%pfw` and `%p4` only as `%p4cc`). `%pF` and `%pf` get "use %pS instead" (or `%ps`); `%pA`,
            which only Rust code may use, gets a note saying so (checkpatch makes that one an error). Like
            checkpatch, the finding is placed on the first line of the statement, and statements that contain a
            `{` are not read.

            ## Why it matters
            The kernel's `%p` reads the letters after it as an extension: an unknown one prints the pointer hashed
            and leaves the letter out of the output, so `"at %pP"` loses the `P`; a known one dereferences the
            argument as the type it implies, which the compiler cannot check. Code that means a plain pointer
            followed by text must separate them.

            ## Example
            ```diff
            +	dev_info(dev, "ring at %pP\n", ring);
            ```

            ## Configuration
            Kernel and U-Boot profiles. The `%pA` finding is a warning like the others.
            """);

    public static readonly RuleDescriptor RawAddress = KernelApiDescriptor.Create("DL3199", "vsprintf-specifier-px", "%px in a format",
        "Using vsprintf specifier '%px' potentially exposes the kernel memory layout, if you don't really need the address please consider using '%p'.",
        "VSPRINTF_SPECIFIER_PX", """
            ## What it does
            Reports a `%px` in the formats of a statement that passes a string literal as an argument of a call (read
            as for DL3074: the first string literal of each line, up to the line's first unknown extension), once per
            statement, on its first line.

            ## Why it matters
            `%p` prints a hashed pointer, enough to tell objects apart; `%px` prints the real address, which tells
            an attacker where the kernel and its heap are and defeats KASLR. Use it only where the address itself
            is needed, and say why in the commit message.

            ## Example
            ```diff
            +	pr_info("buffer at %px\n", buf);
            ```
            Write `%p`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor, RawAddress];

    // The finding is on the first line of a statement, and the format may be on a later line the patch leaves alone;
    // statements are delimited as checkpatch does, from the start of the fragment, which no per-line action offers.
    public override void Initialize(RuleRegistration registration) => registration.RegisterFragmentAction(Analyze);

    private void Analyze(CFragmentContext context)
    {
        var fragment = context.Fragment;
        if (!HasPointerFinding(fragment)) return;
        var tokens = fragment.Tokens.AsSpan();
        var nextLine = 0;
        for (var t = 0; t < tokens.Length; t++)
        {
            ref readonly var token = ref tokens[t];
            if (!token.IsCode || token.Line < nextLine) continue;
            var first = token.IsSymbol('}') ? CodeTokens.Next(fragment, t) : t;
            if (first < 0) break;
            var last = StatementEnd(tokens, first, out var hasBrace);
            nextLine = tokens[last].Line + 1;
            if (!hasBrace && fragment.Lines[token.Line].IsJudged && PassesString(fragment, tokens, first, last))
                CheckFormats(context, token, tokens[first].Line, tokens[last].Line);
            t = last;
        }
    }

    /// <summary>True when a string literal of the fragment has an unknown extension or a <c>%px</c>: few do, and only those need statements.</summary>
    private static bool HasPointerFinding(CFragment fragment)
    {
        foreach (ref readonly var token in fragment.Tokens.AsSpan())
        {
            if (token.Kind == CTokenKind.String && (FirstBadExtension(fragment.TextOf(token), out var rawAddress) is not null || rawAddress)) return true;
        }

        return false;
    }

    /// <summary>
    /// The last token of the statement starting at <paramref name="first"/>, as checkpatch delimits it: up to the
    /// <c>;</c> outside brackets, a <c>{</c> (<paramref name="hasBrace"/>), a <c>}</c> closing the enclosing block,
    /// or the end of a preprocessor line.
    /// </summary>
    private static int StatementEnd(ReadOnlySpan<CToken> tokens, int first, out bool hasBrace)
    {
        hasBrace = false;
        var directive = tokens[first].InDirective;
        var depth = 0;
        var last = first;
        for (var t = first; t < tokens.Length; t++)
        {
            ref readonly var token = ref tokens[t];
            if (!token.IsCode) continue;
            if (token.InDirective != directive) break;
            if (token.IsSymbol('(') || token.IsSymbol('[')) depth++;
            else if (token.IsSymbol(')') || token.IsSymbol(']')) depth = Math.Max(0, depth - 1);
            else if (token.IsSymbol('{'))
            {
                hasBrace = true;
                return t;
            }
            else if (token.IsSymbol('}') && depth == 0) break;

            last = t;
            if (depth == 0 && token.IsSymbol(';')) break;
        }

        return last;
    }

    /// <summary>
    /// checkpatch's <c>\b(\w+)\s*\(.*$String\s*,</c>: a name and its <c>(</c>, later a string literal followed by a
    /// comma; not when the first such name is <c>volatile</c> (an <c>asm volatile</c> statement).
    /// </summary>
    private static bool PassesString(CFragment fragment, ReadOnlySpan<CToken> tokens, int first, int last)
    {
        var call = -1;
        var previous = -1;
        for (var t = first; t <= last; t++)
        {
            ref readonly var token = ref tokens[t];
            if (!token.IsCode) continue;
            if (call < 0 && token.IsSymbol('(') && previous >= 0 && tokens[previous].Kind is CTokenKind.Identifier or CTokenKind.Keyword)
                call = previous;
            else if (call >= 0 && token.IsSymbol(',') && previous >= 0 && tokens[previous].Kind == CTokenKind.String)
                return !fragment.TextOf(tokens[call]).Trim('_').SequenceEqual("volatile");
            previous = t;
        }

        return false;
    }

    /// <summary>
    /// Reads the first string literal of each line of the statement and reports its first unknown extension, and the
    /// statement's first <c>%px</c> before one.
    /// </summary>
    private static void CheckFormats(in CFragmentContext context, in CToken start, int firstLine, int lastLine)
    {
        var fragment = context.Fragment;
        var rawAddressReported = false;
        for (var line = firstLine; line <= lastLine; line++)
        {
            foreach (ref readonly var token in fragment.TokensOf(line))
            {
                if (token.Kind != CTokenKind.String) continue;
                var bad = FirstBadExtension(fragment.TextOf(token), out var rawAddress);
                if (bad is { } found) context.Report(Descriptor, start, found.Specifier, found.Advice);
                if (rawAddress && !rawAddressReported) context.Report(RawAddress, start);
                rawAddressReported |= rawAddress;
                break;
            }
        }
    }

    private const string KnownExtensions = "4SsBKRraEehMmIiUDdgVCbGNOxtf";

    /// <summary>
    /// The first <c>%[*digits.]p&lt;x&gt;</c> of <paramref name="format"/> with an unknown extension (<c>%%</c> is a literal
    /// percent sign); <paramref name="rawAddress"/> tells whether a <c>%px</c> comes before it (or anywhere, without one).
    /// </summary>
    private static (string Specifier, string Advice)? FirstBadExtension(ReadOnlySpan<char> format, out bool rawAddress)
    {
        rawAddress = false;
        // Every string of every fragment is read, and most hold no conversion.
        for (var i = PrintfConversions.NextPercent(format, 0); i >= 0; i = PrintfConversions.NextPercent(format, i + 1))
        {
            var p = i + 1;
            while (p < format.Length && (format[p] is '*' or '.' || char.IsAsciiDigit(format[p]))) p++;
            if (p + 1 >= format.Length || format[p] != 'p' || !IsWord(format[p + 1])) continue;
            var extension = format[p + 1];
            var end = p + 2;
            while (end < format.Length && IsWord(format[end])) end++;
            var qualifier = format[(p + 2)..end];
            var bad = !KnownExtensions.Contains(extension) || (extension == 'f' && !qualifier.StartsWith('w')) ||
                      (extension == '4' && !qualifier.StartsWith("cc"));
            rawAddress |= extension == 'x';
            if (!bad) continue;
            var specifier = format[i..end].ToString();
            var advice = extension switch
            {
                'F' => " - use %pS instead",
                'f' => " - use %ps instead",
                'A' => " - '%pA' is only intended to be used from Rust code",
                _ => "",
            };
            return (specifier, advice);
        }

        return null;
    }

    private static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
