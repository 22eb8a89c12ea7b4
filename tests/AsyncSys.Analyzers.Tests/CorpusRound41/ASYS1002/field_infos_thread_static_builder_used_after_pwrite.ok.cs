// An index builder formats a segment's field infos in a [ThreadStatic] StringBuilder and awaits their pwrite; the footer is built after the await in the builder of the thread it now runs on, taken again and cleared.
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
        string body = text.ToString();
        int n = Encoding.UTF8.GetBytes(body, block);
        await Libc.PWriteAsync(_fd, block.AsMemory(0, n), _offset, ct);
        _offset += n;
        StringBuilder footer = t_text ??= new StringBuilder(1024);
        footer.Clear();
        footer.Append(body).Append("# end ").Append(_offset);
        _manifest.Add(footer.ToString());
    }
}
