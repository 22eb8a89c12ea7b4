// The sniffer made right for its size: 16 bytes are read with a plain synchronous pread into stackalloc memory, which
// completes before the frame ends; only the icon lookup is async.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Round32.Stack.SnifferStackallocSync;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static extern nint Pread(int fd, byte* buffer, nuint count, long offset);
}

public sealed class MagicSniffer(Func<uint, Task<string>> iconFor)
{
    public Task<string> SniffAsync(int fd)
    {
        uint magic = ReadMagic(fd);
        return iconFor(magic);
    }

    private static unsafe uint ReadMagic(int fd)
    {
        byte* bytes = stackalloc byte[4];
        nint n = Native.Pread(fd, bytes, 4, 0);
        return n == 4 ? (uint)(bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24) : 0u;
    }
}
