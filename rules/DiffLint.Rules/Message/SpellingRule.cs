using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Rules.Message.Spelling;

namespace DiffLint.Rules.Message;

/// <summary>Reports known misspellings in the subject, the commit message and the added lines.</summary>
[DiffLintRule]
public sealed class SpellingRule : PatchRule
{
    private const string WhyItMatters = """
        ## Why it matters
        Misspellings in a commit message stay in `git log` for good, and in comments and strings they make the code
        harder to grep (nobody searches for `adress`). Reviewers point them out, which costs a round trip.
        """;

    private const string Configuration = """
        ## Configuration
        The words come from two lists:
        * the codespell dictionary, read from the first of `/usr/share/codespell/dictionary.txt` (checkpatch's
          `--codespellfile` default) and `/usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt` (Debian's
          and Ubuntu's `codespell` package: `apt-get install codespell`) that exists; without it only the second list
          is used;
        * DiffLint's own short list (`rules/DiffLint.Rules/Message/Spelling/common-typos.txt`, built in), which adds a
          few article errors codespell does not list (`an user`).

        Words of fewer than four letters are taken from DiffLint's list only (`teh`): codespell's short entries (`ot`,
        `fo`, `nce`, `ect`) are abbreviations and identifiers in code far more often than typos. A few names that
        codespell corrects are accepted (`Synopsys`, `rules/DiffLint.Rules/Message/Spelling/accepted-words.txt`).

        `difflint_spelling_dictionaries = path/one.txt, path/two.txt` in `.editorconfig` reads those files (codespell's
        `typo->fix, other fix` format, relative to the `.editorconfig`) instead of the codespell dictionary;
        `difflint_spelling_dictionaries = none` keeps only DiffLint's list. Files that do not exist are skipped.

        checkpatch reads the kernel's `scripts/spelling.txt` (about 1,700 entries) and only with `--codespell` the
        codespell dictionary (about 37,000). DiffLint reads codespell's, so it knows more misspellings than checkpatch
        by default: on the shared corpus every word checkpatch reports is in it except the article error `an userspace`
        (in DiffLint's list), and the 24 extra words it finds there are real misspellings checkpatch does not list
        (`defautl`, `osciallator`, `programmaticaly`). Where the two dictionaries differ: about 1,620 of the 1,718
        entries of the kernel 6.12 `spelling.txt` are in codespell's; the rest are rarer letter slips, contractions
        without an apostrophe (`cant`, `wont`), which codespell leaves alone because they are words, British forms the
        kernel does not want (`acknowledgement`, `dependant`) and article errors (`an union`). For 21 shared entries the
        first fix differs (`wether`: codespell suggests `weather`, checkpatch `whether`), so the message may name
        another fix than checkpatch's. Entries that are not plain words (`aren;t`) and entries codespell marks
        `disabled` are skipped.
        """;

    public static readonly RuleDescriptor MessageDescriptor = new(
        id: "DL1041",
        name: "message-spelling",
        title: "Misspelled word in the commit message",
        messageFormat: "'{0}' may be misspelled - perhaps '{1}'?",
        category: "Message",
        defaultSeverity: Severity.Warning,
        checkpatchType: "TYPO_SPELLING",
        options: [SpellingDictionary.DictionariesOption],
        documentation: $"""
            ## What it does
            Reports each known misspelling in the `Subject:` line and in the commit message up to its first
            `Signed-off-by:`, with the fix in the typo's case (`Adresses` → `Addresses`), in checkpatch's words:
            `'adress' may be misspelled - perhaps 'address'?`. A word is a run of letters, digits, `_`, `-`, `'` and
            `` ` ``, so `don't` and `re-use` are read whole; a word with a capital after a small letter (`SoM`,
            `CoNEXT`, `camelCase`) is a name and is not read.

            {WhyItMatters}

            ## Example
            ```
            Subject: [PATCH] watchdog: foo: fix the timout handling
            ```

            {Configuration}
            """);

    public static readonly RuleDescriptor AddedLineDescriptor = new(
        id: "DL2024",
        name: "added-line-spelling",
        title: "Misspelled word in an added line",
        messageFormat: "'{0}' may be misspelled - perhaps '{1}'?",
        category: "Layout",
        defaultSeverity: Severity.Warning,
        checkpatchType: "TYPO_SPELLING",
        options: [SpellingDictionary.DictionariesOption],
        documentation: $"""
            ## What it does
            Reports each known misspelling in an added line of any file (comments, strings and identifiers of C code,
            documentation, Kconfig help), in checkpatch's words: `'avalable' may be misspelled - perhaps 'available'?`.
            Lines the patch only moves are not read. Like checkpatch it reads identifiers too: a variable named `upto`
            is reported.

            {WhyItMatters}

            ## Example
            ```
            + * Returns: parent mount ID or 0 if not avalable
            ```

            {Configuration}
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [MessageDescriptor, AddedLineDescriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterPatchAction(AnalyzeMessage);
        registration.RegisterAddedLineAction(AnalyzeAddedLine);
        SpellingDictionary.StartLoading();
    }

    private void AnalyzeMessage(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (!patch.HasCommitMessage) return;
        var dictionary = context.GetValue(SpellingDictionary.OfAnalysis);
        var subject = patch.Subject.Raw.AsSpan();
        var position = 0;
        while (dictionary.TryFindNext(subject, ref position, out var start, out var length, out var fix))
        {
            var typo = subject.Slice(start, length);
            context.Report(MessageDescriptor, Locations.AtSubject(patch), typo.ToString(), SpellingDictionary.MatchCase(typo, fix));
        }

        var lines = patch.CommitMessage;
        // checkpatch's commit log ends at the first sign-off; the trailers below it are names and addresses.
        var logEnd = context.GetValue(CommitLog.FirstSignOffLine);
        for (var i = 0; i < logEnd; i++)
        {
            var text = lines[i].Span;
            position = 0;
            while (dictionary.TryFindNext(text, ref position, out var start, out var length, out var fix))
            {
                var typo = text.Slice(start, length);
                context.Report(MessageDescriptor, Locations.InMessage(lines[i], i, start, start + length), typo.ToString(),
                    SpellingDictionary.MatchCase(typo, fix));
            }
        }
    }

    private void AnalyzeAddedLine(AddedLineContext context)
    {
        var text = context.Text;
        var dictionary = context.GetValue(SpellingDictionary.OfAnalysis);
        var position = 0;
        while (dictionary.TryFindNext(text, ref position, out var start, out var length, out var fix))
        {
            var typo = text.Slice(start, length);
            context.Report(AddedLineDescriptor, start, start + length, null, typo.ToString(), SpellingDictionary.MatchCase(typo, fix));
        }
    }
}
