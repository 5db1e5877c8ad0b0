using System.Text;

namespace DiffLint.Cli.Hooks;

/// <summary>
/// Where the hook server of this difflint build listens: a Unix socket named after the build, in a folder only the user
/// can enter (<c>$XDG_RUNTIME_DIR/difflint</c>, else <c>difflint-&lt;uid&gt;</c> in the temporary folder;
/// <c>DIFFLINT_HOOK_SERVER_DIR</c> names another). The folder is what keeps other users out: a client connects, and a
/// server binds, only in a folder that is the user's own and closed to everyone else (mode 0700), so no other user can
/// listen in the user's place or send the server a request. Each build (its program and assemblies, by path, size and
/// modification time) has its own socket, so an upgraded or rebuilt difflint never talks to a server of the old code.
/// </summary>
internal sealed record HookServerAddress(string Folder, string Socket, string Lock)
{
    /// <summary>Where a server that could not listen says why: hooks then start no other for a day (or until one listens).</summary>
    public string Unusable => Path.ChangeExtension(Socket, ".unusable");

    /// <summary>
    /// The lock only one server of a build holds, held by the stream returned; null when another process holds it (or,
    /// without <paramref name="create"/>, when there is no lock file).
    /// </summary>
    public FileStream? TryLock(bool create)
    {
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix, released by the kernel when the process ends.
            return new FileStream(Lock, create ? FileMode.OpenOrCreate : FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public bool IsMarkedUnusable => File.Exists(Unusable) && DateTime.UtcNow - File.GetLastWriteTimeUtc(Unusable) < TimeSpan.FromDays(1);

    /// <summary><c>DIFFLINT_HOOK_SERVER=0</c> (or <c>off</c>): hooks neither use nor start a server.</summary>
    public const string SwitchVariable = "DIFFLINT_HOOK_SERVER";

    public const string FolderVariable = "DIFFLINT_HOOK_SERVER_DIR";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The assemblies whose code a served run executes: a rebuild of any of them is another build.</summary>
    private static readonly string[] BuildFiles = ["difflint.dll", "DiffLint.Api.dll", "DiffLint.Core.dll", "DiffLint.Reporting.dll", "DiffLint.Rules.dll"];

    public static bool IsSwitchedOff(Func<string, string?> environment) =>
        environment(SwitchVariable) is "0" or "off" or "false" || !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS());

    /// <summary>This build's address, its folder made if missing; null when no folder is private enough to use (or none can be made).</summary>
    public static HookServerAddress? ForThisBuild(Func<string, string?> environment)
    {
        if (PrivateFolder(environment) is not { } folder || BuildKey() is not { } key) return null;
        return new HookServerAddress(folder, Path.Combine(folder, key + ".sock"), Path.Combine(folder, key + ".lock"));
    }

    private static string? PrivateFolder(Func<string, string?> environment)
    {
        if (OperatingSystem.IsWindows()) return null;
        string folder;
        if (environment(FolderVariable) is { Length: > 0 } named && Path.IsPathFullyQualified(named)) folder = named;
        else if (environment("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Path.IsPathFullyQualified(runtime) && Directory.Exists(runtime))
            folder = Path.Combine(runtime, "difflint");
        else folder = Path.Combine(Path.GetTempPath(), "difflint-" + UnixFileStatus.EffectiveUserId());

        try
        {
            if (!Directory.Exists(folder)) Directory.CreateDirectory(folder, OwnerOnly);
            return IsPrivate(folder) ? folder : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// The folder is a real folder (not a link to one), owned by this user, and only the owner may enter it. A folder
    /// another user made in a shared temporary folder fails the test however its mode is set.
    /// </summary>
    private static bool IsPrivate(string folder)
    {
        try
        {
            if (UnixFileStatus.LStat(folder, out var status) != 0) return false;
            return (status.Mode & UnixFileStatus.TypeMask) == UnixFileStatus.Folder && status.Uid == UnixFileStatus.EffectiveUserId()
                && (status.Mode & UnixFileStatus.PermissionMask) == (int)OwnerOnly;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// 16 hex digits naming this build: a hash (FNV-1a, stable across processes, unlike string hashes) of the program's
    /// path and each of its assemblies' path, size and modification time. It tells builds apart; it is no defence (the
    /// folder is).
    /// </summary>
    private static string? BuildKey()
    {
        try
        {
            var identity = new StringBuilder(Environment.ProcessPath ?? "").Append('\n');
            foreach (var name in BuildFiles)
            {
                var file = new FileInfo(Path.Combine(AppContext.BaseDirectory, name));
                if (!file.Exists) return null;
                identity.Append(file.FullName).Append('\n').Append(file.Length).Append('\n').Append(file.LastWriteTimeUtc.Ticks).Append('\n');
            }

            var hash = 0xcbf29ce484222325UL;
            foreach (var c in identity.ToString())
            {
                hash = (hash ^ c) * 0x100000001b3UL;
            }

            return hash.ToString("x16");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
