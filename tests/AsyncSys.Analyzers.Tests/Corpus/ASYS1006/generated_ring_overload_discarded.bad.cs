// The generated overload that takes a ring is called for its side effect and its task dropped.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "posix_fadvise", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int FAdvise(int fd, long offset, long length, int advice);
}

internal static class ReadAhead
{
    private const int WillNeed = 3;

    public static void Hint(IoRing ring, int fd, long offset, long length)
    {
        /*~ASYS1006*/Libc.FAdviseAsync(ring, fd, offset, length, WillNeed);
    }
}
