// An offloaded wrapper adds to a static property whose setter writes a plain field.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static unsafe partial class Directory64
{
    private static long s_bytesListed;

    internal static long BytesListed
    {
        get => s_bytesListed;
        private set => s_bytesListed = value;
    }

    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    private static partial nint GetDentsRaw(int fd, byte* buffer, nuint count);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static nint GetDents(int fd, [OutputBuffer(nameof(count))] byte* buffer, nuint count)
    {
        nint n = GetDentsRaw(fd, buffer, count);
        if (n > 0)
        {
            /*~ASYS1003*/BytesListed += n;
        }

        return n;
    }
}
