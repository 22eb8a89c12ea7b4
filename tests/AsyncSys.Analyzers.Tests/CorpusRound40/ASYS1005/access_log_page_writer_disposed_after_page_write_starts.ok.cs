// The access log formats a batch of lines into a fixed 4 KiB page with a StreamWriter over a MemoryStream over the page, flushes the writer, and only then writes the whole page with pwrite: the writer's Dispose at the end of the using has nothing left to put into the page.
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace AccessLogging;

internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

internal sealed class PagedAccessLog(int fd)
{
    private const int PageSize = 4096;
    private long _nextPage;

    public ValueTask<nint> AppendPageAsync(byte[] page, IReadOnlyList<string> lines, CancellationToken ct)
    {
        Array.Clear(page);
        using var writer = new StreamWriter(new MemoryStream(page), Encoding.ASCII, 1024);
        foreach (string line in lines)
        {
            writer.WriteLine(line);
        }

        writer.Flush();
        long offset = _nextPage;
        _nextPage += PageSize;
        return Libc.PWriteAsync(fd, page.AsMemory(0, PageSize), offset, ct);
    }
}
