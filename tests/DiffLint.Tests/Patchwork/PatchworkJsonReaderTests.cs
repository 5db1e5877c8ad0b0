using System.Text;
using System.Text.Json;
using DiffLint.Core.Patchwork;
using Xunit;

namespace DiffLint.Tests.Patchwork;

public sealed class PatchworkJsonReaderTests
{
    private const string Seed000 = "000_c9045b006f83e695.txt";
    private const string Seed004 = "004_ee60c0aa1fb11c01.txt";

    [SharedFact]
    public void Seed000_ReadsOneMailWithInfo()
    {
        var mails = PatchworkJsonReader.Read(SeedBytes(Seed000));

        var mail = Assert.Single(mails);
        var info = mail.Info;
        Assert.Equal(2216966, info.Id);
        Assert.Equal("http://patchwork.ozlabs.org/api/patches/2216966/?format=api", info.Url);
        Assert.Equal("http://patchwork.ozlabs.org/project/qemu-devel/patch/20260327131024.51947-1-hongmianquan@bytedance.com/", info.WebUrl);
        Assert.Equal("<20260327131024.51947-1-hongmianquan@bytedance.com>", info.MessageId);
        Assert.Equal("[v2] monitor: Fix deadlock in monitor_cleanup", info.Name);
        Assert.Equal(["v2"], info.Prefixes);
        Assert.Equal("qemu-devel", info.ProjectLinkName);
        Assert.Equal("QEMU Development", info.ProjectName);
        Assert.Equal("qemu-devel.nongnu.org", info.ListId);
        Assert.Equal(497768, info.SeriesId);
        Assert.Equal("[v2] monitor: Fix deadlock in monitor_cleanup", info.SeriesName);
        Assert.Equal(2, info.SeriesVersion);
        Assert.Equal("2aee69fffb4d78a91d968f5e043693107650495c", info.Hash);
        Assert.Equal("hongmianquan", info.SubmitterName);
        Assert.Equal("hongmianquan@bytedance.com", info.SubmitterEmail);
    }

    [SharedFact]
    public void Seed000_MailHasHeadersBodyAndDiff()
    {
        string text = MailText(Assert.Single(PatchworkJsonReader.Read(SeedBytes(Seed000))));
        var (head, body) = Split(text);

        Assert.DoesNotContain('\r', text);
        Assert.Contains("\nSubject: [PATCH v2] monitor: Fix deadlock in monitor_cleanup\n", head);
        Assert.Contains("\nMessage-Id: <20260327131024.51947-1-hongmianquan@bytedance.com>\n", head);
        Assert.Contains("\nX-Patchwork-Id: 2216966\n", head);

        // The stored charset and 7bit encoding no longer describe the decoded text.
        Assert.DoesNotContain("charset=UTF-8", head);
        Assert.DoesNotContain("7bit", head);
        Assert.Equal(1, Count(head, "\nContent-Type: text/plain; charset=\"utf-8\"\n"));
        Assert.Equal(1, Count(head, "\nContent-Transfer-Encoding: 8bit\n"));
        Assert.Equal(1, Count(head, "\nMime-Version: 1.0\n") + Count(head, "\nMIME-Version: 1.0\n"));

        // Array values give one header each; stored folding stays real folding.
        Assert.Equal(4, Count("\n" + head, "\nReceived: "));
        Assert.Equal(2, Count("\n" + head, "\nAuthentication-Results: "));
        Assert.Contains("\nAuthentication-Results: legolas.ozlabs.org;\n\tdkim=pass (2048-bit key;\n unprotected) header.d=bytedance.com", head);
        Assert.Contains("\nX-Lms-Return-Path:\n <lba+269c681ce+2f99e9+nongnu.org+hongmianquan@bytedance.com>\n", head);
        Assert.All(head.TrimEnd('\n').Split('\n').Skip(1), l => Assert.True(l.Length > 0 && (l[0] is ' ' or '\t' || l.Contains(':', StringComparison.Ordinal)), l));

        Assert.StartsWith("During qemu_cleanup, if a non-coroutine QMP command", body, StringComparison.Ordinal);
        Assert.Contains("\nSigned-off-by: wubo.bob <wubo.bob@bytedance.com>\n---\n qapi/qmp-dispatch.c | 10 ++++++++++\n 1 file changed, 10 insertions(+)\ndiff --git a/qapi/qmp-dispatch.c b/qapi/qmp-dispatch.c\n", body);
        Assert.Contains("\n+    aio_wait_kick();\n", body);
        Assert.Equal(1, Count(body, "\n---\n"));
        Assert.EndsWith(" /*\n", body, StringComparison.Ordinal);
    }

