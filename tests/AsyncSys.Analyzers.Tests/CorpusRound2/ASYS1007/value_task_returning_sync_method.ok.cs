// A method that returns a ValueTask but is not async calls the wrapper: blocking is its caller's choice.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

internal static class Completed
{
    public static ValueTask<int> SyncNow(int fd) => new(Libc.Fsync(fd));

    public static Task<int> SyncLater(int fd) => Task.Factory.StartNew(() => Libc.Fdatasync(fd), TaskCreationOptions.LongRunning);
}
