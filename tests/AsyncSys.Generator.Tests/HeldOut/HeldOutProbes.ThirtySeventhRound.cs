namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the thirty-seventh blind round (Signals.case, Limits.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno; an out struct's member the run compares is left
/// in <c>Values</c>. They only read (dispositions, limits, scheduling parameters), send signal 0, or answer errors.
/// </summary>
internal static partial class HeldOutProbes
{
    public const string Signals = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Signals
        {
            public static unsafe class SignalsProbes
            {
                [DllImport("libc")] private static extern int getpid();

                public static long[] Values = new long[8];
                public static long TakeValue(int i) { long v = Values[i]; Values[i] = 0; return v; }

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_getpid() => getpid();
                public static long Probe_sig_sigqueue(int pid, int sig) => Check(ProcessSignals.sigqueue(pid, sig, 0));
                public static long Probe_sig_queue_info(int pid, int sig, long value) => Check(ProcessSignals.QueueWithInfo(pid, sig, value));

                /// <summary>0 or -errno; the handler and flags in Values[0] and Values[1].</summary>
                public static long Probe_sig_query(int signum)
                {
                    int r = ProcessSignals.QueryAction(signum, 0, out SigActionBuffer old);
                    if (r < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    Values[0] = old.Handler;
                    Values[1] = old.Flags;
                    return r;
                }

                public static long Probe_sig_take_usr2() => Check(OneShot.TakePendingUsr2());
            }
        }
        """;

    public const string Limits = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Limits
        {
            public static unsafe class LimitsProbes
            {
                [DllImport("libc")] private static extern int getpid();

                public static long[] Values = new long[8];
                public static long TakeValue(int i) { long v = Values[i]; Values[i] = 0; return v; }

                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;

                public static long Probe_getpid() => getpid();

                /// <summary>0 or -errno; the soft limit in Values[0].</summary>
                public static long Probe_lim_getrlimit(int resource)
                {
                    int r = ResourceLimits.getrlimit(resource, out RLimit rlim);
                    if (r < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    Values[0] = (long)rlim.Current;
                    return r;
                }

                public static long Probe_lim_setrlimit(int resource, long current, long maximum) =>
                    Check(ResourceLimits.setrlimit(resource, new RLimit { Current = (ulong)current, Maximum = (ulong)maximum }));

                public static long Probe_lim_soft_limit_of(int pid, int resource) => Check(ResourceLimits.SoftLimitOf(pid, resource));
                public static long Probe_lim_mlockall(int flags) => Check(ResourceLimits.mlockall(flags));

                /// <summary>0 or -errno; the priority in Values[0].</summary>
                public static long Probe_lim_sched_getparam(int pid)
                {
                    int r = Scheduling.sched_getparam(pid, out SchedParameters p);
                    if (r < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    Values[0] = p.Priority;
                    return r;
                }
            }
        }
        """;
}
