// The access log formats a batch of lines into a fixed 4 KiB page with a StreamWriter over a MemoryStream over the page and writes the whole page with pwrite, without flushing the writer first: its Dispose at the end of the using puts the buffered lines into the page while the pwrite reads it.
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
        /*~ASYS1005*/using var writer = new StreamWriter(new MemoryStream(page), Encoding.ASCII, 1024);
        foreach (string line in lines)
        {
            writer.WriteLine(line);
        }

        long offset = _nextPage;
        _nextPage += PageSize;
        return Libc.PWriteAsync(fd, page.AsMemory(0, PageSize), offset, ct);
    }
}
