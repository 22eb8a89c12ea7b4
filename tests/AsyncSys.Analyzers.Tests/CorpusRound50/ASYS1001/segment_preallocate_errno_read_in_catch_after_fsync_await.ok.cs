// A segment roller preallocates the next segment with fallocate after awaiting the directory's fsync; it reads errno right after a failed fallocate into the exception it throws, and the catch maps the number it carries to a disk-full signal.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.SegmentCatchOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    internal static partial int Fallocate(int fd, int mode, long offset, long length);
}

internal sealed class PreallocateException(int errno) : IOException("fallocate failed, errno " + errno)
{
    public int Errno { get; } = errno;
}

internal sealed class SegmentRoller(IoRing ring, int dirFd, Action onDiskFull)
{
    private const int ENOSPC = 28;

    public async Task<bool> PrepareAsync(int segmentFd, long size, CancellationToken ct)
    {
        try
        {
            await ring.FsyncAsync(dirFd, ct).ConfigureAwait(false);
            if (Native.Fallocate(segmentFd, 0, 0, size) != 0)
            {
                throw new PreallocateException(Marshal.GetLastPInvokeError());
            }

            return true;
        }
        catch (PreallocateException e)
        {
            if (e.Errno == ENOSPC)
            {
                onDiskFull();
            }

            return false;
        }
    }
}
