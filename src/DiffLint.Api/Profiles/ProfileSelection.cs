using DiffLint.Core.CSyntax;
using DiffLint.Core.Model;
using DiffLint.Core.Trees;

namespace DiffLint.Core.Profiles;

/// <summary>
/// The profile a patch is checked under and why it was chosen (shown by <c>--stats</c>). <paramref name="LayoutOnly"/>
/// when only the code's layout chose it (4-space indentation): SeaBIOS and slirp write C the QEMU way without QEMU's
/// libraries, so the rules about a project's own APIs (category <see cref="ApiCategory"/>) stay off.
/// </summary>
public sealed record ProfileChoice(Profile Profile, string Reason, bool LayoutOnly = false)
{
    public const string ApiCategory = "Api";

    /// <summary>Nothing about the patch told its project: the kernel default, which the other patches of its input may overrule.</summary>
    public bool IsFallback { get; init; }

    public bool Enables(Analysis.RuleDescriptor rule) =>
        rule.AppliesTo(Profile) && !(LayoutOnly && rule.Category == ApiCategory);
}

/// <summary>
/// Chooses a profile per patch: the one forced by <c>--profile</c> (or configuration), else the first evidence of
/// the project: the Patchwork project, the <c>List-Id</c>, the list addresses in To/Cc, the paths the patch touches;
/// the kernel profile when nothing tells.
/// </summary>
public sealed class ProfileSelector
{
    public static readonly ProfileSelector Automatic = new(null);

    private readonly ProfileChoice? _forced;

    public ProfileSelector(Profile? forced, string reason = "--profile")
    {
        _forced = forced is null ? null : new ProfileChoice(forced, reason);
    }

    public Profile? Forced => _forced?.Profile;

    /// <summary>
    /// The profile of <paramref name="patch"/>. <paramref name="tree"/> serves the whole files it touches when its own
    /// lines show no layout; <paramref name="inputLayout"/> is what the other patches checked with it show
    /// (<see cref="InputLayoutTally"/>), used only when nothing about the patch tells.
    /// </summary>
    public ProfileChoice Choose(Patch patch, ISourceTree? tree = null, ProfileChoice? inputLayout = null)
    {
        if (_forced is not null) return _forced;
        if (patch.Patchwork is { } pw)
        {
            foreach (var name in new[] { pw.ProjectLinkName, pw.ListId, pw.ProjectName })
            {
                if (name is not null && FromListText(name) is { } byProject) return new ProfileChoice(byProject, $"Patchwork project {name}");
            }
        }

        if (patch.Headers["List-Id"] is { } listId && FromListText(listId) is { } byListId)
        {
            return new ProfileChoice(byListId, $"List-Id {listId.Trim()}");
        }

        foreach (var header in (ReadOnlySpan<string>)["To", "Cc"])
        {
            if (patch.Headers[header] is { } recipients && FromListText(recipients) is { } byRecipient)
            {
                return new ProfileChoice(byRecipient, $"sent to {MatchedAddress(recipients, byRecipient)}");
            }
        }

        if (FromPaths(patch) is { } byPaths) return byPaths;
        var code = CodeEvidence.Of(patch);
        if (code.IncludesQemuHeaders) return new ProfileChoice(BuiltInProfiles.Qemu, "code includes QEMU's own headers");
        var (layout, seen) = code.Existing != Layout.None ? (code.Existing, "existing code") : (FileLayout.Of(patch, tree), "the files it touches (tree)");
        if (layout == Layout.Spaces) return new ProfileChoice(BuiltInProfiles.Qemu, $"{seen} indented with 4 spaces", LayoutOnly: true);
        if (layout == Layout.Tabs) return new ProfileChoice(BuiltInProfiles.Kernel, $"{seen} indented with tabs");
        // A patch that shows no layout (a header's #defines, a new file, a rename) follows the other patches of its input,
        // unless the lines it writes say otherwise.
        if (inputLayout is not null && code.Added != Layout.Tabs) return inputLayout;
        return Fallback;
    }

    private static readonly ProfileChoice Fallback =
        new(BuiltInProfiles.Kernel, "default (no list, project or project-specific path)") { IsFallback = true };

    /// <summary>How a body of C code is indented.</summary>
    private enum Layout : byte
    {
        None,
        Tabs,
        Spaces,
    }

