// Fields of an object created in this call are set one by one: still per call.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal sealed class SpliceResult
{
    public long Moved;
    public int Errno;
}

internal static partial class Splicer
{
    [LibraryImport("libc", EntryPoint = "tee", SetLastError = true)]
    private static partial nint Tee(int fdIn, int fdOut, nuint length, uint flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static long Duplicate(int from, int to, nuint length)
    {
        var result = new SpliceResult();
        result.Moved = Tee(from, to, length, 0);
        result.Errno = result.Moved < 0 ? Marshal.GetLastPInvokeError() : 0;
        return result.Errno == 0 ? result.Moved : -result.Errno;
    }
}