    [SharedFact]
    public void Seed004_ReadsOneMailWithInfo()
    {
        var mail = Assert.Single(PatchworkJsonReader.Read(SeedBytes(Seed004)));
        var info = mail.Info;
        Assert.Equal(2221996, info.Id);
        Assert.Equal("http://patchwork.ozlabs.org/api/1.1/patches/2221996/?format=api", info.Url);
        Assert.Equal("<20260410150457.85190-4-zhangckid@gmail.com>", info.MessageId);
        Assert.Equal(["V6", "03/14"], info.Prefixes);
        Assert.Equal("qemu-devel.nongnu.org", info.ListId);
        Assert.Equal(499477, info.SeriesId);
        Assert.Equal("iothread: Support tracking and querying IOThread holders", info.SeriesName);
        Assert.Equal(6, info.SeriesVersion);
        Assert.Equal("45601b618f5da21ef61ed3eb82fbd90a3d27d2e4", info.Hash);
        Assert.Equal("Zhang Chen", info.SubmitterName);
        Assert.Equal("zhangckid@gmail.com", info.SubmitterEmail);

        string text = MailText(mail);
        var (head, body) = Split(text);
        Assert.Contains("\nSubject: [PATCH V6 03/14] iothread: tracking iothread users with holder name\n", head);
        Assert.Contains("\nTo: qemu-devel <qemu-devel@nongnu.org>,\n \"Dr . David Alan Gilbert\" <dave@treblig.org>,\n", head);
        Assert.Contains("\nMIME-Version: 1.0\n", head);
        Assert.Equal(1, Count(head, "Content-Type:"));
        Assert.Equal(1, Count(head, "Content-Transfer-Encoding:"));
        Assert.Equal(6, Count("\n" + head, "\nReceived: "));
        Assert.Contains("\nX-Patchwork-Id: 2221996\n", head);
        Assert.Contains("\n 2 files changed, 32 insertions(+), 4 deletions(-)\ndiff --git a/include/system/iothread.h b/include/system/iothread.h\n", body);
        Assert.Contains("\ndiff --git a/iothread.c b/iothread.c\n", body);
        Assert.Contains("\n+    object_unref(OBJECT(iothread));\n", body);
    }

    [SharedTheory]
    [InlineData(Seed000)]
    [InlineData(Seed004)]
    public void SeedHash_IsRecomputedFromDiff(string seed)
    {
        using var doc = JsonDocument.Parse(RawJson(seed));
        string diff = doc.RootElement.GetProperty("diff").GetString()!;
        string hash = doc.RootElement.GetProperty("hash").GetString()!;
        Assert.Equal(hash, PatchworkHash.Compute(diff));
        Assert.Equal(hash, Assert.Single(PatchworkJsonReader.Read(SeedBytes(seed))).Info.Hash);
    }

    [SharedTheory]
    [InlineData(Seed000)]
    [InlineData(Seed004)]
    public void RawJson_ReadsTheSameAsThePage(string seed)
    {
        var fromPage = Assert.Single(PatchworkJsonReader.Read(SeedBytes(seed)));
        var fromRaw = Assert.Single(PatchworkJsonReader.Read(RawJson(seed)));
        var fromBom = Assert.Single(PatchworkJsonReader.Read([0xEF, 0xBB, 0xBF, .. RawJson(seed)]));
        byte[] crlf = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(SeedBytes(seed)).Replace("\n", "\r\n", StringComparison.Ordinal));
        var fromCrlf = Assert.Single(PatchworkJsonReader.Read(crlf));

