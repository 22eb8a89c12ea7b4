// A pipeline stage drains a bounded Channel of compressed segments on a background task: an async lambda given to
// Task.Run writes each segment through the ring and then calls the blocking fdatasync wrapper before taking the next one.
// The consumer holds a pool thread for every sync, and with a few such stages the pool grows slowly while producers
// block on the full channel (backpressure that looks like a stall).
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.Blocking.ConsumerLambdaBlocks;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int FDataSync(int fd);
}

public sealed class SegmentWriterStage(IoRing ring, int segmentFd)
{
    private readonly Channel<ReadOnlyMemory<byte>> _segments =
        Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.Wait });

    public ChannelWriter<ReadOnlyMemory<byte>> Input => _segments.Writer;

    public Task Start(CancellationToken ct) => Task.Run(async () =>
    {
        long offset = 0;
        await foreach (ReadOnlyMemory<byte> segment in _segments.Reader.ReadAllAsync(ct))
        {
            await ring.WriteAsync(segmentFd, segment, offset, ct);
            offset += segment.Length;
            if (/*~ASYS1007*/Native.FDataSync(segmentFd) != 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "fdatasync");
            }
        }
    }, ct);
}
