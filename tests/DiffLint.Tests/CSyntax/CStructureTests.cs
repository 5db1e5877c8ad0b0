using DiffLint.Core.CSyntax;

namespace DiffLint.Tests.CSyntax;

public class CStructureTests
{
    private static string Text(CFragment fragment, int token) => token < 0 ? "-" : fragment.TextOf(fragment.Tokens[token]).ToString();

    [Fact]
    public void BraceDepthIsCountedFromTheShallowestPointOfTheHunk()
    {
        var fragment = FragmentBuilder.Build(30, "static int foo(void)",
            " \t\tx = 1;",
            " \t}",
            "+\tif (y) {",
            "+\t\tz();",
            "+\t}",
            " \treturn 0;",
            " }",
            " ");
        Assert.Equal([2, 2, 1, 2, 2, 1, 1, 0], fragment.Lines.Select(l => l.BraceDepth));
    }

    [Fact]
    public void IfElseWithoutBracesHasItsBodiesDelimited()
    {
        var fragment = FragmentBuilder.Build(30, "static int foo(void)",
            "+\tif (a)",
            "+\t\tb();",
            "+\telse if (c)",
            "+\t\td(e(f));",
            "+\telse {",
            "+\t\tg();",
            "+\t}");
        var controls = fragment.Structure.Controls;
        Assert.Equal([CControlKind.If, CControlKind.Else, CControlKind.If, CControlKind.Else], controls.Select(c => c.Kind));
        var first = controls[0];
        Assert.Equal(("if", "(", ")", "b", ";", false, "else"),
            (Text(fragment, first.Keyword), Text(fragment, first.ConditionOpen), Text(fragment, first.ConditionClose),
             Text(fragment, first.BodyStart), Text(fragment, first.BodyEnd), first.Braced, Text(fragment, first.Trailer)));
        Assert.True(controls[1].IsElseIf(fragment));
        Assert.Equal((3, 3), (fragment.Tokens[controls[2].BodyStart].Line, fragment.Tokens[controls[2].BodyEnd].Line));
        Assert.Equal(("{", "}", true), (Text(fragment, controls[3].BodyStart), Text(fragment, controls[3].BodyEnd), controls[3].Braced));
        Assert.False(controls[3].IsElseIf(fragment));
    }

    [Fact]
    public void LoopsSwitchAndDoWhileAreRecognised()
    {
        var fragment = FragmentBuilder.Build(30, "int main(void)",
            "+\tfor (i = 0; i < n; i++)",
            "+\t\twhile (x)",
            "+\t\t\tx--;",
            "+\tdo {",
            "+\t\ty++;",
            "+\t} while (y < 3);",
            "+\tswitch (y) {",
            "+\tcase 1:",
            "+\t\tbreak;",
            "+\t}",
            "+\tlist_for_each_entry(pos, head, node)",
            "+\t\tcount++;");
        var controls = fragment.Structure.Controls;
        Assert.Equal([CControlKind.For, CControlKind.While, CControlKind.Do, CControlKind.Switch, CControlKind.IteratorMacro], controls.Select(c => c.Kind));
        Assert.Equal(";", Text(fragment, controls[0].BodyEnd));
        Assert.Equal(2, fragment.Tokens[controls[0].BodyEnd].Line);
        Assert.Equal(("while", "(", ")", true), (Text(fragment, controls[2].Trailer), Text(fragment, controls[2].ConditionOpen), Text(fragment, controls[2].ConditionClose), controls[2].Braced));
        Assert.Equal(("count", false), (Text(fragment, controls[4].BodyStart), controls[4].Braced));
    }

    [Fact]
    public void ABodyCutOffByTheHunkEndIsNotVisible()
    {
        var fragment = FragmentBuilder.Build(30, "int main(void)", "+\tif (a) {", "+\t\tb();");
        var control = Assert.Single(fragment.Structure.Controls);
        Assert.Equal(("{", "-", true), (Text(fragment, control.BodyStart), Text(fragment, control.BodyEnd), control.Braced));
    }

