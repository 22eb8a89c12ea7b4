using StringComparison = System.StringComparison;

namespace AsyncSys.Generator;

/// <summary>One libc call that acts on the thread that makes it, as its man page says.</summary>
/// <param name="EntryPoint">The libc symbol.</param>
/// <param name="Answers">
/// Whether it answers with the calling thread's own state (a name, an ID, a CPU, a mask): made on a worker, the answer is
/// the worker's, also when an ordinary method's body makes the call. A call that only changes the thread's state
/// (setns, then mount, in one body) can be used inside one worker call.
/// </param>
/// <param name="Why">What the man page says, for the message.</param>
internal sealed record CallingThreadCall(string EntryPoint, bool Answers, string Why);

/// <summary>
/// Calls that act on the calling thread, not the process: a variant runs its wrapper on a blocking-call worker, so the
/// call would act on (and answer for) the worker's thread, never the caller's, and a change would stay on the worker for
/// the unrelated calls it runs next. Data only, from the man pages; nothing is inferred from a parameter's name.
/// </summary>
internal static class CallingThreadCalls
{
    private const string PidZero = "pid 0 is the calling thread";

    private static readonly CallingThreadCall[] Calls =
    {
        new("prctl", Answers: true, "prctl(2) reads and sets attributes of the calling thread (PR_GET_NAME, PR_SET_NAME, PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS, ...)"),
        new("gettid", Answers: true, "gettid(2) returns the caller's thread ID"),
        new("sched_getcpu", Answers: true, "sched_getcpu(3) returns the CPU the calling thread runs on"),
        new("getcpu", Answers: true, "getcpu(2) returns the CPU the calling thread runs on"),
        new("pthread_self", Answers: true, "pthread_self(3) returns the ID of the calling thread"),
        new("thrd_current", Answers: true, "thrd_current(3) returns the identifier of the calling thread"),
        new("clock_gettime", Answers: true, "clock_gettime(2): CLOCK_THREAD_CPUTIME_ID is the calling thread's CPU-time clock, and the clock is chosen at run time"),
        new("getrusage", Answers: true, "getrusage(2): RUSAGE_THREAD reports the calling thread's usage, and who is chosen at run time"),
        new("sigpending", Answers: true, "sigpending(2) returns the signals pending for the calling thread as well as the process"),
        new("sched_getaffinity", Answers: true, "sched_getaffinity(2): " + PidZero),
        new("sched_getscheduler", Answers: true, "sched_getscheduler(2): " + PidZero),
        new("sched_getparam", Answers: true, "sched_getparam(2): " + PidZero),
        new("sched_getattr", Answers: true, "sched_getattr(2): " + PidZero),
        new("getpriority", Answers: true, "getpriority(2): on Linux the nice value is per thread, and who 0 is the calling thread"),
        new("ioprio_get", Answers: true, "ioprio_get(2): IOPRIO_WHO_PROCESS 0 is the calling thread"),
        new("capget", Answers: true, "capget(2): " + PidZero),
        new("setns", Answers: false, "setns(2) reassociates the calling thread with a namespace"),
        new("unshare", Answers: false, "unshare(2) disassociates parts of the calling thread's execution context"),
        new("sched_setaffinity", Answers: false, "sched_setaffinity(2): " + PidZero),
        new("sched_setscheduler", Answers: false, "sched_setscheduler(2): " + PidZero),
        new("sched_setparam", Answers: false, "sched_setparam(2): " + PidZero),
        new("sched_setattr", Answers: false, "sched_setattr(2): " + PidZero),
        new("setpriority", Answers: false, "setpriority(2): on Linux the nice value is per thread, and who 0 is the calling thread"),
        new("ioprio_set", Answers: false, "ioprio_set(2): IOPRIO_WHO_PROCESS 0 is the calling thread"),
        new("capset", Answers: false, "capset(2): " + PidZero),
        new("sigprocmask", Answers: false, "sigprocmask(2) changes the calling thread's signal mask"),
        new("pthread_sigmask", Answers: false, "pthread_sigmask(3) changes the calling thread's signal mask"),
        new("sigaltstack", Answers: false, "sigaltstack(2) sets the calling thread's alternate signal stack"),
        new("setfsuid", Answers: false, "setfsuid(2) changes the calling thread's filesystem user ID"),
        new("setfsgid", Answers: false, "setfsgid(2) changes the calling thread's filesystem group ID"),
        new("seccomp", Answers: false, "seccomp(2) installs a filter on the calling thread"),
        new("arch_prctl", Answers: false, "arch_prctl(2) sets the calling thread's architecture state"),
    };

    /// <summary>The call for an entry point: an exact match first, then one ignoring case (as the syscall table is looked up).</summary>
    public static CallingThreadCall? Find(string entryPoint)
    {
        CallingThreadCall? ignoringCase = null;
        foreach (CallingThreadCall call in Calls)
        {
            if (string.Equals(call.EntryPoint, entryPoint, StringComparison.Ordinal))
            {
                return call;
            }

            if (ignoringCase is null && string.Equals(call.EntryPoint, entryPoint, StringComparison.OrdinalIgnoreCase))
            {
                ignoringCase = call;
            }
        }

        return ignoringCase;
    }
}
