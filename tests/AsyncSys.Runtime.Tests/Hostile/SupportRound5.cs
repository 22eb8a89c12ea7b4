using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>The raw syscalls round 5 adds: descriptor replacement, pipe sizes, signal masks, more limits.</summary>
internal static unsafe partial class Sys
{
    public const int F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032;
    public const int SIG_BLOCK = 0, SIG_UNBLOCK = 1;
    public const int SIGCHLD = 17;
    public const int RLIMIT_MEMLOCK = 8;
    public const int EAGAIN_ = 11;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int dup2(int oldFd, int newFd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int pthread_sigmask(int how, ulong* set, ulong* old);

    /// <summary>What descriptor <paramref name="fd"/> of this process points to ("pipe:[123]", "socket:[45]", a path), or null.</summary>
    public static string? Target(int fd)
    {
        try
        {
            return new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>How many descriptors of this process point to <paramref name="target"/> (a pipe, a socket).</summary>
    public static int CountTargets(string target) => Descriptors(Environment.ProcessId).Values.Count(v => v == target);

    /// <summary>Fills <paramref name="writeFd"/> (a pipe or socket) until the kernel says EAGAIN; returns the bytes it took, pattern bytes of stream <paramref name="seed"/> from <paramref name="start"/>.</summary>
    public static int Fill(int writeFd, int seed = 0, long start = 0)
    {
        SetNonBlocking(writeFd, true);
        int total = 0;
        var chunk = new byte[4096];
        while (true)
        {
            for (int i = 0; i < chunk.Length; i++)
            {
                chunk[i] = PatternByte(start + total + i, seed);
            }

            nint n;
            fixed (byte* p = chunk)
            {
                n = write(writeFd, p, (nuint)chunk.Length);
            }

            if (n <= 0)
            {
                break;
            }

            total += (int)n;
        }

        SetNonBlocking(writeFd, false);
        return total;
    }

    /// <summary>Takes everything <paramref name="fd"/> holds right now (never waits).</summary>
    public static byte[] TakeAll(int fd)
    {
        var all = new System.Collections.Generic.List<byte>();
        while (true)
        {
            int pending = Pending(fd);
            if (pending == 0)
            {
                return all.ToArray();
            }

            all.AddRange(Take(fd, pending));
        }
    }
}

/// <summary>Round 5's helpers.</summary>
internal static class Round5
{
    /// <summary>
    /// Waits until <paramref name="op"/> has ended or is known to be in the backend's hands: on io_uring, listed on
    /// <paramref name="fd"/> and a nop submitted after it has completed (so its entry went to the kernel before the
    /// nop's); elsewhere, a duplicate of the descriptor exists (the operation parked on the readiness lane, docs/backends.md).
    /// Never waits for "pending" alone: the operation may complete at once.
    /// </summary>
    public static async Task InBackendHands(IoRing ring, Task op, int fd, string target, int linksBefore)
    {
        if (ring.Backend == IoBackend.IoUring)
        {
            await Hostile.Until(() => op.IsCompleted || ring.GetInFlightOperations().Any(o => o.Fd == fd && o.State is InFlightState.OnRing or InFlightState.OnWorker), $"the operation on {fd} listed or ended; in flight: {Hostile.Describe(ring)}");
            await Hostile.Within(ring.NopAsync().AsTask(), ring, "a nop behind it");
        }
        else
        {
            // Off io_uring a waiting operation holds a duplicate; one that Linux AIO runs as an iocb (poll, reads of
            // files) holds the file in the kernel instead, and is listed on the ring.
            await Hostile.Until(() => op.IsCompleted || Sys.CountTargets(target) > linksBefore || ring.GetInFlightOperations().Any(o => o.Fd == fd && o.State == InFlightState.OnRing), $"the operation on {fd} holding a duplicate of {target} or ended; in flight: {Hostile.Describe(ring)}");
            if (!op.IsCompleted && Sys.CountTargets(target) <= linksBefore)
            {
                // Listed on the kernel ring: give io_submit, which follows the listing, a moment.
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Prepares the thread pool for a window without descriptors (docs/reliability.md): threads started, then capped.</summary>
    public static void PreparePool(int threads)
    {
        ThreadPool.SetMinThreads(threads, threads);
        using (var gate = new Barrier(threads + 1))
        {
            for (int i = 0; i < threads; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ => gate.SignalAndWait(), null);
            }

            gate.SignalAndWait();
        }

        int started = Math.Max(threads, ThreadPool.ThreadCount);
        ThreadPool.SetMinThreads(started, started);
        ThreadPool.SetMaxThreads(started, started);
    }

    /// <summary>The highest descriptor number open in this process.</summary>
    public static int HighestFd() => Directory.GetFileSystemEntries("/proc/self/fd").Select(e => int.TryParse(Path.GetFileName(e), out int n) ? n : 0).Max();

    /// <summary>Sets the soft RLIMIT_NOFILE; returns the previous one.</summary>
    public static unsafe ulong SetNoFile(ulong soft)
    {
        ulong* limits = stackalloc ulong[2];
        Sys.Check(Sys.getrlimit(Sys.RLIMIT_NOFILE, limits), "getrlimit");
        ulong previous = limits[0];
        limits[0] = soft;
        Sys.Check(Sys.setrlimit(Sys.RLIMIT_NOFILE, limits), "setrlimit");
        return previous;
    }

    /// <summary>One plain write(2) of a byte: its result and errno.</summary>
    public static unsafe (nint Written, string Errno) WriteOne(int fd, byte b = 0)
    {
        nint n = Sys.write(fd, &b, 1);
        return (n, n < 0 ? Sys.LastErrno : "");
    }

    /// <summary>A signalfd for <paramref name="signal"/> (close-on-exec).</summary>
    public static unsafe int SignalFd(int signal)
    {
        ulong mask = 1UL << (signal - 1);
        return Sys.Check(Sys.signalfd(-1, &mask, Sys.SFD_CLOEXEC), "signalfd");
    }

    /// <summary>Blocks <paramref name="signal"/> in the calling thread.</summary>
    public static unsafe void Block(int signal)
    {
        ulong mask = 1UL << (signal - 1);
        Sys.Check(Sys.pthread_sigmask(Sys.SIG_BLOCK, &mask, null), "pthread_sigmask");
    }

    /// <summary>Unblocks <paramref name="signal"/> in the calling thread.</summary>
    public static unsafe void Unblock(int signal)
    {
        ulong mask = 1UL << (signal - 1);
        Sys.Check(Sys.pthread_sigmask(Sys.SIG_UNBLOCK, &mask, null), "pthread_sigmask");
    }

    /// <summary>The threads of this process.</summary>
    public static int Threads() => Directory.GetDirectories("/proc/self/task").Length;
}
