namespace DiffLint.Cli.Hooks;

/// <summary>The git hooks difflint can be installed as, by their git names.</summary>
internal static class HookEvent
{
    public const string SendEmailValidate = "sendemail-validate";
    public const string CommitMsg = "commit-msg";
    public const string PrePush = "pre-push";

    public static readonly string[] All = [SendEmailValidate, CommitMsg, PrePush];

    /// <summary>
    /// The .NET settings (environment variable assignments, "" for none) an installed hook starts difflint with.
    /// sendemail-validate and commit-msg check one small file per process, so what matters is the process's start and
    /// end: the workstation collector (the server collector sets up its heaps and threads at start, for collections a
    /// one-file run never makes) and quick compilation, never redone, of the few methods the precompiled build lacks
    /// (tiering without call counting: no optimizing compile, no background compiler). Measured on git/0001.patch with the
    /// published build: 21 ms less CPU per run (170 to 149 ms, 8 of them the collector). And no W^X double mapping of the
    /// runtime's executable memory (DOTNET_EnableWriteXorExecute=0, read from the environment only): every stub and
    /// precode page the start makes was mapped twice, through a shared-memory file, and switched between writable and
    /// executable; a hook run spent 7 ms less CPU without it (median 177.6 against 184.6 ms over 50 interleaved runs,
    /// load 6-8; minimum 133 against 140 ms), the same in an earlier series of 40. W^X is hardening against an exploit
    /// that writes code; a process that lives for one file gives it up for its start.
    /// pre-push checks whole series, so it keeps the settings an archive run has.
    /// </summary>
    public static string RuntimeSettings(string hookEvent) =>
        hookEvent == PrePush ? "" : "DOTNET_gcServer=0 DOTNET_TieredCompilation=1 DOTNET_TC_CallCounting=0 DOTNET_EnableWriteXorExecute=0";

    /// <summary>What a user can do when the hook refuses, per event.</summary>
    public static string Bypass(string hookEvent) => hookEvent switch
    {
        SendEmailValidate => "DIFFLINT_SKIP=1 git send-email ... (or git send-email --no-validate)",
        CommitMsg => "DIFFLINT_SKIP=1 git commit ... (or git commit --no-verify)",
        _ => "DIFFLINT_SKIP=1 git push ... (or git push --no-verify)",
    };
}
