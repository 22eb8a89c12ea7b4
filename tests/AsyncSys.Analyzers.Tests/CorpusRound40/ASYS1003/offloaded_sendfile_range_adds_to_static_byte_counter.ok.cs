// An offloaded sendfile wrapper for static-file ranges adds every transfer to a static byte counter with Interlocked.Add.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace StaticFiles;

internal static partial class RangeTransfer
{
    internal static long s_bytesServed;

    [LibraryImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    private static partial nint SendFileRaw(int outFd, int inFd, ref long offset, nuint count);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static nint SendRange(int socket, int file, long offset, nuint count)
    {
        nint sent = SendFileRaw(socket, file, ref offset, count);
        if (sent > 0)
        {
            Interlocked.Add(ref s_bytesServed, sent);
        }

        return sent;
    }
}
