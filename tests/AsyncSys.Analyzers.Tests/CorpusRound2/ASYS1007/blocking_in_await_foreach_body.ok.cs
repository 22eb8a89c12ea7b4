// The await foreach awaits the generated fsync variant.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
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

internal static class Flusher
{
    public static async Task RunAsync(ChannelReader<int> dirty, CancellationToken cancellationToken)
    {
        await foreach (int fd in dirty.ReadAllAsync(cancellationToken))
        {
            await Libc.FsyncAsync(fd, cancellationToken);
        }
    }
}