    /// <summary>Counts of lines indented with a tab and with four spaces (comment continuations excluded).</summary>
    private struct IndentCount
    {
        public int Tabs;
        public int Spaces;

        public void Add(ReadOnlySpan<char> text)
        {
            if (text.Length == 0) return;
            if (text[0] == '\t') Tabs++;
            else if (text.StartsWith("    ") && text.TrimStart(' ') is { Length: > 0 } rest && rest[0] is not '*') Spaces++;
        }

        /// <summary>
        /// Four-space indentation when it is (nearly) all there is: old code imported into a QEMU-style tree keeps some
        /// tabs, and a tab project has the odd space-indented line, so one kind must outnumber the other five to one.
        /// </summary>
        public readonly Layout Layout =>
            Spaces > 0 && Tabs * 5 <= Spaces ? Layout.Spaces
            : Tabs > 0 && Spaces * 5 <= Tabs ? Layout.Tabs
            : Layout.None;
    }

    /// <summary>What the code of a patch says about its project, read in one pass over its lines.</summary>
    /// <param name="IncludesQemuHeaders">
    /// The code includes headers only QEMU (and code taken from it, like slirp) has.
    /// </param>
    /// <param name="Existing">
    /// How the code the patch does not write (its context and removed C lines) is indented: the tree's own layout,
    /// which the lines the patch adds must follow.
    /// </param>
    /// <param name="Added">How the C lines the patch adds are indented: the author's layout, which may be the wrong one.</param>
    private readonly record struct CodeEvidence(bool IncludesQemuHeaders, Layout Existing, Layout Added)
    {
        public static CodeEvidence Of(Patch patch)
        {
            IndentCount existing = default, added = default;
            foreach (var file in patch.Files)
            {
                var isC = SourceFiles.IsC(file.Path);
                foreach (var hunk in file.Hunks)
                {
                    foreach (var line in hunk.Lines)
                    {
                        var text = line.Text.Span;
                        // An #include starts the line or follows blanks: most lines start with neither.
                        if (text.Length > 0 && (text[0] == '#' || char.IsWhiteSpace(text[0])) && IncludesQemuHeader(text.TrimStart()))
                            return new CodeEvidence(true, Layout.None, Layout.None);
                        if (!isC) continue;
                        if (line.Kind == DiffLineKind.Added) added.Add(text);
                        else existing.Add(text);
                    }
                }
            }

            return new CodeEvidence(false, existing.Layout, added.Layout);
        }

        private static bool IncludesQemuHeader(ReadOnlySpan<char> text)
        {
            if (!text.StartsWith("#include \"", StringComparison.Ordinal)) return false;
            var header = text[10..];
            return header.StartsWith("qemu/", StringComparison.Ordinal) || header.StartsWith("qemu-common.h", StringComparison.Ordinal)
                   || header.StartsWith("qapi/", StringComparison.Ordinal) || header.StartsWith("sysemu/", StringComparison.Ordinal);
        }
    }

    /// <summary>The layout of the whole files a patch touches, read from the tree: the lines the patch does not add.</summary>
    private static class FileLayout
    {
        /// <summary>Enough files and lines to tell a layout; reading more would only cost time on a large patch.</summary>
        private const int MaxFiles = 4;
        private const int MaxLines = 2000;

        public static Layout Of(Patch patch, ISourceTree? tree)
        {
            if (tree is null) return Layout.None;
            IndentCount count = default;
            var files = 0;
            foreach (var file in patch.Files)
            {
                if (!SourceFiles.IsC(file.Path) || file.IsBinary || files == MaxFiles) continue;
                if (file.Hunks.All(h => h.OldCount == 0) || tree.PostImageOf(file) is not { } image) continue;
                files++;
                var added = new HashSet<int>();
                foreach (var hunk in file.Hunks)
                {
                    foreach (var line in hunk.Lines)
                    {
                        if (line.Kind == DiffLineKind.Added) added.Add(line.NewLine);
                    }
                }

                for (var n = 1; n <= Math.Min(image.Lines.Length, MaxLines); n++)
                {
                    if (!added.Contains(n)) count.Add(image.Lines[n - 1]);
                }
            }

            return count.Layout;
        }
    }

