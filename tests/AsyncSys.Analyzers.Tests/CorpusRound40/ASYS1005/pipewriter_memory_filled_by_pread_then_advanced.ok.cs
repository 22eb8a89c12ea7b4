// A static file is streamed into the response's PipeWriter: each chunk is read with pread straight into the memory GetMemory hands out, awaited, and only then committed with Advance and flushed.
using System;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace StaticFiles;

internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

internal static class PipeFileCopier
{
    public static async Task CopyFileAsync(int file, long length, PipeWriter output, CancellationToken ct)
    {
        long offset = 0;
        while (offset < length)
        {
            Memory<byte> memory = output.GetMemory(16 * 1024);
            int want = (int)Math.Min(memory.Length, length - offset);
            nint n = await Libc.PReadAsync(file, memory[..want], offset, ct);
            if (n <= 0)
            {
                break;
            }

            output.Advance((int)n);
            offset += n;
            FlushResult flushed = await output.FlushAsync(ct);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                break;
            }
        }

        await output.CompleteAsync();
    }
}
