using DiffLint.Core.Git;
using DiffLint.Core.Model;
using DiffLint.Core.Reading;

namespace DiffLint.Cli;

/// <summary>The git-sourced inputs asked for on the command line: <c>--git [range]</c>, <c>--staged</c>, <c>--worktree</c>.</summary>
internal sealed record GitInputs(bool Commits, string? Range, bool Staged, bool Worktree)
{
    public bool Any => Commits || Staged || Worktree;

    /// <summary>
    /// Appends the git inputs to the file inputs. An empty range or an empty diff is said on stderr and leaves no input
    /// (there is nothing to check); a missing repository, an unknown range or a missing git binary is an input error
    /// and returns false.
    /// </summary>
    public bool TryRead(InputExpander.Expanded files, GitRepository? repository, out InputExpander.Expanded all, TextWriter stderr)
    {
        all = files;
        try
        {
            var repo = repository ?? GitRepository.Open(Environment.CurrentDirectory);
            var inputs = files.Inputs.ToList();
            if (Commits) Add(inputs, repo.FormatPatch(Range, inputs.Count), Range is null ? "no commits that are not yet upstream" : "no commits in this range", "git:" + (Range ?? "@{upstream}.."), stderr);
            if (Staged) Add(inputs, repo.UncommittedDiff(staged: true, inputs.Count), "nothing staged", "git:staged", stderr);
            if (Worktree) Add(inputs, repo.UncommittedDiff(staged: false, inputs.Count), "no unstaged change", "git:worktree", stderr);
            all = files with { Inputs = inputs };
            return true;
        }
        catch (GitInputException ex)
        {
            stderr.WriteLine($"difflint: {ex.ToInputError()}");
            return false;
        }
        catch (GitUnavailableException ex)
        {
            stderr.WriteLine($"difflint: {ex.Message}");
            return false;
        }
    }

    private static void Add(List<InputSource> inputs, InputSource? input, string emptyMessage, string name, TextWriter stderr)
    {
        if (input is null) stderr.WriteLine($"difflint: {name}: {emptyMessage}");
        else inputs.Add(input);
    }
}
