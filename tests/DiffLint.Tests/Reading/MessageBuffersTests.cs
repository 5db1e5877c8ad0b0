using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Reading;

namespace DiffLint.Tests.Reading;

/// <summary>The per-thread buffers messages are read and decoded into are reused only once given back.</summary>
public class MessageBuffersTests
{
    [Fact]
    public void ABufferIsReusedOnlyAfterItIsGivenBack()
    {
        var first = MessageBuffers.RentBytes(100);
        var second = MessageBuffers.RentBytes(100);
        Assert.NotSame(first, second);
        MessageBuffers.Return(first);
        Assert.Same(first, MessageBuffers.RentBytes(50));
        Assert.NotSame(first, MessageBuffers.RentBytes(50));
    }

    [Fact]
    public void ALineAtTheSamePlaceOfAReusedBufferIsReportedWithItsOwnText()
    {
        // Locations keeps the string of the last line it reported, known by the line's memory: the next message's
        // line at the same place of the same buffer must not get it.
        var text = MessageBuffers.RentText(16);
        "int a;".CopyTo(text);
        Assert.Equal("int a;", Locations.InMessage(new MessageLine(text.AsMemory(0, 6), 1), 0, 0, 1).LineText);
        MessageBuffers.Return(text);
        var reused = MessageBuffers.RentText(16);
        Assert.Same(text, reused);
        "int b;".CopyTo(reused);
        Assert.Equal("int b;", Locations.InMessage(new MessageLine(reused.AsMemory(0, 6), 1), 0, 0, 1).LineText);
        MessageBuffers.Return(reused);
    }
}
