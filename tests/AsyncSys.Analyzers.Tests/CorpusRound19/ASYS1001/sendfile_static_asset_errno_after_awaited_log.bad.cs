// A static-asset front end pushes files to non-blocking client sockets with sendfile and waits for POLLOUT on the ring
// when the socket is full. On a failed sendfile it first awaits a line to its access log, then reads errno to decide
// between "wait for POLLOUT" (EAGAIN) and "give up": after the await the method may run on another thread, whose
// errno has nothing to do with this sendfile, so slow clients get their downloads aborted.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.Errno.SendfileAwaitedLog;

internal static class Native
{
    [DllImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    internal static extern nint SendFile(int outFd, int inFd, ref long offset, nint count);
}

public sealed class AssetSender(IoRing ring, TextWriter accessLog)
{
    private const int EAGAIN = 11;

    public async ValueTask<long> ServeAsync(int socketFd, int fileFd, long length, CancellationToken ct)
    {
        long offset = 0;
        while (offset < length)
        {
            nint n = Native.SendFile(socketFd, fileFd, ref offset, (nint)(length - offset));
            if (n < 0)
            {
                await accessLog.WriteLineAsync($"sendfile to {socketFd} stalled at {offset}");
                if (/*~ASYS1001*/Marshal.GetLastPInvokeError() != EAGAIN)
                {
                    return offset;
                }

                await ring.PollAsync(socketFd, PollEvents.Out, ct);
            }
        }

        return offset;
    }
}
