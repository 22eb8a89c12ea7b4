// A background thumbnail worker drains a Channel of files; its async local function tells the kernel it will read each
// file sequentially with a blocking wrapper (offloaded variant available) before reading it. Each call holds a pool
// thread, and with hundreds of queued images the pool starves the UI's own continuations.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Blocking.ThumbnailWorkerLocalFunction;

internal static class Native
{
    [DllImport("libc", EntryPoint = "posix_fadvise")]
    internal static extern int Fadvise(int fd, long offset, long length, int advice);
}

public static partial class Readahead
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public static int Sequential(int fd, long length) => Native.Fadvise(fd, 0, length, 2);
}

public sealed class ThumbnailWorker(IoRing ring, Channel<(int Fd, long Length)> queue)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await foreach ((int fd, long length) in queue.Reader.ReadAllAsync(ct))
        {
            await RenderAsync(fd, length);
        }

        async Task RenderAsync(int fd, long length)
        {
            /*~ASYS1007*/Readahead.Sequential(fd, length);
            byte[] head = new byte[16 * 1024];
            await ring.ReadAsync(fd, head, 0, ct);
        }
    }
}
