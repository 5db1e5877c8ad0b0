namespace DiffLint.Core.Patchwork;

/// <summary>
/// One patch object turned back into an RFC 2822 mail (UTF-8 bytes, LF line ends); <paramref name="Lines"/> says where
/// each of its lines is in the JSON file (null when the reader was not given the file to keep).
/// </summary>
public sealed record PatchworkMail(PatchworkInfo Info, byte[] Mail, PatchworkLineMap? Lines = null);
