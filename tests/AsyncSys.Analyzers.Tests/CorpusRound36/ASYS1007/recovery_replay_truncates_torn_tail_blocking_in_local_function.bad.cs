// Recovery replays the WAL asynchronously and, when it finds a torn record at the tail, truncates the log there with a
// blocking ftruncate wrapper called from an async local function. The truncate (and the metadata journal commit it
// implies) blocks a pool thread while every other shard's recovery waits for threads.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.Blocking.RecoveryTruncateLocalFunction;

internal static class Native
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static extern int Ftruncate(int fd, long length);
}

public static partial class LogTail
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Cut(int fd, long length) => Native.Ftruncate(fd, length);
}

public sealed class WalReplayer(IoRing ring, int logFd)
{
    public async Task<long> ReplayAsync(byte[] scratch, CancellationToken ct)
    {
        long offset = 0;
        while (true)
        {
            int n = await ring.ReadAsync(logFd, scratch, offset, ct);
            int valid = ValidPrefix(scratch, n);
            offset += valid;
            if (valid < n)
            {
                await CutTornTailAsync(offset);
                return offset;
            }

            if (n == 0)
            {
                return offset;
            }
        }

        async Task CutTornTailAsync(long at)
        {
            await ring.FdatasyncAsync(logFd, ct);
            /*~ASYS1007*/LogTail.Cut(logFd, at);
        }
    }

    private static int ValidPrefix(byte[] data, int length) => length < 16 ? 0 : length - (length % 16);
}
