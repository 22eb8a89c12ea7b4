// The same store awaiting the generated FsyncAsync.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.Blocking.CasStoreFsyncAsync;

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
        await Native.FsyncAsync(blobFd, ct);
    }
}
