// A MySQL-style driver performs its TLS handshake with a blocking shim wrapped by an ordinary method marked for an
// AsyncSys worker. The async OpenAsync awaits the generated variant: the handshake runs on a worker and a failure
// arrives as ErrnoException.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.Blocking.MySqlTlsHandshakeVariant;

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
        await HandshakeAsync(5000, ct);
    }
}
