// stackalloc passed to the blocking wrapper: the call is over before the frame is.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

internal static unsafe class SuperBlock
{
    public static ushort ReadMagic(int fd)
    {
        byte* magic = stackalloc byte[2];
        nint n = Libc.PRead(fd, magic, 2, 1080);
        return n == 2 ? (ushort)(magic[0] | (magic[1] << 8)) : (ushort)0;
    }
}
