// A client for a Unix-socket database proxy dials with a blocking socket(2)+connect(2) wrapper run on AsyncSys
// workers (no ring opcode), and records each new descriptor in a static Dictionary keyed by socket path so that the
// pool can find and close it later. Pool warm-up dials a dozen connections at once: workers insert into the plain
// Dictionary concurrently, which can corrupt its buckets (lost entries, or an endless loop on the next lookup).
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using AsyncSys;

namespace Round28.Shared.UnixDialStaticDictionary;

internal static class Native
{
    internal const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000;

    [DllImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static extern int Socket(int domain, int type, int protocol);

    [DllImport("libc", EntryPoint = "connect", SetLastError = true)]
    internal static extern int Connect(int fd, byte[] address, int length);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public static partial class ProxyDialer
{
    private static readonly Dictionary<string, List<int>> s_fdsByPath = new();

    public static IReadOnlyList<int> Open(string path) => s_fdsByPath.TryGetValue(path, out var fds) ? fds : [];

    // Returns the connected descriptor, or -1 with errno.
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Dial(string socketPath)
    {
        byte[] address = new byte[110];
        BitConverter.TryWriteBytes(address.AsSpan(0, 2), (ushort)Native.AF_UNIX);
        int length = 2 + Encoding.UTF8.GetBytes(socketPath, address.AsSpan(2));

        int fd = Native.Socket(Native.AF_UNIX, Native.SOCK_STREAM | Native.SOCK_CLOEXEC, 0);
        if (fd < 0) return -1;
        if (Native.Connect(fd, address, length) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            Native.Close(fd);
            Marshal.SetLastPInvokeError(errno);
            return -1;
        }

        if (!s_fdsByPath.TryGetValue(socketPath, out var fds))
        {
            /*~ASYS1003*/s_fdsByPath[socketPath] = fds = new List<int>();
        }

        /*~ASYS1003*/fds.Add(fd);
        return fd;
    }
}
