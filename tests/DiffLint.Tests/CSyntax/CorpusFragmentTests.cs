using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Tests.CSyntax;

/// <summary>Every hunk of the shared corpus tokenizes and structures without an exception, into well-formed tokens.</summary>
public class CorpusFragmentTests
{
    [SharedFact]
    public void EveryCorpusHunkTokenizesIntoWellFormedTokens()
    {
        var files = Directory.EnumerateFiles(TestPaths.Corpus, "*.patch", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(TestPaths.Corpus, "*.mbox", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 1000);
        var hunks = 0;
        var scratch = new List<CToken>();
        foreach (var path in files)
        {
            foreach (var patch in TestRunner.ParseFile(path))
            {
                var moves = MovedCodeDetector.Detect(patch);
                for (var f = 0; f < patch.Files.Length; f++)
                {
                    var file = patch.Files[f];
                    if (file.IsBinary) continue;
                    for (var h = 0; h < file.Hunks.Length; h++)
                    {
                        hunks++;
                        CheckWellFormed(CFragment.Build(file.Hunks[h], h, moves.KindsOf(f, h), scratch), path);
                    }
                }
            }
        }

        Assert.True(hunks > 5000, $"only {hunks} hunks");
    }

    private static void CheckWellFormed(CFragment fragment, string path)
    {
        var previousLine = 0;
        var previousEnd = 0;
        foreach (var token in fragment.Tokens)
        {
            var text = fragment.Lines[token.Line].Text;
            Assert.True(token.Length > 0 && token.End <= text.Length, $"{path}: token {token} outside its line");
            Assert.True(token.Line > previousLine || token.Start >= previousEnd, $"{path}: tokens out of order at {token}");
            (previousLine, previousEnd) = (token.Line, token.End);
        }

        var structure = fragment.Structure;
        foreach (var control in structure.Controls)
        {
            Assert.True(control.Keyword >= 0 && control.BodyEnd < fragment.Tokens.Length, $"{path}: control {control}");
            if (control.BodyStart >= 0 && control.BodyEnd >= 0) Assert.True(control.BodyStart <= control.BodyEnd, $"{path}: control {control}");
        }
    }
}
