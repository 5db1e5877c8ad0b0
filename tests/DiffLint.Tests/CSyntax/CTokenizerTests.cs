using DiffLint.Core.CSyntax;

namespace DiffLint.Tests.CSyntax;

public class CTokenizerTests
{
    private static string[] Tokens(string line, CLexState state = CLexState.Code) =>
        FragmentBuilder.Describe(FragmentBuilder.Build(1, "", "+" + line));

    [Fact]
    public void ReadsMultiCharacterOperatorsLongestFirst()
    {
        Assert.Equal(["Identifier:p", "Operator:->", "Identifier:x", "Operator:<<=", "Number:2", "Punctuation:;"], Tokens("p->x <<= 2;"));
        Assert.Equal(["Identifier:f", "Punctuation:(", "Identifier:a", "Punctuation:,", "Operator:...", "Punctuation:)"], Tokens("f(a, ...)"));
        Assert.Equal(["Identifier:a", "Operator:>>=", "Identifier:b", "Operator:&&", "Operator:!", "Identifier:c", "Operator:||", "Identifier:d", "Operator:!=", "Identifier:e"],
            Tokens("a >>= b && !c || d != e"));
        Assert.Equal(["Identifier:i", "Operator:++", "Operator:--", "Identifier:j", "Operator:?", "Identifier:k", "Operator::", "Operator:~", "Identifier:l"],
            Tokens("i++ --j ? k : ~l"));
    }

    [Fact]
    public void ReadsTokenPastingAndStringizingInMacros()
    {
        Assert.Equal(["Preprocessor:#define", "Identifier:CAT", "Punctuation:(", "Identifier:a", "Punctuation:,", "Identifier:b", "Punctuation:)",
                "Identifier:a", "Operator:##", "Identifier:b", "Operator:#", "Identifier:a"],
            Tokens("#define CAT(a, b) a ## b #a"));
        var fragment = FragmentBuilder.Build(1, "", "+#define CAT(a, b) a ## b");
        Assert.All(fragment.Tokens, t => Assert.True(t.InDirective));
    }

    [Theory]
    [InlineData("0x1fUL")]
    [InlineData("1e-5")]
    [InlineData("1E+10f")]
    [InlineData("0x1p3")]
    [InlineData("0x1.8p-3")]
    [InlineData(".5f")]
    [InlineData("42ull")]
    [InlineData("0777")]
    [InlineData("3.14159L")]
    [InlineData("0b1010")]
    public void ReadsNumbersWithSuffixesAndExponents(string number) =>
        Assert.Equal(["Identifier:x", "Operator:=", $"Number:{number}", "Punctuation:;"], Tokens($"x = {number};"));

    [Fact]
    public void SubtractionAfterANumberIsAnOperator() =>
        Assert.Equal(["Number:1", "Operator:-", "Number:5"], Tokens("1-5"));

    [Fact]
    public void ReadsCharacterLiteralsWithEscapes()
    {
        Assert.Equal(["Char:'\\''", "Operator:==", "Char:'\\\\'", "Operator:||", "Char:'\\n'", "Operator:||", "Char:'\"'", "Operator:||", "Char:'\\x41'"],
            Tokens(@"'\'' == '\\' || '\n' || '""' || '\x41'"));
        Assert.Equal(["Char:L'x'", "Char:u'y'", "Char:U'z'", "String:u8\"s\"", "String:L\"w\""], Tokens("L'x' u'y' U'z' u8\"s\" L\"w\""));
    }

    [Fact]
    public void ReadsStringsWithEscapedQuotes() =>
        Assert.Equal(["Identifier:printf", "Punctuation:(", "String:\"say \\\"hi\\\" // not a comment /* nor this */\"", "Punctuation:)", "Punctuation:;"],
            Tokens("printf(\"say \\\"hi\\\" // not a comment /* nor this */\");"));

