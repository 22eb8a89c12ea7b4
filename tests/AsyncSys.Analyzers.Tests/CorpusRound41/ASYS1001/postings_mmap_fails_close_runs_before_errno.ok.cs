// A search segment reader maps its postings file read-only and closes the descriptor right away; mmap's errno is kept before that close and used after it.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Search.Store;

internal static unsafe partial class Native
{
    internal const int O_RDONLY = 0;
    internal const int PROT_READ = 1;
    internal const int MAP_SHARED = 1;

    [DllImport("libc", SetLastError = true)]
    internal static extern int open(string path, int flags);

    [DllImport("libc", SetLastError = true)]
    internal static extern void* mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [DllImport("libc", SetLastError = true)]
    internal static extern int munmap(void* address, nuint length);

    [DllImport("libc", SetLastError = true)]
    internal static extern int close(int fd);
}

public sealed unsafe class MappedPostings : IDisposable
{
    private byte* _start;
    private readonly nuint _length;

    private MappedPostings(byte* start, nuint length)
    {
        _start = start;
        _length = length;
    }

    public ReadOnlySpan<byte> Bytes => new(_start, (int)_length);

    public static MappedPostings Open(string path, long length)
    {
        int fd = Native.open(path, Native.O_RDONLY);
        if (fd < 0) throw new ErrnoException(Marshal.GetLastPInvokeError(), "open", path);
        void* start = Native.mmap(null, (nuint)length, Native.PROT_READ, Native.MAP_SHARED, fd, 0);
        int mapError = Marshal.GetLastPInvokeError();
        Native.close(fd);
        if ((nint)start == -1) throw new ErrnoException(mapError, "mmap", path);
        return new MappedPostings((byte*)start, (nuint)length);
    }

    public void Dispose()
    {
        if (_start != null)
        {
            Native.munmap(_start, _length);
            _start = null;
        }
    }
}
