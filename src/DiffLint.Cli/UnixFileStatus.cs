using System.Runtime.InteropServices;

namespace DiffLint.Cli;

/// <summary>
/// What .NET 10 does not tell of a file: its type and its owner. Asked of the runtime's own native library
/// (libSystem.Native, beside every .NET runtime), whose stat reports them in the same portable form on every Unix.
/// Where that library or function is missing (Windows), the calls throw <see cref="DllNotFoundException"/> or
/// <see cref="EntryPointNotFoundException"/>, which the callers turn into their safe answer.
/// </summary>
internal static class UnixFileStatus
{
    public const int TypeMask = 0xF000;
    public const int Folder = 0x4000;
    public const int RegularFile = 0x8000;

    /// <summary>The permission bits of <see cref="Status.Mode"/>.</summary>
    public const int PermissionMask = 0x1FF;

    /// <summary>
    /// The start of libSystem.Native's FileStatus (flags, the mode with its type bits, owner, group); the rest of the
    /// structure is room that DiffLint does not read, larger than the structure has ever been.
    /// </summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    public struct Status
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
    }

    /// <summary>The status of <paramref name="path"/> through symbolic links; 0 when it exists.</summary>
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi)]
    public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out Status status);

    /// <summary>The status of <paramref name="path"/> itself (a symbolic link is not followed); 0 when it exists.</summary>
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", CharSet = CharSet.Ansi)]
    public static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out Status status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_GetEUid")]
    public static extern uint EffectiveUserId();
}
