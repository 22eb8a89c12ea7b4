// A keepalive channel keeps its APM surface (BeginPing/EndPing) for old callers, now over the ring: BeginPing builds the 8-byte PING in stackalloc memory, wraps it in a MemoryManager, starts the send and returns an IAsyncResult over its task. BeginPing's frame is gone when it returns; the send reads whatever lives there next.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.ApmPingBad;

internal sealed unsafe class NativeFrame(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

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

internal sealed class KeepaliveChannel(IoRing ring, int socket)
{
    private const uint Magic = 0x50494E47;

    public unsafe IAsyncResult BeginPing(uint sequence, AsyncCallback? callback, object? state)
    {
        byte* frame = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(new Span<byte>(frame, 4), Magic);
        BinaryPrimitives.WriteUInt32BigEndian(new Span<byte>(frame + 4, 4), sequence);
        var manager = new NativeFrame(frame, 8);
        Task<int> send = ring.SendAsync(socket, /*~ASYS1004*/manager.Memory, MessageFlags.None).AsTask();
        return Apm.Begin(send, callback, state);
    }

    public int EndPing(IAsyncResult result) => Apm.End(result);
}
