using DiffLint.Core.Analysis;
using DiffLint.Core.Mime;

namespace DiffLint.Rules.Message;

/// <summary>The mail's declared <c>Content-Type:</c>, read once per patch for the rules that ask which charset the body is in.</summary>
internal static class MailContentType
{
    /// <summary>
    /// The patch's <c>Content-Type:</c> header, parsed (<c>text/plain</c> without one). MessageEncodingRule and
    /// InvalidUtf8Rule each parsed it, its parameters' dictionary included, for every patch.
    /// </summary>
    public static readonly PatchValueProvider<ContentType> OfPatch = new(patch => ContentType.Parse(patch.Headers["Content-Type"]));
}
