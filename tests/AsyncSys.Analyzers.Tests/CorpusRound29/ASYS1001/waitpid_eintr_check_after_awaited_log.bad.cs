// A job runner reaps its child with a blocking waitpid on a dedicated thread's loop. When waitpid fails it awaits an
// async log write first and only then asks errno whether the wait was merely interrupted by a signal (EINTR, retry) or
// the child is gone (ECHILD). After the await the method runs on another thread whose errno is that thread's: a real
// EINTR is treated as ECHILD and the job is reported lost while the child still runs.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Round29.Errno.WaitpidAfterAwaitedLog;

internal static class Native
{
    internal const int EINTR = 4;

    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    internal static extern int WaitPid(int pid, out int status, int options);
}

public sealed class ChildReaper(TextWriter log)
{
    public async Task<int?> ReapAsync(int pid)
    {
        while (true)
        {
            int reaped = Native.WaitPid(pid, out int status, 0);
            if (reaped == pid)
            {
                return (status >> 8) & 0xff;
            }

            if (reaped < 0)
            {
                await log.WriteLineAsync($"waitpid({pid}) failed");
                if (/*~ASYS1001*/Marshal.GetLastPInvokeError() == Native.EINTR)
                {
                    continue;
                }

                return null;
            }
        }
    }
}
