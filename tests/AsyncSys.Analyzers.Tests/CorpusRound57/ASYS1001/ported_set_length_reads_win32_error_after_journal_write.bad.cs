// A FileStream.SetLength port truncates with ftruncate, then (new in the port) awaits the ring write of the journal record of the new length before testing the result; the old synchronous code read Marshal.GetLastWin32Error() right after the call, and the port still reads it there, after the await, on another thread.
using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.SetLengthWin32ErrorBad;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static partial int Ftruncate(int fd, long length);
}

internal sealed class JournaledFile(IoRing ring, int dataFd, int journalFd)
{
    private readonly byte[] _record = new byte[16];
    private long _journalOffset;

    public async Task SetLengthAsync(long length, CancellationToken ct)
    {
        int rc = Libc.Ftruncate(dataFd, length);
        BinaryPrimitives.WriteInt64LittleEndian(_record, length);
        BinaryPrimitives.WriteInt64LittleEndian(_record.AsSpan(8), rc);
        await ring.WriteAsync(journalFd, _record, _journalOffset, ct).ConfigureAwait(false);
        _journalOffset += _record.Length;
        if (rc < 0)
        {
            throw new IOException("ftruncate to " + length + " failed, error " + /*~ASYS1001*/Marshal.GetLastWin32Error());
        }
    }
}
