using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round3.Dirs;

public static partial class DirectoryCache
{
    private const int O_DIRECTORY = 0x10000;
    private static readonly ConcurrentDictionary<string, int> s_fds = new(StringComparer.Ordinal);
    private static long s_opens;

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    public static long Opens => Interlocked.Read(ref s_opens);

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
            Interlocked.Increment(ref s_opens);
            if (!s_fds.TryAdd(path, fd))
            {
                close(fd);   // another worker won the race
                return s_fds[path];
            }
        }

        return fd;
    }
}
