// The journal reads fdatasync's errno before anything else runs and carries it in an ErrnoException; the filter logs and the catch decides from e.Errno, not from the thread's saved error.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.FdatasyncFilterOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static partial int Fdatasync(int fd);
}

internal sealed class Journal(IoRing ring, int fd, TextWriter log)
{
    private const int Eio = 5;
    private long _tail;

    public bool Poisoned { get; private set; }

    public async Task CommitAsync(ReadOnlyMemory<byte> batch, CancellationToken ct)
    {
        try
        {
            await ring.WriteAsync(fd, batch, _tail, ct).ConfigureAwait(false);
            _tail += batch.Length;
            if (Native.Fdatasync(fd) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                throw new ErrnoException(errno, "fdatasync");
            }
        }
        catch (ErrnoException e) when (Log(e))
        {
            Poisoned = e.Errno == Eio;
            throw;
        }
    }

    private bool Log(Exception e)
    {
        log.WriteLine("journal commit at " + _tail + ": " + e.Message);
        return true;
    }
}
