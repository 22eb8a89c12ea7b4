// Segment rotation preallocates the next WAL segment in an async local function that the rotation awaits. The local
// function calls the blocking fallocate wrapper: a 1 GiB preallocation on ext4 can take long, and it holds a pool
// thread the whole time while the generated variant would have run it on the ring.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.Blocking.RotationFallocateLocalFunction;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fallocate(int fd, int mode, long offset, long length);
}

public sealed class SegmentRotator(IoRing ring, long segmentBytes)
{
    public async Task<int> RotateAsync(string nextPath, CancellationToken ct)
    {
        var handle = await ring.OpenAsync(nextPath, OpenFlags.Create | OpenFlags.WriteOnly | OpenFlags.CloseOnExec, cancellationToken: ct);
        int fd = (int)handle.DangerousGetHandle();
        await PreallocateAsync();
        return fd;

        async Task PreallocateAsync()
        {
            await Task.Yield();
            if (/*~ASYS1007*/Native.Fallocate(fd, 0, 0, segmentBytes) != 0)
            {
                throw new ErrnoException(Marshal.GetLastPInvokeError(), "fallocate");
            }
        }
    }
}