        Assert.Equal(fromPage.Mail, fromRaw.Mail);
        Assert.Equal(fromPage.Mail, fromBom.Mail);
        Assert.Equal(fromPage.Mail, fromCrlf.Mail);
        Assert.Equal(fromPage.Info.Id, fromRaw.Info.Id);
    }

    [SharedFact]
    public void Array_ReadsEachPatchInOrderAndCountsListEntries()
    {
        string listEntry = """
            {"id": 7, "msgid": "<x@y>", "name": "[3/3] list view entry", "state": "new", "hash": null,
             "series": [{"id": 1, "name": "s", "version": 1}]}
            """;
        byte[] json = Encoding.UTF8.GetBytes(
            "[\n" + Encoding.UTF8.GetString(RawJson(Seed000)) + ",\n" + Encoding.UTF8.GetString(RawJson(Seed004)) + ",\n" + listEntry + "\n]\n");

        var mails = PatchworkJsonReader.Read(json, out int skipped);

        Assert.Equal(2, mails.Count);
        Assert.Equal(1, skipped);
        Assert.Equal(2216966, mails[0].Info.Id);
        Assert.Equal(2221996, mails[1].Info.Id);
        Assert.Contains("diff --git a/qapi/qmp-dispatch.c", MailText(mails[0]), StringComparison.Ordinal);
        Assert.Contains("diff --git a/iothread.c", MailText(mails[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void ListPage_WithPreambleAndNoDetails_YieldsNoMails()
    {
        string page = """
            get:
            List patches.

            GET /api/patches/?series=1&format=api
            HTTP 200 OK
            Allow: GET, HEAD, OPTIONS
            Content-Type: application/json
            Link: <http://pw/api/patches/?page=2&series=1>; rel="next"
            Vary: Accept

            [
                {"id": 1, "msgid": "<a@b>", "name": "[1/2] a", "state": "new", "delegate": null},
                {"id": 2, "msgid": "<c@d>", "name": "[2/2] b", "state": "new", "delegate": null}
            ]
            """;
        byte[] bytes = Encoding.UTF8.GetBytes(page);

        Assert.True(PatchworkJsonReader.LooksLikePatchwork(bytes));
        Assert.Empty(PatchworkJsonReader.Read(bytes, out int skipped));
        Assert.Equal(2, skipped);
        Assert.Empty(PatchworkJsonReader.Read(Encoding.UTF8.GetBytes("[]")));
    }

    [Theory]
    [InlineData("\"0123456789abcdef0123456789abcdef01234567\"", "0123456789abcdef0123456789abcdef01234567")]
    [InlineData("\"applied to next\"", null)]
    [InlineData("null", null)]
    public void CommitRef_OfAnAppliedPatch_IsItsCommitId(string commitRef, string? commitId)
    {
        string json = $$"""
            {"id": 7, "name": "[PATCH] foo: bar", "msgid": "<a@example.org>", "commit_ref": {{commitRef}},
             "content": "Text.\r\n\r\nSigned-off-by: J D <jd@example.org>\r\n",
             "diff": "diff --git a/foo.c b/foo.c\r\n--- a/foo.c\r\n+++ b/foo.c\r\n@@ -1 +1 @@\r\n-slow();\r\n+fast();\r\n"}
            """;
        var result = TestRunner.RunText(json, "patch.json");
        Assert.Equal(commitId, Assert.Single(result.Reports).Patch.CommitId);
    }

    [Fact]
    public void Api10Object_WithoutHeaders_SynthesisesTheMail()
    {
        string json = """
            {
                "id": 31337,
                "url": "http://pw.example/api/1.0/patches/31337/",
                "project": {"id": 1, "name": "Example", "link_name": "ex", "list_id": "ex.lists.example.org", "list_email": "ex@lists.example.org"},
                "msgid": "<20240101120000.1-2-jd@example.org>",
                "date": "2024-01-01T12:00:00",
                "name": "[RFC,v3,2/5] foo: make bar faster",
                "state": "new",
                "hash": null,
                "submitter": {"id": 5, "name": "Jöhn Dœ", "email": "jd@example.org"},
                "delegate": {"id": 9, "username": "maint", "email": "maint@example.org"},
                "series": [{"id": 77, "name": "foo speedups", "version": 3}],
                "content": "Bar was slow.\r\n\r\nSigned-off-by: J D <jd@example.org>\r\n",
                "diff": "diff --git a/foo.c b/foo.c\r\n--- a/foo.c\r\n+++ b/foo.c\r\n@@ -1 +1 @@\r\n-slow();\r\n+fast();"
            }
            """;

        var mail = Assert.Single(PatchworkJsonReader.Read(Encoding.UTF8.GetBytes(json)));
        string text = MailText(mail);
        var (head, body) = Split(text);

        Assert.Equal(["RFC", "v3", "2/5"], mail.Info.Prefixes);
        Assert.Null(mail.Info.WebUrl);
        Assert.Equal(77, mail.Info.SeriesId);
        Assert.Equal(3, mail.Info.SeriesVersion);
        Assert.Equal("ex", mail.Info.ProjectLinkName);

        string encodedName = "=?utf-8?b?" + Convert.ToBase64String(Encoding.UTF8.GetBytes("Jöhn Dœ")) + "?=";
        Assert.StartsWith($"From: {encodedName} <jd@example.org>\n", head, StringComparison.Ordinal);
        Assert.Contains("\nDate: Mon, 01 Jan 2024 12:00:00 +0000\n", head);
        Assert.Contains("\nSubject: [PATCH RFC v3 2/5] foo: make bar faster\n", head);
        Assert.Contains("\nMessage-ID: <20240101120000.1-2-jd@example.org>\n", head);
        Assert.Contains("\nMIME-Version: 1.0\n", head);
        Assert.Contains("\nX-Patchwork-Id: 31337\n", head);
        Assert.Contains("\nX-Patchwork-Delegate: maint@example.org\n", head);
        Assert.DoesNotContain('\r', text);

        // No "---" in the message, so one is put before the diff; the diff gets its final newline.
        Assert.Equal(
            "Bar was slow.\n\nSigned-off-by: J D <jd@example.org>\n---\ndiff --git a/foo.c b/foo.c\n--- a/foo.c\n+++ b/foo.c\n@@ -1 +1 @@\n-slow();\n+fast();\n",
            body);
    }

    [Theory]
    [InlineData("monitor: fix", "[PATCH] monitor: fix")]
    [InlineData("[v2] monitor: fix", "[PATCH v2] monitor: fix")]
    [InlineData("[V6,03/14] iothread: x", "[PATCH V6 03/14] iothread: x")]
    [InlineData("[PATCH,v2] x", "[PATCH,v2] x")]
    [InlineData("[unclosed x", "[unclosed x")]
    public void SubjectIsRebuiltFromName(string name, string subject)
    {
        string json = "{\"id\": 1, \"name\": " + JsonSerializer.Serialize(name) + ", \"content\": \"msg\", \"diff\": null}";
        var (head, body) = Split(MailText(Assert.Single(PatchworkJsonReader.Read(Encoding.UTF8.GetBytes(json)))));
        Assert.Contains("Subject: " + subject + "\n", head);
        Assert.Equal("msg\n", body);
    }

    [Fact]
    public void ContentWithoutDiff_IsStillAMail()
    {
        string json = """{"id": 5, "msgid": "<m@x>", "state": "new", "name": "pull request", "content": "Please pull.\n---\nstat\n", "diff": ""}""";
        var mail = Assert.Single(PatchworkJsonReader.Read(Encoding.UTF8.GetBytes(json)));
        Assert.Equal("Please pull.\n---\nstat\n", Split(MailText(mail)).Body);
    }

    [Fact]
    public void Headers_AreSanitisedAndDmarcFromIsUndone()
    {
        string json = """
            {
                "id": 9, "msgid": "<q@r>", "name": "x", "diff": "--- a/f\n+++ b/f\n",
                "project": {"list_email": "list@example.org"},
                "submitter": {"name": "Real, Author", "email": "real@example.org"},
                "headers": {
                    "From": "Real Author via List <list@example.org>",
                    "X-Odd": "first\nnot-indented\n   \n\tindented",
                    "Bad Name": "dropped",
                    "X-Null": null,
                    "X-Multi": ["a", null, "b"],
                    "content-type": "text/plain; charset=iso-8859-1",
                    "X-Patchwork-Id": "9"
                }
            }
            """;
        var (head, _) = Split(MailText(Assert.Single(PatchworkJsonReader.Read(Encoding.UTF8.GetBytes(json)))));

        Assert.Contains("X-Patchwork-Original-From: Real Author via List <list@example.org>\n", head);
        Assert.Contains("\nFrom: \"Real, Author\" <real@example.org>\n", head);
        Assert.Contains("\nX-Odd: first\n not-indented\n\tindented\n", head);
        Assert.DoesNotContain("Bad Name", head);
        Assert.DoesNotContain("X-Null", head);
        Assert.Contains("\nX-Multi: a\nX-Multi: b\n", head);
        Assert.DoesNotContain("iso-8859-1", head);
        Assert.Equal(1, Count(head, "X-Patchwork-Id:"));
        Assert.Contains("\nSubject: [PATCH] x\n", head);
    }

    [Fact]
    public void Headers_AsRawString_AreAccepted()
    {
        string json = """{"id": 3, "diff": "+x\n", "headers": "Subject: [PATCH] raw\nTo: a@b,\n c@d\nContent-Type: text/plain; charset=latin1\n"}""";
        var (head, _) = Split(MailText(Assert.Single(PatchworkJsonReader.Read(Encoding.UTF8.GetBytes(json)))));
        Assert.StartsWith("Subject: [PATCH] raw\nTo: a@b,\n c@d\n", head, StringComparison.Ordinal);
        Assert.DoesNotContain("latin1", head);
    }

    [SharedFact]
    public void Truncated_ReportsTheLastLine()
    {
        byte[] seed = SeedBytes(Seed000);
        byte[] truncated = seed[..(IndexOfLine(seed, 62) + 20)];

        var ex = Assert.Throws<PatchworkFormatException>(() => PatchworkJsonReader.Read(truncated));

        Assert.Equal(62, ex.Line);
        Assert.Contains("expected", ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedAfterAValue_ReportsTheEnd()
    {
        byte[] page = Encoding.UTF8.GetBytes("HTTP 200 OK\n\n{\n  \"id\": 1,\n  \"diff\": \"x\"\n");
        var ex = Assert.Throws<PatchworkFormatException>(() => PatchworkJsonReader.Read(page));
        Assert.Equal(6, ex.Line);
        Assert.Contains("truncated", ex.Detail, StringComparison.Ordinal);
    }

    [SharedFact]
    public void TrailingGarbage_IsReportedWhereItStarts()
    {
        byte[] seed = SeedBytes(Seed000);
        int lines = seed.Count(b => b == (byte)'\n') + 1;
        byte[] withGarbage = [.. seed, .. "\n  xyz\n"u8];

        var ex = Assert.Throws<PatchworkFormatException>(() => PatchworkJsonReader.Read(withGarbage));

        Assert.Equal(lines + 1, ex.Line);
        Assert.Equal(3, ex.Column);
        Assert.Contains("expected the end of the input", ex.Detail, StringComparison.Ordinal);
    }

    [SharedFact]
    public void WrongTypeForDiff_InSeed_PointsAtTheValue()
    {
        string page = Encoding.UTF8.GetString(SeedBytes(Seed000));
        string broken = page.Replace("\"diff\": \"diff --git", "\"diff\": 42, \"x\": \"diff --git", StringComparison.Ordinal);

        var ex = Assert.Throws<PatchworkFormatException>(() => PatchworkJsonReader.Read(Encoding.UTF8.GetBytes(broken)));

        Assert.Equal(113, ex.Line);
        Assert.Equal(13, ex.Column);
        Assert.Contains("expected \"diff\" to be a string or null, found a number", ex.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get:\nShow a patch.\n\n{\"id\": 1, \"diff\": [1]}", 4, 19, "expected \"diff\"")]
    [InlineData("{\n  \"id\": \"12\",\n  \"diff\": \"x\"\n}", 2, 9, "expected \"id\" to be an integer")]
    [InlineData("{\n  \"diff\": \"x\"\n}", 1, 1, "expected the patch object to have an integer \"id\"")]
    [InlineData("{\n  \"id\": 1,\n  \"diff\": tru\n}", 3, 14, "expected well-formed JSON")]
    [InlineData("{\"id\": 1, \"diff\": \"x\",}", 1, 23, "expected well-formed JSON")]
    [InlineData("{\"id\": 1, \"diff\": \"x\", \"headers\": [\"a\"]}", 1, 35, "expected \"headers\" to be an object")]
    [InlineData("{\"id\": 1, \"diff\": \"x\", \"headers\": {\"To\": 5}}", 1, 42, "expected header \"To\"")]
    [InlineData("{\"id\": 1, \"diff\": \"x\", \"series\": [{\"id\": 1, \"version\": \"2\"}]}", 1, 56, "expected \"version\" to be an integer")]
    [InlineData("\n\n  \"just a string\"", 3, 3, "expected a line starting with '{' or '['")]
    [InlineData("[\n  {\"id\": 1, \"diff\": \"x\"},\n  17\n]", 3, 3, "expected each array element to be a patch object, found a number")]
    [InlineData("{\"id\": 14, \"name\": \"QEMU\", \"link_name\": \"qemu-devel\", \"list_id\": \"q\"}", 1, 1, "found a project object")]
    [InlineData("{\"id\": 1, \"msgid\": \"<a@b>\", \"name\": \"cover\", \"content\": \"hi\", \"headers\": {}}", 1, 1, "found a cover letter object")]
    [InlineData("{\"id\": 1, \"patches\": [], \"cover_letter\": null}", 1, 1, "found a series object")]
    [InlineData("{}", 1, 1, "found an empty object")]
    [InlineData("", 1, 1, "found empty input")]
    [InlineData("   \n\t\n", 3, 1, "found empty input")]
    [InlineData("From 1234 Mon Sep 17 00:00:00 2001\nFrom: a <a@b>\n\n{\n", 1, 1, "mail or diff line")]
    [InlineData("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n {\n", 1, 1, "mail or diff line")]
    [InlineData("{\"id\": 1, \"diff\": \"\\ud800\"}", 1, 19, "expected a valid")]
    [InlineData("{\"id\": 1, \"name\": \"é\", \"diff\": 1}", 1, 32, "expected \"diff\"")]
    public void Malformed_ThrowsWithPosition(string input, int line, int column, string expected)
    {
        var ex = Assert.Throws<PatchworkFormatException>(() => PatchworkJsonReader.Read(Encoding.UTF8.GetBytes(input)));
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Contains(expected, ex.Detail, StringComparison.Ordinal);
        Assert.Contains($"line {line}, column {column}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleListViewObject_IsRecognisedButYieldsNoMail()
    {
        byte[] json = "{\"id\": 4, \"msgid\": \"<a@b>\", \"name\": \"x\", \"state\": \"new\", \"hash\": null}"u8.ToArray();
        Assert.True(PatchworkJsonReader.LooksLikePatchwork(json));
        Assert.Empty(PatchworkJsonReader.Read(json, out int skipped));
        Assert.Equal(1, skipped);
    }

    [SharedFact]
    public void MutatedSeeds_OnlyEverThrowFormatExceptions()
    {
        var rng = new Random(20260401);
        byte[] seed = SeedBytes(Seed004);
        byte[] alphabet = "{}[]\",:0123456789 \n\\atfnulx\u00e9"u8.ToArray();
        for (int round = 0; round < 300; round++)
        {
            byte[] mutated = (byte[])seed.Clone();
            for (int k = rng.Next(1, 4); k > 0; k--)
            {
                mutated[rng.Next(mutated.Length)] = rng.Next(4) == 0 ? (byte)rng.Next(256) : alphabet[rng.Next(alphabet.Length)];
            }

            int cut = rng.Next(3) == 0 ? rng.Next(mutated.Length) : mutated.Length;
            byte[] input = mutated[..cut];
            _ = PatchworkJsonReader.LooksLikePatchwork(input);
            try
            {
                foreach (var mail in PatchworkJsonReader.Read(input))
                {
                    Assert.NotEmpty(mail.Mail);
                }
            }
            catch (PatchworkFormatException ex)
            {
                Assert.InRange(ex.Line, 1, input.Count(b => b == (byte)'\n') + 1);
                Assert.True(ex.Column >= 1);
            }
        }
    }

    [Fact]
    public void InvalidUtf8InString_Throws()
    {
        byte[] input = [.. "{\"id\": 1, \"diff\": \""u8, 0xC3, 0x28, .. "\"}"u8];
        var ex = Assert.Throws<PatchworkFormatException>(() => PatchworkJsonReader.Read(input));
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void DeepNesting_Throws()
    {
        string deep = "{\"id\": 1, \"diff\": \"x\", \"tags\": " + new string('[', 100) + new string(']', 100) + "}";
        var ex = Assert.Throws<PatchworkFormatException>(() => PatchworkJsonReader.Read(Encoding.UTF8.GetBytes(deep)));
        Assert.Equal(1, ex.Line);
    }

    public static TheoryData<string, bool> LooksLikeCases() => new()
    {
        { "seed000", true },
        { "seed004", true },
        { "raw000", true },
        { "bom-raw004", true },
        { "array", true },
        { "listpage", true },
        { "formatpatch", false },
        { "mbox-header", false },
        { "plaindiff", false },
        { "unified", false },
        { "index", false },
        { "empty", false },
        { "blank", false },
        { "binary", false },
        { "json-not-patch", false },
        { "json-array-of-numbers", false },
        { "text-then-brace", true },
        { "preamble-then-list", true },
        { "preamble-then-binary", false },
        { "bom-only", false },
    };

    [SharedTheory]
    [MemberData(nameof(LooksLikeCases))]
    public void LooksLikePatchwork_Table(string name, bool expected)
    {
        byte[] input = name switch
        {
            "seed000" => SeedBytes(Seed000),
            "seed004" => SeedBytes(Seed004),
            "raw000" => RawJson(Seed000),
            "bom-raw004" => [0xEF, 0xBB, 0xBF, .. "\n  "u8, .. RawJson(Seed004)],
            "array" => [.. "[\n"u8, .. RawJson(Seed000), .. "\n]"u8],
            "listpage" => "HTTP 200 OK\nVary: Accept\n\n[{\"id\": 1, \"msgid\": \"<a@b>\"}]"u8.ToArray(),
            "formatpatch" => File.ReadAllBytes(Path.Combine(TestPaths.Corpus, "git", "0001.patch")),
            "mbox-header" => "Subject: [PATCH] x\nFrom: a <a@b>\n\nbody\n{\n\"diff\"\n"u8.ToArray(),
            "plaindiff" => "diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,2 @@\n {\n-\"diff\"\n"u8.ToArray(),
            "unified" => "--- x.c\n+++ x.c\n@@ -1 +1 @@\n {\n"u8.ToArray(),
            "index" => "Index: x.c\n===\n--- x.c\n"u8.ToArray(),
            "empty" => [],
            "blank" => " \n\t\r\n"u8.ToArray(),
            "binary" => RandomBytes(),
            "json-not-patch" => "{\"id\": 14, \"link_name\": \"qemu-devel\"}"u8.ToArray(),
            "json-array-of-numbers" => "[1, 2, \"diff\"]"u8.ToArray(),
            "text-then-brace" => "Some notes about \"diff\"\n{\n\"diff\": 1}"u8.ToArray(),
            "bom-only" => [0xEF, 0xBB, 0xBF],
            "preamble-then-list" => "get:\nList patches.\n\nGET /api/patches/?format=api\n\n  [ {\"id\": 1, \"msgid\": \"<a@b>\"} ]"u8.ToArray(),
            "preamble-then-binary" => [.. "get:\n"u8, 0x01, 0x02, .. "\n{\"diff\": 1}"u8],
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        Assert.Equal(expected, PatchworkJsonReader.LooksLikePatchwork(input));
    }

    [SharedFact]
    public void LooksLikePatchwork_OnlyNeedsAPrefix()
    {
        byte[] seed = SeedBytes(Seed000);
        Assert.True(PatchworkJsonReader.LooksLikePatchwork(seed.AsSpan(0, 1400)));
        Assert.True(PatchworkJsonReader.LooksLikePatchwork(RawJson(Seed004).AsSpan(0, 1400)));
    }

    private static byte[] RandomBytes()
    {
        var rng = new Random(1234);
        byte[] bytes = new byte[4096];
        rng.NextBytes(bytes);
        return bytes;
    }

    private static int IndexOfLine(byte[] data, int line)
    {
        int pos = 0;
        for (int l = 1; l < line; l++)
        {
            pos = Array.IndexOf(data, (byte)'\n', pos) + 1;
        }

        return pos;
    }

    private static int Count(string haystack, string needle)
    {
        int n = 0;
        for (int i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(needle, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private static string MailText(PatchworkMail mail) => Encoding.UTF8.GetString(mail.Mail);

    private static (string Head, string Body) Split(string mail)
    {
        int blank = mail.IndexOf("\n\n", StringComparison.Ordinal);
        Assert.True(blank > 0, "mail has no header/body separator");
        return (mail[..(blank + 1)], mail[(blank + 2)..]);
    }

    private static byte[] SeedBytes(string name) => File.ReadAllBytes(Path.Combine(TestPaths.Seeds, name));

    /// <summary>The seed without its browsable-API preamble: what <c>curl .../api/patches/N/</c> returns.</summary>
    private static byte[] RawJson(string name)
    {
        byte[] page = SeedBytes(name);
        int brace = page.AsSpan().IndexOf("\n{"u8);
        return page[(brace + 1)..];
    }
}
