// An endpoint agent resolves /proc/<pid>/exe for every process event with an offloaded readlink wrapper and caches the
// result in a static Dictionary<int, string>. Workers resolve several pids at once; concurrent inserts corrupt the
// dictionary (lost entries, an InvalidOperationException or an endless loop in FindValue), and the agent stops
// attributing events to executables.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;
using AsyncSys;

namespace Round17.SharedState.ProcExeCache;

internal static class Native
{
    [DllImport("libc", EntryPoint = "readlink", SetLastError = true)]
    internal static extern nint ReadLink(string path, byte[] buffer, nint size);
}

public static partial class ProcessTable
{
    private static readonly Dictionary<int, string> s_exeByPid = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ResolveExe(int pid, byte[] buffer)
    {
        nint n = Native.ReadLink("/proc/" + pid + "/exe", buffer, buffer.Length);
        if (n > 0)
        {
            /*~ASYS1003*/s_exeByPid[pid] = Encoding.UTF8.GetString(buffer, 0, (int)n);
        }

        return n;
    }
}
