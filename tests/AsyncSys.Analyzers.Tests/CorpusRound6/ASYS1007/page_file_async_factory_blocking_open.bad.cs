using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Blocking.PageFileOpen;

internal static partial class FileNative
{
    public const int O_RDWR = 2;
    public const int O_CREAT = 0x40;
    public const int O_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [AsyncSyscall]
    public static partial int Open(string path, int flags, int mode);
}

/// <summary>An embedded key-value store's page file, opened by an async factory that then reads the header page.</summary>
internal sealed class PageFile : IAsyncDisposable
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly byte[] _header = new byte[4096];

    private PageFile(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public static async Task<PageFile> OpenAsync(IoRing ring, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path) ?? ".");
        int fd = /*~ASYS1007*/FileNative.Open(path, FileNative.O_RDWR | FileNative.O_CREAT | FileNative.O_CLOEXEC, 0x1A4);
        if (fd < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "open", path);
        }

        var file = new PageFile(ring, fd);
        await file.ReadHeaderAsync(cancellationToken);
        return file;
    }

    private async ValueTask ReadHeaderAsync(CancellationToken cancellationToken)
    {
        int n = await _ring.ReadAsync(_fd, _header, 0, cancellationToken);
        if (n < _header.Length)
        {
            _header.AsSpan(n).Clear();
        }
    }

    public async ValueTask DisposeAsync() => await _ring.CloseAsync(_fd);
}
