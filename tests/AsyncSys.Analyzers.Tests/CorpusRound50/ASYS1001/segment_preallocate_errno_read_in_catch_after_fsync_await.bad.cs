// A segment roller preallocates the next segment with posix_fallocate-style fallocate and, in the same try, awaits the directory's fsync; the catch that maps failures to a disk-full signal reads errno there, which after the fsync's await (the path by which the catch is reached when the fsync throws, or when fallocate failed after it) is another thread's.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.SegmentCatchBad;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    internal static partial int Fallocate(int fd, int mode, long offset, long length);
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
                await ring.FsyncAsync(dirFd, ct).ConfigureAwait(false);
                throw new IOException("fallocate failed");
            }

            return true;
        }
        catch (IOException)
        {
            if (/*~ASYS1001*/Marshal.GetLastPInvokeError() == ENOSPC)
            {
                onDiskFull();
            }

            return false;
        }
    }
}
