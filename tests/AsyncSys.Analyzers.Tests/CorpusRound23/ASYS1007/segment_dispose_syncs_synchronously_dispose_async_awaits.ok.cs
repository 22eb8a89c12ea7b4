// A segment's synchronous Dispose calls the blocking fdatasync wrapper (no async code: blocking is what the caller asked
// for), while its DisposeAsync awaits the generated variant.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.Blocking.SegmentDisposeBoth;

internal static partial class SegmentSyscalls
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int FDataSync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public sealed class Segment(int segmentFd) : IDisposable, IAsyncDisposable
{
    public void Dispose()
    {
        SegmentSyscalls.FDataSync(segmentFd);
        SegmentSyscalls.Close(segmentFd);
    }

    public async ValueTask DisposeAsync()
    {
        await SegmentSyscalls.FDataSyncAsync(segmentFd);
        SegmentSyscalls.Close(segmentFd);
    }
}
