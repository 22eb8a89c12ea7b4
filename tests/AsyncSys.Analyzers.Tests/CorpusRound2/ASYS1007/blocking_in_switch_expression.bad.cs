// An async method picks fsync or fdatasync in a switch expression, calling the blocking wrappers.
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
            Durability.Full => /*~ASYS1007*/Libc.Fsync(fd),
            Durability.Data => /*~ASYS1007*/Libc.Fdatasync(fd),
            _ => 0,
        };
    }
}
