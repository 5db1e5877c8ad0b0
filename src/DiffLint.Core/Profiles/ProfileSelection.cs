using DiffLint.Core.Model;

namespace DiffLint.Core.Profiles;

/// <summary>
/// The profile a patch is checked under and why it was chosen (shown by <c>--stats</c>). <paramref name="LayoutOnly"/>
/// when only the code's layout chose it (4-space indentation): SeaBIOS and slirp write C the QEMU way without QEMU's
/// libraries, so the rules about a project's own APIs (category <see cref="ApiCategory"/>) stay off.
/// </summary>
public sealed record ProfileChoice(Profile Profile, string Reason, bool LayoutOnly = false)
{
    public const string ApiCategory = "Api";

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

    public ProfileChoice Choose(Patch patch)
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
        if (code.IndentedWithSpaces) return new ProfileChoice(BuiltInProfiles.Qemu, "existing code indented with 4 spaces", LayoutOnly: true);
        return new ProfileChoice(BuiltInProfiles.Kernel, "default (no list, project or project-specific path)");
    }

    /// <summary>What the code of a patch says about its project, read in one pass over its lines.</summary>
    /// <param name="IncludesQemuHeaders">
    /// The code includes headers only QEMU (and code taken from it, like slirp) has.
    /// </param>
    /// <param name="IndentedWithSpaces">
    /// The code the patch does not write (its context and removed C lines) is indented with spaces in steps of four,
    /// tabs being rare (old imported code keeps some): the tree follows QEMU's layout, so the kernel's tab rules would
    /// flag every line.
    /// </param>
    private readonly record struct CodeEvidence(bool IncludesQemuHeaders, bool IndentedWithSpaces)
    {
        public static CodeEvidence Of(Patch patch)
        {
            int spaces = 0, tabs = 0;
            foreach (var file in patch.Files)
            {
                var isC = file.Path.EndsWith(".c", StringComparison.Ordinal) || file.Path.EndsWith(".h", StringComparison.Ordinal);
                foreach (var hunk in file.Hunks)
                {
                    foreach (var line in hunk.Lines)
                    {
                        var text = line.Text.Span;
                        if (IncludesQemuHeader(text.TrimStart())) return new CodeEvidence(true, false);
                        if (!isC || line.Kind == DiffLineKind.Added || text.Length == 0) continue;
                        if (text[0] == '\t') tabs++;
                        else if (text.StartsWith("    ") && text.TrimStart(' ') is { Length: > 0 } rest && rest[0] is not '*') spaces++;
                    }
                }
            }

            return new CodeEvidence(false, spaces >= 3 && tabs * 5 <= spaces);
        }

        private static bool IncludesQemuHeader(ReadOnlySpan<char> text)
        {
            if (!text.StartsWith("#include \"", StringComparison.Ordinal)) return false;
            var header = text[10..];
            return header.StartsWith("qemu/", StringComparison.Ordinal) || header.StartsWith("qemu-common.h", StringComparison.Ordinal)
                   || header.StartsWith("qapi/", StringComparison.Ordinal) || header.StartsWith("sysemu/", StringComparison.Ordinal);
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
        Span<int> scores = stackalloc int[BuiltInProfiles.All.Length];
        foreach (var file in patch.Files)
        {
            for (var i = 0; i < BuiltInProfiles.All.Length; i++)
            {
                foreach (var marker in BuiltInProfiles.All[i].TreeMarkers)
                {
                    if (!file.Path.StartsWith(marker, StringComparison.Ordinal)) continue;
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
        var profile = BuiltInProfiles.All[best];
        return new ProfileChoice(profile, $"paths in {profile.Name}-only directories");
    }
}
