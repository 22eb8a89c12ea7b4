// A block reader ported from RandomAccess.Read to ring.ReadAsync retries EINTR by the errno the ring's ErrnoException carries, which is the read's own error whatever thread the await resumed on.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.PreadErrnoInCatchOk;

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
            catch (ErrnoException e) when (e.Errno == Eintr)
            {
            }
            catch (ErrnoException e)
            {
                throw new IOException("pread of block at " + offset + " failed, errno " + e.Errno, e);
            }
        }
    }
}
