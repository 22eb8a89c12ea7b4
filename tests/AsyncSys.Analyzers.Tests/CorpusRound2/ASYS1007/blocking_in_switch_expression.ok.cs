// The switch expression awaits the generated variants in its arms.
using System.Runtime.InteropServices;
using System.Threading;
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

internal enum Durability
{
    None,
    Data,
    Full,
}

internal static class Store
{
    public static async Task<int> PersistAsync(IoRing ring, int fd, byte[] record, Durability durability, CancellationToken cancellationToken)
    {
        await ring.WriteAsync(fd, record, cancellationToken);
        return durability switch
        {
            Durability.Full => await Libc.FsyncAsync(fd, cancellationToken),
            Durability.Data => await Libc.FdatasyncAsync(fd, cancellationToken),
            _ => 0,
        };
    }
}
