// A Pipelines connection handshake sets the accepted socket non-blocking with fcntl; when that fails it saves errno at once, then writes and flushes an error frame through the output PipeWriter and throws with the saved value.
using System;
using System.IO;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus52.HandshakeFlushErrnoOk;

internal static partial class Native
{
    internal const int F_SETFL = 4;
    internal const int O_NONBLOCK = 0x800;

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int cmd, int arg);
}

internal sealed class Handshake(int socket, PipeWriter output)
{
    private static readonly byte[] s_refusal = "ERR setup\r\n"u8.ToArray();

    public async Task RunAsync(CancellationToken ct)
    {
        if (Native.Fcntl(socket, Native.F_SETFL, Native.O_NONBLOCK) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            await output.WriteAsync(s_refusal, ct).ConfigureAwait(false);
            await output.FlushAsync(ct).ConfigureAwait(false);
            throw new IOException($"fcntl(F_SETFL) failed on socket {socket}, errno {errno}");
        }
    }
}
