// A generic async helper produces a value and makes it durable with the blocking fdatasync wrapper.
using System;
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

internal static class Durable
{
    public static async Task<T> WithSyncAsync<T>(int fd, Func<CancellationToken, Task<T>> produce, CancellationToken cancellationToken)
    {
        T value = await produce(cancellationToken);
        /*~ASYS1007*/Libc.Fdatasync(fd);
        return value;
    }
}
