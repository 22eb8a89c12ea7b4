using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Errno.BetweenAwaits;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int renameat(int oldDirFd, string oldPath, int newDirFd, string newPath);
}

internal sealed class AtomicReplace(IoRing ring, int dirFd)
{
    public async Task ReplaceAsync(int fileFd, string temporary, string final, CancellationToken cancellationToken)
    {
        await ring.FsyncAsync(fileFd, cancellationToken).ConfigureAwait(false);
        if (Native.renameat(dirFd, temporary, dirFd, final) < 0)
        {
            // Same thread as the renameat: no await between the call and the read.
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "renameat", final);
        }

        await ring.FsyncAsync(dirFd, cancellationToken).ConfigureAwait(false);
    }
}
