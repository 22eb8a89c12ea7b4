// The rotator's synchronous recovery path preallocates with the blocking wrapper (recovery runs before the store
// accepts requests, on its own thread), while the async rotation awaits the generated variant.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.Blocking.RotationSyncRecovery;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fallocate(int fd, int mode, long offset, long length);
}

public sealed class SegmentRotator(IoRing ring, long segmentBytes)
{
    public void PreallocateForRecovery(int fd)
    {
        if (Native.Fallocate(fd, 0, 0, segmentBytes) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fallocate");
        }
    }

    public async Task RotateAsync(int fd, CancellationToken ct)
    {
        int rc = await Native.FallocateAsync(ring, fd, 0, 0, segmentBytes, ct);
        if (rc < 0)
        {
            throw new ErrnoException(-rc, "fallocate");
        }
    }
}
