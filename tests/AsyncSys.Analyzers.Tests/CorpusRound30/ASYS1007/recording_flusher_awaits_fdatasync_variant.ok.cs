// The recording flusher made right: it awaits the wrapper's generated variant, which runs the fdatasync off the pool
// and throws ErrnoException with the errno captured where the call ran.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.Blocking.RecordingFlusherAwaits;

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
            await Durable.DataSyncAsync(fd, ct);
        }
    }
}
