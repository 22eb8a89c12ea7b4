// A journal's commit awaits the ring write of the batch, then makes fdatasync directly and throws an IOException when it fails. The catch, entered through an exception filter that logs the failure, only then asks Marshal.GetLastPInvokeError() for the errno to decide whether the journal is poisoned: between fdatasync and the read ran the IOException's constructor and the filter's logging, either of which may make a P/Invoke of its own.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.FdatasyncFilterBad;

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
                throw new IOException("fdatasync of the journal failed");
            }
        }
        catch (IOException e) when (Log(e))
        {
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            Poisoned = errno == Eio;
            throw;
        }
    }

    private bool Log(Exception e)
    {
        log.WriteLine("journal commit at " + _tail + ": " + e.Message);
        return true;
    }
}
