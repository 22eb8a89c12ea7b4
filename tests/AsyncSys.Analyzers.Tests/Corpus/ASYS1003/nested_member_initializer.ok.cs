// A nested member initializer fills an object owned by a fresh request.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal sealed class Range
{
    public long Start;
    public long Length;
}

internal sealed class PunchRequest
{
    public Range Range { get; } = new();
    public int Mode;
}

internal static partial class Holes
{
    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int FAllocate(int fd, int mode, long offset, long length);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Punch(int fd, long offset, long length)
    {
        var request = new PunchRequest { Mode = 0x02 | 0x01, Range = { Start = offset, Length = length } };
        return FAllocate(fd, request.Mode, request.Range.Start, request.Range.Length);
    }
}
