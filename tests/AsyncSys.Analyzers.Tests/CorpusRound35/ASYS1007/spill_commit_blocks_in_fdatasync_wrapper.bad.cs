// The spill queue's async commit path calls the blocking fdatasync wrapper directly: each commit parks a thread-pool
// thread for the whole disk flush, and under a slow disk the upload workers starve.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Blocking.SpillCommitFdatasync;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Fdatasync(int fd);
}

public sealed class SpillQueue(IoRing ring, int segmentFd)
{
    private long _committed;

    public async Task CommitAsync(byte[] batch, long offset, CancellationToken ct)
    {
        await ring.WriteAsync(segmentFd, batch, offset, ct);
        if (/*~ASYS1007*/Native.Fdatasync(segmentFd) < 0)
        {
            throw new IOException("fdatasync failed: errno " + Marshal.GetLastPInvokeError());
        }

        _committed = offset + batch.Length;
    }

    public long Committed => _committed;
}
