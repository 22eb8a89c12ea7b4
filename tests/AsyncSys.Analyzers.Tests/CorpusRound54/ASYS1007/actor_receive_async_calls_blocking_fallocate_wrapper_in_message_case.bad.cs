// A Proto.Actor-style segment actor handles messages in an async ReceiveAsync; on a Reserve message it calls the generated blocking fallocate wrapper directly, so the actor's turn (and the dispatcher thread running it) blocks for the whole allocation while every other actor on that thread waits.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.ActorFallocateBad;

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
                if (/*~ASYS1007*/Native.Fallocate(segmentFd, 0, _capacity, reserve.Bytes) < 0)
                {
                    throw new InvalidOperationException("fallocate failed, errno " + Marshal.GetLastPInvokeError());
                }

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
