namespace DiffLint.Core.CSyntax;

/// <summary>
/// What the tokenizer carries from one line to the next: the constructs that can span a line break.
/// <see cref="Directive"/> combines with the others (a comment or a string inside a multi-line macro).
/// </summary>
[Flags]
public enum CLexState : byte
{
    Code = 0,

    /// <summary>Inside a <c>/* */</c> comment.</summary>
    BlockComment = 1,

    /// <summary>Inside a string literal continued by a backslash-newline.</summary>
    StringLiteral = 2,

    /// <summary>Inside a character literal continued by a backslash-newline.</summary>
    CharLiteral = 4,

    /// <summary>Inside a <c>//</c> comment continued by a backslash-newline.</summary>
    LineComment = 8,

    /// <summary>Inside a preprocessor line continued by a backslash-newline (a multi-line macro).</summary>
    Directive = 16,
}
