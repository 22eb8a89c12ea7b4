// A fixed pointer passed to the blocking wrapper inside the fixed block.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);
}

internal static unsafe class Superblock
{
    public static nint Write(int fd, byte[] block)
    {
        fixed (byte* p = block)
        {
            return Libc.PWrite(fd, p, (nuint)block.Length, 0);
        }
    }
}
