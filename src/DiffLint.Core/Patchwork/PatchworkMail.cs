namespace DiffLint.Core.Patchwork;

/// <summary>One patch object turned back into an RFC 2822 mail (UTF-8 bytes, LF line ends).</summary>
public sealed record PatchworkMail(PatchworkInfo Info, byte[] Mail);
