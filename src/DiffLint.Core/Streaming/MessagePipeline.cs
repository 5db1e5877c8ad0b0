using System.Collections.Concurrent;

namespace DiffLint.Core;

/// <summary>
/// Parallel analysis in input order: one thread reads the messages, <c>threads</c> workers analyse them as they come,
/// and the caller takes the results in input order. At most a bounded number of messages are read ahead of the
/// caller, so a slow reporter holds the reader back instead of letting results pile up.
/// </summary>
internal static class MessagePipeline
{
    /// <summary>How many messages may be read ahead of the caller with <paramref name="threads"/> workers.</summary>
    public static int Capacity(int threads) => Math.Max(16, threads * 32);

    public static IEnumerable<TResult> Run<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, TResult> process, int threads)
    {
        var capacity = Capacity(threads);
        using var inOrder = new BlockingCollection<Slot<TItem, TResult>>(capacity);
        using var toDo = new BlockingCollection<Slot<TItem, TResult>>(capacity);
        using var stop = new CancellationTokenSource();
        Exception? readerFailure = null;

        var reader = new Thread(() =>
        {
            try
            {
                foreach (var item in items)
                {
                    var slot = new Slot<TItem, TResult>(item);
                    inOrder.Add(slot, stop.Token);
                    toDo.Add(slot, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                readerFailure = ex;
            }
            finally
            {
                inOrder.CompleteAdding();
                toDo.CompleteAdding();
            }
        }) { IsBackground = true, Name = "difflint reader" };

        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            foreach (var slot in toDo.GetConsumingEnumerable())
            {
                try
                {
                    slot.Result = process(slot.Item);
                }
                catch (Exception ex)
                {
                    slot.Failure = ex;
                }

                slot.Item = default!;
                slot.Done.Set();
            }
        }) { IsBackground = true, Name = $"difflint worker {i + 1}" }).ToList();

        reader.Start();
        foreach (var worker in workers) worker.Start();
        try
        {
            foreach (var slot in inOrder.GetConsumingEnumerable())
            {
                slot.Done.Wait();
                slot.Done.Dispose();
                if (slot.Failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                yield return slot.Result!;
            }
        }
        finally
        {
            stop.Cancel();
            // Unblock a reader or workers waiting on a full or empty queue, then wait for them before the queues go.
            while (inOrder.TryTake(out _)) { }
            reader.Join();
            foreach (var worker in workers) worker.Join();
        }

        if (readerFailure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(readerFailure);
    }

    private sealed class Slot<TItem, TResult>(TItem item)
    {
        public TItem Item = item;
        public TResult? Result;
        public Exception? Failure;
        public readonly ManualResetEventSlim Done = new();
    }
}