    /// <summary>The profile whose list address or project name occurs in <paramref name="text"/>, the most specific match first.</summary>
    internal static Profile? FromListText(string text)
    {
        Profile? best = null;
        var bestLength = 0;
        foreach (var profile in BuiltInProfiles.All)
        {
            foreach (var address in profile.ListAddresses)
            {
                if (address.Length > bestLength && IgnoreCaseSearch.Contains(text, address))
                {
                    best = profile;
                    bestLength = address.Length;
                }
            }

            // Patchwork project link names: "qemu-devel", "uboot", "git", "linux-arm-kernel", "netdevbpf" ...
            if (bestLength == 0 && NamesProject(text, profile)) best = profile;
        }

        return best;
    }

    private static bool NamesProject(string text, Profile profile)
    {
        var t = text.Trim().ToLowerInvariant();
        return profile.Name switch
        {
            "qemu" => t.StartsWith("qemu", StringComparison.Ordinal),
            "uboot" => t is "uboot" or "u-boot" || t.StartsWith("u-boot", StringComparison.Ordinal),
            "git" => t is "git",
            "kernel" => t.StartsWith("linux", StringComparison.Ordinal) || t is "netdevbpf" or "lkml",
            _ => false,
        };
    }

    private static string MatchedAddress(string recipients, Profile profile)
    {
        foreach (var address in profile.ListAddresses.OrderByDescending(a => a.Length))
        {
            var at = IgnoreCaseSearch.IndexOf(recipients, address);
            if (at < 0) continue;
            var start = at;
            while (start > 0 && !char.IsWhiteSpace(recipients[start - 1]) && recipients[start - 1] is not ('<' or ',' or '"')) start--;
            var end = at + address.Length;
            return recipients[start..end];
        }

        return profile.Name;
    }

    private static ProfileChoice? FromPaths(Patch patch)
    {
        var profiles = BuiltInProfiles.All;
        Span<int> scores = stackalloc int[profiles.Length];
        for (var i = 0; i < profiles.Length; i++)
        {
            var markers = profiles[i].TreeMarkers.AsSpan();
            foreach (var file in patch.Files)
            {
                var path = file.Path;
                if (path.Length == 0) continue;
                foreach (var marker in markers)
                {
                    // The first character inline: it rules out nearly every marker before the call.
                    if (path[0] != marker[0] || !path.StartsWith(marker, StringComparison.Ordinal)) continue;
                    scores[i]++;
                    break;
                }
            }
        }

        int best = -1, bestScore = 0;
        var tie = false;
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] > bestScore) (best, bestScore, tie) = (i, scores[i], false);
            else if (scores[i] == bestScore && bestScore > 0) tie = true;
        }

        if (best < 0 || tie) return null;
        var profile = profiles[best];
        return new ProfileChoice(profile, $"paths in {profile.Name}-only directories");
    }
}

/// <summary>
/// What the patches checked together (an mbox, a series' files, a directory) that were told their project say about
/// those that were not: the 4-space QEMU layout when at least four in five of them were judged QEMU, else nothing
/// (the kernel default stands). Patches checked together are usually one project's series or archive, and a patch
/// that shows no indented line is judged alike under either layout, so following its neighbours costs little and
/// keeps a series under one profile. The counts are kept up to date as choices come and go: a stream asks about the
/// window around each undecided patch without counting the window again.
/// </summary>
public sealed class InputLayoutTally
{
    private int _qemu, _other, _layoutOnly;

    public void Add(ProfileChoice choice) => Count(choice, 1);

    public void Remove(ProfileChoice choice) => Count(choice, -1);

    /// <summary>The 4-space QEMU layout when at least four in five of the choices counted (fallbacks aside) are QEMU, else null.</summary>
    public ProfileChoice? Layout =>
        _qemu == 0 || _qemu < 4 * _other ? null : new ProfileChoice(BuiltInProfiles.Qemu, "layout of the other patches checked with it", LayoutOnly: _layoutOnly > 0);

    private void Count(ProfileChoice choice, int by)
    {
        if (choice.IsFallback) return;
        if (choice.Profile != BuiltInProfiles.Qemu)
        {
            _other += by;
            return;
        }

        _qemu += by;
        if (choice.LayoutOnly) _layoutOnly += by;
    }
}
