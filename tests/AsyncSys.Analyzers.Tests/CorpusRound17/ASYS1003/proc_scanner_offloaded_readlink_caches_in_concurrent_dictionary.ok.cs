// The same /proc/<pid>/exe cache held in a ConcurrentDictionary, made for writers on several threads.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using AsyncSys;

namespace Round17.SharedState.ProcExeConcurrentCache;

internal static class Native
{
    [DllImport("libc", EntryPoint = "readlink", SetLastError = true)]
    internal static extern nint ReadLink(string path, byte[] buffer, nint size);
}

public static partial class ProcessTable
{
    private static readonly ConcurrentDictionary<int, string> s_exeByPid = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ResolveExe(int pid, byte[] buffer)
    {
        nint n = Native.ReadLink("/proc/" + pid + "/exe", buffer, buffer.Length);
        if (n > 0)
        {
            s_exeByPid[pid] = Encoding.UTF8.GetString(buffer, 0, (int)n);
        }

        return n;
    }
}
