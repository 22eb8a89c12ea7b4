// A container agent moves a new process into its cgroup by writing the pid to cgroup.procs. On failure it first
// publishes a "placement failed" event on the agent's channel (an await) and only then reads errno to let ESRCH (the
// process already exited) pass. After the await the method runs on another pool thread, so the errno read is that
// thread's: a vanished process is reported as a failed placement, or a real EBUSY is silently dropped.
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.Errno.CgroupProcsAfterEvent;

internal static class Native
{
    internal const int ESRCH = 3;

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static extern nint Write(int fd, byte[] buffer, nint count);
}

public sealed class CgroupPlacer(Channel<string> events)
{
    public async Task PlaceAsync(int procsFd, int pid, CancellationToken ct)
    {
        byte[] text = Encoding.ASCII.GetBytes(pid.ToString(CultureInfo.InvariantCulture));
        nint n = Native.Write(procsFd, text, text.Length);
        if (n < 0)
        {
            await events.Writer.WriteAsync("placement of " + pid + " failed", ct);
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            if (errno == Native.ESRCH)
            {
                return;
            }

            throw new ErrnoException(errno, "write(cgroup.procs)");
        }
    }
}
