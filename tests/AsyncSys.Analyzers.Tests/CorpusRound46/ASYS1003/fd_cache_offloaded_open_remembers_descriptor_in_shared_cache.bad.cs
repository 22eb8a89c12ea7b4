// A table cache's offloaded open wrapper remembers each descriptor in a shared cache object whose Remember method sets a plain Dictionary entry; workers run the wrapper for different files at once.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus46.FdCacheBad;

internal sealed class DescriptorCache
{
    private readonly Dictionary<string, int> _byPath = new(StringComparer.Ordinal);

    public bool TryGet(string path, out int fd) => _byPath.TryGetValue(path, out fd);

    public void Remember(string path, int fd)
    {
        if (fd >= 0)
        {
            /*~ASYS1003*/_byPath[path] = fd;
        }
    }
}

internal static partial class TableFiles
{
    internal static readonly DescriptorCache Cache = new();

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int OpenCached(string path, int flags)
    {
        if (Cache.TryGet(path, out int cached))
        {
            return cached;
        }

        int fd = Open(path, flags, 0);
        Cache.Remember(path, fd);
        return fd;
    }
}
