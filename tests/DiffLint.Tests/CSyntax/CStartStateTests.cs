using DiffLint.Core.CSyntax;

namespace DiffLint.Tests.CSyntax;

/// <summary>Hunks that start in the middle of things.</summary>
public class CStartStateTests
{
    [Fact]
    public void HunkStartingInsideABlockCommentIsRecoveredFromTheClose()
    {
        var fragment = FragmentBuilder.Build(40, "static int foo(void)",
            "  * the last line of a doc comment, don't",
            "  */",
            "+static int bar(void)",
            "+{");
        Assert.Equal((CLexState.BlockComment, CStartEvidence.CommentCloseBeforeOpen, 0),
            (fragment.Start.State, fragment.Start.Evidence, fragment.Start.UncertainLines));
        Assert.Equal(["Comment: * the last line of a doc comment, don't"], FragmentBuilder.Describe(fragment, 0));
        Assert.Equal(["Comment: */"], FragmentBuilder.Describe(fragment, 1));
        Assert.Equal("Keyword:static", FragmentBuilder.Describe(fragment, 2)[0]);
        Assert.DoesNotContain(fragment.Tokens, t => t.IsUncertain);
    }

    [Fact]
    public void CommentLookingHunkWithoutDelimitersIsACommentMarkedUncertain()
    {
        var fragment = FragmentBuilder.Build(40, "", " * Some text,", "+ * more text; and more", " * end");
        Assert.Equal(CStartEvidence.CommentContinuationLook, fragment.Start.Evidence);
        Assert.All(fragment.Tokens, t => Assert.Equal((CTokenKind.Comment, true), (t.Kind, t.IsUncertain)));
    }

    [Fact]
    public void DereferenceAtLineStartIsNotAComment()
    {
        var fragment = FragmentBuilder.Build(40, "", "\t*p = 0;", "+\treturn 1;");
        Assert.Equal((CLexState.Code, CStartEvidence.NoSign), (fragment.Start.State, fragment.Start.Evidence));
        Assert.Equal("Operator:*", FragmentBuilder.Describe(fragment, 0)[0]);
    }

    [Fact]
    public void HunkStartingInsideAStringContinuationIsMarkedUncertain()
    {
        var fragment = FragmentBuilder.Build(40, "static const char usage[] =",
            " world, it's me\\n\");",
            "+\treturn 0;");
        Assert.Equal((CLexState.StringLiteral, CStartEvidence.LiteralContinuation, 1),
            (fragment.Start.State, fragment.Start.Evidence, fragment.Start.UncertainLines));
        Assert.Equal(["String:world, it's me\\n\"", "Punctuation:)", "Punctuation:;"], FragmentBuilder.Describe(fragment, 0));
        Assert.All(fragment.TokensOf(0).ToArray(), t => Assert.True(t.IsUncertain));
        Assert.All(fragment.TokensOf(1).ToArray(), t => Assert.False(t.IsUncertain));
    }

    [Fact]
    public void HunkStartingInsideAMultiLineMacroIsReadAsTheMacro()
    {
        var fragment = FragmentBuilder.Build(40, "",
            "\tint __x = (x); \\",
            "\tif (__x < 0) \\",
            "+\t\t__x = -__x; \\",
            "\t__x; })",
            " ",
            "+int after;");
        Assert.Equal((CLexState.Directive, CStartEvidence.MacroContinuation), (fragment.Start.State, fragment.Start.Evidence));
        for (var line = 0; line < 4; line++) Assert.All(fragment.TokensOf(line).ToArray(), t => Assert.True(t.InDirective));
        Assert.All(fragment.TokensOf(5).ToArray(), t => Assert.False(t.InDirective));
        var macro = Assert.Single(fragment.Structure.Macros);
        Assert.Equal((-1, -1, 0, 3), (macro.Directive, macro.NameToken, macro.FirstLine, macro.LastLine));
    }

    [Fact]
    public void FileStartIsCertainCode()
    {
        var fragment = FragmentBuilder.Build(1, "", "+ * odd but at line 1");
        Assert.Equal((CLexState.Code, CStartEvidence.FileStart), (fragment.Start.State, fragment.Start.Evidence));
    }
}
