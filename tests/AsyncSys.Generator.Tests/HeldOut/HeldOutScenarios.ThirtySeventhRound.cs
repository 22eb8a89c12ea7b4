using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the thirty-seventh blind round (Signals.case, Limits.case), written with the case files, before
/// the generator was run on them. Nothing here changes what the test host shares (Hostile/README, "Shared process state"):
/// signals sent are 0 (a check) or invalid (EINVAL, nothing sent), to the host's own pid above 64 only, so that a variant
/// swapping pid and signal asks for signal 'pid' (EINVAL); dispositions, limits and scheduling parameters are only read;
/// setrlimit runs only on resource 9999 (EINVAL before the limit is looked at) and mlockall only with flags the kernel
/// refuses (EINVAL, nothing locked). A pid 0 that means the calling thread must be refused at the call.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const int Sigusr1_37 = 10, Sigusr2_37 = 12, Sigchld37 = 17, RlimitNofile37 = 7, NoSuchResource37 = 9999;

    private static Dictionary<string, (string, string)> WithThirtySeventhRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Signals"] = (HeldOutProbes.Signals, "");
        probes["Limits"] = (HeldOutProbes.Limits, "");
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithThirtySeventhRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in SignalsRuns().Concat(LimitsRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    /// <summary>A member of the variant's out value as an outcome (the sync probe left its own in <c>Values[index]</c>).</summary>
    private static void ExpectMember37(HeldOutRun r, string what, int index, VariantOutcome outcome, string member)
    {
        long sync = r.Sync("TakeValue", index);
        r.ExpectSame(what, sync, new VariantOutcome(null, HeldOutRun.Member(outcome.Result, member), null, null));
    }

    /// <summary>The test host's pid, or 0 (the run says why) when 64 or less: a swapped variant would then send a real signal.</summary>
    private static int OwnPidAbove64(HeldOutRun r)
    {
        int pid = (int)r.Sync("Probe_getpid");
        if (pid <= 64)
        {
            r.Row.Runs.Add("not run: the test host's pid is " + pid + ", which a swapped variant would send as a signal");
            return 0;
        }

        return pid;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> SignalsRuns() => new()
    {
        ["sig37.sigqueue_value"] = async r =>
        {
            int pid = OwnPidAbove64(r);
            if (pid == 0)
            {
                return;
            }

            r.ExpectSame("signal 0 to the own process (a check)", r.Sync("Probe_sig_sigqueue", pid, 0), await r.Async(("pid", pid), ("sig", 0), ("value", (nint)0)));
            r.ExpectSame("signal 0 to no such process (ESRCH)", r.Sync("Probe_sig_sigqueue", NoSuchPid, 0), await r.Async(("pid", NoSuchPid), ("sig", 0), ("value", (nint)0)));
            r.ExpectSame("signal 9999 (EINVAL)", r.Sync("Probe_sig_sigqueue", pid, 9999), await r.Async(("pid", pid), ("sig", 9999), ("value", (nint)0)));
        },
        ["sig37.rt_sigqueueinfo_body"] = async r =>
        {
            int pid = OwnPidAbove64(r);
            if (pid == 0)
            {
                return;
            }

            r.ExpectSame("signal 0 to the own process (a check)", r.Sync("Probe_sig_queue_info", pid, 0, 7L), await r.Async(("pid", pid), ("signal", 0), ("value", 7L)));
            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_sig_queue_info", NoSuchPid, 0, 7L), await r.Async(("pid", NoSuchPid), ("signal", 0), ("value", 7L)));
            r.ExpectSame("signal 9999 (EINVAL)", r.Sync("Probe_sig_queue_info", pid, 9999, 7L), await r.Async(("pid", pid), ("signal", 9999), ("value", 7L)));
        },
        ["sig37.sigaction_query"] = async r =>
        {
            foreach (int signum in new[] { Sigusr1_37, Sigchld37 })
            {
                long sync = r.Sync("Probe_sig_query", signum);
                VariantOutcome outcome = await r.Async(("signum", signum), ("act", (nint)0));
                r.ExpectSame("the disposition of " + signum + " (read only)", sync, outcome);
                ExpectMember37(r, "its handler", 0, outcome, "Handler");
                ExpectMember37(r, "its flags", 1, outcome, "Flags");
            }

            r.ExpectSame("signal 0 (EINVAL)", r.Sync("Probe_sig_query", 0), await r.Async(("signum", 0), ("act", (nint)0)));
            r.ExpectSame("signal 9999 (EINVAL)", r.Sync("Probe_sig_query", 9999), await r.Async(("signum", 9999), ("act", (nint)0)));
        },
        ["sig37.block_poll_restore_body"] = async r =>
        {
            // Nothing sends SIGUSR2 in this process (the runs' signalfds only wait for it): EAGAIN on both sides.
            r.ExpectSame("SIGUSR2 not pending (EAGAIN)", r.Sync("Probe_sig_take_usr2"), await r.Async());
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> LimitsRuns() => new()
    {
        ["lim.getrlimit_out"] = async r =>
        {
            long sync = r.Sync("Probe_lim_getrlimit", RlimitNofile37);
            VariantOutcome outcome = await r.Async(("resource", RlimitNofile37));
            r.ExpectSame("RLIMIT_NOFILE", sync, outcome);
            ExpectMember37(r, "its soft limit", 0, outcome, "Current");
            r.ExpectSame("resource 9999 (EINVAL)", r.Sync("Probe_lim_getrlimit", NoSuchResource37), await r.Async(("resource", NoSuchResource37)));
        },
        ["lim.setrlimit_in_libraryimport"] = async r =>
        {
            object limit = r.NewObject("HeldOut.Limits.RLimit");
            r.ExpectSame("resource 9999 (EINVAL, nothing set)", r.Sync("Probe_lim_setrlimit", NoSuchResource37, 0L, 0L), await r.Async(("resource", NoSuchResource37), ("rlim", limit)));
        },
        ["lim.prlimit_soft_of_pid_body"] = async r =>
        {
            int pid = (int)r.Sync("Probe_getpid");
            r.ExpectSame("RLIMIT_NOFILE of the own pid", r.Sync("Probe_lim_soft_limit_of", pid, RlimitNofile37), await r.Async(("pid", pid), ("resource", RlimitNofile37)));
            r.ExpectSame("RLIMIT_NOFILE of pid 0 (the calling process)", r.Sync("Probe_lim_soft_limit_of", 0, RlimitNofile37), await r.Async(("pid", 0), ("resource", RlimitNofile37)));
            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_lim_soft_limit_of", NoSuchPid, RlimitNofile37), await r.Async(("pid", NoSuchPid), ("resource", RlimitNofile37)));
            r.ExpectSame("resource 9999 (EINVAL)", r.Sync("Probe_lim_soft_limit_of", pid, NoSuchResource37), await r.Async(("pid", pid), ("resource", NoSuchResource37)));
        },
        ["lim.mlockall_flags"] = async r =>
        {
            r.ExpectSame("flags 0 (EINVAL)", r.Sync("Probe_lim_mlockall", 0), await r.Async(("flags", 0)));
            r.ExpectSame("MCL_ONFAULT alone (EINVAL)", r.Sync("Probe_lim_mlockall", 4), await r.Async(("flags", 4)));
            r.ExpectSame("an unknown flag (EINVAL)", r.Sync("Probe_lim_mlockall", 0x100), await r.Async(("flags", 0x100)));
        },
        ["lim.sched_getparam_pid"] = async r =>
        {
            int pid = (int)r.Sync("Probe_getpid");
            long sync = r.Sync("Probe_lim_sched_getparam", pid);
            VariantOutcome outcome = await r.Async(("pid", pid));
            r.ExpectSame("the main thread (the pid names it)", sync, outcome);
            ExpectMember37(r, "its priority", 0, outcome, "Priority");
            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_lim_sched_getparam", NoSuchPid), await r.Async(("pid", NoSuchPid)));
            r.ExpectSame("pid -1 (EINVAL)", r.Sync("Probe_lim_sched_getparam", -1), await r.Async(("pid", -1)));
            r.ExpectCallingThreadRefused("pid 0", await r.Async(("pid", 0)), "pid");
        },
    };
}
