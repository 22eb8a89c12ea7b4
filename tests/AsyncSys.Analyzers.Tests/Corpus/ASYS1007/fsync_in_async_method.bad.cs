// An async commit calls the blocking fsync wrapper after awaiting the write.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

internal static class Commit
{
    public static async Task CommitAsync(IoRing ring, int fd, ReadOnlyMemory<byte> record, long offset, CancellationToken cancellationToken)
    {
        await ring.WriteAsync(fd, record, offset, cancellationToken);
        if (/*~ASYS1007*/Libc.Fsync(fd) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fsync");
        }
    }
}