    [Fact]
    public void ReadsCommentsAndKeywords()
    {
        Assert.Equal(["Keyword:return", "Comment:/* a */", "Number:0", "Punctuation:;", "LineComment:// done"], Tokens("return /* a */ 0; // done"));
        Assert.Equal(["Keyword:static", "Keyword:const", "Keyword:struct", "Identifier:ops", "Identifier:x"], Tokens("static const struct ops x"));
    }

    [Fact]
    public void ReadsIncludeHeaderNamesAsOneToken()
    {
        Assert.Equal(["Preprocessor:#include", "String:<linux/kernel.h>"], Tokens("#include <linux/kernel.h>"));
        Assert.Equal(["Preprocessor:#  include", "String:\"qemu/osdep.h\""], Tokens("#  include \"qemu/osdep.h\""));
        Assert.Equal(["Preprocessor:#if", "Identifier:a", "Operator:<", "Identifier:b"], Tokens("#if a < b"));
    }

    [Fact]
    public void KeepsPostImageLineAndColumn()
    {
        var fragment = FragmentBuilder.Build(10, "", " int a;", "-int b;", "+\tint  c;");
        var c = fragment.Tokens.Single(t => fragment.Is(t, "c"));
        Assert.Equal((11, 6, 1, true), (fragment.Lines[c.Line].NewLine, c.Start, c.Line, c.IsAdded));
        Assert.False(fragment.Tokens[0].IsAdded);
    }

    [Fact]
    public void CarriesABlockCommentAcrossLines()
    {
        var fragment = FragmentBuilder.Build(1, "", "+int a; /* one", "+ * two", "+ */ int b;");
        Assert.Equal(["Keyword:int", "Identifier:a", "Punctuation:;", "Comment:/* one", "Comment: * two", "Comment: */", "Keyword:int", "Identifier:b", "Punctuation:;"],
            FragmentBuilder.Describe(fragment));
        Assert.Equal(CLexState.BlockComment, fragment.Lines[1].StartState);
    }

    [Fact]
    public void CarriesAMacroAcrossContinuations()
    {
        var fragment = FragmentBuilder.Build(1, "", "+#define F(x) \\", "+\tdo { \\", "+\t} while (0)", "+int y;");
        Assert.Equal(CLexState.Directive, fragment.Lines[1].StartState);
        Assert.True(fragment.TokensOf(2)[0].InDirective);
        Assert.False(fragment.TokensOf(3)[0].InDirective);
        Assert.Equal("Continuation:\\", FragmentBuilder.Describe(fragment, 0)[^1]);
        var macro = Assert.Single(fragment.Structure.Macros);
        Assert.Equal(("F", true, 0, 2), (fragment.TextOf(fragment.Tokens[macro.NameToken]).ToString(), macro.IsFunctionLike, macro.FirstLine, macro.LastLine));
        Assert.Equal("do", fragment.TextOf(fragment.Tokens[macro.BodyFirst]).ToString());
        Assert.Equal(")", fragment.TextOf(fragment.Tokens[macro.BodyLast]).ToString());
    }

    [Fact]
    public void CarriesAStringContinuation()
    {
        var fragment = FragmentBuilder.Build(1, "", "+char *s = \"abc\\", "+def\";");
        Assert.Equal(CLexState.StringLiteral, fragment.Lines[1].StartState);
        Assert.Equal(["String:def\"", "Punctuation:;"], FragmentBuilder.Describe(fragment, 1));
    }

    [Fact]
    public void AnUnterminatedLiteralEndsAtTheLineAndIsMarked()
    {
        var fragment = FragmentBuilder.Build(1, "", "+#error don't do this", "+int x;");
        Assert.Contains(fragment.Tokens, t => t.Kind == CTokenKind.Char && (t.Flags & CTokenFlags.Unterminated) != 0);
        Assert.Equal(CLexState.Code, fragment.Lines[1].StartState);
    }

    [Fact]
    public void UnknownCharactersBecomeUnknownTokens() =>
        Assert.Equal(["Unknown:@", "Identifier:x", "Unknown:\\", "Identifier:y", "Unknown:`"], Tokens("@x \\ y`"));
}
