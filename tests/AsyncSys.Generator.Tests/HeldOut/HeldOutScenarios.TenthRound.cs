using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the tenth blind round (Threads.case, Filesystems.case), written with the case files, before the
/// generator was run on them. A value that makes a call act on the calling thread (pid 0, RUSAGE_THREAD, a thread CPU
/// clock) must be refused by the variant at the call (ArgumentException naming the parameter), as docs/diagnostics/ASYS0016.md
/// says; a thread ID asked for through syscall(2) must be the caller's, never a worker's.
/// </summary>
internal static partial class HeldOutScenarios
{
    private static Dictionary<string, (string, string)> WithTenthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Threads"] = (HeldOutProbes.Threads, "");
        probes["Filesystems"] = (HeldOutProbes.Filesystems, HeldOutProbes.FilesystemsLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithTenthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in ThreadRuns().Concat(FilesystemRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> ThreadRuns() => new()
    {
        ["thr.clock_gettime_monotonic_body"] = async r => r.ExpectSame("CLOCK_MONOTONIC", r.Sync("Probe_monotonic"), await r.Async()),
        ["thr.clock_gettime_boottime_syscall"] = async r => r.ExpectSame("CLOCK_BOOTTIME through syscall(2)", r.Sync("Probe_boottime_raw"), await r.Async()),
        ["thr.clock_gettime_enum_param"] = async r =>
        {
            r.ExpectSame("CLOCK_MONOTONIC", r.Sync("Probe_gettime", 1), await r.Async(("clock", 1)));
            r.ExpectSame("CLOCK_PROCESS_CPUTIME_ID", r.Sync("Probe_gettime", 2), await r.Async(("clock", 2)));
            r.ExpectSame("an unknown clock (EINVAL)", r.Sync("Probe_gettime", 12345), await r.Async(("clock", 12345)));
            r.ExpectCallingThreadRefused("CLOCK_THREAD_CPUTIME_ID", await r.Async(("clock", 3)), "clock");
        },
        ["thr.clock_gettime_long_clock_outputvalue"] = async r =>
        {
            long processClock = (~(long)Environment.ProcessId << 3) | 2;
            r.ExpectSame("CLOCK_REALTIME", r.Sync("Probe_gettime_long", 0L), await r.Async(("clk_id", 0L)));
            r.ExpectSame("the process's CPU clock made from its pid", r.Sync("Probe_gettime_long", processClock), await r.Async(("clk_id", processClock)));
            r.ExpectCallingThreadRefused("the calling thread's own CPU clock (-2)", await r.Async(("clk_id", -2L)), "clk_id");
        },
        ["thr.clock_getres_stated"] = async r =>
        {
            foreach (int clock in new[] { 1, 3, 12345 })
            {
                r.ExpectSame("clock_getres of clock " + clock, r.Sync("Probe_getres", clock), await r.Async(("clockid", clock)));
            }
        },
        ["thr.getrusage_self_body"] = async r => r.ExpectSame("RUSAGE_SELF", r.Sync("Probe_usage_self"), await r.Async()),
        ["thr.getrusage_children_body"] = async r => r.ExpectSame("RUSAGE_CHILDREN", r.Sync("Probe_usage_children"), await r.Async()),
        ["thr.getrusage_who_outputvalue"] = async r =>
        {
            r.ExpectSame("RUSAGE_SELF", r.Sync("Probe_getusage", 0), await r.Async(("who", 0)));
            r.ExpectSame("RUSAGE_CHILDREN", r.Sync("Probe_getusage", -1), await r.Async(("who", -1)));
            r.ExpectSame("an unknown who (EINVAL)", r.Sync("Probe_getusage", 5), await r.Async(("who", 5)));
            r.ExpectCallingThreadRefused("RUSAGE_THREAD", await r.Async(("who", 1)), "who");
        },
        ["thr.syscall_gettid_by_architecture"] = async r => r.ExpectSame("the calling thread's ID", r.Sync("Probe_tid_arch"), await r.Async()),
        ["thr.syscall_gettid_static_readonly"] = async r => r.ExpectSame("the calling thread's ID", r.Sync("Probe_tid_field"), await r.Async()),
        ["thr.syscall_getpid_const"] = async r => r.ExpectSame("the process ID", r.Sync("Probe_pid_const"), await r.Async()),
        ["thr.helper_getpid_chain"] = async r => r.ExpectSame("pid << 32 | 7", r.Sync("Probe_process_prefix", 7), await r.Async(("sequence", 7))),
        ["thr.sched_getscheduler_pid"] = async r =>
        {
            r.ExpectSame("the process's policy", r.Sync("Probe_getscheduler", Environment.ProcessId), await r.Async(("pid", Environment.ProcessId)));
            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_getscheduler", NoSuchPid), await r.Async(("pid", NoSuchPid)));
            r.ExpectCallingThreadRefused("pid 0", await r.Async(("pid", 0)), "pid");
        },
        ["thr.sched_getparam_out"] = async r =>
        {
            r.ExpectSame("the process's parameters", r.Sync("Probe_getparam", Environment.ProcessId), await r.Async(("pid", Environment.ProcessId)));
            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_getparam", NoSuchPid), await r.Async(("pid", NoSuchPid)));
        },
        ["thr.sched_get_priority_max"] = async r =>
        {
            r.ExpectSame("SCHED_FIFO", r.Sync("Probe_priority_max", 1), await r.Async(("policy", 1)));
            r.ExpectSame("an unknown policy (EINVAL)", r.Sync("Probe_priority_max", 12345), await r.Async(("policy", 12345)));
        },
        ["thr.sched_yield_unstated"] = async r => r.ExpectSame("sched_yield", r.Sync("Probe_yield"), await r.Async()),
        ["thr.sched_rr_get_interval"] = async r =>
        {
            r.ExpectSame("the process's quantum", r.Sync("Probe_rr_interval", Environment.ProcessId), await r.Async(("pid", Environment.ProcessId)));
            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_rr_interval", NoSuchPid), await r.Async(("pid", NoSuchPid)));
        },
        ["thr.sched_setaffinity_marked"] = async r =>
        {
            byte[] all = Enumerable.Repeat((byte)0xff, 128).ToArray();
            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_setaffinity", NoSuchPid, all), await r.Async(("pid", NoSuchPid), ("cpusetsize", 128L), ("mask", all)));
            r.ExpectSame("an empty set (EINVAL)", r.Sync("Probe_setaffinity", Environment.ProcessId, new byte[128]), await r.Async(("pid", Environment.ProcessId), ("cpusetsize", 128L), ("mask", new byte[128])));
            r.ExpectCallingThreadRefused("pid 0", await r.Async(("pid", 0), ("cpusetsize", 128L), ("mask", all)), "pid");
        },
        ["thr.getpriority_who"] = async r =>
        {
            r.ExpectSame("the process's nice value", r.Sync("Probe_getpriority", 0, (uint)Environment.ProcessId), await r.Async(("which", 0), ("who", (uint)Environment.ProcessId)));
            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_getpriority", 0, (uint)NoSuchPid), await r.Async(("which", 0), ("who", (uint)NoSuchPid)));
            r.ExpectCallingThreadRefused("who 0", await r.Async(("which", 0), ("who", 0u)), "who");
        },
        ["thr.ioprio_get_syscall_who"] = async r =>
        {
            r.ExpectSame("the process's I/O priority", r.Sync("Probe_ioprio", Environment.ProcessId), await r.Async(("who", Environment.ProcessId)));
            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_ioprio", NoSuchPid), await r.Async(("who", NoSuchPid)));
            r.ExpectCallingThreadRefused("who 0", await r.Async(("who", 0)), "who");
        },
        ["thr.tgkill_signal_zero"] = async r =>
        {
            int pid = Environment.ProcessId;
            r.ExpectSame("signal 0 to the main thread", r.Sync("Probe_tgkill", pid, pid, 0), await r.Async(("tgid", pid), ("tid", pid), ("sig", 0)));
            r.ExpectSame("signal 0 to no such thread (ESRCH)", r.Sync("Probe_tgkill", pid, NoSuchPid, 0), await r.Async(("tgid", pid), ("tid", NoSuchPid), ("sig", 0)));
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> FilesystemRuns() => new()
    {
        ["fsys.statfs_out"] = async r =>
        {
            r.ExpectSame("the test directory's file system", r.Sync("Probe_statfs", r.Directory), await r.Async(("path", r.Directory)));
            string missing = Path.Combine(r.Directory, "missing");
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_statfs", missing), await r.Async(("path", missing)));
        },
        ["fsys.fstatfs_out"] = r => FdCall(r, "Probe_fstatfs", fd => new (string, object?)[] { ("fd", fd) }),
        ["fsys.statvfs_outputvalue"] = async r =>
        {
            r.ExpectSame("the test directory's file system", r.Sync("Probe_statvfs", r.Directory), await r.Async(("path", r.Directory)));
            string missing = Path.Combine(r.Directory, "missing");
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_statvfs", missing), await r.Async(("path", missing)));
        },
        ["fsys.truncate_path_unstated"] = r => TruncateRun(r, "Probe_truncate", 3),
        ["fsys.truncate64_beyond_4g"] = r => TruncateRun(r, "Probe_truncate64", 5L << 30),
        ["fsys.readahead"] = r => FdCall(r, "Probe_readahead", fd => new (string, object?)[] { ("fd", fd), ("offset", 0L), ("count", 4096L) }, extra: new object?[] { 0L, 4096L }),
        ["fsys.fallocate_punch_hole"] = r => PunchRun(r, "Probe_fallocate", fd => fd),
        ["fsys.fallocate_mode_enum_safehandle"] = r => PunchRun(r, "Probe_fallocate_handle", fd => fd),
        ["fsys.lockf_tlock"] = r => FdCall(r, "Probe_lockf", fd => new (string, object?)[] { ("fd", fd), ("cmd", 2), ("len", 0L) }, extra: new object?[] { 2, 0L }),
        ["fsys.fchmod"] = r => FdCall(r, "Probe_fchmod", fd => new (string, object?)[] { ("fd", fd), ("mode", 384u) }, extra: new object?[] { 384 }),
        ["fsys.fchown_unchanged"] = r => FdCall(r, "Probe_fchown", fd => new (string, object?)[] { ("fd", fd), ("owner", -1), ("group", -1) }, extra: new object?[] { -1, -1 }),
        ["fsys.mknodat_fifo"] = r => FifoRun(r, "Probe_mknodat", path => new (string, object?)[] { ("dirfd", -100), ("path", path), ("mode", 0x1000u | 384u), ("dev", 0UL) }, 0x1000 | 384),
        ["fsys.mkfifoat"] = r => FifoRun(r, "Probe_mkfifoat", path => new (string, object?)[] { ("dirfd", -100), ("path", path), ("mode", 384u) }, 384),
        ["fsys.name_to_handle_at_ordinary"] = async r =>
        {
            VariantOutcome outcome = await r.Async(("path", r.Directory));
            r.ExpectSame("the test directory", r.Sync("Probe_mount_id", r.Directory), outcome);
            r.ExpectSame("its mount ID", r.Sync("Probe_mount_id_value", r.Directory), WithMember(outcome, "mountId"));
            string missing = Path.Combine(r.Directory, "missing");
            r.ExpectSame("a missing path (ENOENT)", r.Sync("Probe_mount_id", missing), await r.Async(("path", missing)));
        },
        ["fsys.dup2_badfd"] = async r =>
            r.ExpectBadFd(r.Sync("Probe_dup2", HeldOutRun.NotAnOpenFd, 200), await r.Async(("oldfd", HeldOutRun.NotAnOpenFd), ("newfd", 200))),
        ["fsys.tcgetattr_out"] = r => FdCall(r, "Probe_tcgetattr", fd => new (string, object?)[] { ("fd", fd) }),
        ["fsys.fanotify_init"] = async r =>
        {
            r.ExpectSame("FAN_CLASS_NOTIF|FAN_CLOEXEC (a descriptor, or EPERM without CAP_SYS_ADMIN)", r.Sync("Probe_fanotify_init", 1, 0), ClosedDescriptor(r, await r.Async(("flags", 1u), ("event_f_flags", 0u))));
            r.ExpectSame("unknown flags (EINVAL)", r.Sync("Probe_fanotify_init", 0x7fff0000, 0), ClosedDescriptor(r, await r.Async(("flags", 0x7fff0000u), ("event_f_flags", 0u))));
        },
        ["fsys.fanotify_mark_nullable_path"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_fanotify_mark", HeldOutRun.NotAnOpenFd, 1, 0x20L, -100, r.Directory),
                await r.Async(("fanotify_fd", HeldOutRun.NotAnOpenFd), ("flags", 1u), ("mask", 0x20UL), ("dirfd", -100), ("pathname", r.Directory)));
            r.ExpectSame("no path, a descriptor not open (EBADF)", r.Sync("Probe_fanotify_mark", HeldOutRun.NotAnOpenFd, 1, 0x20L, HeldOutRun.NotAnOpenFd, null),
                await r.Async(("fanotify_fd", HeldOutRun.NotAnOpenFd), ("flags", 1u), ("mask", 0x20UL), ("dirfd", HeldOutRun.NotAnOpenFd), ("pathname", null)));
        },
        ["fsys.inotify_rm_watch"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_inotify_rm", HeldOutRun.NotAnOpenFd, 1), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("wd", 1)));
            int a = (int)r.Sync("Probe_inotify"), b = (int)r.Sync("Probe_inotify");
            try
            {
                r.ExpectSame("a watch that does not exist (EINVAL)", r.Sync("Probe_inotify_rm", a, 12345), await r.Async(("fd", b), ("wd", 12345)));
            }
            finally
            {
                r.Sync("Probe_close", a);
                r.Sync("Probe_close", b);
            }
        },
        ["fsys.eventfd_read_glibc"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_eventfd_read", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
            int a = (int)r.Sync("Probe_eventfd", 5), b = (int)r.Sync("Probe_eventfd", 5);
            try
            {
                r.ExpectSame("the counter (5)", r.Sync("Probe_eventfd_read", a), WithMember(await r.Async(("fd", b)), "value"));
            }
            finally
            {
                r.Sync("Probe_close", a);
                r.Sync("Probe_close", b);
            }
        },
        ["fsys.eventfd_write_glibc"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_eventfd_write", HeldOutRun.NotAnOpenFd, 3L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("value", 3UL)));
            int a = (int)r.Sync("Probe_eventfd", 0), b = (int)r.Sync("Probe_eventfd", 0);
            try
            {
                r.ExpectSame("add 3", r.Sync("Probe_eventfd_write", a, 3L), await r.Async(("fd", b), ("value", 3UL)));
                r.ExpectSame("the counter after it", r.Sync("Probe_eventfd_read", a), r.Sync("Probe_eventfd_read", b) is long after ? new VariantOutcome(null, after, null, null) : throw new InvalidOperationException());
                r.ExpectSame("add 2^64-1 (EINVAL)", r.Sync("Probe_eventfd_write", a, -1L), await r.Async(("fd", b), ("value", ulong.MaxValue)));
            }
            finally
            {
                r.Sync("Probe_close", a);
                r.Sync("Probe_close", b);
            }
        },
        ["fsys.vmsplice_ordinary_bytes"] = async r =>
        {
            byte[] data = Encoding.ASCII.GetBytes("spliced");
            r.ExpectBadFd(r.Sync("Probe_splice_bytes", HeldOutRun.NotAnOpenFd, data), await r.Async(("pipeFd", HeldOutRun.NotAnOpenFd), ("data", data)));
            int a = r.OpenFile("vmsplice-a", Content), b = r.OpenFile("vmsplice-b", Content);
            r.ExpectSame("a regular file, not a pipe (EBADF)", r.Sync("Probe_splice_bytes", a, data), await r.Async(("pipeFd", b), ("data", data)));
        },
        ["fsys.mincore_byte_array"] = async r =>
        {
            long page = r.Sync("Probe_page");
            byte[] syncVec = new byte[1], asyncVec = new byte[1];
            r.ExpectSame("a resident page", r.Sync("Probe_mincore", page, 4096L, syncVec), await r.Async(("addr", page), ("length", 4096L), ("vec", asyncVec)));
            r.ExpectBytes("the residency vector", syncVec, asyncVec);
            r.ExpectSame("an address not page-aligned (EINVAL)", r.Sync("Probe_mincore", page + 1, 4096L, new byte[1]), await r.Async(("addr", page + 1), ("length", 4096L), ("vec", new byte[1])));
        },
        ["fsys.msync_intptr"] = async r =>
        {
            long page = r.Sync("Probe_page");
            r.ExpectSame("MS_ASYNC on an anonymous page", r.Sync("Probe_msync", page, 4096L, 1), await r.Async(("addr", page), ("length", 4096L), ("flags", 1)));
            r.ExpectSame("an address not page-aligned (EINVAL)", r.Sync("Probe_msync", page + 1, 4096L, 1), await r.Async(("addr", page + 1), ("length", 4096L), ("flags", 1)));
        },
        ["fsys.mprotect_unstated"] = async r =>
        {
            long page = r.Sync("Probe_page");
            r.ExpectSame("an address not page-aligned (EINVAL)", r.Sync("Probe_mprotect", page + 1, 4096L, 3), await r.Async(("addr", page + 1), ("len", 4096L), ("prot", 3)));
            r.ExpectSame("read-write on a read-write page", r.Sync("Probe_mprotect", page, 4096L, 3), await r.Async(("addr", page), ("len", 4096L), ("prot", 3)));
        },
        ["fsys.if_nametoindex_zero_errno"] = async r =>
        {
            r.ExpectSame("lo", r.Sync("Probe_ifindex", "lo"), await r.Async(("ifname", "lo")));
            r.ExpectSame("no such interface (ENODEV)", r.Sync("Probe_ifindex", "nosuch0"), await r.Async(("ifname", "nosuch0")));
        },
        // The process's own mask, set again: umask is process-wide, and any other value would change the mode of every file
        // another test creates meanwhile (and for the rest of the run).
        ["fsys.umask_neverfails"] = async r =>
        {
            int mask = CurrentUmask();
            r.ExpectSame("umask " + Convert.ToString(mask, 8) + " after itself", r.Sync("Probe_umask_twice", mask), await r.Async(("mask", (uint)mask)));
        },
        ["fsys.clock_nanosleep_error_number"] = async r =>
        {
            r.ExpectSame("1 µs on CLOCK_MONOTONIC", r.Sync("Probe_sleep", 1, 1000L), await r.Async(("clockid", 1), ("nanoseconds", 1000L)));
            r.ExpectSame("an unknown clock (EINVAL, returned)", r.Sync("Probe_sleep", 12345, 1000L), await r.Async(("clockid", 12345), ("nanoseconds", 1000L)));
            r.ExpectSame("a negative time (EINVAL, returned)", r.Sync("Probe_sleep", 1, -1L), await r.Async(("clockid", 1), ("nanoseconds", -1L)));
        },
        ["fsys.kcmp_syscall_same_file"] = async r =>
        {
            int a = r.OpenFile("kcmp-a", Content);
            r.ExpectSame("a descriptor with itself", r.Sync("Probe_kcmp", a, a), await r.Async(("fd1", a), ("fd2", a)));
            r.ExpectSame("a descriptor not open (EBADF)", r.Sync("Probe_kcmp", a, HeldOutRun.NotAnOpenFd), await r.Async(("fd1", a), ("fd2", HeldOutRun.NotAnOpenFd)));
        },
    };

    /// <summary>A probe and variant over a descriptor, with extra arguments after the descriptor: not open, then on two files.</summary>
    /// <summary>The process's file mode creation mask, read from /proc/self/status (reading it with umask(2) would set it).</summary>
    private static int CurrentUmask() =>
        Convert.ToInt32(File.ReadLines("/proc/self/status").Single(l => l.StartsWith("Umask:", StringComparison.Ordinal))["Umask:".Length..].Trim(), 8);

    private static async Task FdCall(HeldOutRun r, string probe, Func<int, (string, object?)[]> arguments, object?[] extra)
    {
        r.ExpectBadFd(r.Sync(probe, new object?[] { HeldOutRun.NotAnOpenFd }.Concat(extra).ToArray()), await r.Async(arguments(HeldOutRun.NotAnOpenFd)));
        int a = r.OpenFile("fdcall-a-" + r.Row.Case.Id, Content), b = r.OpenFile("fdcall-b-" + r.Row.Case.Id, Content);
        r.ExpectSame("on a file", r.Sync(probe, new object?[] { a }.Concat(extra).ToArray()), await r.Async(arguments(b)));
    }

    /// <summary>Truncate two copies of a file by path to <paramref name="length"/>; then a missing path.</summary>
    private static async Task TruncateRun(HeldOutRun r, string probe, long length)
    {
        string a = Path.Combine(r.Directory, "truncate-a-" + length), b = Path.Combine(r.Directory, "truncate-b-" + length);
        File.WriteAllBytes(a, Content);
        File.WriteAllBytes(b, Content);
        r.ExpectSame("truncate to " + length, r.Sync(probe, a, length), await r.Async(("path", b), ("length", length)));
        r.ExpectSame("the size after it", new FileInfo(a).Length, new VariantOutcome(null, new FileInfo(b).Length, null, null));
        if (length < 4096)
        {
            r.ExpectBytes("the file after it", File.ReadAllBytes(a), File.ReadAllBytes(b));
        }

        string missing = Path.Combine(r.Directory, "missing");
        r.ExpectSame("a missing path (ENOENT)", r.Sync(probe, missing, length), await r.Async(("path", missing), ("length", length)));
    }

    /// <summary>FALLOC_FL_PUNCH_HOLE|KEEP_SIZE over bytes 2..6 of two copies (EOPNOTSUPP on file systems without holes).</summary>
    private static async Task PunchRun(HeldOutRun r, string probe, Func<int, object> descriptor)
    {
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd, 3, 2L, 4L), await r.Async(("fd", descriptor(HeldOutRun.NotAnOpenFd)), ("mode", 3), ("offset", 2L), ("len", 4L)));
        string nameA = "punch-a-" + r.Row.Case.Id, nameB = "punch-b-" + r.Row.Case.Id;
        int a = r.OpenFile(nameA, Content), b = r.OpenFile(nameB, Content);
        r.ExpectSame("punch 4 bytes at 2, keeping the size", r.Sync(probe, a, 3, 2L, 4L), await r.Async(("fd", descriptor(b)), ("mode", 3), ("offset", 2L), ("len", 4L)));
        r.ExpectBytes("the file after it", File.ReadAllBytes(Path.Combine(r.Directory, nameA)), File.ReadAllBytes(Path.Combine(r.Directory, nameB)));
        r.ExpectSame("PUNCH_HOLE without KEEP_SIZE (EOPNOTSUPP)", r.Sync(probe, a, 2, 2L, 4L), await r.Async(("fd", descriptor(b)), ("mode", 2), ("offset", 2L), ("len", 4L)));
    }

    /// <summary>A FIFO made by path in the test directory, then made again (EEXIST).</summary>
    private static async Task FifoRun(HeldOutRun r, string probe, Func<string, (string, object?)[]> arguments, int mode)
    {
        string a = Path.Combine(r.Directory, "fifo-a-" + r.Row.Case.Id), b = Path.Combine(r.Directory, "fifo-b-" + r.Row.Case.Id);
        r.ExpectSame("a new FIFO", r.Sync(probe, a, mode), await r.Async(arguments(b)));
        r.ExpectSame("the same path again (EEXIST)", r.Sync(probe, a, mode), await r.Async(arguments(b)));
    }
}
