// The wrapper counts retries through a local function that increments a static field.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Sem
{
    private static int s_retries;

    internal static int Retries => s_retries;

    [LibraryImport("libc", EntryPoint = "semop", SetLastError = true)]
    private static partial int SemOp(int semId, nint operations, nuint count);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Acquire(int semId, nint operation)
    {
        int result;
        while ((result = SemOp(semId, operation, 1)) < 0 && Marshal.GetLastPInvokeError() == 4)
        {
            CountRetry();
        }

        return result;

        static void CountRetry() => /*~ASYS1003*/s_retries++;
    }
}
