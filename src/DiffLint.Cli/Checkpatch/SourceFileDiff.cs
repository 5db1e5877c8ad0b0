using System.Text;

namespace DiffLint.Cli.Checkpatch;

/// <summary>
/// checkpatch's <c>--file</c>: a source file becomes the diff that adds it whole (what the script reads from
/// <c>diff -u /dev/null FILE</c>), so the reader builds a patch model in which every line of the file is an added line
/// of one hunk and every rule judges it as new code. The file's bytes are kept as they are (no re-encoding); file line
/// N is line N + 3 of the diff.
/// </summary>
public static class SourceFileDiff
{
    public static byte[] Of(string path, byte[] content)
    {
        if (content.Length == 0) return []; // diff prints nothing for an empty file, and the script keeps quiet
        var lineCount = content.Count(b => b == (byte)'\n') + (content[^1] == (byte)'\n' ? 0 : 1);
        using var diff = new MemoryStream(content.Length + lineCount + 128);
        // b/ is the prefix the plain-diff reader takes off, so the file keeps the path it was named by.
        var header = Encoding.UTF8.GetBytes($"--- /dev/null\n+++ b/{path}\n@@ -0,0 +1{(lineCount == 1 ? "" : "," + lineCount)} @@\n");
        diff.Write(header);
        var start = 0;
        while (start < content.Length)
        {
            var end = Array.IndexOf(content, (byte)'\n', start);
            diff.WriteByte((byte)'+');
            if (end < 0)
            {
                diff.Write(content.AsSpan(start));
                diff.Write("\n\\ No newline at end of file\n"u8);
                break;
            }

            diff.Write(content.AsSpan(start, end - start + 1));
            start = end + 1;
        }

        return diff.ToArray();
    }
}
