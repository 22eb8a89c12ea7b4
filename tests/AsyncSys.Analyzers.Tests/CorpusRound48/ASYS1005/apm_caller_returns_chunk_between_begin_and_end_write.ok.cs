// A legacy exporter still calls the APM pair of a ring-backed file writer (BeginWrite/EndWrite over the ring's write task, kept for old callers): it returns its pooled chunk only after EndWrite, when the write is over.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.ApmExporterOk;

internal static class Apm
{
    public static IAsyncResult Begin(Task<int> task, AsyncCallback? callback, object? state)
    {
        var completion = new TaskCompletionSource<int>(state);
        task.ContinueWith(t =>
        {
            if (t.IsFaulted) completion.TrySetException(t.Exception!.InnerExceptions);
            else if (t.IsCanceled) completion.TrySetCanceled();
            else completion.TrySetResult(t.Result);
            callback?.Invoke(completion.Task);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return completion.Task;
    }

    public static int End(IAsyncResult result) => ((Task<int>)result).GetAwaiter().GetResult();
}

internal sealed class RingFileWriter(IoRing ring, int fd)
{
    public long Position { get; set; }

    public IAsyncResult BeginWrite(byte[] buffer, int offset, int count, AsyncCallback? callback, object? state) =>
        Apm.Begin(ring.WriteAtMostAsync(fd, buffer.AsMemory(offset, count), Position).AsTask(), callback, state);

    public int EndWrite(IAsyncResult result)
    {
        int n = Apm.End(result);
        Position += n;
        return n;
    }
}

internal sealed class CsvExporter(RingFileWriter writer)
{
    public void Export(string[] rows)
    {
        foreach (string row in rows)
        {
            byte[] chunk = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(row.Length + 1));
            int n = Encoding.UTF8.GetBytes(row + "\n", chunk);
            IAsyncResult pending = writer.BeginWrite(chunk, 0, n, null, null);
            try
            {
                writer.EndWrite(pending);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }
    }
}
