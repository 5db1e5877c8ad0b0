using DiffLint.Core;

namespace DiffLint.Tests.Streaming;

/// <summary>
/// The parallel pipeline on its own: results handed on in input order and one at a time whatever order the workers
/// finish in, failures where they happened, and an input that is read by one worker at a time and never past the window.
/// </summary>
public class MessagePipelineTests
{
    private static List<TResult> Collect<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, TResult> process, int threads)
    {
        var results = new List<TResult>();
        MessagePipeline.Run(items, process, results.Add, threads);
        return results;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void ResultsComeInInputOrderWhateverOrderTheWorkersFinishIn(int threads)
    {
        var random = new Random(15);
        var delays = Enumerable.Range(0, 400).Select(_ => random.Next(3) == 0 ? random.Next(200) : 0).ToArray();
        var consuming = 0;
        var overlaps = 0;
        var threadsSeen = new HashSet<int>();
        var results = new List<int>();
        MessagePipeline.Run(Enumerable.Range(0, delays.Length), i =>
        {
            Thread.SpinWait(delays[i] * 100);
            return i * 3;
        }, result =>
        {
            if (Interlocked.Increment(ref consuming) > 1) Interlocked.Increment(ref overlaps);
            lock (threadsSeen) threadsSeen.Add(Environment.CurrentManagedThreadId);
            Thread.SpinWait(50);
            results.Add(result);
            Interlocked.Decrement(ref consuming);
        }, threads);
        Assert.Equal(Enumerable.Range(0, delays.Length).Select(i => i * 3), results);
        Assert.Equal(0, overlaps);
        Assert.NotEmpty(threadsSeen);
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

        Assert.Equal(300, Collect(Input(), i => i, 4).Count);
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
        var failure = Assert.Throws<IOException>(() => MessagePipeline.Run(Input(), i => i, taken.Add, 2));
        Assert.Equal("disk gone", failure.Message);
        Assert.Equal(Enumerable.Range(0, 50), taken);
    }

    [Fact]
    public void AFailureToProcessComesAtItsPlaceInTheOrder()
    {
        var taken = new List<int>();
        Assert.Throws<InvalidOperationException>(() =>
            MessagePipeline.Run(Enumerable.Range(0, 100), i => i == 37 ? throw new InvalidOperationException() : i, taken.Add, 2));
        Assert.Equal(Enumerable.Range(0, 37), taken);
    }

    [Fact]
    public void AConsumerThatFailsStopsTheRunAndLeavesTheRestOfTheInputUnread()
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

        var taken = new List<int>();
        var failure = Assert.Throws<InvalidOperationException>(() => MessagePipeline.Run(Input(), i => i, result =>
        {
            if (taken.Count == 10) throw new InvalidOperationException("reporter gone");
            taken.Add(result);
        }, 2));
        Assert.Equal("reporter gone", failure.Message);
        Assert.Equal(Enumerable.Range(0, 10), taken);
        // What was read ahead of the results handed on is bounded by the window (plus one message in hand per worker).
        Assert.InRange(read, 11, 11 + MessagePipeline.Capacity(2) + 2);
    }

    [Fact]
    public void ASlowConsumerHoldsTheWorkersToTheWindowAndLosesNothing()
    {
        var read = 0;
        var consumed = 0;
        var maxAhead = 0;
        var taken = new List<int>();
        IEnumerable<int> Input()
        {
            for (var i = 0; i < 2_000; i++)
            {
                var ahead = Interlocked.Increment(ref read) - Volatile.Read(ref consumed);
                InterlockedMax(ref maxAhead, ahead);
                yield return i;
            }
        }

        MessagePipeline.Run(Input(), i => i, result =>
        {
            if (result % 100 == 0) Thread.Sleep(2);
            taken.Add(result);
            Interlocked.Increment(ref consumed);
        }, 3);
        Assert.Equal(Enumerable.Range(0, 2_000), taken);
        Assert.InRange(maxAhead, 1, MessagePipeline.Capacity(3) + 3);
    }

    private static void InterlockedMax(ref int location, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref location)) < value && Interlocked.CompareExchange(ref location, value, seen) != seen) { }
    }
}
