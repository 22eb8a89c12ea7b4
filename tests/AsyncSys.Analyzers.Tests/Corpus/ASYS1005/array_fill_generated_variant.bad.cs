// Array.Fill on the buffer the generated pwrite variant is still writing.
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
        ValueTask<nint> write = Libc.PWriteAsync(fd, block, offset, cancellationToken);
        /*~ASYS1005*/Array.Fill(block, (byte)0xFF);
        return await write;
    }
}
