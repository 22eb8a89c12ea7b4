using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the thirty-fifth blind round (SyncObjects.case, OrdinaryInterop.case), written with the case files,
/// before the generator was run on them. Each side has its own objects: semaphores, barriers and timespecs in native memory of
/// the run (freed after), named semaphores and shared memory under names unique to the run (unlinked after, whatever
/// happened), files of the run's directory. The lock rows expected refused are not run (a lock left with a worker would
/// stay held); the one generated lock row checks, after its calls, that the lock is free (trylock, never a blocking lock).
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string SyncObjectsProbeType = "HeldOut.SyncObjects.SyncObjectsProbes";

    private static Dictionary<string, (string, string)> WithThirtyFifthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["SyncObjects"] = (HeldOutProbes.SyncObjects, "");
        probes["OrdinaryInterop"] = (HeldOutProbes.OrdinaryInterop, "");
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithThirtyFifthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in SyncObjectsRuns().Concat(OrdinaryInteropRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static object? Sync35(HeldOutRun r, string method, params object?[] arguments) => r.CallStatic(SyncObjectsProbeType, method, arguments);

    private static long Semaphore35(HeldOutRun r, long value) => Convert.ToInt64(Sync35(r, "NewSemaphore", value));

    private static void ExpectSemaphoreValues35(HeldOutRun r, string what, long a, long b) =>
        r.ExpectSame(what + ": the semaphore's value after", Convert.ToInt64(Sync35(r, "SemaphoreValue", a)), new VariantOutcome(null, Convert.ToInt64(Sync35(r, "SemaphoreValue", b)), null, null));

    /// <summary>A name for a named semaphore or shared memory object that no other run or process uses.</summary>
    private static string UniqueName35(string what) => "/asyncsys-heldout-" + what + "-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N");

    /// <summary>A variant's descriptor in the probe's convention (1, closed here); one at or below 2 is left open and reported.</summary>
    private static VariantOutcome Descriptor35(HeldOutRun r, VariantOutcome v)
    {
        if (v.Other is not null || v.Errno is not null || v.Number is not long fd)
        {
            return v;
        }

        if (fd <= 2)
        {
            r.Row.Problems.Add("the variant returned descriptor " + fd + ", which the run leaves open");
            return v;
        }

        Sync35(r, "CloseFd", fd);
        return v with { Number = 1 };
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> SyncObjectsRuns() => new()
    {
        ["sync.lock_write_unlock_ordinary"] = async r =>
        {
            int a = r.OpenFile("log-a", Array.Empty<byte>()), b = r.OpenFile("log-b", Array.Empty<byte>());
            byte[] record = "one record\n"u8.ToArray();
            r.ExpectSame("a record", r.Sync("Probe_sync_append", a, record), await r.Async(("fd", b), ("data", record)));
            r.ExpectSame("a second record", r.Sync("Probe_sync_append", a, record), await r.Async(("fd", b), ("data", record)));
            r.ExpectBytes("the logs", File.ReadAllBytes(Path.Combine(r.Directory, "log-a")), File.ReadAllBytes(Path.Combine(r.Directory, "log-b")));
            r.ExpectSame("a descriptor not open", r.Sync("Probe_sync_append", HeldOutRun.NotAnOpenFd, record), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("data", record)));
            long free = Convert.ToInt64(Sync35(r, "LogLockFree"));
            if (free != 0)
            {
                r.Row.Problems.Add("the log lock is held after the calls (trylock answered " + free + ")");
            }
        },
        ["sync.pthread_barrier_wait_stated_neverfails"] = async r =>
        {
            long a = Convert.ToInt64(Sync35(r, "NewBarrier", 1L)), b = Convert.ToInt64(Sync35(r, "NewBarrier", 1L));
            try
            {
                r.ExpectSame("a barrier of one (PTHREAD_BARRIER_SERIAL_THREAD)", r.Sync("Probe_sync_barrier", a), await r.Async(("barrier", b)));
                r.ExpectSame("the same barrier again", r.Sync("Probe_sync_barrier", a), await r.Async(("barrier", b)));
            }
            finally
            {
                Sync35(r, "FreeBarrier", a);
                Sync35(r, "FreeBarrier", b);
            }
        },
        ["sync.sem_wait_unstated"] = async r =>
        {
            long a = Semaphore35(r, 2), b = Semaphore35(r, 2);
            try
            {
                r.ExpectSame("a semaphore of 2", r.Sync("Probe_sync_sem_wait", a), await r.Async(("sem", b)));
                ExpectSemaphoreValues35(r, "a semaphore of 2", a, b);
                r.ExpectSame("a semaphore of 1", r.Sync("Probe_sync_sem_wait", a), await r.Async(("sem", b)));
                ExpectSemaphoreValues35(r, "a semaphore of 1", a, b);
            }
            finally
            {
                Sync35(r, "FreeSemaphore", a);
                Sync35(r, "FreeSemaphore", b);
            }
        },
        ["sync.sem_timedwait_stated"] = async r =>
        {
            long a = Semaphore35(r, 0), b = Semaphore35(r, 0);
            long past = Convert.ToInt64(Sync35(r, "NewTimespec", 0L, 0L)), invalid = Convert.ToInt64(Sync35(r, "NewTimespec", 0L, 2_000_000_000L));
            try
            {
                r.ExpectSame("value 0, a time long past (ETIMEDOUT)", r.Sync("Probe_sync_sem_timedwait", a, past), await r.Async(("sem", b), ("abs_timeout", past)));
                r.ExpectSame("value 0, nanoseconds out of range (EINVAL)", r.Sync("Probe_sync_sem_timedwait", a, invalid), await r.Async(("sem", b), ("abs_timeout", invalid)));
                Sync35(r, "Probe_sync_sem_post", a);
                Sync35(r, "Probe_sync_sem_post", b);
                r.ExpectSame("value 1, a time long past (taken)", r.Sync("Probe_sync_sem_timedwait", a, past), await r.Async(("sem", b), ("abs_timeout", past)));
                ExpectSemaphoreValues35(r, "value 1", a, b);
            }
            finally
            {
                Sync35(r, "FreeSemaphore", a);
                Sync35(r, "FreeSemaphore", b);
                Sync35(r, "FreeNative", past);
                Sync35(r, "FreeNative", invalid);
            }
        },
        ["sync.sem_trywait_unstated"] = async r =>
        {
            long a = Semaphore35(r, 0), b = Semaphore35(r, 0);
            try
            {
                r.ExpectSame("value 0 (EAGAIN)", r.Sync("Probe_sync_sem_trywait", a), await r.Async(("sem", b)));
                Sync35(r, "Probe_sync_sem_post", a);
                Sync35(r, "Probe_sync_sem_post", b);
                r.ExpectSame("value 1", r.Sync("Probe_sync_sem_trywait", a), await r.Async(("sem", b)));
                ExpectSemaphoreValues35(r, "value 1", a, b);
            }
            finally
            {
                Sync35(r, "FreeSemaphore", a);
                Sync35(r, "FreeSemaphore", b);
            }
        },
        ["sync.sem_post_stated"] = async r =>
        {
            long a = Semaphore35(r, 0), b = Semaphore35(r, 0);
            try
            {
                r.ExpectSame("value 0", r.Sync("Probe_sync_sem_post", a), await r.Async(("sem", b)));
                r.ExpectSame("value 1", r.Sync("Probe_sync_sem_post", a), await r.Async(("sem", b)));
                ExpectSemaphoreValues35(r, "two posts", a, b);
            }
            finally
            {
                Sync35(r, "FreeSemaphore", a);
                Sync35(r, "FreeSemaphore", b);
            }
        },
        ["sync.sem_open_null_errno"] = async r =>
        {
            string a = UniqueName35("sem-a"), b = UniqueName35("sem-b");
            try
            {
                async Task<VariantOutcome> Opened(string name, int oflag)
                {
                    VariantOutcome v = await r.Async(("name", name), ("oflag", oflag), ("mode", 0x180u), ("value", 1u));
                    if (v.Other is null && v.Errno is null && v.Number is long s && s != 0)
                    {
                        Sync35(r, "SemClose", s);
                        v = v with { Number = 1 };
                    }

                    return v;
                }

                r.ExpectSame("a missing name without O_CREAT (ENOENT)", r.Sync("Probe_sync_sem_open", a, 0, 0x180, 1), await Opened(b, 0));
                r.ExpectSame("created (O_CREAT | O_EXCL)", r.Sync("Probe_sync_sem_open", a, OCreat | OExcl, 0x180, 1), await Opened(b, OCreat | OExcl));
                r.ExpectSame("created again (EEXIST)", r.Sync("Probe_sync_sem_open", a, OCreat | OExcl, 0x180, 1), await Opened(b, OCreat | OExcl));
                r.ExpectSame("opened", r.Sync("Probe_sync_sem_open", a, 0, 0, 0), await Opened(b, 0));
            }
            finally
            {
                Sync35(r, "SemUnlink", a);
                Sync35(r, "SemUnlink", b);
            }
        },
        ["sync.shm_open_stated"] = async r =>
        {
            string a = UniqueName35("shm-a"), b = UniqueName35("shm-b");
            try
            {
                async Task<VariantOutcome> Opened(string name, int oflag) => Descriptor35(r, await r.Async(("name", name), ("oflag", oflag), ("mode", 0x180u)));

                r.ExpectSame("a missing name without O_CREAT (ENOENT)", r.Sync("Probe_sync_shm_open", a, ORdWr, 0x180), await Opened(b, ORdWr));
                r.ExpectSame("created (O_CREAT | O_EXCL)", r.Sync("Probe_sync_shm_open", a, ORdWr | OCreat | OExcl, 0x180), await Opened(b, ORdWr | OCreat | OExcl));
                r.ExpectSame("created again (EEXIST)", r.Sync("Probe_sync_shm_open", a, ORdWr | OCreat | OExcl, 0x180), await Opened(b, ORdWr | OCreat | OExcl));
                r.ExpectSame("opened", r.Sync("Probe_sync_shm_open", a, ORdWr, 0), await Opened(b, ORdWr));
            }
            finally
            {
                Sync35(r, "ShmUnlink", a);
                Sync35(r, "ShmUnlink", b);
            }
        },
        ["sync.shm_unlink_unstated"] = async r =>
        {
            string a = UniqueName35("shm-a"), b = UniqueName35("shm-b");
            try
            {
                Sync35(r, "Probe_sync_shm_open", a, ORdWr | OCreat | OExcl, 0x180);
                Sync35(r, "Probe_sync_shm_open", b, ORdWr | OCreat | OExcl, 0x180);
                r.ExpectSame("an object of the run", r.Sync("Probe_sync_shm_unlink", a), await r.Async(("name", b)));
                r.ExpectSame("unlinked already (ENOENT)", r.Sync("Probe_sync_shm_unlink", a), await r.Async(("name", b)));
            }
            finally
            {
                Sync35(r, "ShmUnlink", a);
                Sync35(r, "ShmUnlink", b);
            }
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> OrdinaryInteropRuns() => new()
    {
        ["interop.dangerous_addref_pread"] = async r =>
        {
            byte[] content = Enumerable.Range(0, 64).Select(i => (byte)(i * 5 + 1)).ToArray();
            int fd = r.OpenFile("addref", content);
            foreach (long offset in new long[] { 0, 10, 60, 100, -1 })
            {
                byte[] x = new byte[16], y = new byte[16];
                r.ExpectSame("offset " + offset, r.Sync("Probe_interop_read_at", new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false), x, offset),
                    await r.Async(("handle", fd), ("buffer", y), ("offset", offset)));
                r.ExpectBytes("offset " + offset, x, y);
            }
        },
        ["interop.filestream_descriptor_pread"] = async r =>
        {
            string path = Path.Combine(r.Directory, "stream");
            File.WriteAllBytes(path, Enumerable.Range(0, 40).Select(i => (byte)(i + 100)).ToArray());
            var a = new FileStream(path, FileMode.Open, FileAccess.Read);
            var b = new FileStream(path, FileMode.Open, FileAccess.Read);
            r.Track(a);
            r.Track(b);
            foreach (int length in new[] { 8, 64 })
            {
                byte[] x = new byte[length], y = new byte[length];
                r.ExpectSame(length + " bytes", r.Sync("Probe_interop_read_header", a, x), await r.Async(("stream", b), ("buffer", y)));
                r.ExpectBytes(length + " bytes", x, y);
            }
        },
        ["interop.alloc_hglobal_read_copy"] = async r =>
        {
            byte[] content = Enumerable.Range(0, 50).Select(i => (byte)(i * 3)).ToArray();
            int a = r.OpenFile("hglobal-a", content), b = r.OpenFile("hglobal-b", content);
            foreach ((int length, string what) in new[] { (10, "10 bytes"), (100, "the other 40"), (8, "at the end") })
            {
                byte[] x = new byte[length], y = new byte[length];
                r.ExpectSame(what, r.Sync("Probe_interop_read_copied", a, x), await r.Async(("fd", b), ("destination", y)));
                r.ExpectBytes(what, x, y);
            }

            r.ExpectSame("a descriptor not open", r.Sync("Probe_interop_read_copied", HeldOutRun.NotAnOpenFd, new byte[4]), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("destination", new byte[4])));
        },
        ["interop.native_memory_span_write"] = async r => await Writes35(r, "Probe_interop_write_native", "native"),
        ["interop.gchandle_pinned_write"] = async r => await Writes35(r, "Probe_interop_write_pinned", "pinned"),
        ["interop.stackalloc_fstat_size"] = async r =>
        {
            int fd = r.OpenFile("sized", new byte[300]);
            r.ExpectSame("a file of 300 bytes", r.Sync("Probe_interop_size_of", fd), await r.Async(("fd", fd)));
            r.ExpectSame("a descriptor not open", r.Sync("Probe_interop_size_of", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["interop.arraypool_read_then_write"] = async r =>
        {
            byte[] content = Enumerable.Range(0, 100).Select(i => (byte)(i ^ 0x5a)).ToArray();
            int source = r.OpenFile("pool-source", content);
            int a = r.OpenFile("pool-a", Array.Empty<byte>()), b = r.OpenFile("pool-b", Array.Empty<byte>());
            foreach ((long offset, int count, string what) in new[] { (5L, 20, "20 bytes from 5"), (90L, 64, "the last 10"), (200L, 16, "past the end (0)"), (-1L, 16, "a negative offset (EINVAL)") })
            {
                r.ExpectSame(what, r.Sync("Probe_interop_copy_range", source, offset, a, count), await r.Async(("fdIn", source), ("offset", offset), ("fdOut", b), ("count", count)));
            }

            r.ExpectSame("fdOut not open", r.Sync("Probe_interop_copy_range", source, 0L, HeldOutRun.NotAnOpenFd, 8), await r.Async(("fdIn", source), ("offset", 0L), ("fdOut", HeldOutRun.NotAnOpenFd), ("count", 8)));
            r.ExpectBytes("the copies", File.ReadAllBytes(Path.Combine(r.Directory, "pool-a")), File.ReadAllBytes(Path.Combine(r.Directory, "pool-b")));
        },
        ["interop.arraypool_span_result_copied"] = async r =>
        {
            byte[] content = Enumerable.Range(0, 30).Select(i => (byte)(200 - i)).ToArray();
            int a = r.OpenFile("pooled-a", content), b = r.OpenFile("pooled-b", content);
            foreach ((int length, string what) in new[] { (12, "12 bytes"), (64, "the other 18"), (4, "at the end") })
            {
                byte[] x = new byte[length], y = new byte[length];
                r.ExpectSame(what, r.Sync("Probe_interop_read_pooled", new Microsoft.Win32.SafeHandles.SafeFileHandle(a, ownsHandle: false), x), await r.Async(("file", b), ("destination", y)));
                r.ExpectBytes(what, x, y);
            }
        },
    };

    /// <summary>The write rows: each side writes the same records to a file of its own; the files are compared after.</summary>
    private static async Task Writes35(HeldOutRun r, string probe, string name)
    {
        int a = r.OpenFile(name + "-a", Array.Empty<byte>()), b = r.OpenFile(name + "-b", Array.Empty<byte>());
        foreach (byte[] data in new[] { "first\n"u8.ToArray(), Array.Empty<byte>(), Enumerable.Range(0, 200).Select(i => (byte)i).ToArray() })
        {
            r.ExpectSame(data.Length + " bytes", r.Sync(probe, a, data), await r.Async(("fd", b), ("data", data)));
        }

        r.ExpectSame("a descriptor not open", r.Sync(probe, HeldOutRun.NotAnOpenFd, new byte[] { 1 }), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("data", new byte[] { 1 })));
        r.ExpectBytes("the files", File.ReadAllBytes(Path.Combine(r.Directory, name + "-a")), File.ReadAllBytes(Path.Combine(r.Directory, name + "-b")));
    }
}
