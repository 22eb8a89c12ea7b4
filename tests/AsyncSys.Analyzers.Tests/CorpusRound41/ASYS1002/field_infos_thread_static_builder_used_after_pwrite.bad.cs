// An index builder formats a segment's field infos in a [ThreadStatic] StringBuilder, awaits the pwrite of them, then appends the footer to the builder it took before the await.
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Search.Index;

public static unsafe partial class Libc
{
    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

public sealed class FieldInfosWriter
{
    [ThreadStatic] private static StringBuilder? t_text;

    private readonly int _fd;
    private readonly List<string> _manifest = new();
    private long _offset;

    public FieldInfosWriter(int fd) => _fd = fd;

    public async Task WriteAsync(IReadOnlyList<string> fields, byte[] block, CancellationToken ct)
    {
        StringBuilder text = t_text ??= new StringBuilder(1024);
        text.Clear();
        foreach (string field in fields) text.Append(field).Append('\n');
        int n = Encoding.UTF8.GetBytes(text.ToString(), block);
        await Libc.PWriteAsync(_fd, block.AsMemory(0, n), _offset, ct);
        _offset += n;
        /*~ASYS1002*/text.Append("# end ").Append(_offset);
        _manifest.Add(text.ToString());
    }
}
