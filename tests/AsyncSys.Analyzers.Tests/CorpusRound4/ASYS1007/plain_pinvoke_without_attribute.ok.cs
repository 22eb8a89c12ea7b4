using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Blocking.PlainPInvoke;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int getpid();
}

internal static class Identity
{
    public static async Task<string> DescribeAsync(IoRing ring, int fd)
    {
        await ring.FsyncAsync(fd);
        return $"pid {Native.getpid()}";   // not an [AsyncSyscall] wrapper: nothing to await instead
    }
}
