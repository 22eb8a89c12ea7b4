// A generic helper checks the result it is handed; errno is read in it with nothing run after the call.
using System.Numerics;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    internal static partial long Lseek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    internal static partial int Dup(int fd);
}

internal static class Check
{
    public static T ThrowIfMinusOne<T>(T result, string syscall)
        where T : INumber<T> =>
        result == -T.One ? throw new ErrnoException(Marshal.GetLastPInvokeError(), syscall) : result;

    public static long Rewind(int fd) => ThrowIfMinusOne(Native.Lseek(fd, 0, 0), "lseek");

    public static int Clone(int fd) => ThrowIfMinusOne(Native.Dup(fd), nameof(Native.Dup));
}
