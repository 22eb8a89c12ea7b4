// A keepalive channel keeps its APM surface (BeginPing/EndPing) for old callers, now over the ring: BeginPing builds the 8-byte PING in native memory, wraps it in a MemoryManager, starts the send, and frees the memory in a continuation of the send, after the kernel is done with it.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.ApmPingOk;

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
        byte* frame = (byte*)NativeMemory.Alloc(8);
        BinaryPrimitives.WriteUInt32BigEndian(new Span<byte>(frame, 4), Magic);
        BinaryPrimitives.WriteUInt32BigEndian(new Span<byte>(frame + 4, 4), sequence);
        var manager = new NativeFrame(frame, 8);
        Task<int> send = ring.SendAsync(socket, manager.Memory, MessageFlags.None).AsTask();
        send.ContinueWith(static (_, p) => NativeMemory.Free((void*)(nint)p!), (nint)frame, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Apm.Begin(send, callback, state);
    }

    public int EndPing(IAsyncResult result) => Apm.End(result);
}
