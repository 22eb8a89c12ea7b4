// The segment writer's process-exit hook: a synchronous handler (no await possible there) makes the last segment durable
// with the blocking fdatasync wrapper; the async stage beside it awaits the generated variant.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.Blocking.ExitHookSyncsSynchronously;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int FDataSync(int fd);
}

public sealed class SegmentWriterStage
{
    private readonly IoRing _ring;
    private readonly int _segmentFd;
    private readonly Channel<ReadOnlyMemory<byte>> _segments = Channel.CreateBounded<ReadOnlyMemory<byte>>(8);

    public SegmentWriterStage(IoRing ring, int segmentFd)
    {
        _ring = ring;
        _segmentFd = segmentFd;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public ChannelWriter<ReadOnlyMemory<byte>> Input => _segments.Writer;

    public async Task RunAsync(CancellationToken ct)
    {
        long offset = 0;
        await foreach (ReadOnlyMemory<byte> segment in _segments.Reader.ReadAllAsync(ct))
        {
            await _ring.WriteAsync(_segmentFd, segment, offset, ct);
            offset += segment.Length;
            await Native.FDataSyncAsync(_segmentFd, ct);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Native.FDataSync(_segmentFd) != 0)
        {
            Console.Error.WriteLine("segment writer: final fdatasync failed, errno " + Marshal.GetLastPInvokeError());
        }
    }
}
