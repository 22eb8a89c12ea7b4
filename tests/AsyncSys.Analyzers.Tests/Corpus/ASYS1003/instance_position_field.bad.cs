// An instance wrapper keeps the file cursor in a field; overlapping calls lose updates.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal sealed unsafe partial class SequentialFile(int fd)
{
    private long _position;

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int ReadNext(byte[] buffer)
    {
        nint n;
        fixed (byte* p = buffer)
        {
            n = PRead(fd, p, (nuint)buffer.Length, _position);
        }

        if (n > 0)
        {
            /*~ASYS1003*/_position += n;
        }

        return (int)n;
    }
}
