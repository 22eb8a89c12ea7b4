// A dataset writer writes every chunk with Parallel.For whose lambda drops each pwrite's task: the loop ends with the writes still running and their errors lost.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

public sealed class DatasetWriter(int fd, int chunkBytes)
{
    public void WriteAll(ReadOnlyMemory<byte>[] chunks, long dataOffset)
    {
        Parallel.For(0, chunks.Length, i =>
        {
            /*~ASYS1006*/Native.PWriteAsync(fd, chunks[i], dataOffset + (long)i * chunkBytes);
        });
    }
}
