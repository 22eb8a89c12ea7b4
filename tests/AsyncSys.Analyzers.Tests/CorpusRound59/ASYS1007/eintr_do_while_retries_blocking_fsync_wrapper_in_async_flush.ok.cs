// The WAL's flush awaits the generated fsync variant inside the same do/while, retrying when it fails with EINTR; no pool thread waits for the disk.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.EintrDoWhileFsyncOk;

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
        bool interrupted;
        do
        {
            try
            {
                await Native.FsyncAsync(ring, fd, ct).ConfigureAwait(false);
                interrupted = false;
            }
            catch (ErrnoException e) when (e.Errno == Eintr)
            {
                interrupted = true;
            }
        }
        while (interrupted);
    }
}
