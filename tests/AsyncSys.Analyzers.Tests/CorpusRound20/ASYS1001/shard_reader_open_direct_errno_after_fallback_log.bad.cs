// A dataset shard reader opens each shard with O_DIRECT; when the filesystem refuses it (EINVAL on tmpfs/overlayfs) it
// falls back to buffered reads. The fallback log line is written before errno is read, so the EINVAL test sees the
// console write's saved error, never falls back, and the loader dies on every tmpfs-staged shard.
using System;
using System.Runtime.InteropServices;

namespace Round20.Errno.ShardOpenDirectLogFirst;

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
            Console.Error.WriteLine($"shard {path}: O_DIRECT refused, trying buffered");
            if (/*~ASYS1001*/Marshal.GetLastPInvokeError() != Native.EINVAL)
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
