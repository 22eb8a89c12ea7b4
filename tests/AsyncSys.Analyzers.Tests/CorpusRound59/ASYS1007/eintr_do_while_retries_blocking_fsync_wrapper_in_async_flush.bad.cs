// A WAL's flush awaits the ring write of its buffer and then makes the segment durable with the generated fsync wrapper's synchronous form, retried in a do/while while it fails with EINTR. The async method blocks its pool thread for the whole fsync (milliseconds to seconds on a busy disk), every retry included, though the wrapper has an awaitable variant.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.EintrDoWhileFsyncBad;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

internal sealed class WriteAheadLog(IoRing ring, int fd)
{
    private const int Eintr = 4;
    private long _tail;

    public async Task FlushAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct)
    {
        await ring.WriteAsync(fd, buffer, _tail, ct).ConfigureAwait(false);
        _tail += buffer.Length;
        int rc;
        int errno = 0;
        do
        {
            rc = /*~ASYS1007*/Native.Fsync(fd);
            if (rc < 0)
            {
                errno = Marshal.GetLastPInvokeError();
            }
        }
        while (rc < 0 && errno == Eintr);

        if (rc < 0)
        {
            throw new IOException("fsync of the WAL failed, errno " + errno);
        }
    }
}
