using System.Text;
using DiffLint.Core.Packs;

namespace DiffLint.Tests.Packs;

/// <summary>Rule pack assemblies for tests, compiled from C# text the way single-file rules are (no dotnet build).</summary>
internal static class TestPacks
{
    public const string Documentation = "## What it does\\nTest.\\n\\n## Why it matters\\nTest.\\n\\n## Example\\nTest.\\n\\n## Configuration\\nNone.\\n";

    /// <summary>
    /// A rule class: <paramref name="id"/> reported on every call to <paramref name="callee"/>, after <paramref name="initialize"/>
    /// (extra statements of Initialize) has run.
    /// </summary>
    public static string CallRule(string className, string id, string callee, string initialize = "", string marked = "[DiffLintRule]") => $$"""
        {{marked}}
        public sealed class {{className}} : PatchRule
        {
            public static readonly RuleDescriptor Descriptor = new("{{id}}", "{{id.ToLowerInvariant()}}-call", "Call", "Call to {0}", "Api", Severity.Warning, "{{Documentation}}");

            public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

            public override void Initialize(RuleRegistration registration)
            {
                {{initialize}}
                registration.RegisterCallAction(context => context.Report(Descriptor, context.Callee.ToString()), "{{callee}}");
            }
        }
        """;

    public static string Source(params string[] classes) =>
        "using System.Collections.Immutable;\nusing DiffLint.Core.Analysis;\nusing DiffLint.Core.CSyntax;\n\nnamespace TestPack;\n\n" + string.Join("\n\n", classes);

    /// <summary>Compiles <paramref name="source"/> into <paramref name="path"/> and returns the path.</summary>
    public static string Build(string path, string source)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, RuleSourceCompiler.Compile(Encoding.UTF8.GetBytes(source), Path.GetFileName(path) + ".cs", Path.GetFileNameWithoutExtension(path)));
        return path;
    }

    /// <summary>
    /// A patch that adds <c>{callee}();</c> to <c>lib/a.c</c>, and also changes the files named: an assembly as git
    /// shows a binary change, any other file as a one-line text change.
    /// </summary>
    public static string Patch(string callee, params string[] alsoChanged) => Patch([callee], alsoChanged);

    /// <summary>A patch that adds a call to each of <paramref name="callees"/> to <c>lib/a.c</c>, one per line, and also changes the files named.</summary>
    public static string Patch(IReadOnlyList<string> callees, params string[] alsoChanged)
    {
        var text = new StringBuilder($$"""
            From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
            From: Ada Tester <ada@example.com>
            Subject: [PATCH] lib: call the helper

            Call the helper before returning.

            Signed-off-by: Ada Tester <ada@example.com>
            ---
            diff --git a/lib/a.c b/lib/a.c
            --- a/lib/a.c
            +++ b/lib/a.c
            @@ -1,3 +1,{{3 + callees.Count}} @@
             int f(void)
             {

            """);
        foreach (var callee in callees) text.Append("+\t").Append(callee).Append("();\n");
        text.Append(" \treturn 0;\n");
        foreach (var path in alsoChanged)
        {
            text.Append($"diff --git a/{path} b/{path}\n");
            text.Append(path.EndsWith(".dll", StringComparison.Ordinal)
                ? $"index 1111111..2222222 100644\nBinary files a/{path} and b/{path} differ\n"
                : $"--- a/{path}\n+++ b/{path}\n@@ -1 +1,2 @@\n root = true\n+# changed\n");
        }

        return text.Append("-- \n2.43.0\n").ToString();
    }
}
