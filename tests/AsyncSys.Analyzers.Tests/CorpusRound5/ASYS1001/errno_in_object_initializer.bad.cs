using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Round5.Errno.ObjectInitializer;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int ftruncate(int fd, long length);
}

internal sealed class TruncateFailure
{
    public string Target { get; init; } = "";

    public int Errno { get; init; }
}

internal static class Truncation
{
    // Which file the descriptor names, for the error message: readlink on /proc, a syscall of its own.
    private static string Describe(int fd) => File.ResolveLinkTarget($"/proc/self/fd/{fd}", false)?.FullName ?? $"fd {fd}";

    public static TruncateFailure? Shrink(int fd, long length)
    {
        if (Native.ftruncate(fd, length) == 0)
        {
            return null;
        }

        return new TruncateFailure
        {
            Target = Describe(fd),                              // runs first: initializers run in the order written
            Errno = /*~ASYS1001*/Marshal.GetLastPInvokeError(),  // so this is readlink's errno, not ftruncate's
        };
    }
}
