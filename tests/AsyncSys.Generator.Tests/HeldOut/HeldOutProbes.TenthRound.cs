namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the tenth blind round (Threads.case, Filesystems.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno; a call returning the error number gives
/// -that number; descriptors a probe opens for a comparison are closed and counted as 0.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string Threads = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Threads
        {
            public static unsafe class ThreadProbes
            {
                [DllImport("libc")] private static extern int getpid();

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_getpid() => getpid();
                public static long Probe_monotonic() => Check(Clocks.ReadMonotonic(out _));
                public static long Probe_boottime_raw() => Check(Clocks.ReadBoottimeRaw(out _));
                public static long Probe_gettime(int clock) => Check(Clocks.GetTime((ClockId)clock, out _));
                public static long Probe_gettime_long(long clock) { Timespec t; return Check(Clocks.GetTimeLong(clock, &t)); }
                public static long Probe_getres(int clock) => Check(Clocks.GetResolution(clock, out _));
                public static long Probe_usage_self() => Check(Usage.Process(out _));
                public static long Probe_usage_children() => Check(Usage.Children(out _));
                public static long Probe_getusage(int who) { Rusage u; return Check(Usage.GetUsage(who, &u)); }
                public static long Probe_tid_arch() => ThreadIds.TidByArchitecture();
                public static long Probe_tid_field() => ThreadIds.TidFromField();
                public static long Probe_pid_const() => Check(ThreadIds.Pid());
                public static long Probe_process_prefix(int sequence) => ThreadIds.ProcessPrefix(sequence);
                public static long Probe_getscheduler(int pid) => Check(Scheduling.GetScheduler(pid));
                public static long Probe_getparam(int pid) => Check(Scheduling.GetParam(pid, out _));
                public static long Probe_priority_max(int policy) => Check(Scheduling.PriorityMax(policy));
                public static long Probe_yield() => Check(Scheduling.sched_yield());
                public static long Probe_rr_interval(int pid) => Check(Scheduling.RoundRobinInterval(pid, out _));
                public static long Probe_setaffinity(int pid, byte[] mask) { fixed (byte* p = mask) { return Check(Scheduling.SetAffinity(pid, (nuint)mask.Length, p)); } }

                // getpriority may return -1 as a value: errno was cleared before, so -1 with errno 0 is the nice value.
                public static long Probe_getpriority(int which, uint who)
                {
                    Marshal.SetLastPInvokeError(0);
                    int r = Scheduling.GetPriority(which, who);
                    int errno = Marshal.GetLastPInvokeError();
                    return r == -1 && errno != 0 ? -errno : r;
                }

                public static long Probe_ioprio(int who) => Check(Scheduling.IoPriority(who));
                public static long Probe_tgkill(int tgid, int tid, int sig) => Check(Scheduling.SignalThread(tgid, tid, sig));
            }
        }
        """;

    public const string Filesystems = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Filesystems
        {
            public static unsafe class FsProbes
            {
                [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
                [DllImport("libc", SetLastError = true)] private static extern int eventfd(uint initval, int flags);
                [DllImport("libc", SetLastError = true)] private static extern int inotify_init1(int flags);

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                private static long Closed(long r) { if (r >= 0) { close((int)r); return 0; } return -Marshal.GetLastPInvokeError(); }

                public static long Probe_close(int fd) => Check(close(fd));
                public static long Probe_eventfd(int initval) => Check(eventfd((uint)initval, 0x80000));
                public static long Probe_inotify() => Check(inotify_init1(0x80000));
                public static long Probe_page() { byte* p = (byte*)NativeMemory.AlignedAlloc(4096, 4096); p[0] = 1; return (long)p; }

                public static long Probe_statfs(string path) => Check(Volumes.StatFs(path, out _));
                public static long Probe_fstatfs(int fd) => Check(Volumes.FStatFs(fd, out _));
                public static long Probe_truncate64(string path, long length) => Check(Volumes.Truncate64(path, length));
                public static long Probe_readahead(int fd, long offset, long count) => Check(Files.ReadAhead(fd, offset, (nuint)count));
                public static long Probe_fallocate(int fd, int mode, long offset, long len) => Check(Files.Fallocate(fd, mode, offset, len));
                public static long Probe_fallocate_handle(int fd, int mode, long offset, long len) => Check(Files.FallocateHandle(new SafeFileHandle((IntPtr)fd, false), (FallocateMode)mode, offset, len));
                public static long Probe_lockf(int fd, int cmd, long len) => Check(Files.LockF(fd, cmd, len));
                public static long Probe_fchmod(int fd, int mode) => Check(Files.FChmod(fd, (uint)mode));
                public static long Probe_fchown(int fd, int owner, int group) => Check(Files.FChown(fd, owner, group));
                public static long Probe_mknodat(string path, int mode) => Check(Files.MknodAt(-100, path, (uint)mode, 0));
                public static long Probe_mount_id(string path) => Check(Files.MountIdOf(path, out _));
                public static long Probe_mount_id_value(string path) { Files.MountIdOf(path, out int id); return id; }
                public static long Probe_dup2(int oldfd, int newfd) => Closed(Files.Dup2(oldfd, newfd));
                public static long Probe_tcgetattr(int fd) => Check(Files.TcGetAttr(fd, out _));
                public static long Probe_fanotify_init(int flags, int eventFlags) => Closed(Notifications.FanotifyInit((uint)flags, (uint)eventFlags));
                public static long Probe_fanotify_mark(int fd, int flags, long mask, int dirfd, string? path) => Check(Notifications.FanotifyMark(fd, (uint)flags, (ulong)mask, dirfd, path));
                public static long Probe_inotify_rm(int fd, int wd) => Check(Notifications.InotifyRemoveWatch(fd, wd));
                public static long Probe_eventfd_read(int fd) { int r = Notifications.EventFdRead(fd, out ulong value); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)value; }
                public static long Probe_eventfd_write(int fd, long value) => Check(Notifications.EventFdWrite(fd, (ulong)value));
                public static long Probe_splice_bytes(int fd, byte[] data) => Check(Memory.SpliceBytes(fd, data));
                public static long Probe_mincore(long addr, long length, byte[] vec) => Check(Memory.MinCore((nint)addr, (nuint)length, vec));
                public static long Probe_msync(long addr, long length, int flags) => Check(Memory.MSync((IntPtr)addr, (UIntPtr)(ulong)length, flags));
                public static long Probe_mprotect(long addr, long length, int prot) => Check(Memory.mprotect((nint)addr, (nuint)length, prot));
                public static long Probe_ifindex(string name) { uint r = Misc.InterfaceIndex(name); return r == 0 ? -Marshal.GetLastPInvokeError() : r; }
                public static long Probe_umask_twice(int mask) { Misc.Umask((uint)mask); return Misc.Umask((uint)mask); }
                public static long Probe_sleep(int clock, long nanoseconds) { int r = Misc.SleepNanoseconds(clock, nanoseconds); return r > 0 ? -r : r; }
                public static long Probe_kcmp(int a, int b) => Check(Misc.CompareFiles(a, b));
            }
        }
        """;

    public const string FilesystemsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Filesystems
        {
            public static unsafe class FsLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_statvfs(string path) { Statvfs s; return Check(Volumes.StatVfs(path, &s)); }
                public static long Probe_truncate(string path, long length) => Check(Volumes.Truncate(path, length));
                public static long Probe_mkfifoat(string path, int mode) => Check(Files.MkfifoAt(-100, path, (uint)mode));
            }
        }
        """;
}
