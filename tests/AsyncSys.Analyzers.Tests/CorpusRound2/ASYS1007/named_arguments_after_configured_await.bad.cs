// A blocking fallocate wrapper is called with named arguments after a ConfigureAwait(false) await.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static partial class Space
{
    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fallocate(int fd, int mode, long offset, long length);
}

internal static class Reservation
{
    public static async Task<int> GrowAsync(IoRing ring, int fd, long size, CancellationToken cancellationToken)
    {
        await ring.FsyncAsync(fd, cancellationToken).ConfigureAwait(false);
        return /*~ASYS1007*/Space.Fallocate(fd: fd, mode: 0, offset: 0, length: size);
    }
}
