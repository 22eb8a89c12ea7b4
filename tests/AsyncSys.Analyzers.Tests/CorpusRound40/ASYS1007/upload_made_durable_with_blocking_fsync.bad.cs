// An upload handler writes the request body with the generated pwrite variant, then makes the file durable with the blocking fsync wrapper before answering 201.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Uploads;

internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

internal static class UploadStore
{
    public static async Task<int> StoreAsync(int file, IAsyncEnumerable<ReadOnlyMemory<byte>> body, CancellationToken ct)
    {
        long offset = 0;
        await foreach (ReadOnlyMemory<byte> chunk in body.WithCancellation(ct))
        {
            offset += await Libc.PWriteAsync(file, chunk, offset, ct);
        }

        if (/*~ASYS1007*/Libc.Fsync(file) < 0)
        {
            return 500;
        }

        return 201;
    }
}
