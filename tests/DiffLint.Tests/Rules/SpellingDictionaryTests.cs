using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Rules;
using DiffLint.Rules.Message.Spelling;

namespace DiffLint.Tests.Rules;

/// <summary>A test that needs the codespell dictionary: skipped, with the reason, where no codespell package is installed.</summary>
public sealed class CodespellFactAttribute : FactAttribute
{
    public CodespellFactAttribute()
    {
        if (!SpellingDictionary.CodespellPaths.Any(File.Exists))
            Skip = "needs the codespell dictionary (apt-get install codespell; scripts/setup-test-deps.sh installs it)";
    }
}

public sealed class SpellingDictionaryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("difflint-spelling-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Mail = """
        From 2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c Mon Sep 17 00:00:00 2001
        From: Jane Developer <jane@example.org>
        Date: Tue, 3 Mar 2026 10:12:00 +0100
        Subject: [PATCH] foo: make the frobnicatr reset direcly

        The frobnicatr is reset direcly; it occured on every boot.

        Signed-off-by: Jane Developer <jane@example.org>
        ---
         foo.c | 1 +
         1 file changed, 1 insertion(+)

        diff --git a/foo.c b/foo.c
        index 1111111..2222222 100644
        --- a/foo.c
        +++ b/foo.c
        @@ -1,1 +1,2 @@
         int a;
        +int b; /* reset direcly */
        -- 
        2.39.5

        """;

    private List<string> Typos(string? editorconfig)
    {
        RuleConfiguration? configuration = null;
        if (editorconfig is not null)
        {
            File.WriteAllText(Path.Combine(_root, ".editorconfig"), editorconfig);
            configuration = RuleConfiguration.Default.WithEditorConfig(EditorConfigSettings.Load(_root));
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(Mail.ReplaceLineEndings("\n"));
        var runner = new DiffLintRunner(new AnalysisEngine(BuiltInRules.All, configuration), new RunOptions { StandardInput = () => new MemoryStream(bytes) });
        return [.. runner.Run([new InputSource("-", null, 0)]).AllDiagnostics
            .Where(d => d.Id is "DL1041" or "DL2024")
            .Select(d => $"{d.Location.InputLine} {d.Message}")];
    }

    [CodespellFact]
    public void TheCodespellDictionaryIsReadWhenInstalled()
    {
        // 'direcly' is in codespell's dictionary, not in DiffLint's own list; 'occured' is in both.
        Assert.Equal(
            [
                "4 'direcly' may be misspelled - perhaps 'directly'?",
                "6 'direcly' may be misspelled - perhaps 'directly'?",
                "6 'occured' may be misspelled - perhaps 'occurred'?",
                "19 'direcly' may be misspelled - perhaps 'directly'?",
            ],
            Typos(null));
    }

    [Fact]
    public void NoneKeepsOnlyTheBuiltInList()
    {
        Assert.Equal(["6 'occured' may be misspelled - perhaps 'occurred'?"], Typos("root = true\n[*]\ndifflint_spelling_dictionaries = none\n"));
    }

    [Fact]
    public void ConfiguredDictionariesReplaceCodespell()
    {
        File.WriteAllText(Path.Combine(_root, "words.txt"), "# project words\nfrobnicatr->frobnicator, frobnicate\nxy->yx\nbogus, disabled->bogus\n");
        Assert.Equal(
            [
                "4 'frobnicatr' may be misspelled - perhaps 'frobnicator'?",
                "6 'frobnicatr' may be misspelled - perhaps 'frobnicator'?",
                "6 'occured' may be misspelled - perhaps 'occurred'?",
            ],
            Typos("root = true\n[*]\ndifflint_spelling_dictionaries = words.txt, missing.txt\n"));
    }

    [Fact]
    public void ALargeDictionaryIsReadBackFromTheCacheWhileItsFilesAreUnchanged()
    {
        // Over the cache's minimum size: the first read writes the cache, the next ones read it.
        var (words, text) = LargeDictionary("frobnicatr->frobnicator, frobnicate\nan frobnicator->a frobnicator\nbogus, disabled->bogus\n");
        var cache = Path.Combine(_root, "cache");
        const string Text = "the frobnicatr is an frobnicator: typo7x, typo1234x, bogus and occured";
        string[] expected = ["frobnicatr frobnicator", "an frobnicator a frobnicator", "typo7x typo7", "typo1234x typo1234", "occured occurred"];

        Assert.Equal(expected, Found(SpellingDictionary.Load([words], cache)));
        Assert.True(File.Exists(Path.Combine(cache, "spelling-dictionary.bin")));
        Assert.Equal(expected, Found(SpellingDictionary.Load([words], cache)));

        // The same size and time: the cache is taken for the file (as the table it holds shows).
        var written = File.GetLastWriteTimeUtc(words);
        File.WriteAllText(words, text.Replace("frobnicatr->frobnicator", "frobnicatr->frobnicatoR", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(words, written);
        Assert.Equal(expected, Found(SpellingDictionary.Load([words], cache)));

        // Another time: the file is read again.
        File.SetLastWriteTimeUtc(words, written.AddSeconds(1));
        Assert.Equal("frobnicatr frobnicatoR", Found(SpellingDictionary.Load([words], cache))[0]);

        static List<string> Found(SpellingDictionary dictionary)
        {
            var found = new List<string>();
            var position = 0;
            while (dictionary.TryFindNext(Text, ref position, out var start, out var length, out var fix)) found.Add($"{Text.Substring(start, length)} {fix}");
            return found;
        }
    }

    /// <summary>A dictionary file of <paramref name="entries"/> and made-up entries, 100 KB in all (over the cache's minimum): its path and text.</summary>
    private (string Path, string Text) LargeDictionary(string entries)
    {
        var lines = new System.Text.StringBuilder(entries);
        for (var i = 0; lines.Length < 100_000; i++) lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"typo{i}x->typo{i}\n");
        var path = Path.Combine(_root, "words.txt");
        File.WriteAllText(path, lines.ToString());
        return (path, lines.ToString());
    }

    [Fact]
    public void ADamagedCacheIsNotUsed()
    {
        var (words, _) = LargeDictionary("frobnicatr->frobnicator\n");
        var cache = Path.Combine(_root, "cache");
        _ = SpellingDictionary.Load([words], cache);
        var file = Path.Combine(cache, "spelling-dictionary.bin");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var position = 0;
        Assert.True(SpellingDictionary.Load([words], cache).TryFindNext("a frobnicatr", ref position, out _, out _, out var fix));
        Assert.Equal("frobnicator", fix);
    }

    [Fact]
    public void FixesFollowTheCaseOfTheTypo()
    {
        Assert.Equal("Occurred", SpellingDictionary.MatchCase("Occured", "occurred"));
        Assert.Equal("UP TO", SpellingDictionary.MatchCase("UPTO", "up to"));
        Assert.Equal("occurred", SpellingDictionary.MatchCase("occured", "occurred"));
    }
}
