namespace DiffLint.Cli.Hooks;

/// <summary>The git hooks difflint can be installed as, by their git names.</summary>
internal static class HookEvent
{
    public const string SendEmailValidate = "sendemail-validate";
    public const string CommitMsg = "commit-msg";
    public const string PrePush = "pre-push";

    public static readonly string[] All = [SendEmailValidate, CommitMsg, PrePush];

    /// <summary>What a user can do when the hook refuses, per event.</summary>
    public static string Bypass(string hookEvent) => hookEvent switch
    {
        SendEmailValidate => "DIFFLINT_SKIP=1 git send-email ... (or git send-email --no-validate)",
        CommitMsg => "DIFFLINT_SKIP=1 git commit ... (or git commit --no-verify)",
        _ => "DIFFLINT_SKIP=1 git push ... (or git push --no-verify)",
    };
}
