using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Core.Profiles;

namespace DiffLint.Rules.Api;

/// <summary>Reports a QEMU error or warning message that ends in a full stop or an exclamation mark.</summary>
[DiffLintRule]
public sealed class ErrorMessagePunctuationRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL4019",
        name: "error-message-punctuation",
        title: "Error message ends in punctuation",
        messageFormat: "Error messages should not end with '{0}' ({1})",
        category: ProfileChoice.ApiCategory,
        defaultSeverity: Severity.Warning,
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports the message of `error_setg()`, `error_setg_errno()`, `error_set()`, `error_report()`,
            `warn_report()`, `info_report()` and their `_once`/`v` variants when it ends in a full stop or an
            exclamation mark. The format may be split into several literals over several lines (with `PRIx64`-style
            macros between them): its last literal is read, and only when the end of the format is in the hunk. An
            ellipsis (`...`) is left alone, and so are `error_prepend()` and the `*_reportf_err()` functions, whose
            message is a prefix to another one. QEMU's checkpatch.pl does not check this; there is no `Q_*` name.

            ## Why it matters
            QEMU's error functions (util/error-report.c, include/qapi/error.h) ask for "a single phrase, with no
            newline or trailing punctuation": an `Error` message is often embedded in a longer one (`error_prepend()`
            puts a prefix before it, callers append hints after it), and the reporting functions print the message
            after the current location, as one line of a longer report.

            ## Example
            ```diff
            +        error_setg(errp, "Invalid node name.");
            ```
            should be
            ```diff
            +        error_setg(errp, "Invalid node name");
            ```

            ## Configuration
            QEMU profile only.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => ErrorMessageCalls.Register(registration, includePrefixes: false, Check);

    /// <summary>Reports the format's last literal when the patch adds it with a trailing '.' or '!' and the format ends there.</summary>
    private static void Check(in CallContext context, ErrorCall call)
    {
        var fragment = context.Fragment;
        if (call.Last < 0 || !call.EndSeen) return;
        ref readonly var last = ref fragment.Tokens.ItemRef(call.Last);
        if (last.IsAdded && TrailingPunctuation(fragment.TextOf(last)) is { } mark)
            context.Report(Descriptor, last, mark, fragment.TextOf(fragment.Tokens[call.Name]).ToString());
    }

    /// <summary>The '.' or '!' that ends the literal's text (before its closing quote), or null.</summary>
    private static string? TrailingPunctuation(ReadOnlySpan<char> literal)
    {
        if (literal.Length < 3 || literal[^1] != '"') return null;
        var text = literal[..^1];
        if (text.EndsWith("...", StringComparison.Ordinal)) return null;
        return text[^1] switch
        {
            '.' when text.Length < 2 || text[^2] != '\\' => ".",
            '!' when text.Length < 2 || text[^2] != '\\' => "!",
            _ => null,
        };
    }
}
