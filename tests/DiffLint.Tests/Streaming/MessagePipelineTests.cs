using DiffLint.Core;

namespace DiffLint.Tests.Streaming;

/// <summary>
/// The parallel pipeline on its own: results in input order whatever order the workers finish in, failures where they
/// happened, and an input that is read by one worker at a time and never past the caller's window.
/// </summary>
public class MessagePipelineTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ResultsComeInInputOrderWhateverOrderTheWorkersFinishIn(int threads)
    {
        var random = new Random(15);
        var delays = Enumerable.Range(0, 400).Select(_ => random.Next(3) == 0 ? random.Next(200) : 0).ToArray();
        var results = MessagePipeline.Run(Enumerable.Range(0, delays.Length), i =>
        {
            Thread.SpinWait(delays[i] * 100);
            return i * 3;
        }, threads).ToList();
        Assert.Equal(Enumerable.Range(0, delays.Length).Select(i => i * 3), results);
    }

    [Fact]
    public void TheInputIsReadByOneWorkerAtATime()
    {
        var reading = 0;
        var overlaps = 0;
        IEnumerable<int> Input()
        {
            for (var i = 0; i < 300; i++)
            {
                if (Interlocked.Increment(ref reading) > 1) Interlocked.Increment(ref overlaps);
                Thread.SpinWait(500);
                Interlocked.Decrement(ref reading);
                yield return i;
            }
        }

        Assert.Equal(300, MessagePipeline.Run(Input(), i => i, 4).Count());
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public void AFailureToReadComesAfterTheResultsReadBeforeIt()
    {
        IEnumerable<int> Input()
        {
            for (var i = 0; i < 50; i++) yield return i;
            throw new IOException("disk gone");
        }

        var taken = new List<int>();
        var failure = Assert.Throws<IOException>(() =>
        {
            foreach (var result in MessagePipeline.Run(Input(), i => i, 2)) taken.Add(result);
        });
        Assert.Equal("disk gone", failure.Message);
        Assert.Equal(Enumerable.Range(0, 50), taken);
    }

    [Fact]
    public void AFailureToProcessComesAtItsPlaceInTheOrder()
    {
        var taken = new List<int>();
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var result in MessagePipeline.Run(Enumerable.Range(0, 100), i => i == 37 ? throw new InvalidOperationException() : i, 2))
                taken.Add(result);
        });
        Assert.Equal(Enumerable.Range(0, 37), taken);
    }

    [Fact]
    public void ACallerThatStopsEarlyLeavesTheRestOfTheInputUnread()
    {
        var read = 0;
        IEnumerable<int> Input()
        {
            for (var i = 0; i < 100_000; i++)
            {
                Interlocked.Increment(ref read);
                yield return i;
            }
        }

        Assert.Equal(Enumerable.Range(0, 10), MessagePipeline.Run(Input(), i => i, 2).Take(10));
        // What was read ahead of the caller is bounded by the window (plus one message in hand per worker).
        Assert.InRange(read, 10, 10 + MessagePipeline.Capacity(2) + 2);
    }
}
