using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round3.Dirs;

public static partial class DirectoryCache
{
    private const int O_DIRECTORY = 0x10000;
    private static readonly Dictionary<string, int> s_fds = new(StringComparer.Ordinal);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int open(string path, int flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int OpenDirectory(string path)
    {
        if (s_fds.TryGetValue(path, out int cached))
        {
            return cached;
        }

        int fd = open(path, O_DIRECTORY);
        if (fd >= 0)
        {
            /*~ASYS1003*/s_fds.Add(path, fd);
        }

        return fd;
    }
}
