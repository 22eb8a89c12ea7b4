// The local function counts retries into a local of the call.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Sem
{
    [LibraryImport("libc", EntryPoint = "semop", SetLastError = true)]
    private static partial int SemOp(int semId, nint operations, nuint count);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Acquire(int semId, nint operation)
    {
        int result;
        int retries = 0;
        while ((result = SemOp(semId, operation, 1)) < 0 && Marshal.GetLastPInvokeError() == 4)
        {
            CountRetry(ref retries);
        }

        return result < 0 ? result : retries;

        static void CountRetry(ref int count) => count++;
    }
}
