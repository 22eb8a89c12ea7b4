// A plain static busy flag set and cleared around the call; overlapping calls clear each other's flag.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Quota
{
    private static bool s_busy;

    internal static bool Busy => s_busy;

    [LibraryImport("libc", EntryPoint = "quotactl", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int QuotaCtl(int command, string special, int id, nint address);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Sync(string device)
    {
        /*~ASYS1003*/s_busy = true;
        try
        {
            return QuotaCtl(0x800001, device, 0, 0);
        }
        finally
        {
            /*~ASYS1003*/s_busy = false;
        }
    }
}
