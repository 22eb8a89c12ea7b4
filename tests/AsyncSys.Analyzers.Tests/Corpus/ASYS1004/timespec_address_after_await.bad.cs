// The address of a local timespec is taken before an await and passed to a native call after it.
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
        TimeSpec times = new() { Seconds = seconds };
        nint address;
        unsafe
        {
            address = (nint)(&times);
        }

        await ring.FsyncAsync(fd, cancellationToken);
        Sys.FUtimens(fd, /*~ASYS1004*/address);
    }
}
