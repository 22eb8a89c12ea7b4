// A block reader ported from RandomAccess.Read to ring.ReadAsync kept the synchronous code's EINTR retry: the catch of the failed read asks Marshal.GetLastPInvokeError(), as the old code did right after pread. The read failed inside the ring and the await resumed on some pool thread: errno there is whatever that thread's last P/Invoke left, not the read's error.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.PreadErrnoInCatchBad;

internal sealed class BlockReader(IoRing ring, int fd)
{
    private const int Eintr = 4;

    public async Task<int> ReadBlockAsync(Memory<byte> destination, long offset, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return await ring.ReadAsync(fd, destination, offset, ct).ConfigureAwait(false);
            }
            catch (ErrnoException)
            {
                int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
                if (errno == Eintr)
                {
                    continue;
                }

                throw new IOException("pread of block at " + offset + " failed, errno " + errno);
            }
        }
    }
}