    [Fact]
    public void FunctionNamesComeFromTheHeaderAndFromDefinitions()
    {
        var fragment = FragmentBuilder.Build(30, "static int __init foo_init(struct foo *f)",
            " \treturn 0;",
            " }",
            " ",
            "+static const struct ops bar_ops = {",
            "+\t.open = bar_open,",
            "+};",
            "+",
            "+static void",
            "+bar_close(struct bar *b, int (*cb)(int))",
            "+{",
            "+\tkfree(b);",
            "+}");
        var structure = fragment.Structure;
        Assert.Equal("foo_init", structure.HeadingFunction);
        Assert.Equal(["foo_init", "bar_close"], structure.Functions.Select(f => f.Name));
        Assert.Equal("foo_init", structure.FunctionAt(0)?.Name);
        Assert.Equal("foo_init", structure.FunctionAt(1)?.Name);
        Assert.Null(structure.FunctionAt(3));
        Assert.Equal("bar_close", structure.FunctionAt(10)?.Name);
        var bar = structure.Functions[1];
        Assert.Equal(("{", "}"), (Text(fragment, bar.BodyOpen), Text(fragment, bar.BodyClose)));
    }

    [Fact]
    public void ADefinitionAfterTheHeadersFunctionIsFound()
    {
        var fragment = FragmentBuilder.Build(30, "static int foo(void)",
            " ",
            " static int bar(int x)",
            " {",
            "+out:",
            "+\treturn x;",
            " }");
        var structure = fragment.Structure;
        Assert.Equal(["foo", "bar"], structure.Functions.Select(f => f.Name));
        Assert.Equal("bar", structure.FunctionAt(4)?.Name);
    }

    [Fact]
    public void ALabelInColumnZeroStaysInTheHeadersFunction()
    {
        var fragment = FragmentBuilder.Build(30, "static int foo(void)",
            "+err:",
            "+\tlist_for_each(pos, head) {",
            "+\t\tput(pos);",
            "+\t}",
            " }");
        Assert.Equal("foo", fragment.Structure.FunctionAt(1)?.Name);
        Assert.Equal(CControlKind.IteratorMacro, Assert.Single(fragment.Structure.Controls).Kind);
    }

    [Theory]
    [InlineData("static int foo(void)", "foo")]
    [InlineData("SYSCALL_DEFINE2(kill, pid_t, pid)", "SYSCALL_DEFINE2")]
    [InlineData("struct foo {", null)]
    [InlineData("static const struct ops x = {", null)]
    [InlineData("int (*handler)(int);", null)]
    [InlineData("", null)]
    public void HeadingFunctionName(string heading, string? expected) =>
        Assert.Equal(expected, CStructure.HeadingFunctionName(heading));

    [Fact]
    public void StatementsEndAtSemicolonsAndInitializersStayInside()
    {
        var fragment = FragmentBuilder.Build(30, "int main(void)",
            "+\tstruct foo f = { .a = 1, .b = { 2, 3 } };",
            "+\tcall(a,",
            "+\t     b);",
            "+\tx = (struct pt) { 1, 2 };");
        Assert.Equal([("struct", ";", 0, 0), ("call", ";", 1, 2), ("x", ";", 3, 3)],
            fragment.Structure.Statements.Select(s => (Text(fragment, s.First), Text(fragment, s.Last), fragment.Tokens[s.First].Line, fragment.Tokens[s.Last].Line)));
    }

    [Fact]
    public void BracketsAreMatched()
    {
        var fragment = FragmentBuilder.Build(1, "", "+a[f(b)] = { c };");
        Assert.Equal(")", Text(fragment, fragment.Structure.MatchOf(3)));
        Assert.Equal("]", Text(fragment, fragment.Structure.MatchOf(1)));
        Assert.Equal("}", Text(fragment, fragment.Structure.MatchOf(8)));
    }
}
