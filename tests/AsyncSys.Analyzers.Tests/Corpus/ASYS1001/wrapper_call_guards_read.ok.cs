// errno read for a managed wrapper whose result the if tests, after an earlier P/Invoke: it describes the wrapper's call.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Sys
{
    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int Bind(int fd, byte* address, uint length);

    // Marshals the address, then makes the P/Invoke: errno is bind's when it returns.
    internal static int Bind(int fd, ReadOnlySpan<byte> address)
    {
        fixed (byte* p = address)
        {
            return Bind(fd, p, (uint)address.Length);
        }
    }
}

internal static class Listener
{
    public static int Open(ReadOnlySpan<byte> address)
    {
        int fd = Sys.Socket(1, 1, 0);
        if (fd < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "socket");
        }

        if (Sys.Bind(fd, address) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "bind");
        }

        return fd;
    }
}
