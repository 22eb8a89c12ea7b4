// The cgroup placement made right: errno is kept right after the failed write to cgroup.procs, before the event is
// published with an await; the kept value (not a read after the await) decides whether ESRCH is let pass.
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.Errno.CgroupProcsBeforeEvent;

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
            int errno = Marshal.GetLastPInvokeError();
            await events.Writer.WriteAsync("placement of " + pid + " failed: errno " + errno, ct);
            if (errno == Native.ESRCH)
            {
                return;
            }

            throw new ErrnoException(errno, "write(cgroup.procs)");
        }
    }
}
