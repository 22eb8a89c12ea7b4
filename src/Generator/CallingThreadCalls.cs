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
/// <param name="Decides">
/// The argument that decides whether the call acts on the calling thread at all (clock_gettime's clock, getrusage's who,
/// a pid of 0), or <see langword="null"/> when every use of the call does.
/// </param>
internal sealed record CallingThreadCall(string EntryPoint, bool Answers, string Why, ThreadArgument? Decides = null);

/// <summary>What a deciding argument's value means.</summary>
internal enum ThreadArgumentKind
{
    /// <summary>
    /// A clockid_t: CLOCK_THREAD_CPUTIME_ID (3), or a dynamic CPU-time clock of the calling thread. The kernel encodes a
    /// dynamic CPU-time clock (clock_getcpuclockid, pthread_getcpuclockid) as <c>~pid &lt;&lt; 3 | per-thread bit (4) | type</c>
    /// (kernel/time/posix-cpu-timers.c); pid 0 is the caller, so -4..-1 are the calling thread's own clocks. A clock made
    /// for a named thread or process (another negative id) answers for that one from any thread of the process, as
    /// CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID and the other fixed clocks answer the same everywhere.
    /// </summary>
    ClockId,

    /// <summary>getrusage's who: RUSAGE_THREAD (1) is the calling thread; RUSAGE_SELF and RUSAGE_CHILDREN are the process's.</summary>
    RusageWho,

    /// <summary>A pid or who of 0, which these calls read as the calling thread; any other names its thread or process.</summary>
    Zero,
}

/// <summary>The argument (by position in the C call) that decides whether a call acts on the calling thread.</summary>
/// <param name="Index">Its position among the call's arguments.</param>
/// <param name="Kind">What its value means.</param>
internal sealed record ThreadArgument(int Index, ThreadArgumentKind Kind)
{
    /// <summary>Whether the call, given <paramref name="value"/> (as the C int the kernel reads), acts on the calling thread.</summary>
    public bool IsCallingThread(long value)
    {
        int c = unchecked((int)value);
        return Kind switch
        {
            ThreadArgumentKind.ClockId => c == 3 || (c is >= -8 and < 0 && (c & 4) != 0),
            ThreadArgumentKind.RusageWho => c == 1,
            ThreadArgumentKind.Zero => c == 0,
            _ => true,
        };
    }

    /// <summary>The same test as C# over the int expression <paramref name="value"/>, for the generated method.</summary>
    public string Condition(string value) => Kind switch
    {
        ThreadArgumentKind.ClockId => value + " == 3 || (" + value + " >= -8 && " + value + " < 0 && (" + value + " & 4) != 0)",
        ThreadArgumentKind.RusageWho => value + " == 1",
        _ => value + " == 0",
    };

    /// <summary>Which values act on the calling thread, for messages.</summary>
    public string CallingThreadValues => Kind switch
    {
        ThreadArgumentKind.ClockId => "CLOCK_THREAD_CPUTIME_ID (3) or a CPU-time clock of the calling thread (-4 to -1)",
        ThreadArgumentKind.RusageWho => "RUSAGE_THREAD (1)",
        _ => "0 (the calling thread)",
    };

    /// <summary>What the argument is, for messages.</summary>
    public string What => Kind switch
    {
        ThreadArgumentKind.ClockId => "clock",
        ThreadArgumentKind.RusageWho => "who",
        _ => "pid",
    };
}

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
        new("clock_gettime", Answers: true, "clock_gettime(2): CLOCK_THREAD_CPUTIME_ID is the calling thread's CPU-time clock", new(0, ThreadArgumentKind.ClockId)),
        new("getrusage", Answers: true, "getrusage(2): RUSAGE_THREAD reports the calling thread's usage", new(0, ThreadArgumentKind.RusageWho)),
        new("sigpending", Answers: true, "sigpending(2) returns the signals pending for the calling thread as well as the process"),
        new("sched_getaffinity", Answers: true, "sched_getaffinity(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("sched_getscheduler", Answers: true, "sched_getscheduler(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("sched_getparam", Answers: true, "sched_getparam(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("sched_getattr", Answers: true, "sched_getattr(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("getpriority", Answers: true, "getpriority(2): on Linux the nice value is per thread, and who 0 is the calling thread", new(1, ThreadArgumentKind.Zero)),
        new("ioprio_get", Answers: true, "ioprio_get(2): IOPRIO_WHO_PROCESS 0 is the calling thread", new(1, ThreadArgumentKind.Zero)),
        new("capget", Answers: true, "capget(2): " + PidZero),
        new("setns", Answers: false, "setns(2) reassociates the calling thread with a namespace"),
        new("unshare", Answers: false, "unshare(2) disassociates parts of the calling thread's execution context"),
        new("sched_setaffinity", Answers: false, "sched_setaffinity(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("sched_setscheduler", Answers: false, "sched_setscheduler(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("sched_setparam", Answers: false, "sched_setparam(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("sched_setattr", Answers: false, "sched_setattr(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("setpriority", Answers: false, "setpriority(2): on Linux the nice value is per thread, and who 0 is the calling thread", new(1, ThreadArgumentKind.Zero)),
        new("ioprio_set", Answers: false, "ioprio_set(2): IOPRIO_WHO_PROCESS 0 is the calling thread", new(1, ThreadArgumentKind.Zero)),
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
