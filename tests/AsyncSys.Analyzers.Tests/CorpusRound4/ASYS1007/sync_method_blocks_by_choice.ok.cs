using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Blocking.SyncChoice;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Ftruncate(int fd, long length);
}

internal static class Resizer
{
    public static void ResizeNow(int fd, long length)
    {
        if (Libc.Ftruncate(fd, length) != 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "ftruncate");
        }
    }

    public static async Task ResizeAsync(int fd, long length, CancellationToken cancellationToken) =>
        await Libc.FtruncateAsync(fd, length, cancellationToken);
}
