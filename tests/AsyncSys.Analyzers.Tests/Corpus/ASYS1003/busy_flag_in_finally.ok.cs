// A count of calls in flight kept with Interlocked.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus;

internal static partial class Quota
{
    private static int s_inFlight;

    internal static bool Busy => Volatile.Read(ref s_inFlight) > 0;

    [LibraryImport("libc", EntryPoint = "quotactl", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int QuotaCtl(int command, string special, int id, nint address);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Sync(string device)
    {
        Interlocked.Increment(ref s_inFlight);
        try
        {
            return QuotaCtl(0x800001, device, 0, 0);
        }
        finally
        {
            Interlocked.Decrement(ref s_inFlight);
        }
    }
}
