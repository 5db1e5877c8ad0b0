using System.Runtime.CompilerServices;

namespace DiffLint.Core.CSyntax;

public enum CTokenKind : byte
{
    Identifier,
    Keyword,

    /// <summary>A preprocessing number: <c>42</c>, <c>0x1fUL</c>, <c>1e-5</c>, <c>0x1p3</c>, <c>.5f</c>.</summary>
    Number,

    /// <summary>A string literal with its prefix (<c>L"x"</c>, <c>u8"x"</c>), or an <c>#include &lt;header&gt;</c> name.</summary>
    String,

    /// <summary>A character literal with its prefix: <c>'a'</c>, <c>'\''</c>, <c>L'x'</c>.</summary>
    Char,

    /// <summary><c>-&gt;</c>, <c>&lt;&lt;=</c>, <c>...</c>, <c>##</c>, <c>?</c>, <c>:</c> and the other operators.</summary>
    Operator,

    /// <summary>One of <c>( ) [ ] { } , ;</c>.</summary>
    Punctuation,

    /// <summary>A <c>/* */</c> comment, or the part of one that lies on this line.</summary>
    Comment,

    /// <summary>A <c>//</c> comment.</summary>
    LineComment,

    /// <summary>The directive of a preprocessor line: <c>#</c>, optional blanks and the directive name (<c>#  define</c>).</summary>
    Preprocessor,

    /// <summary>A backslash that ends the line, joining it to the next.</summary>
    Continuation,

    /// <summary>A character C does not use outside literals (<c>@</c>, a stray backslash, a control character).</summary>
    Unknown,
}

[Flags]
public enum CTokenFlags : byte
{
    None = 0,

    /// <summary>The lexical state this token was read in was not known for sure (see docs/c-tokenizer.md).</summary>
    Uncertain = 1,

    /// <summary>The token is on an added ('+') line.</summary>
    Added = 2,

    /// <summary>A comment or literal that began on an earlier line (or before the hunk).</summary>
    ContinuedFromPreviousLine = 4,

    /// <summary>A comment or literal that goes on past the end of this line.</summary>
    ContinuesOnNextLine = 8,

    /// <summary>A literal that ends at the end of the line without its closing quote (and without a backslash).</summary>
    Unterminated = 16,

    /// <summary>The token belongs to a preprocessor line (the directive or its operands, continuations included).</summary>
    InDirective = 32,
}

/// <summary>
/// One token of a <see cref="CFragment"/>. <see cref="Line"/> indexes <see cref="CFragment.Lines"/>;
/// <see cref="Start"/>/<see cref="Length"/> are characters of that line's text (without the diff prefix), so
/// <see cref="Start"/> is the 0-based post-image column (the 1-based post-image line is that line's <see cref="CLine.NewLine"/>:
/// kept there rather than in every token, so a token is 16 bytes and a fragment's tokens stay in cache).
/// <see cref="First"/> is the token's first character, so brackets and one-character operators can be tested
/// without looking at the text (<c>token.Length == 1 &amp;&amp; token.First == '{'</c>, or <see cref="IsSymbol"/>).
/// </summary>
public readonly record struct CToken(CTokenKind Kind, CTokenFlags Flags, char First, int Line, int Start, int Length)
{
    /// <summary>True for the one-character punctuation or operator token <paramref name="symbol"/> (<c>{</c>, <c>;</c>, <c>*</c>, ...).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // asked per token by many rules; the JIT did not inline it without PGO
    public bool IsSymbol(char symbol) => Length == 1 && First == symbol && Kind is CTokenKind.Punctuation or CTokenKind.Operator;

    public int End => Start + Length;
    public bool IsAdded => (Flags & CTokenFlags.Added) != 0;
    public bool IsUncertain => (Flags & CTokenFlags.Uncertain) != 0;
    public bool InDirective => (Flags & CTokenFlags.InDirective) != 0;
    public bool IsComment => Kind is CTokenKind.Comment or CTokenKind.LineComment;

    /// <summary>True for tokens that take part in C syntax: not comments, not line continuations.</summary>
    public bool IsCode
    {
        // Asked per token by the engine's walk and many rules; the published (ReadyToRun) build called it.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Kind is not (CTokenKind.Comment or CTokenKind.LineComment or CTokenKind.Continuation);
    }
}
