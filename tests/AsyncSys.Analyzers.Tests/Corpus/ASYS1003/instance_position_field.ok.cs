// The offset is claimed with Interlocked before the read, so overlapping calls read distinct ranges.
using System.Runtime.InteropServices;
using System.Threading;
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
        long offset = Interlocked.Add(ref _position, buffer.Length) - buffer.Length;
        fixed (byte* p = buffer)
        {
            return (int)PRead(fd, p, (nuint)buffer.Length, offset);
        }
    }
}
