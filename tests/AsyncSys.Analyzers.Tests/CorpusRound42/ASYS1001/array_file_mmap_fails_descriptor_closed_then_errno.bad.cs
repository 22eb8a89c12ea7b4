// Mapping a dense array file fails; the descriptor is closed (a P/Invoke that sets errno) before errno is read for mmap.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace ArrayStore;

internal static unsafe partial class Native
{
    internal const int PROT_READ = 1;
    internal const int MAP_SHARED = 1;

    [LibraryImport("libc", SetLastError = true)]
    internal static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags);
}

public sealed unsafe class MappedArray<T> where T : unmanaged
{
    private readonly void* _base;
    private readonly long _count;

    private MappedArray(void* address, long count) { _base = address; _count = count; }

    public ReadOnlySpan<T> Row(long start, int length) => new((T*)_base + start, (int)Math.Min(length, _count - start));

    public static MappedArray<T> Open(string path, long count)
    {
        int fd = Native.open(path, 0);
        if (fd < 0) throw new ErrnoException(Marshal.GetLastPInvokeError(), "open");
        void* address = Native.mmap(null, (nuint)(count * sizeof(T)), Native.PROT_READ, Native.MAP_SHARED, fd, 0);
        if (address == (void*)-1)
        {
            Native.close(fd);
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "mmap " + path);
        }

        Native.close(fd);
        return new MappedArray<T>(address, count);
    }
}
