// The block is refilled only once the generated pwrite variant completed.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

internal static class Scrubber
{
    public static async Task<nint> ZeroRangeAsync(int fd, byte[] block, long offset, CancellationToken cancellationToken)
    {
        nint written = await Libc.PWriteAsync(fd, block, offset, cancellationToken);
        Array.Fill(block, (byte)0xFF);
        return written;
    }
}
