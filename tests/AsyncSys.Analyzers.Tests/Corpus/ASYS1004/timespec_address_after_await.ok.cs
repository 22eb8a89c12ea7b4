// The address is taken after the await, right where the native call uses it.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

[StructLayout(LayoutKind.Sequential)]
internal struct TimeSpec
{
    public long Seconds;
    public long Nanoseconds;
}

internal static unsafe partial class Sys
{
    [LibraryImport("libc", EntryPoint = "futimens", SetLastError = true)]
    internal static partial int FUtimens(int fd, nint times);
}

internal static class Touch
{
    public static async Task StampAsync(IoRing ring, int fd, long seconds, CancellationToken cancellationToken)
    {
        await ring.FsyncAsync(fd, cancellationToken);
        Stamp(fd, seconds);
    }

    private static unsafe void Stamp(int fd, long seconds)
    {
        TimeSpec times = new() { Seconds = seconds };
        Sys.FUtimens(fd, (nint)(&times));
    }
}
