// An async cache store calls the blocking fsync wrapper although the generator gave it FsyncAsync: the calling thread
// (a thread-pool thread serving many parallel stores) blocks for the whole flush, and under load the pool starves.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.Blocking.CasStoreFsync;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Fsync(int fd);
}

public sealed class BlobStore(IoRing ring)
{
    public async Task StoreAsync(int blobFd, byte[] content, CancellationToken ct)
    {
        await ring.WriteAsync(blobFd, content, 0, ct);
        if (/*~ASYS1007*/Native.Fsync(blobFd) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fsync");
        }
    }
}
