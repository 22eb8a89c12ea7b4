// A segment writer formats the commit point's text through an AutoFlush StreamWriter over a MemoryStream on the page it pwrites, every line written before the pwrite starts; it returns the pwrite's task from inside the writer's using, whose Dispose has nothing left to write.
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Search.Index;

public static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

public sealed class CommitPointWriter
{
    private const int PageSize = 4096;

    public ValueTask<nint> WriteAsync(int fd, byte[] page, long generation, IReadOnlyList<string> segments, uint checksum, CancellationToken ct)
    {
        using var text = new StreamWriter(new MemoryStream(page), Encoding.ASCII) { AutoFlush = true };
        text.WriteLine($"generation {generation}");
        foreach (string segment in segments) text.WriteLine(segment);
        text.WriteLine($"checksum {checksum:x8}");
        return Libc.PWriteAsync(fd, page.AsMemory(0, PageSize), 0, ct);
    }
}
