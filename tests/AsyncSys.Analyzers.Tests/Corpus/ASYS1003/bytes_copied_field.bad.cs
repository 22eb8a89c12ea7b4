// A copy_file_range wrapper on an instance adds the bytes it moved to a field of the instance.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal sealed unsafe partial class Cloner(int source, int target)
{
    private long _bytesCopied;

    internal long BytesCopied => _bytesCopied;

    [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    private static partial nint CopyFileRange(int fdIn, long* offIn, int fdOut, long* offOut, nuint length, uint flags);

    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    public nint CopyRange(long offset, nuint length)
    {
        long from = offset;
        long to = offset;
        nint n = CopyFileRange(source, &from, target, &to, length, 0);
        if (n > 0)
        {
            /*~ASYS1003*/_bytesCopied += n;
        }

        return n;
    }
}
