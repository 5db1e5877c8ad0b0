using System.Text;
using DiffLint.Core.Patchwork;
using Xunit;

namespace DiffLint.Tests.Patchwork;

public sealed class PatchworkHashTests
{
    // Expected values come from running Patchwork's own hasher.py (Python 3.11) on the same strings.
    [Theory]
    [InlineData("diff --git a/x b/x\r\nindex 1..2 100644\r\n--- a/dir/x.c\r\n+++ b/dir/x.c\r\n@@ -1 +1 @@ ctx\r\n-a\r\n+b\r\n", "42356b872136ba0306bbb8db05b031df475b6d9e")]
    [InlineData("  \n context\n@@ -10,0 +11,007 @@ f(\n+x\n\\ No newline at end of file\n", "e8021b75001d47f2dae144a2363d6273e2840787")]
    [InlineData("--- /dev/null\n+++ b/new\n@@ -0,0 +1,2 @@\n+a\n+b", "a69c8300bd93242618da13ed6382f555ec8ca677")]
    [InlineData("\u001c+h\u00e9llo\n--- x\n+++\tq\n@@ -1,2 +3, @@\n@@ -\u0663,\u0664 +1 @@\n-\u00a0x\u2028\n", "bedca8ecbffcc0d68bec88ce0444d395c6692d2a")]
    public void MatchesPatchworkHasher(string diff, string expected)
    {
        Assert.Equal(expected, PatchworkHash.Compute(diff));
    }

    [Fact]
    public void IgnoresWhatPatchworkIgnores()
    {
        string baseDiff = "diff --git a/f.c b/f.c\nindex 111..222 100644\n--- a/f.c\n+++ b/f.c\n@@ -10,3 +10,4 @@ int f(void)\n a\n+b\n c\n";

        // Other -p1 prefix, other start lines, other index line, CRLF, surrounding blank lines.
        string moved = "\n\r\ndiff --git x/f.c y/f.c\r\nindex 999..888 100644\r\n--- x/f.c\r\n+++ y/f.c\r\n@@ -99,3 +120,4 @@ other\r\n a\r\n+b\r\n c\r\n\n\n";

        Assert.Equal(PatchworkHash.Compute(baseDiff), PatchworkHash.Compute(moved));
        Assert.NotEqual(PatchworkHash.Compute(baseDiff), PatchworkHash.Compute(baseDiff.Replace("+b", "+B", StringComparison.Ordinal)));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes(string.Empty))), PatchworkHash.Compute("index abc\n"));
    }
}
