// A recording service's flusher drains a channel of recording files that got new data and makes each durable with the
// blocking fdatasync wrapper inside its async loop. With tens of recordings on a slow disk each call holds a pool thread
// for hundreds of milliseconds; the pool starves and the segmenters' own continuations (and the HTTP server) stall.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.Blocking.RecordingFlusherFdatasync;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static extern int Fdatasync(int fd);
}

public static partial class Durable
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int DataSync(int fd) => Native.Fdatasync(fd);
}

public sealed class RecordingFlusher(ChannelReader<int> dirtyFiles)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (int fd in dirtyFiles.ReadAllAsync(ct))
        {
            if (/*~ASYS1007*/Durable.DataSync(fd) < 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "fdatasync");
            }
        }
    }
}
