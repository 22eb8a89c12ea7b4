namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the fifteenth blind round (ThreadState.case, ProcessState.case), written with the case files before
/// the generator was run on them. Same convention: the call's result, or -errno; a call returning the error number gives
/// -that number. Probes that change a thread are called on a thread the run starts for it (or on a thread it names), never
/// on a thread of the test host's pool.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string ThreadState = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.ThreadState
        {
            public static unsafe class ThreadStateProbes
            {
                [DllImport("libc", EntryPoint = "gettid")] private static extern int gettid_for_runs();
                [DllImport("libc", EntryPoint = "timer_delete", SetLastError = true)] private static extern int timer_delete_for_runs(nint timer);
                [DllImport("libc", EntryPoint = "syscall", SetLastError = true)] private static extern long syscall_for_runs(long number, long a1, long a2, long a3);

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_gettid() => gettid_for_runs();
                public static long Probe_timer_delete(long timer) => Check(timer_delete_for_runs((nint)timer));
                public static long Probe_ioprio_get_raw(int who) => Check(syscall_for_runs(252, 1, who, 0));

                public static long Probe_prctl(int option, long arg2) => Check(ProcessControl.prctl(option, (nuint)arg2, 0, 0, 0));
                public static long Probe_prctl_get_int(int option) { int r = ProcessControl.PrctlGetInt(option, out int value, 0, 0, 0); return r < 0 ? -Marshal.GetLastPInvokeError() : value; }
                public static long Probe_set_thread_name(string name) => Check(ProcessControl.SetThreadName(name));
                public static long Probe_set_timer_slack(long nanoseconds) => Check(ProcessControl.SetTimerSlack((ulong)nanoseconds));
                public static long Probe_set_thread_name_raw(byte[] name) => Check(ProcessControl.SetThreadNameRaw(name));

                public static long Probe_setpriority(int which, int who, int prio) => Check(Priorities.setpriority((PriorityWhich)which, who, prio));
                public static long Probe_getnice(int who) => Check(Priorities.GetNice(who));
                public static long Probe_ioprio_get(int pid) => Check(Priorities.GetIoPriority(pid));
                public static long Probe_ioprio_set_ordinary(int tid, int ioClass, int level) => Check(Priorities.SetIoPriority(tid, ioClass, level));

                public static long Probe_setscheduler(int pid, int policy, int priority) => Check(Scheduling.SetScheduler(pid, policy, priority));
                public static long Probe_getattr(int pid) => Check(Scheduling.GetAttr(pid, out _));
                public static long Probe_getattr_policy(int pid) { long r = Scheduling.GetAttr(pid, out SchedAttr a); return r < 0 ? -Marshal.GetLastPInvokeError() : a.Policy; }
                public static long Probe_setaffinity(int pid, byte[] mask) => Check(Scheduling.sched_setaffinity(pid, (IntPtr)mask.Length, mask));
                public static long Probe_getaffinity(int pid) { ulong mask = 0; int r = Scheduling.sched_getaffinity(pid, (IntPtr)8, ref mask); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)mask; }
                public static long Probe_getaffinity_result(int pid) { ulong mask = 0; return Check(Scheduling.sched_getaffinity(pid, (IntPtr)8, ref mask)); }
                public static long Probe_pin(int cpu) => Check(Scheduling.PinToCpu(cpu));
                public static long Probe_instance_pin(int tid, int cpu) => Check(new PinnedThread(tid).Pin(cpu));

                public static long Probe_sigprocmask_block(long bits) => Check(Signals.sigprocmask(0, new[] { (ulong)bits }, null));
                public static long Probe_setfsuid(int uid) => Credentials.setfsuid((uint)uid);

                public static long Probe_create_quiet_timer(int clockid)
                {
                    int r = ThreadClocks.CreateQuietTimer(clockid, out nint timer);
                    if (r < 0) return -Marshal.GetLastPInvokeError();
                    timer_delete_for_runs(timer);
                    return r;
                }

                public static long Probe_read_clock(int clock) => Check(ThreadClocks.ReadClock(out _, (ClockId)clock));
            }
        }
        """;

    public const string ThreadStateLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.ThreadState
        {
            public static unsafe class ThreadStateLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_prctl_bytes(int option, byte[] buffer) => Check(ProcessControl.PrctlBytes(option, buffer, 0, 0, 0));
                public static long Probe_ioprio_set(long number, int which, int who, int ioprio) => Check(Priorities.ioprio_set(number, which, who, ioprio));
                public static long Probe_getscheduler(int pid) => Check(Scheduling.sched_getscheduler(pid));
                public static long Probe_getrusage(int who) => Check(ThreadClocks.getrusage((UsageWho)who, out _));
            }
        }
        """;

    public const string ProcessState = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.ProcessState
        {
            public static unsafe class ProcessStateProbes
            {
                [DllImport("libc", EntryPoint = "prctl", SetLastError = true)] private static extern int prctl_for_runs(int option, int* arg2, nuint a3, nuint a4, nuint a5);
                [DllImport("libc", EntryPoint = "geteuid")] private static extern uint geteuid_for_runs();
                [DllImport("libc", EntryPoint = "gettid")] private static extern int gettid_for_runs();

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_gettid() => gettid_for_runs();
                public static long Probe_geteuid() => geteuid_for_runs();
                public static long Probe_get_child_subreaper() { int v = 0; int r = prctl_for_runs(37, &v, 0, 0, 0); return r < 0 ? -Marshal.GetLastPInvokeError() : v; }

                public static long Probe_is_dumpable() => Check(WholeProcess.IsDumpable());
                public static long Probe_set_child_subreaper(bool on) => Check(WholeProcess.SetChildSubreaper(on));
                public static long Probe_process_exists() => Check(WholeProcess.ProcessExists());
                public static long Probe_prlimit(int pid, int resource) => Check(WholeProcess.prlimit(pid, resource, IntPtr.Zero, out _));
                public static long Probe_prlimit_current(int pid, int resource) { int r = WholeProcess.prlimit(pid, resource, IntPtr.Zero, out Rlimit l); return r < 0 ? -Marshal.GetLastPInvokeError() : (long)l.Current; }
                public static long Probe_personality(long persona) => Check(WholeProcess.personality((uint)persona));
                public static long Probe_chdir(string path) => Check(WorkingDirectory.chdir(path));
                public static long Probe_fchdir(int fd) => Check(WorkingDirectory.fchdir(new SafeFileHandle((IntPtr)fd, false)));
                public static long Probe_thread_timer(int tid, int signal) => Check(NamedTargets.CreateAndDeleteThreadTimer(tid, signal));
                public static long Probe_setpgid(int pid, int pgid) => Check(NamedTargets.setpgid(pid, pgid));
            }
        }
        """;

    public const string ProcessStateLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.ProcessState
        {
            public static unsafe class ProcessStateLibraryImportProbes
            {
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_setuid(long uid) => Check(WholeProcess.setuid((uint)uid));
            }
        }
        """;
}
