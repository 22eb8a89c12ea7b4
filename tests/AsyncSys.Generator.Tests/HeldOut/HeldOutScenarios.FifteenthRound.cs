using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the fifteenth blind round (ThreadState.case, ProcessState.case), written with the case files, before
/// the generator was run on them. A call that acts on the calling thread is checked by what it leaves behind: the sync wrapper
/// and the variant are each called on a thread the run starts for them, and the run reads that thread's state back from
/// /proc/self/task/&lt;tid&gt;/ (comm, timerslack_ns, status, stat); a variant that acted on a worker leaves the caller's thread
/// as it was. A call on a thread the caller names gets a parked thread of its own on each side; a value that makes the call
/// act on the calling thread (pid/who/tid 0, a per-thread prctl option, a thread CPU-time clock) must be refused at the call
/// (ArgumentException naming the parameter). Nothing here changes the test process for good: credentials are only set to
/// what they are, the working directory only to itself, per-thread changes die with their thread.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const int PR_GET_DUMPABLE = 3, PR_GET_TIMING = 13, PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_SET_NAME = 15, PR_GET_NAME = 16,
        PR_SET_TIMERSLACK = 29, PR_GET_CHILD_SUBREAPER = 37;

    private const int SchedBatch = 3, IoprioClassBestEffort = 2, RealtimeSignal = 45;

    private static Dictionary<string, (string, string)> WithFifteenthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["ThreadState"] = (HeldOutProbes.ThreadState, HeldOutProbes.ThreadStateLibraryImport);
        probes["ProcessState"] = (HeldOutProbes.ProcessState, HeldOutProbes.ProcessStateLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithFifteenthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in ThreadStateRuns().Concat(ProcessStateRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> ThreadStateRuns() => new()
    {
        ["ts.prctl_option_param"] = async r =>
        {
            r.ExpectSame("PR_GET_DUMPABLE (the process's)", r.Sync("Probe_prctl", PR_GET_DUMPABLE, 0L), await r.Async(Prctl(PR_GET_DUMPABLE)));
            r.ExpectSame("PR_GET_TIMING (the process's)", r.Sync("Probe_prctl", PR_GET_TIMING, 0L), await r.Async(Prctl(PR_GET_TIMING)));
            r.ExpectCallingThreadRefused("PR_SET_NAME", await r.Async(Prctl(PR_SET_NAME)), "option");
            r.ExpectCallingThreadRefused("PR_GET_NAME", await r.Async(Prctl(PR_GET_NAME)), "option");
            r.ExpectCallingThreadRefused("PR_SET_TIMERSLACK", await r.Async(Prctl(PR_SET_TIMERSLACK)), "option");
            r.ExpectCallingThreadRefused("PR_SET_PDEATHSIG", await r.Async(Prctl(PR_SET_PDEATHSIG)), "option");
        },
        ["ts.prctl_name_bytes_libraryimport"] = async r =>
        {
            r.ExpectSame("PR_GET_DUMPABLE (the buffer unused)", r.Sync("Probe_prctl_bytes", PR_GET_DUMPABLE, new byte[16]),
                await r.Async(("option", PR_GET_DUMPABLE), ("arg2", new byte[16]), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L)));
            r.ExpectCallingThreadRefused("PR_GET_NAME", await r.Async(("option", PR_GET_NAME), ("arg2", new byte[16]), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L)), "option");
            r.ExpectCallingThreadRefused("PR_SET_NAME", await r.Async(("option", PR_SET_NAME), ("arg2", new byte[16]), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L)), "option");
        },
        ["ts.prctl_out_int"] = async r =>
        {
            r.ExpectSame("PR_GET_CHILD_SUBREAPER (the process's)", r.Sync("Probe_prctl_get_int", PR_GET_CHILD_SUBREAPER),
                WithMember(await r.Async(("option", PR_GET_CHILD_SUBREAPER), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L)), "value"));
            r.ExpectCallingThreadRefused("PR_GET_PDEATHSIG", await r.Async(("option", PR_GET_PDEATHSIG), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L)), "option");
        },
        ["ts.set_thread_name_body"] = r => SameEffect(r, "PR_SET_NAME 'h15-name'", () => r.Sync("Probe_set_thread_name", "h15-name"),
            () => r.Async(("name", "h15-name")), tid => TaskFile(tid, "comm")),
        ["ts.timer_slack_body"] = r => SameEffect(r, "PR_SET_TIMERSLACK 123456", () => r.Sync("Probe_set_timer_slack", 123456L),
            () => r.Async(("nanoseconds", 123456UL)), tid => TaskFile(tid, "timerslack_ns")),
        ["ts.syscall_prctl_set_name"] = r => SameEffect(r, "PR_SET_NAME through syscall(157)", () => r.Sync("Probe_set_thread_name_raw", NameBytes("h15-raw")),
            () => r.Async(("name", NameBytes("h15-raw"))), tid => TaskFile(tid, "comm")),
        ["ts.setpriority_who"] = async r =>
        {
            await SameOnNamedThread(r, "nice 4 on a named thread", t => r.Sync("Probe_setpriority", 0, t, 4),
                t => r.Async(("which", 0), ("who", t), ("prio", 4)), t => StatField(t, 19));
            using (Process a = Sleeper(), b = Sleeper())
            {
                r.ExpectSame("nice 5 on a child the test started", r.Sync("Probe_setpriority", 0, a.Id, 5), await r.Async(("which", 0), ("who", b.Id), ("prio", 5)));
                ExpectSameText(r, "the child's nice value", ProcStatField(a.Id, 19), ProcStatField(b.Id, 19));
                Reap(a);
                Reap(b);
            }

            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_setpriority", 0, NoSuchPid, 4), await r.Async(("which", 0), ("who", NoSuchPid), ("prio", 4)));
            r.ExpectCallingThreadRefused("who 0", await r.Async(("which", 0), ("who", 0), ("prio", 4)), "who");
        },
        ["ts.getpriority_default_who"] = async r =>
        {
            using (var a = new ParkedThread(r))
            {
                r.Sync("Probe_setpriority", 0, a.Tid, 3);
                r.ExpectSame("a named thread at nice 3 (103)", r.Sync("Probe_getnice", a.Tid), await r.Async(("who", a.Tid)));
            }

            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_getnice", NoSuchPid), await r.Async(("who", NoSuchPid)));
            r.ExpectCallingThreadRefused("the default who (0)", await r.Async(), "who");
        },
        ["ts.ioprio_set_number_param"] = async r =>
        {
            int prio = (IoprioClassBestEffort << 13) | 6;
            await SameOnNamedThread(r, "ioprio_set best-effort 6 on a named thread", t => r.Sync("Probe_ioprio_set", 251L, 1, t, prio),
                t => r.Async(("number", 251L), ("which", 1), ("who", t), ("ioprio", prio)), t => r.Sync("Probe_ioprio_get_raw", t).ToString(System.Globalization.CultureInfo.InvariantCulture));
            r.ExpectCallingThreadRefused("who 0", await r.Async(("number", 251L), ("which", 1), ("who", 0), ("ioprio", prio)), "who");
            r.ExpectCallingThreadRefused("number 186 (gettid)", await r.Async(("number", 186L), ("which", 0), ("who", 0), ("ioprio", 0)), "number");
        },
        ["ts.ioprio_get_ordinary"] = async r =>
        {
            using (var a = new ParkedThread(r))
            {
                r.Sync("Probe_ioprio_set_ordinary", a.Tid, IoprioClassBestEffort, 5);
                r.ExpectSame("a named thread at best-effort 5", r.Sync("Probe_ioprio_get", a.Tid), await r.Async(("pid", a.Tid)));
            }

            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_ioprio_get", NoSuchPid), await r.Async(("pid", NoSuchPid)));
            r.ExpectCallingThreadRefused("pid 0", await r.Async(("pid", 0)), "pid");
        },
        ["ts.ioprio_set_ordinary"] = async r =>
        {
            await SameOnNamedThread(r, "best-effort 7 on a named thread", t => r.Sync("Probe_ioprio_set_ordinary", t, IoprioClassBestEffort, 7),
                t => r.Async(("tid", t), ("ioClass", IoprioClassBestEffort), ("level", 7)), t => r.Sync("Probe_ioprio_get_raw", t).ToString(System.Globalization.CultureInfo.InvariantCulture));
            r.ExpectSame("an unknown class (EINVAL)", r.Sync("Probe_ioprio_set_ordinary", NoSuchPid, 9, 0), await r.Async(("tid", NoSuchPid), ("ioClass", 9), ("level", 0)));
            r.ExpectCallingThreadRefused("tid 0", await r.Async(("tid", 0), ("ioClass", IoprioClassBestEffort), ("level", 7)), "tid");
        },
        ["ts.sched_setscheduler_ordinary"] = async r =>
        {
            await SameOnNamedThread(r, "SCHED_BATCH on a named thread", t => r.Sync("Probe_setscheduler", t, SchedBatch, 0),
                t => r.Async(("pid", t), ("policy", SchedBatch), ("priority", 0)), t => StatField(t, 41));
            r.ExpectSame("an unknown policy (EINVAL)", r.Sync("Probe_setscheduler", Environment.ProcessId, 99, 0), await r.Async(("pid", Environment.ProcessId), ("policy", 99), ("priority", 0)));
            r.ExpectCallingThreadRefused("pid 0", await r.Async(("pid", 0), ("policy", SchedBatch), ("priority", 0)), "pid");
        },
        ["ts.sched_getscheduler_libraryimport"] = async r =>
        {
            using (var a = new ParkedThread(r))
            {
                r.Sync("Probe_setscheduler", a.Tid, SchedBatch, 0);
                r.ExpectSame("a named thread in SCHED_BATCH", r.Sync("Probe_getscheduler", a.Tid), await r.Async(("pid", a.Tid)));
            }

            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_getscheduler", NoSuchPid), await r.Async(("pid", NoSuchPid)));
            r.ExpectCallingThreadRefused("pid 0", await r.Async(("pid", 0)), "pid");
        },
        ["ts.sched_getattr_syscall_out"] = async r =>
        {
            using (var a = new ParkedThread(r))
            {
                r.Sync("Probe_setscheduler", a.Tid, SchedBatch, 0);
                VariantOutcome outcome = await r.Async(("pid", a.Tid));
                r.ExpectSame("a named thread's attributes", r.Sync("Probe_getattr", a.Tid), outcome);
                r.ExpectSame("its policy (SCHED_BATCH)", r.Sync("Probe_getattr_policy", a.Tid), WithMember(outcome, "Policy"));
            }

            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_getattr", NoSuchPid), await r.Async(("pid", NoSuchPid)));
            r.ExpectCallingThreadRefused("pid 0", await r.Async(("pid", 0)), "pid");
        },
        ["ts.sched_setaffinity_byte_array"] = async r =>
        {
            await SameOnNamedThread(r, "CPU 0 only, on a named thread", t => r.Sync("Probe_setaffinity", t, CpuZero()),
                t => r.Async(("pid", t), ("cpusetsize", 128L), ("mask", CpuZero())), t => StatusField(t, "Cpus_allowed_list"));
            r.ExpectSame("an empty set (EINVAL)", r.Sync("Probe_setaffinity", Environment.ProcessId, new byte[128]),
                await r.Async(("pid", Environment.ProcessId), ("cpusetsize", 128L), ("mask", new byte[128])));
            r.ExpectCallingThreadRefused("pid 0", await r.Async(("pid", 0), ("cpusetsize", 128L), ("mask", CpuZero())), "pid");
        },
        ["ts.sched_getaffinity_ref_ulong"] = async r =>
        {
            using (var a = new ParkedThread(r))
            {
                r.Sync("Probe_setaffinity", a.Tid, CpuZero());
                VariantOutcome outcome = await r.Async(("pid", a.Tid), ("maskSize", 8L), ("mask", 0UL));
                r.ExpectSame("a named thread pinned to CPU 0", r.Sync("Probe_getaffinity_result", a.Tid), outcome);
                r.ExpectSame("its mask (1)", r.Sync("Probe_getaffinity", a.Tid), WithMember(outcome, "mask"));
            }

            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_getaffinity_result", NoSuchPid), await r.Async(("pid", NoSuchPid), ("maskSize", 8L), ("mask", 0UL)));
            r.ExpectCallingThreadRefused("pid 0", await r.Async(("pid", 0), ("maskSize", 8L), ("mask", 0UL)), "pid");
        },
        ["ts.pin_current_thread_body"] = r => SameEffect(r, "pin the calling thread to CPU 0", () => r.Sync("Probe_pin", 0),
            () => r.Async(("cpu", 0)), tid => StatusField(tid, "Cpus_allowed_list")),
        ["ts.instance_setaffinity_field"] = async r =>
        {
            using (var a = new ParkedThread(r))
            using (var b = new ParkedThread(r))
            {
                long sync = r.Sync("Probe_instance_pin", a.Tid, 0);
                VariantOutcome variant = await r.AsyncOn(r.NewObject("HeldOut.ThreadState.PinnedThread", b.Tid), ("cpu", 0));
                r.ExpectSame("an object holding a named thread's ID", sync, variant);
                ExpectSameText(r, "that thread's CPUs", StatusField(a.Tid, "Cpus_allowed_list"), StatusField(b.Tid, "Cpus_allowed_list"));
            }

            await SameEffect(r, "an object holding thread ID 0 (the calling thread)", () => r.Sync("Probe_instance_pin", 0, 0),
                () => r.AsyncOn(r.NewObject("HeldOut.ThreadState.PinnedThread", 0), ("cpu", 0)), tid => StatusField(tid, "Cpus_allowed_list"));
        },
        ["ts.sigprocmask_nullable_arrays"] = r => SameEffect(r, "SIG_BLOCK signal 45", () => r.Sync("Probe_sigprocmask_block", 1L << (RealtimeSignal - 1)),
            () => r.Async(("how", 0), ("set", new[] { 1UL << (RealtimeSignal - 1) }), ("oldset", null)), tid => StatusField(tid, "SigBlk")),
        ["ts.setfsuid"] = r => SameEffect(r, "setfsuid(65534)", () => r.Sync("Probe_setfsuid", 65534),
            () => r.Async(("fsuid", 65534u)), tid => StatusField(tid, "Uid")),
        ["ts.timer_create_clock_param"] = async r =>
        {
            VariantOutcome monotonic = await r.Async(("clockid", 1));
            r.ExpectSame("CLOCK_MONOTONIC", r.Sync("Probe_create_quiet_timer", 1), monotonic);
            DeleteTimer(r, monotonic);
            VariantOutcome process = await r.Async(("clockid", 2));
            r.ExpectSame("CLOCK_PROCESS_CPUTIME_ID (the process's)", r.Sync("Probe_create_quiet_timer", 2), process);
            DeleteTimer(r, process);
            r.ExpectSame("an unknown clock (EINVAL)", r.Sync("Probe_create_quiet_timer", 99), await r.Async(("clockid", 99)));
            VariantOutcome thread = await r.Async(("clockid", 3));
            r.ExpectCallingThreadRefused("CLOCK_THREAD_CPUTIME_ID", thread, "clockid");
            DeleteTimer(r, thread);
        },
        ["ts.getrusage_enum_libraryimport"] = async r =>
        {
            r.ExpectSame("RUSAGE_SELF", r.Sync("Probe_getrusage", 0), await r.Async(("who", 0)));
            r.ExpectSame("RUSAGE_CHILDREN", r.Sync("Probe_getrusage", -1), await r.Async(("who", -1)));
            r.ExpectSame("an unknown who (EINVAL)", r.Sync("Probe_getrusage", 5), await r.Async(("who", 5)));
            r.ExpectCallingThreadRefused("RUSAGE_THREAD", await r.Async(("who", 1)), "who");
        },
        ["ts.clock_default_thread_cputime"] = async r =>
        {
            r.ExpectSame("CLOCK_MONOTONIC", r.Sync("Probe_read_clock", 1), await r.Async(("clock", 1)));
            r.ExpectSame("CLOCK_PROCESS_CPUTIME_ID", r.Sync("Probe_read_clock", 2), await r.Async(("clock", 2)));
            r.ExpectSame("an unknown clock (EINVAL)", r.Sync("Probe_read_clock", 12345), await r.Async(("clock", 12345)));
            r.ExpectCallingThreadRefused("the default clock (CLOCK_THREAD_CPUTIME_ID)", await r.Async(), "clock");
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> ProcessStateRuns() => new()
    {
        ["ps.prctl_get_dumpable_body"] = async r => r.ExpectSame("PR_GET_DUMPABLE", r.Sync("Probe_is_dumpable"), await r.Async()),
        ["ps.prctl_child_subreaper_body"] = async r =>
        {
            long before = r.Sync("Probe_get_child_subreaper");
            try
            {
                long sync = r.Sync("Probe_set_child_subreaper", true);
                long syncState = r.Sync("Probe_get_child_subreaper");
                r.Sync("Probe_set_child_subreaper", false);
                VariantOutcome variant = await r.Async(("on", true));
                r.ExpectSame("PR_SET_CHILD_SUBREAPER 1", sync, variant);
                r.ExpectSame("the process's subreaper flag after it", syncState, new VariantOutcome(null, r.Sync("Probe_get_child_subreaper"), null, null));
            }
            finally
            {
                r.Sync("Probe_set_child_subreaper", before != 0);
            }
        },
        ["ps.kill_own_pid_body"] = async r =>
        {
            // The variant's own default goes to the test host's pid: only if it is 0 (see ExpectDefaultSignalZero).
            if (ExpectDefaultSignalZero(r, "signal"))
            {
                r.ExpectSame("signal 0 to the own process", r.Sync("Probe_process_exists"), await r.Async());
            }
        },
        ["ps.prlimit_pid_zero_out"] = async r =>
        {
            VariantOutcome outcome = await r.Async(("pid", 0), ("resource", 7), ("new_limit", 0L));
            r.ExpectSame("RLIMIT_NOFILE of the calling process (pid 0)", r.Sync("Probe_prlimit", 0, 7), outcome);
            r.ExpectSame("its soft limit", r.Sync("Probe_prlimit_current", 0, 7), WithMember(outcome, "Current"));
            r.ExpectSame("the own pid", r.Sync("Probe_prlimit", Environment.ProcessId, 7), await r.Async(("pid", Environment.ProcessId), ("resource", 7), ("new_limit", 0L)));
            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_prlimit", NoSuchPid, 7), await r.Async(("pid", NoSuchPid), ("resource", 7), ("new_limit", 0L)));
            r.ExpectSame("an unknown resource (EINVAL)", r.Sync("Probe_prlimit", 0, 999), await r.Async(("pid", 0), ("resource", 999), ("new_limit", 0L)));
        },
        ["ps.personality_query"] = async r => r.ExpectSame("the execution domain (query 0xffffffff)", r.Sync("Probe_personality", 0xffffffffL), await r.Async(("persona", 0xffffffffu))),
        ["ps.setuid_glibc"] = async r =>
        {
            long euid = r.Sync("Probe_geteuid");
            r.ExpectSame("setuid to the effective user it already is", r.Sync("Probe_setuid", euid), await r.Async(("uid", (uint)euid)));
            r.ExpectSame("uid -1 (EINVAL)", r.Sync("Probe_setuid", (long)uint.MaxValue), await r.Async(("uid", uint.MaxValue)));
        },
        ["ps.chdir_string"] = async r =>
        {
            string here = Environment.CurrentDirectory;
            r.ExpectSame("the directory the process is already in", r.Sync("Probe_chdir", here), await r.Async(("path", here)));
            ExpectSameText(r, "the working directory after it", here, Environment.CurrentDirectory);
            string missing = Path.Combine(r.Directory, "missing");
            r.ExpectSame("a missing directory (ENOENT)", r.Sync("Probe_chdir", missing), await r.Async(("path", missing)));
            string file = Path.Combine(r.Directory, "h15-not-a-dir");
            File.WriteAllBytes(file, new byte[1]);
            r.ExpectSame("a regular file (ENOTDIR)", r.Sync("Probe_chdir", file), await r.Async(("path", file)));
        },
        ["ps.fchdir_safehandle"] = async r =>
        {
            int fd = r.OpenFile("h15-fchdir", new byte[1]);
            r.ExpectSame("a regular file (ENOTDIR)", r.Sync("Probe_fchdir", fd), await r.Async(("fd", fd)));
        },
        ["ps.timer_create_thread_id_explicit"] = async r =>
        {
            using (var a = new ParkedThread(r))
            {
                r.ExpectSame("a timer for a named thread of the process (created, never armed, deleted)", r.Sync("Probe_thread_timer", a.Tid, RealtimeSignal),
                    await r.Async(("tid", a.Tid), ("signal", RealtimeSignal)));
            }

            r.ExpectSame("no such thread (EINVAL)", r.Sync("Probe_thread_timer", NoSuchPid, RealtimeSignal), await r.Async(("tid", NoSuchPid), ("signal", RealtimeSignal)));
            using Process child = Sleeper();
            r.ExpectSame("a thread of another process (EINVAL)", r.Sync("Probe_thread_timer", child.Id, RealtimeSignal), await r.Async(("tid", child.Id), ("signal", RealtimeSignal)));
            Reap(child);
        },
        ["ps.setpgid_child"] = async r =>
        {
            using (Process a = Sleeper(), b = Sleeper())
            {
                r.ExpectSame("a child into a group of its own", r.Sync("Probe_setpgid", a.Id, a.Id), await r.Async(("pid", b.Id), ("pgid", b.Id)));
                ExpectSameText(r, "the child's process group is itself", (ProcStatField(a.Id, 5) == a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToString(),
                    (ProcStatField(b.Id, 5) == b.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToString());
                Reap(a);
                Reap(b);
            }

            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_setpgid", NoSuchPid, 0), await r.Async(("pid", NoSuchPid), ("pgid", 0)));
        },
    };

    private static (string, object?)[] Prctl(int option) => new (string, object?)[] { ("option", option), ("arg2", 0L), ("arg3", 0L), ("arg4", 0L), ("arg5", 0L) };

    private static byte[] NameBytes(string name)
    {
        byte[] bytes = new byte[16];
        System.Text.Encoding.ASCII.GetBytes(name, 0, name.Length, bytes, 0);
        return bytes;
    }

    private static byte[] CpuZero()
    {
        byte[] mask = new byte[128];
        mask[0] = 1;
        return mask;
    }

    private static void DeleteTimer(HeldOutRun r, VariantOutcome outcome)
    {
        if (outcome.Other is null && outcome.Errno is null && HeldOutRun.Member(outcome.Result, "timer") is long timer and not 0)
        {
            r.Sync("Probe_timer_delete", timer);
        }
    }

    /// <summary>
    /// The sync wrapper and the variant each called on a new thread of the run's own; the state <paramref name="effect"/> reads
    /// from /proc for that thread must come out the same. A variant that acted on a worker leaves its caller unchanged. A
    /// refusal at the call (ArgumentException) changes nothing and is noted, not compared.
    /// </summary>
    private static Task SameEffect(HeldOutRun r, string what, Func<long> sync, Func<Task<VariantOutcome>> variant, Func<int, string> effect)
    {
        (long syncResult, string syncState) = OnOwnThread(r, tid => (sync(), effect(tid)));
        (VariantOutcome outcome, string variantState) = OnOwnThread(r, tid => (variant().GetAwaiter().GetResult(), effect(tid)));
        if (outcome.Other is ArgumentException refused)
        {
            r.Row.Runs.Add(what + ": sync " + syncResult + ", async refused at the call (" + refused.Message + ")");
            r.Row.Notes.Add(what + ": refused at the call");
            return Task.CompletedTask;
        }

        r.ExpectSame(what, syncResult, outcome);
        ExpectSameText(r, what + ": the calling thread's state after the call", syncState, variantState);
        return Task.CompletedTask;
    }

    /// <summary>A call on a thread the caller names: each side gets a parked thread, whose state is read back after the call.</summary>
    private static async Task SameOnNamedThread(HeldOutRun r, string what, Func<int, long> sync, Func<int, Task<VariantOutcome>> variant, Func<int, string> effect)
    {
        using var a = new ParkedThread(r);
        using var b = new ParkedThread(r);
        long syncResult = sync(a.Tid);
        VariantOutcome outcome = await variant(b.Tid);
        r.ExpectSame(what, syncResult, outcome);
        ExpectSameText(r, what + ": the named thread's state after the call", effect(a.Tid), effect(b.Tid));
    }

    private static void ExpectSameText(HeldOutRun r, string what, string sync, string variant)
    {
        r.Row.Runs.Add(what + ": sync '" + sync + "', async '" + variant + "'");
        if (sync != variant)
        {
            r.Row.Problems.Add(what + ": '" + variant + "' after the variant where the sync wrapper left '" + sync + "'");
        }
    }

    /// <summary>
    /// Whether the variant's default for its signal parameter is 0, read from the generated method before it is called without
    /// that argument on the test host's own pid: any other default would send a real signal there (SIGHUP or SIGTERM would end
    /// the test host with no message), so the run reports it instead of making the call.
    /// </summary>
    private static bool ExpectDefaultSignalZero(HeldOutRun r, string parameter)
    {
        Microsoft.CodeAnalysis.IParameterSymbol? p = r.Row.VariantSymbols[0].Parameters.FirstOrDefault(x => x.Name == parameter);
        object? value = p is { HasExplicitDefaultValue: true } ? p.ExplicitDefaultValue : null;
        if (value is not null && Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return true;
        }

        r.Row.Problems.Add("the variant's '" + parameter + "' defaults to " + (value?.ToString() ?? "nothing") + ", not 0 (the wrapper's Signal.None): not called on the test host's pid");
        return false;
    }

    private static T OnOwnThread<T>(HeldOutRun r, Func<int, T> body)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = body((int)r.Sync("Probe_gettid"));
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        }) { IsBackground = true };
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }

    private static string TaskFile(int tid, string name) => File.ReadAllText("/proc/self/task/" + tid + "/" + name).Trim();

    private static string StatusField(int tid, string field) =>
        File.ReadAllLines("/proc/self/task/" + tid + "/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Substring(field.Length + 1).Trim();

    /// <summary>Field <paramref name="number"/> (1-based, as proc(5) counts) of /proc/self/task/&lt;tid&gt;/stat.</summary>
    private static string StatField(int tid, int number) => StatFieldOf("/proc/self/task/" + tid + "/stat", number);

    private static string ProcStatField(int pid, int number) => StatFieldOf("/proc/" + pid + "/stat", number);

    private static string StatFieldOf(string path, int number)
    {
        string text = File.ReadAllText(path);
        string[] fields = text.Substring(text.LastIndexOf(')') + 2).Split(' ');
        return fields[number - 3];
    }

    private static Process Sleeper() => Process.Start(new ProcessStartInfo("/bin/sleep", "30") { UseShellExecute = false })!;

    private static void Reap(Process child)
    {
        if (!child.HasExited)
        {
            child.Kill();
        }

        child.WaitForExit();
    }

    /// <summary>A thread the run starts and keeps waiting, so calls can name it by its ID; it ends when disposed.</summary>
    private sealed class ParkedThread : IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly Thread _thread;

        public ParkedThread(HeldOutRun r)
        {
            using var ready = new ManualResetEventSlim();
            _thread = new Thread(() =>
            {
                Tid = (int)r.Sync("Probe_gettid");
                ready.Set();
                _release.Wait();
            }) { IsBackground = true };
            _thread.Start();
            ready.Wait();
        }

        public int Tid { get; private set; }

        public void Dispose()
        {
            _release.Set();
            _thread.Join();
            _release.Dispose();
        }
    }
}
