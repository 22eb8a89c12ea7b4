using System;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>Round 11's helpers.</summary>
internal static unsafe partial class Sys
{
    /// <summary>Fills a non-blocking pipe or socket with plain writes until it refuses (EAGAIN); returns the bytes written.</summary>
    public static int FillNonBlocking(int fd)
    {
        int filled = 0;
        var chunk = new byte[4096];
        fixed (byte* p = chunk)
        {
            nint n;
            while ((n = write(fd, p, (nuint)chunk.Length)) > 0)
            {
                filled += (int)n;
            }
        }

        return filled;
    }

    /// <summary>
    /// Reads <paramref name="count"/> bytes from <paramref name="fd"/> in reads of at most <paramref name="step"/> bytes,
    /// each after poll calls it readable (never a read that blocks), giving up after <see cref="Hostile.Bound"/>; returns
    /// the bytes read.
    /// </summary>
    public static int Drain(int fd, int count, int step)
    {
        var small = new byte[step];
        int drained = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        fixed (byte* s = small)
        {
            while (drained < count && clock.Elapsed < Hostile.Bound)
            {
                if (PollIn(fd, 100) > 0)
                {
                    nint got = read(fd, s, (nuint)Math.Min(step, count - drained));
                    if (got > 0)
                    {
                        drained += (int)got;
                    }
                    else if (got == 0)
                    {
                        break; // end of stream: the writer end is closed
                    }
                }
            }
        }

        return drained;
    }

    /// <summary>Writes one byte to a non-blocking pipe or socket; false when it is full (EAGAIN), throws on any other error.</summary>
    public static bool TryWriteByte(int fd, byte value)
    {
        nint n = write(fd, &value, 1);
        if (n == 1)
        {
            return true;
        }

        int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        return errno == Errno.EAGAIN ? false : throw new InvalidOperationException($"write({fd}) gave {n}: {Errno.NameOf(errno)}");
    }

    public const int EFD_SEMAPHORE = 1, MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2;
    public const int F_ADD_SEALS = 1033, F_SEAL_SHRINK = 2, F_SEAL_GROW = 4, F_SEAL_WRITE = 8;

    [System.Runtime.InteropServices.LibraryImport("libc", SetLastError = true, StringMarshalling = System.Runtime.InteropServices.StringMarshalling.Utf8)]
    public static partial int memfd_create(string name, uint flags);

    [System.Runtime.InteropServices.LibraryImport("libc", SetLastError = true)]
    public static partial int ptsname_r(int fd, byte* buffer, nuint length);

    /// <summary>The path of a pty master's slave.</summary>
    public static string SlaveName(int master)
    {
        byte* name = stackalloc byte[128];
        Check(ptsname_r(master, name, 128) == 0 ? 0 : -1, "ptsname_r");
        return new string((sbyte*)name);
    }

    /// <summary>Arms (or, with 0, disarms) a timerfd for one expiry after <paramref name="nanoseconds"/>.</summary>
    public static void ArmOnce(int timerFd, long nanoseconds)
    {
        long* value = stackalloc long[4]; // it_interval {0, 0}, it_value {s, ns}
        value[0] = 0;
        value[1] = 0;
        value[2] = nanoseconds / 1_000_000_000;
        value[3] = nanoseconds % 1_000_000_000;
        Check(timerfd_settime(timerFd, 0, value, null), "timerfd_settime");
    }

    /// <summary>
    /// How many of this process's descriptors name <paramref name="target"/> (a path unique to the test: a FIFO in its
    /// own directory, a memfd's own name): a duplicate the runtime kept open after its operation ended would be one.
    /// Only read from /proc/self/fd, never acted on.
    /// </summary>
    public static int DescriptorsNaming(string target)
    {
        int count = 0;
        foreach (string entry in System.IO.Directory.GetFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                string? link = new System.IO.FileInfo(entry).LinkTarget;
                if (link is not null && link.StartsWith(target, StringComparison.Ordinal))
                {
                    count++;
                }
            }
            catch (System.IO.IOException)
            {
                // Closed between the listing and the readlink: someone else's.
            }
        }

        return count;
    }
}
