// A MySQL-style driver performs its TLS handshake with a blocking shim wrapped by an ordinary method marked for an
// AsyncSys worker. The async OpenAsync calls the wrapper itself instead of its generated variant: the handshake's round
// trips block a thread-pool thread, and warming up a pool of 50 connections starves the thread pool.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.Blocking.MySqlTlsHandshakeWrapper;

internal static class Native
{
    [DllImport("libdbshim", EntryPoint = "dbshim_tls_handshake", SetLastError = true)]
    internal static extern int TlsHandshake(int fd, int timeoutMs);
}

public sealed partial class TlsSession(int fd)
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Handshake(int timeoutMs) => Native.TlsHandshake(fd, timeoutMs);

    public async Task OpenAsync(IoRing ring, byte[] address, CancellationToken ct)
    {
        await ring.ConnectAsync(fd, address, ct);
        if (/*~ASYS1007*/Handshake(5000) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "handshake");
        }
    }
}
