// The same O_DIRECT fallback written right: errno is captured on the line after the failed open, then logged and tested.
using System;
using System.Runtime.InteropServices;

namespace Round20.Errno.ShardOpenDirectCaptured;

internal static partial class Native
{
    internal const int O_RDONLY = 0;
    internal const int O_DIRECT = 0x4000;
    internal const int EINVAL = 22;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags, int mode);
}

public static class ShardFiles
{
    public static (int Fd, bool Direct) OpenShard(string path)
    {
        int fd = Native.Open(path, Native.O_RDONLY | Native.O_DIRECT, 0);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Console.Error.WriteLine($"shard {path}: O_DIRECT refused (errno {errno}), trying buffered");
            if (errno != Native.EINVAL)
            {
                throw new InvalidOperationException("cannot open shard " + path);
            }

            fd = Native.Open(path, Native.O_RDONLY, 0);
            if (fd < 0)
            {
                throw new InvalidOperationException("cannot open shard " + path + ": errno " + Marshal.GetLastPInvokeError());
            }

            return (fd, false);
        }

        return (fd, true);
    }
}
