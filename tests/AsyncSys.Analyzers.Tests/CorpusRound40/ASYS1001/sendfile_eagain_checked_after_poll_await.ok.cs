// A static-file response sends with non-blocking sendfile; errno is taken right after a failed call, and only an EAGAIN waits for POLLOUT on the ring before the next try.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace StaticFiles;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    internal static partial nint SendFile(int outFd, int inFd, ref long offset, nuint count);
}

internal sealed class NonBlockingFileSender(IoRing ring)
{
    private const int EAGAIN = 11;

    public async Task<long> SendAsync(int socket, int file, long offset, long length, CancellationToken ct)
    {
        long start = offset;
        long end = offset + length;
        while (offset < end)
        {
            nint sent = Libc.SendFile(socket, file, ref offset, (nuint)Math.Min(end - offset, 1 << 20));
            if (sent > 0)
            {
                continue;
            }

            if (sent == 0)
            {
                break;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != EAGAIN)
            {
                throw new ErrnoException(errno, "sendfile");
            }

            await ring.PollAsync(socket, PollEvents.Out, ct);
        }

        return offset - start;
    }
}
