// A Proto.Actor-style segment actor handles messages in an async ReceiveAsync; on a Reserve message it awaits the generated asynchronous fallocate, so the actor's turn waits without holding the dispatcher thread.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.ActorFallocateOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fallocate(int fd, int mode, long offset, long length);
}

internal interface IContext
{
    object? Message { get; }

    void Respond(object response);
}

internal sealed record Reserve(long Bytes);

internal sealed record Append(byte[] Data);

internal sealed record Reserved(long Capacity);

internal sealed class SegmentActor(IoRing ring, int segmentFd)
{
    private long _capacity;
    private long _used;

    public async Task ReceiveAsync(IContext context)
    {
        switch (context.Message)
        {
            case Reserve reserve:
                await Native.FallocateAsync(ring, segmentFd, 0, _capacity, reserve.Bytes, CancellationToken.None);
                _capacity += reserve.Bytes;
                context.Respond(new Reserved(_capacity));
                break;
            case Append append:
                await ring.WriteAsync(segmentFd, append.Data, _used, CancellationToken.None);
                _used += append.Data.Length;
                break;
        }
    }
}
