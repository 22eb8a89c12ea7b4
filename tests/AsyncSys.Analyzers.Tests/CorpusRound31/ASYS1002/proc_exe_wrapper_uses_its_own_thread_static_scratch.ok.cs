// A process inventory resolves /proc/<pid>/exe in an offloaded readlink wrapper that keeps a per-thread path scratch
// made by the wrapper itself (`??= new`): on an AsyncSys worker it is that worker's own array, filled and decoded within
// the one call, so no caller's state is read on the wrong thread.
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using AsyncSys;

namespace Round31.PerThread.ProcExeWorkerScratch;

internal static class Native
{
    [DllImport("libc", EntryPoint = "readlink", SetLastError = true)]
    internal static extern nint ReadLink([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer, nint size);
}

public static partial class ProcExe
{
    [System.ThreadStatic] private static byte[]? t_pathScratch;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
    public static string ReadExe(int pid)
    {
        byte[] scratch = t_pathScratch ??= new byte[4096];
        nint n = Native.ReadLink("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/exe", scratch, scratch.Length);
        return n > 0 ? Encoding.UTF8.GetString(scratch, 0, (int)n) : "";
    }
}
