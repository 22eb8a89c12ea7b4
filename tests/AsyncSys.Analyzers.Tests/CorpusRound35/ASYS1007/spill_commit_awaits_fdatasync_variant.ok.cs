// The async commit awaits the generated fdatasync variant.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Blocking.SpillCommitFdatasyncAsync;

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
        await Native.FdatasyncAsync(ring, segmentFd, ct);
        _committed = offset + batch.Length;
    }

    public long Committed => _committed;
}
