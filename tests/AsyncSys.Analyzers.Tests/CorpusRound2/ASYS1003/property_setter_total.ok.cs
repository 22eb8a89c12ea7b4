// The wrapper adds to the field with Interlocked.Add; the property only reads it.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round2;

internal static unsafe partial class Directory64
{
    private static long s_bytesListed;

    internal static long BytesListed => Interlocked.Read(ref s_bytesListed);

    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    private static partial nint GetDentsRaw(int fd, byte* buffer, nuint count);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static nint GetDents(int fd, [OutputBuffer(nameof(count))] byte* buffer, nuint count)
    {
        nint n = GetDentsRaw(fd, buffer, count);
        if (n > 0)
        {
            Interlocked.Add(ref s_bytesListed, n);
        }

        return n;
    }
}
