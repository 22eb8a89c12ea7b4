using StringComparison = System.StringComparison;

namespace AsyncSys.Generator;

/// <summary>One libc call that acts on the thread that makes it, as its man page says.</summary>
/// <param name="EntryPoint">The libc symbol.</param>
/// <param name="Answers">
/// Whether it answers with the calling thread's own state (a name, an ID, a CPU, a mask), else it changes that state:
/// made on a worker, the answer is the worker's, and a change stays on the worker for the unrelated calls it runs next
/// (also when an ordinary method's body makes the call and uses the change: setns, then mount). Only the messages differ.
/// </param>
/// <param name="Why">What the man page says, for the message.</param>
/// <param name="Decides">
/// The argument that decides whether the call acts on the calling thread at all (clock_gettime's clock, getrusage's who,
/// a pid of 0), or <see langword="null"/> when every use of the call does.
/// </param>
/// <param name="KernelOnly">
/// Whether only the system call itself acts on the calling thread, while the C library's function of that name acts on the
/// whole process: glibc's setuid, setgid, setgroups, setresuid and their kin change every thread's credentials (nptl(7)),
/// the raw system call only the caller's. Such a call is found only through syscall(2) with its number, never by the
/// entry point of an import, which is the library's function.
/// </param>
/// <param name="ImportOnly">
/// Whether only a wrapper that is the call itself is refused, while an ordinary method's body may make it: the call leaves
/// its answer in the calling thread's state (dlopen's failure in dlerror, strerror's string in a buffer of the thread), which
/// a body can read on the worker, in the same call, before it returns (dlopen then dlerror; strerror then a copy of the
/// string); the variant of the import alone hands the caller a pointer or a failure whose explanation stays on the worker.
/// </param>
/// <param name="Effect">
/// What the variant would do with the worker instead of the caller, for the message, when neither "answer for" nor "act on"
/// says it (getaddrinfo leaves the reason for EAI_SYSTEM in the worker's errno): null for those two.
/// </param>
/// <param name="ReadsStateOf">
/// For a call that reads what other calls left in the calling thread's state (dlerror reads the last error of the dlopen
/// API): those calls. In a body that made one of them earlier, the call reads the state the body itself left, on the same
/// worker, so it is not refused there.
/// </param>
/// <param name="Within">
/// For a call on an object that belongs to the thread that made it with another call (an LMDB transaction, begun by
/// mdb_txn_begin): those calls. In a body that made one of them earlier, the object is the body's own, made on the same
/// worker, so the call is not refused there.
/// </param>
/// <param name="EndedBy">
/// For the call that makes such an object (mdb_txn_begin): the calls that end it (mdb_txn_commit, mdb_txn_abort). A body
/// that makes one of them later ends, on the same worker, the object it began, so the call is not refused there.
/// </param>
internal sealed record CallingThreadCall(string EntryPoint, bool Answers, string Why, ThreadArgument? Decides = null, bool KernelOnly = false, bool ImportOnly = false, string[]? ReadsStateOf = null, string? Effect = null, string[]? Within = null, string[]? EndedBy = null)
{
    /// <summary>What the variant would do with the worker instead of the caller, for ASYS0016's message.</summary>
    public string EffectText => Effect ?? (Answers ? "answer for" : "act on");
}

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

    /// <summary>prctl's option: every option but the process-wide ones of <see cref="PrctlOptions"/> acts on the calling thread.</summary>
    PrctlOption,

    /// <summary>Flags of which one bit makes the call act on the calling thread (close_range's CLOSE_RANGE_UNSHARE).</summary>
    BitSet,

    /// <summary>Flags of which one bit makes the call act on something else, and without it on the calling thread (get_mempolicy's MPOL_F_ADDR).</summary>
    BitClear,
}

/// <summary>The argument (by position in the C call) that decides whether a call acts on the calling thread.</summary>
/// <param name="Index">Its position among the call's arguments.</param>
/// <param name="Kind">What its value means.</param>
/// <param name="Bit">For <see cref="ThreadArgumentKind.BitSet"/> and <see cref="ThreadArgumentKind.BitClear"/>: the bit.</param>
/// <param name="Name">For those kinds: the argument's name and what its values mean, for messages ("flags", "with CLOSE_RANGE_UNSHARE (2)").</param>
/// <param name="WhenIndex">
/// The position of another argument that must hold one of <paramref name="WhenValues"/> for the rule to apply at all, or
/// -1: ioprio_get's who 0 is the calling thread with which IOPRIO_WHO_PROCESS and the calling thread's user (its
/// credentials) with IOPRIO_WHO_USER, but the calling process group with IOPRIO_WHO_PGRP (block/ioprio.c: task_pgrp(current));
/// getpriority's likewise with PRIO_PROCESS and PRIO_USER, not PRIO_PGRP.
/// </param>
/// <param name="WhenValues">Those values.</param>
/// <param name="WhenSaid">That argument and value, for messages ("which IOPRIO_WHO_PROCESS (1)").</param>
internal sealed record ThreadArgument(int Index, ThreadArgumentKind Kind, long Bit = 0, string[]? Name = null, int WhenIndex = -1, long[]? WhenValues = null, string? WhenSaid = null)
{
    /// <summary>Whether the rule needs the argument at <see cref="WhenIndex"/>, or a guard of its own (a bit), so the plain per-kind check would not do.</summary>
    public bool NeedsCondition => WhenIndex >= 0 || Kind is ThreadArgumentKind.BitSet or ThreadArgumentKind.BitClear;

    /// <summary>Whether the rule applies when the argument at <see cref="WhenIndex"/> may be any of <paramref name="constants"/>.</summary>
    public bool AppliesWith(long[] constants)
    {
        foreach (long constant in constants)
        {
            if (System.Array.IndexOf(WhenValues ?? System.Array.Empty<long>(), (long)unchecked((int)constant)) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The test on the argument at <see cref="WhenIndex"/> as C# over the int expression <paramref name="value"/>.</summary>
    public string WhenCondition(string value)
    {
        var test = new System.Text.StringBuilder("(");
        foreach (long allowed in WhenValues ?? System.Array.Empty<long>())
        {
            test.Append(test.Length == 1 ? "" : " || ").Append(value).Append(" == ").Append(allowed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return test.Append(')').ToString();
    }

    /// <summary>Whether the call, given <paramref name="value"/> (as the C int the kernel reads), acts on the calling thread.</summary>
    public bool IsCallingThread(long value)
    {
        int c = unchecked((int)value);
        return Kind switch
        {
            ThreadArgumentKind.ClockId => c == 3 || (c is >= -8 and < 0 && (c & 4) != 0),
            ThreadArgumentKind.RusageWho => c == 1,
            ThreadArgumentKind.Zero => c == 0,
            ThreadArgumentKind.PrctlOption => !PrctlOptions.IsProcessWide(c),
            ThreadArgumentKind.BitSet => (value & Bit) != 0,
            ThreadArgumentKind.BitClear => (value & Bit) == 0,
            _ => true,
        };
    }

    /// <summary>The same test as C# over the int expression <paramref name="value"/>, for the generated method.</summary>
    public string Condition(string value) => Kind switch
    {
        ThreadArgumentKind.ClockId => value + " == 3 || (" + value + " >= -8 && " + value + " < 0 && (" + value + " & 4) != 0)",
        ThreadArgumentKind.RusageWho => value + " == 1",
        ThreadArgumentKind.PrctlOption => PrctlOptions.IsThreadCondition(value),
        ThreadArgumentKind.BitSet => "(" + value + " & " + Bit.ToString(System.Globalization.CultureInfo.InvariantCulture) + ") != 0",
        ThreadArgumentKind.BitClear => "(" + value + " & " + Bit.ToString(System.Globalization.CultureInfo.InvariantCulture) + ") == 0",
        _ => value + " == 0",
    };

    /// <summary>Which values act on the calling thread, for messages.</summary>
    public string CallingThreadValues => Kind switch
    {
        ThreadArgumentKind.ClockId => "CLOCK_THREAD_CPUTIME_ID (3) or a CPU-time clock of the calling thread (-4 to -1)",
        ThreadArgumentKind.RusageWho => "RUSAGE_THREAD (1)",
        ThreadArgumentKind.PrctlOption => "other than the process-wide " + PrctlOptions.ProcessWideNames,
        ThreadArgumentKind.BitSet or ThreadArgumentKind.BitClear when Name is { Length: 2 } => Name[1],
        _ => "0 (the calling thread)",
    };

    /// <summary>Which values act on the calling thread and, with <see cref="WhenIndex"/>, with which other argument, for messages.</summary>
    public string CallingThreadValuesWhen => CallingThreadValues + (WhenSaid is null ? "" : " with " + WhenSaid);

    /// <summary>What the argument is, for messages.</summary>
    public string What => Kind switch
    {
        ThreadArgumentKind.ClockId => "clock",
        ThreadArgumentKind.RusageWho => "who",
        ThreadArgumentKind.PrctlOption => "option",
        _ when Name is { Length: > 0 } => Name[0],
        _ => "pid",
    };

    /// <summary>What to do instead, for the variant's exception.</summary>
    public string Advice => Kind == ThreadArgumentKind.Zero
        ? "pass the thread's own ID (gettid) or call the synchronous wrapper on that thread"
        : "call the synchronous wrapper on the thread it is meant for";
}

/// <summary>
/// The prctl(2) options that act on the whole process, from the man page (man-pages 6.03, prctl(2), DESCRIPTION, the
/// sentence that says what each option acts on). Every other option counts as acting on the calling thread: those the
/// page says act on "the calling thread" (PR_SET_NAME/PR_GET_NAME, PR_SET_NO_NEW_PRIVS/PR_GET_NO_NEW_PRIVS,
/// PR_SET_SECCOMP/PR_GET_SECCOMP, PR_CAPBSET_READ/PR_CAPBSET_DROP, PR_CAP_AMBIENT, PR_SET_KEEPCAPS/PR_GET_KEEPCAPS,
/// PR_SET_SECUREBITS/PR_GET_SECUREBITS, PR_SET_TIMERSLACK/PR_GET_TIMERSLACK, PR_MCE_KILL, PR_SET_THP_DISABLE/PR_GET_THP_DISABLE,
/// PR_SET_SPECULATION_CTRL/PR_GET_SPECULATION_CTRL, PR_SET_SYSCALL_USER_DISPATCH, PR_GET_TID_ADDRESS, the arm64 PR_PAC_*,
/// PR_SVE_*, PR_SET_TAGGED_ADDR_CTRL/PR_GET_TAGGED_ADDR_CTRL); those the page words as "the process" while the state is
/// the calling thread's own: PR_SET_PDEATHSIG/PR_GET_PDEATHSIG (the page's warning: the "parent" is the thread that
/// created the caller; each thread has its own setting), PR_SET_IO_FLUSHER/PR_GET_IO_FLUSHER and PR_SET_TSC/PR_GET_TSC
/// (per-thread flags), PR_TASK_PERF_EVENTS_DISABLE/ENABLE (the counters of the calling thread), PR_MCE_KILL_GET (reads what
/// PR_MCE_KILL set "for the calling thread"); the options of other architectures (PR_SET_ENDIAN, PR_SET_FPEMU,
/// PR_SET_FPEXC, PR_SET_FP_MODE, PR_SET_UNALIGN and their getters); removed ones (PR_MPX_*); and any option the page does
/// not list (newer ones such as PR_GET_AUXV or PR_SET_MDWE). Nothing is guessed: an option missing here is refused.
/// </summary>
internal static class PrctlOptions
{
    private static readonly (int Value, string Name)[] ProcessWide =
    {
        (3, "PR_GET_DUMPABLE"),                 // "the current state of the calling process's dumpable attribute"
        (4, "PR_SET_DUMPABLE"),                 // "whether core dumps are produced for the calling process"
        (13, "PR_GET_TIMING"),                  // "which process timing method is currently in use"
        (14, "PR_SET_TIMING"),                  // "statistical process timing or accurate timestamp-based process timing"
        (35, "PR_SET_MM"),                      // "kernel memory map descriptor fields of the calling process"
        (36, "PR_SET_CHILD_SUBREAPER"),         // "the "child subreaper" attribute of the calling process"
        (37, "PR_GET_CHILD_SUBREAPER"),         // "the "child subreaper" setting of the caller": the process's attribute above
        (0x53564d41, "PR_SET_VMA"),             // "virtual memory areas starting from the address specified in arg3": the address space every thread shares
        (0x59616d61, "PR_SET_PTRACER"),         // "the ptracer process can ptrace(2) the calling process"
    };

    /// <summary>All rows, for the test that checks them against linux/prctl.h.</summary>
    internal static (int Value, string Name)[] All => ProcessWide;

    /// <summary>Whether <paramref name="option"/> is one the man page says acts on the whole process.</summary>
    public static bool IsProcessWide(int option)
    {
        foreach ((int value, _) in ProcessWide)
        {
            if (value == option)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The options as the messages name them: "PR_GET_DUMPABLE (3), PR_SET_DUMPABLE (4), ...".</summary>
    public static string ProcessWideNames
    {
        get
        {
            var names = new System.Text.StringBuilder();
            foreach ((int value, string name) in ProcessWide)
            {
                names.Append(names.Length == 0 ? "" : ", ").Append(name).Append(" (")
                    .Append(value > 0xffff ? "0x" + value.ToString("x", System.Globalization.CultureInfo.InvariantCulture) : value.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Append(')');
            }

            return names.ToString();
        }
    }

    /// <summary>The test for an option that acts on the calling thread, as C# over the int expression <paramref name="value"/>.</summary>
    // unchecked((int)(long)option) is not (3 or 4 or 13 or 14 or 35 or 36 or 37 or 0x53564d41 or 0x59616d61)
    public static string IsThreadCondition(string value)
    {
        var test = new System.Text.StringBuilder(value).Append(" is not (");
        for (int i = 0; i < ProcessWide.Length; i++)
        {
            int option = ProcessWide[i].Value;
            test.Append(i == 0 ? "" : " or ")
                .Append(option > 0xffff ? "0x" + option.ToString("x", System.Globalization.CultureInfo.InvariantCulture) : option.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return test.Append(')').ToString();
    }
}

/// <summary>
/// Calls that act on the calling thread, not the process: a variant runs its wrapper on a blocking-call worker, so the
/// call would act on (and answer for) the worker's thread, never the caller's, and a change would stay on the worker for
/// the unrelated calls it runs next. Data only, from the man pages; nothing is inferred from a parameter's name.
/// </summary>
internal static class CallingThreadCalls
{
    private const string PidZero = "pid 0 is the calling thread";
    private const string PrioProcess = "which PRIO_PROCESS (0) or PRIO_USER (2)";
    private const string IoprioWhoProcess = "which IOPRIO_WHO_PROCESS (1) or IOPRIO_WHO_USER (3)";

    private static readonly CallingThreadCall[] Calls =
    {
        new("prctl", Answers: true, "prctl(2) reads and sets attributes of the calling thread (PR_GET_NAME, PR_SET_NAME, PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS, ...) for all options but a few of the process's", new(0, ThreadArgumentKind.PrctlOption)),
        new("gettid", Answers: true, "gettid(2) returns the caller's thread ID"),
        new("sched_getcpu", Answers: true, "sched_getcpu(3) returns the CPU the calling thread runs on"),
        new("getcpu", Answers: true, "getcpu(2) returns the CPU the calling thread runs on"),
        new("pthread_self", Answers: true, "pthread_self(3) returns the ID of the calling thread"),
        new("thrd_current", Answers: true, "thrd_current(3) returns the identifier of the calling thread"),
        new("clock_gettime", Answers: true, "clock_gettime(2): CLOCK_THREAD_CPUTIME_ID is the calling thread's CPU-time clock", new(0, ThreadArgumentKind.ClockId)),
        new("getrusage", Answers: true, "getrusage(2): RUSAGE_THREAD reports the calling thread's usage", new(0, ThreadArgumentKind.RusageWho)),
        new("sigpending", Answers: true, "sigpending(2) returns the signals pending for the calling thread as well as the process"),
        new("sigtimedwait", Answers: true, "sigtimedwait(2) takes a signal pending for the calling thread or the process, among those the calling thread has blocked"),
        new("sigwaitinfo", Answers: true, "sigwaitinfo(2) takes a signal pending for the calling thread or the process, among those the calling thread has blocked"),
        new("sigwait", Answers: true, "sigwait(3) takes a signal pending for the calling thread or the process, among those the calling thread has blocked"),
        new("rt_sigtimedwait", Answers: true, "rt_sigtimedwait(2) takes a signal pending for the calling thread or the process, among those the calling thread has blocked"),
        new("sigsuspend", Answers: true, "sigsuspend(2) replaces the calling thread's signal mask while it waits for a signal to that thread or the process"),
        new("pause", Answers: true, "pause(2) returns when a signal is delivered to the calling thread (a handler that ran there): on a worker it would wait for one delivered to that worker"),
        new("sched_getaffinity", Answers: true, "sched_getaffinity(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("sched_getscheduler", Answers: true, "sched_getscheduler(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("sched_getparam", Answers: true, "sched_getparam(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("sched_getattr", Answers: true, "sched_getattr(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("getpriority", Answers: true, "getpriority(2): on Linux the nice value is per thread, and who 0 is the calling thread", new(1, ThreadArgumentKind.Zero, WhenIndex: 0, WhenValues: new long[] { 0, 2 }, WhenSaid: PrioProcess)),
        new("ioprio_get", Answers: true, "ioprio_get(2): IOPRIO_WHO_PROCESS 0 is the calling thread", new(1, ThreadArgumentKind.Zero, WhenIndex: 0, WhenValues: new long[] { 1, 3 }, WhenSaid: IoprioWhoProcess)),
        new("capget", Answers: true, "capget(2): " + PidZero),
        new("setns", Answers: false, "setns(2) reassociates the calling thread with a namespace"),
        new("unshare", Answers: false, "unshare(2) disassociates parts of the calling thread's execution context"),
        new("sched_setaffinity", Answers: false, "sched_setaffinity(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("sched_setscheduler", Answers: false, "sched_setscheduler(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("sched_setparam", Answers: false, "sched_setparam(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("sched_setattr", Answers: false, "sched_setattr(2): " + PidZero, new(0, ThreadArgumentKind.Zero)),
        new("setpriority", Answers: false, "setpriority(2): on Linux the nice value is per thread, and who 0 is the calling thread", new(1, ThreadArgumentKind.Zero, WhenIndex: 0, WhenValues: new long[] { 0, 2 }, WhenSaid: PrioProcess)),
        new("nice", Answers: false, "nice(2) adds to the calling thread's nice value (glibc makes it setpriority(PRIO_PROCESS, 0, ...), and on Linux the nice value is per thread)"),
        new("ioprio_set", Answers: false, "ioprio_set(2): IOPRIO_WHO_PROCESS 0 is the calling thread", new(1, ThreadArgumentKind.Zero, WhenIndex: 0, WhenValues: new long[] { 1, 3 }, WhenSaid: IoprioWhoProcess)),
        new("capset", Answers: false, "capset(2): " + PidZero),
        new("sigprocmask", Answers: false, "sigprocmask(2) changes the calling thread's signal mask"),
        new("pthread_sigmask", Answers: false, "pthread_sigmask(3) changes the calling thread's signal mask"),
        new("sigaltstack", Answers: false, "sigaltstack(2) sets the calling thread's alternate signal stack"),
        new("setfsuid", Answers: false, "setfsuid(2) changes the calling thread's filesystem user ID"),
        new("setfsgid", Answers: false, "setfsgid(2) changes the calling thread's filesystem group ID"),
        new("seccomp", Answers: false, "seccomp(2) installs a filter on the calling thread"),
        // seccomp_load(3): "Loads the filter ... into the kernel"; the filter applies to the calling thread (and its later
        // children) unless SCMP_FLTATR_CTL_TSYNC was set on the context, which the call does not show.
        new("seccomp_load", Answers: false, "seccomp_load(3) loads the filter into the calling thread (all threads only with SCMP_FLTATR_CTL_TSYNC set on the context, which the call does not show)"),
        new("arch_prctl", Answers: false, "arch_prctl(2) sets the calling thread's architecture state"),
        new("raise", Answers: false, "raise(3) sends the signal to the calling thread (pthread_kill(pthread_self(), sig) in a threaded program)"),
        new("landlock_restrict_self", Answers: false, "landlock_restrict_self(2) enforces the ruleset on the calling thread"),
        // set_mempolicy(2): "sets the NUMA memory policy of the calling thread"; get_mempolicy(2) answers with it (flags 0),
        // with the nodes the calling thread may use (MPOL_F_MEMS_ALLOWED) or its next interleave node (MPOL_F_NODE alone),
        // and only with MPOL_F_ADDR with the policy of the memory at addr, which every thread shares (mbind(2) sets that).
        new("set_mempolicy", Answers: false, "set_mempolicy(2) sets the NUMA memory policy of the calling thread"),
        new("get_mempolicy", Answers: true, "get_mempolicy(2) without MPOL_F_ADDR answers with the calling thread's policy, the nodes it may use or its next interleave node",
            new(4, ThreadArgumentKind.BitClear, Bit: 2, Name: new[] { "flags", "lacking MPOL_F_ADDR (2)" })),
        // close_range(2): CLOSE_RANGE_UNSHARE "unshares the specified file descriptors from any other processes before closing
        // them": the calling thread gets a descriptor table of its own (unshare(CLONE_FILES)), which a worker would keep.
        new("close_range", Answers: false, "close_range(2) with CLOSE_RANGE_UNSHARE gives the calling thread a descriptor table of its own",
            new(2, ThreadArgumentKind.BitSet, Bit: 2, Name: new[] { "flags", "holding CLOSE_RANGE_UNSHARE (2)" })),
        // The man page speaks of "the process execution domain", but the kernel keeps it per thread (current->personality,
        // kernel/exec_domain.c), inherited when a thread is created: made on a worker, a query answers the worker's and a
        // change stays on the worker.
        new("personality", Answers: false, "personality(2) reads and sets the execution domain of the calling thread (the kernel keeps it per thread)"),
        new("timer_create", Answers: true, "timer_create(2): a timer on CLOCK_THREAD_CPUTIME_ID counts the calling thread's CPU time", new(0, ThreadArgumentKind.ClockId)),
        // keyrings(7): the thread keyring (KEY_SPEC_THREAD_KEYRING) is the calling thread's, the process and session keyrings
        // are held in the calling thread's credentials (a process keyring first made on one thread is not seen by threads
        // that already exist; KEYCTL_JOIN_SESSION_KEYRING changes the caller's only), and whether the caller "possesses" a
        // key, which the permission checks of every operation read, is decided by the keyrings reachable from those: a key
        // the caller may read can be EACCES on a worker whose keyrings differ. Refused whatever the arguments.
        new("add_key", Answers: false, Keyrings("add_key(2)")),
        new("request_key", Answers: true, Keyrings("request_key(2) searches the calling thread's thread, process and session keyrings, and")),
        new("keyctl", Answers: false, Keyrings("keyctl(2)")),
        // ptrace(2): "a tracee is attached to the tracer thread"; every later request is accepted from that thread only.
        new("ptrace", Answers: false, "ptrace(2) attaches a tracee to the calling thread, which becomes its tracer, and accepts the requests on a tracee from its tracer thread only"),
        new("perf_event_open", Answers: false, "perf_event_open(2): pid 0 measures the calling thread", new(1, ThreadArgumentKind.Zero)),
        // dlerror(3): the error of the dlopen API is the calling thread's (glibc keeps it per thread; POSIX: "the most recent
        // error ... in the calling thread"). An import alone leaves the explanation of its failure on the worker.
        new("dlopen", Answers: false, DlFailure("dlopen"), ImportOnly: true),
        new("dlmopen", Answers: false, DlFailure("dlmopen"), ImportOnly: true),
        new("dlsym", Answers: false, DlFailure("dlsym"), ImportOnly: true),
        new("dlvsym", Answers: false, DlFailure("dlvsym"), ImportOnly: true),
        new("dlclose", Answers: false, DlFailure("dlclose"), ImportOnly: true),
        new("dlinfo", Answers: false, DlFailure("dlinfo"), ImportOnly: true),
        new("dlerror", Answers: true, "dlerror(3) returns the calling thread's last error of the dlopen API (the state is per thread); read it in the method that made the failing call, which then runs on the same worker",
            ReadsStateOf: new[] { "dlopen", "dlmopen", "dlsym", "dlvsym", "dlclose", "dlinfo" }),
        // strerror(3): "the returned pointer will be invalidated ... if the thread that obtained the string exits"; glibc
        // writes an unknown number's text into a buffer of the calling thread.
        new("strerror", Answers: true, StringOfTheThread("strerror"), ImportOnly: true),
        new("strerror_l", Answers: true, StringOfTheThread("strerror_l"), ImportOnly: true),
        // uselocale(3): "sets the current locale for the calling thread"; every locale-sensitive function then uses the calling
        // thread's locale (LC_TIME for strftime, LC_NUMERIC for strtod, LC_COLLATE for strcoll, LC_CTYPE/LC_* for
        // nl_langinfo and localeconv). Made on a worker, the answer is in the worker's locale. The _l forms take the locale.
        new("uselocale", Answers: false, "uselocale(3) sets (or, with 0, returns) the calling thread's locale"),
        new("nl_langinfo", Answers: true, ThreadLocale("nl_langinfo(3) answers from", "nl_langinfo_l")),
        new("localeconv", Answers: true, ThreadLocale("localeconv(3) answers from", "nl_langinfo_l")),
        new("strftime", Answers: true, ThreadLocale("strftime(3) formats with LC_TIME of", "strftime_l")),
        new("wcsftime", Answers: true, ThreadLocale("wcsftime(3) formats with LC_TIME of", "wcsftime_l")),
        new("strfmon", Answers: true, ThreadLocale("strfmon(3) formats with LC_MONETARY of", "strfmon_l")),
        new("strcoll", Answers: true, ThreadLocale("strcoll(3) compares with LC_COLLATE of", "strcoll_l")),
        new("strxfrm", Answers: true, ThreadLocale("strxfrm(3) transforms with LC_COLLATE of", "strxfrm_l")),
        new("wcscoll", Answers: true, ThreadLocale("wcscoll(3) compares with LC_COLLATE of", "wcscoll_l")),
        new("wcsxfrm", Answers: true, ThreadLocale("wcsxfrm(3) transforms with LC_COLLATE of", "wcsxfrm_l")),
        new("strtod", Answers: true, ThreadLocale("strtod(3) parses with LC_NUMERIC of", "strtod_l")),
        new("strtof", Answers: true, ThreadLocale("strtof(3) parses with LC_NUMERIC of", "strtof_l")),
        new("strtold", Answers: true, ThreadLocale("strtold(3) parses with LC_NUMERIC of", "strtold_l")),
        new("atof", Answers: true, ThreadLocale("atof(3) parses with LC_NUMERIC of", "strtod_l")),
        new("wcstod", Answers: true, ThreadLocale("wcstod(3) parses with LC_NUMERIC of", "wcstod_l")),
        new("wcstof", Answers: true, ThreadLocale("wcstof(3) parses with LC_NUMERIC of", "wcstof_l")),
        new("wcstold", Answers: true, ThreadLocale("wcstold(3) parses with LC_NUMERIC of", "wcstold_l")),
        // getaddrinfo(3), getnameinfo(3): the result is 0 or an EAI_* code (negative in glibc, not an errno value), and for
        // EAI_SYSTEM "errno is set to indicate the error": the reason is the calling thread's errno only. An import alone
        // hands the caller EAI_SYSTEM from a worker whose errno it cannot read (a stated ReturnsErrorNumber would even throw
        // the EAI code as an error number); a body that makes the call and reads errno for EAI_SYSTEM is generated.
        new("getaddrinfo", Answers: true, ResultCode("getaddrinfo"), ImportOnly: true, Effect: EaiEffect),
        new("getnameinfo", Answers: true, ResultCode("getnameinfo"), ImportOnly: true, Effect: EaiEffect),
        // resolver(3): res_init, res_query, res_search, res_querydomain, res_mkquery and res_send use the resolver state _res,
        // which glibc keeps per thread (resolv.h: _res is (*__res_state())), and report why a query failed in h_errno, also
        // per thread; res_init's options (RES_USEVC, a changed nameserver list) are the calling thread's. The res_n* forms
        // take the state as an argument (its res_h_errno says why) and are not refused. glibc's headers name them __res_*.
        new("res_init", Answers: false, Resolver("res_init")),
        new("res_query", Answers: true, Resolver("res_query")),
        new("res_search", Answers: true, Resolver("res_search")),
        new("res_querydomain", Answers: true, Resolver("res_querydomain")),
        new("res_mkquery", Answers: true, Resolver("res_mkquery")),
        new("res_send", Answers: true, Resolver("res_send")),
        // LMDB: the calls that take a transaction or a cursor of one (lmdb.h); mdb_txn_begin makes the transaction.
        new("mdb_txn_begin", Answers: false, LmdbTransaction("mdb_txn_begin"), EndedBy: LmdbEnd),
        Lmdb("mdb_txn_commit"),
        Lmdb("mdb_txn_abort"),
        Lmdb("mdb_txn_reset"),
        Lmdb("mdb_txn_renew"),
        Lmdb("mdb_dbi_open"),
        Lmdb("mdb_stat"),
        Lmdb("mdb_dbi_flags"),
        Lmdb("mdb_drop"),
        Lmdb("mdb_get"),
        Lmdb("mdb_put"),
        Lmdb("mdb_del"),
        Lmdb("mdb_cursor_open"),
        Lmdb("mdb_cursor_renew"),
        Lmdb("mdb_cursor_get"),
        Lmdb("mdb_cursor_put"),
        Lmdb("mdb_cursor_del"),
        Lmdb("mdb_cursor_count"),
        // MySQL C API, mysql_thread_init(): "initializes thread-specific variables" of the calling thread; mysql_thread_end():
        // "releases thread-specific variables" of the calling thread (to call before the thread ends). Made on a worker, the
        // worker's are set up or released, never the caller's. A body that makes both (init, the work, end) leaves the worker
        // as it found it.
        new("mysql_thread_init", Answers: false, MySqlThread("mysql_thread_init", "initializes"), EndedBy: new[] { "mysql_thread_end" }),
        new("mysql_thread_end", Answers: false, MySqlThread("mysql_thread_end", "releases"), Within: new[] { "mysql_thread_init" }),
        // Locks owned by the thread that takes them (pthread_mutex_lock(3p): "the mutex object ... shall be locked and owned by
        // the calling thread"; pthread_mutex_unlock(3p): an error-checking or robust mutex not owned by the caller is EPERM, a
        // normal one undefined; pthread_rwlock_unlock(3p), pthread_spin_unlock(3p), mtx_unlock(3): likewise). Taken on a
        // worker, the lock is the worker's: the caller after the await does not hold it and cannot release it. A robust
        // mutex's EOWNERDEAD also leaves the lock held by the caller, and pthread_mutex_consistent(3) must be made by it.
        // pthread_cond_wait/timedwait/clockwait(3p) need the mutex held by the calling thread, release it and take it again
        // for that thread. A body that takes the lock and releases it (lock, the work, unlock) does all of it on one worker.
        Lock("pthread_mutex_lock", MutexRelease),
        Lock("pthread_mutex_trylock", MutexRelease),
        Lock("pthread_mutex_timedlock", MutexRelease),
        Lock("pthread_mutex_clocklock", MutexRelease),
        Unlock("pthread_mutex_unlock", MutexTake),
        new("pthread_mutex_consistent", Answers: false, OwnedLock("pthread_mutex_consistent", "marks consistent a robust mutex the calling thread took with EOWNERDEAD (pthread_mutex_consistent(3))"), Within: MutexTake),
        new("pthread_cond_wait", Answers: false, OwnedLock("pthread_cond_wait", "releases a mutex the calling thread must hold and takes it again for that thread (pthread_cond_wait(3p))"), Within: MutexTake),
        new("pthread_cond_timedwait", Answers: false, OwnedLock("pthread_cond_timedwait", "releases a mutex the calling thread must hold and takes it again for that thread (pthread_cond_timedwait(3p))"), Within: MutexTake),
        new("pthread_cond_clockwait", Answers: false, OwnedLock("pthread_cond_clockwait", "releases a mutex the calling thread must hold and takes it again for that thread"), Within: MutexTake),
        Lock("pthread_rwlock_rdlock", RwlockRelease),
        Lock("pthread_rwlock_wrlock", RwlockRelease),
        Lock("pthread_rwlock_tryrdlock", RwlockRelease),
        Lock("pthread_rwlock_trywrlock", RwlockRelease),
        Lock("pthread_rwlock_timedrdlock", RwlockRelease),
        Lock("pthread_rwlock_timedwrlock", RwlockRelease),
        Lock("pthread_rwlock_clockrdlock", RwlockRelease),
        Lock("pthread_rwlock_clockwrlock", RwlockRelease),
        Unlock("pthread_rwlock_unlock", RwlockTake),
        Lock("pthread_spin_lock", SpinRelease),
        Lock("pthread_spin_trylock", SpinRelease),
        Unlock("pthread_spin_unlock", SpinTake),
        Lock("mtx_lock", MtxRelease),
        Lock("mtx_trylock", MtxRelease),
        Lock("mtx_timedlock", MtxRelease),
        Unlock("mtx_unlock", MtxTake),
        new("cnd_wait", Answers: false, OwnedLock("cnd_wait", "releases a mutex the calling thread must hold and takes it again for that thread (cnd_wait(3))"), Within: MtxTake),
        new("cnd_timedwait", Answers: false, OwnedLock("cnd_timedwait", "releases a mutex the calling thread must hold and takes it again for that thread"), Within: MtxTake),
        new("__res_init", Answers: false, Resolver("res_init")),
        new("__res_query", Answers: true, Resolver("res_query")),
        new("__res_search", Answers: true, Resolver("res_search")),
        new("__res_querydomain", Answers: true, Resolver("res_querydomain")),
        new("__res_mkquery", Answers: true, Resolver("res_mkquery")),
        new("__res_send", Answers: true, Resolver("res_send")),
        // vfork(2): "the calling thread is suspended until the child terminates ... or it makes a call to execve", and the child
        // runs in the parent's memory, on the calling thread's stack, returning from the same call (twice on that thread). On a
        // worker, the child would run the worker's frames (the pool's, the variant's state machine) and unwind through them.
        // _exit(2): "terminates the calling process immediately" and never returns: the variant's await would never end, and a
        // body that calls it (after vfork's child fails to exec) ends the process from a worker. Answers: true, so a body that
        // makes the call twice is not taken for one that sets a state back.
        new("vfork", Answers: true, "vfork(2) suspends the calling thread and runs the child on that thread's stack, in the parent's memory, until the child calls execve or _exit: the call returns twice on the thread that made it", Effect: "lend the stack of"),
        new("_exit", Answers: true, "_exit(2) ends the process and never returns, so there is nothing a variant could answer and its await would never end", Effect: "end the process from"),
        new("_Exit", Answers: true, "_Exit(2) ends the process and never returns, so there is nothing a variant could answer and its await would never end", Effect: "end the process from"),
        new("setuid", Answers: false, RawCredentials("setuid"), KernelOnly: true),
        new("setgid", Answers: false, RawCredentials("setgid"), KernelOnly: true),
        new("setreuid", Answers: false, RawCredentials("setreuid"), KernelOnly: true),
        new("setregid", Answers: false, RawCredentials("setregid"), KernelOnly: true),
        new("setresuid", Answers: false, RawCredentials("setresuid"), KernelOnly: true),
        new("setresgid", Answers: false, RawCredentials("setresgid"), KernelOnly: true),
        new("setgroups", Answers: false, RawCredentials("setgroups"), KernelOnly: true),
    };

    private const string EaiEffect = "leave the reason for EAI_SYSTEM in the errno of";

    private static string ResultCode(string call) =>
        call + "(3) returns 0 or an EAI_* code, not an error number, and for EAI_SYSTEM leaves the reason in the calling thread's errno only: "
        + "make the call in an ordinary method that reads errno (Marshal.GetLastSystemError()) when it answers EAI_SYSTEM, and return both or throw";

    private static string Resolver(string call) =>
        call + "(3) uses the calling thread's resolver state (_res is per thread, with the options res_init set on that thread) and reports why a query failed in the calling thread's h_errno: "
        + "pass a state of your own to the res_n form (res_ninit, res_nquery, res_nsearch, res_nsend) and read its res_h_errno";

    private static string ThreadLocale(string what, string instead) =>
        what + " the calling thread's locale (uselocale(3) sets one per thread); pass the locale to " + instead + " instead";

    private static string Keyrings(string call) =>
        call + " acts with the calling thread's keyrings: KEY_SPEC_THREAD_KEYRING is the calling thread's, the process and session keyrings are held in its credentials, and whether it possesses a key (which the permission checks read) follows from them (keyrings(7))";

    private static string DlFailure(string call) =>
        call + "(3) reports failure in the calling thread's dlerror(3) state only; made on a worker, the caller's dlerror() has nothing to say: call dlerror in an ordinary method that makes the call, and return or throw its message";

    private static string StringOfTheThread(string call) =>
        call + "(3) may return a string in a buffer of the calling thread (an unknown number's text), invalidated when that thread calls it again or exits: copy the string in an ordinary method that makes the call";

    // setuid(2) NOTES, nptl(7): the kernel keeps credentials per thread; the C library's wrapper makes every thread change them.
    private static string RawCredentials(string name) =>
        "the " + name + " system call changes the credentials of the calling thread only (the C library's " + name + "() makes every thread of the process change them, as setuid(2) and nptl(7) say)";

    // lmdb.h, mdb_txn_begin: "A transaction and its cursors must only be used by a single thread, and a thread may only have a
    // single transaction at a time. If MDB_NOTLS is in use, this does not apply to read-only transactions." A read-only
    // transaction's reader slot is kept in the calling thread's storage (without MDB_NOTLS), and a write transaction holds
    // the environment's writer mutex for the thread that began it, which only that thread may release. Whether the
    // environment was opened with MDB_NOTLS is not in the call: refused whatever the arguments.
    private static string LmdbTransaction(string call) =>
        call + " uses an LMDB transaction, which belongs to the thread that began it (lmdb.h: a transaction and its cursors must only be used by a single thread, "
        + "and a thread may only have one transaction at a time; a write transaction holds the environment's writer lock for that thread, and without MDB_NOTLS "
        + "a read-only one keeps its reader slot in the thread's storage): begin, use and end the transaction (mdb_txn_begin ... mdb_txn_commit or mdb_txn_abort) "
        + "in one ordinary method, whose variant runs all of it on one worker";

    private static string MySqlThread(string call, string what) =>
        call + "() " + what + " the MySQL client library's thread-specific variables of the calling thread (MySQL C API): a worker's would be set up or released, "
        + "not the caller's; call it on the thread that uses the library, or make mysql_thread_init, the work and mysql_thread_end in one ordinary method";

    // Properties, not fields: the table above is built first, before fields declared below it are set.
    private static string[] LmdbBegin => new[] { "mdb_txn_begin" };

    private static string[] LmdbEnd => new[] { "mdb_txn_commit", "mdb_txn_abort" };

    private static CallingThreadCall Lmdb(string call) => new(call, Answers: false, LmdbTransaction(call), Within: LmdbBegin);

    private static string OwnedLock(string call, string what) =>
        call + " " + what + ": on a worker the lock is the worker's, which the caller after the await does not hold and cannot release "
        + "(another thread's unlock is EPERM, or undefined for a normal mutex); call it synchronously, or take the lock, do the work and release it in one ordinary method, whose variant runs all of it on one worker";

    private static CallingThreadCall Lock(string call, string[] releasedBy) =>
        new(call, Answers: false, OwnedLock(call, "takes a lock that belongs to the calling thread"), EndedBy: releasedBy);

    private static CallingThreadCall Unlock(string call, string[] takenBy) =>
        new(call, Answers: false, OwnedLock(call, "releases a lock only the thread that took it may release"), Within: takenBy);

    // Properties, not fields, as LmdbBegin: the table is built before fields declared below it are set.
    private static string[] MutexRelease => new[] { "pthread_mutex_unlock" };

    private static string[] MutexTake => new[] { "pthread_mutex_lock", "pthread_mutex_trylock", "pthread_mutex_timedlock", "pthread_mutex_clocklock" };

    private static string[] RwlockRelease => new[] { "pthread_rwlock_unlock" };

    private static string[] RwlockTake => new[]
    {
        "pthread_rwlock_rdlock", "pthread_rwlock_wrlock", "pthread_rwlock_tryrdlock", "pthread_rwlock_trywrlock",
        "pthread_rwlock_timedrdlock", "pthread_rwlock_timedwrlock", "pthread_rwlock_clockrdlock", "pthread_rwlock_clockwrlock",
    };

    private static string[] SpinRelease => new[] { "pthread_spin_unlock" };

    private static string[] SpinTake => new[] { "pthread_spin_lock", "pthread_spin_trylock" };

    private static string[] MtxRelease => new[] { "mtx_unlock" };

    private static string[] MtxTake => new[] { "mtx_lock", "mtx_trylock", "mtx_timedlock" };

    /// <summary>
    /// Why an import from a library that keeps the reason for a failure in the calling thread's state is refused, or null:
    /// OpenSSL's libcrypto and libssl (any version: "libcrypto.so.3", "libssl.so.1.1", "libcrypto-3-x64", a path to one) and
    /// .NET's shim over them (libSystem.Security.Cryptography.Native.OpenSsl). ERR_get_error(3): "the error queue is kept per
    /// thread" (ERR(7)); a function fails with 0 (or NULL, or -1) and leaves its reason there only, and SSL_get_error(3) reads
    /// the same queue. Made on a worker, the caller's ERR_get_error() has nothing to say, and the worker's queue keeps the
    /// entry for whatever the next call it runs reads; ERR_get_error itself would read the worker's queue. A body that clears
    /// the queue, makes the call and reads the queue before it returns does all of it on one thread, so only an import is
    /// refused (the entry point does not matter: any function of the library may leave its reason there).
    /// </summary>
    public static string? ThreadErrorQueueOf(string? library, string entryPoint)
    {
        if (library is null)
        {
            return null;
        }

        string file = LibraryNames.FileOf(library);
        bool openSsl = LibraryNames.Is(file, "libcrypto") || LibraryNames.Is(file, "libssl")
            || LibraryNames.Is(file, "libSystem.Security.Cryptography.Native.OpenSsl") || LibraryNames.Is(file, "System.Security.Cryptography.Native.OpenSsl");
        if (LibraryNames.Is(file, "libgit2") || LibraryNames.Is(file, "git2"))
        {
            // git2/errors.h, git_error_last: "The error message is thread-local"; a call fails with a negative GIT_E* code and
            // leaves its message there only.
            return "libgit2 keeps why a call failed in the calling thread's last error only (git2/errors.h: git_error_last() is thread-local), "
                + (entryPoint.StartsWith("git_error_", StringComparison.Ordinal) ? "and '" + entryPoint + "' reads or changes it" : "where a failure of '" + entryPoint + "' leaves its message")
                + ": made on a worker, the caller's git_error_last() has nothing to say (or an older failure's message); "
                + "make the call in an ordinary method that calls and reads git_error_last before it returns or throws";
        }

        if (!openSsl)
        {
            return null;
        }

        return "OpenSSL keeps why a call failed in the calling thread's error queue only (ERR_get_error(3), ERR(7): the queue is per thread), "
            + (entryPoint.StartsWith("ERR_", StringComparison.Ordinal) || entryPoint.IndexOf("_get_error", StringComparison.Ordinal) >= 0
                ? "and '" + entryPoint + "' reads or changes that queue"
                : "where a failure of '" + entryPoint + "' leaves its reason")
            + ": made on a worker, the caller's ERR_get_error() has nothing to say and the worker's queue keeps the entry for the next call it runs; "
            + "make the call in an ordinary method that clears the queue (ERR_clear_error), calls, and reads ERR_get_error (or SSL_get_error) before it returns or throws";
    }

    /// <summary>
    /// The call for an entry point: an exact match first, then one ignoring case (as the syscall table is looked up).
    /// <paramref name="throughSyscall"/>: the name is the kernel's, from a syscall(2) number, so the calls whose system call
    /// alone acts on the calling thread (<see cref="CallingThreadCall.KernelOnly"/>) count too.
    /// </summary>
    /// <paramref name="inBody"/>: the call is made by an ordinary method's body, so the calls refused only as imports
    /// (<see cref="CallingThreadCall.ImportOnly"/>) are left out.
    public static CallingThreadCall? Find(string entryPoint, bool throughSyscall = false, bool inBody = false)
    {
        CallingThreadCall? ignoringCase = null;
        foreach (CallingThreadCall call in Calls)
        {
            if (call.KernelOnly && !throughSyscall || call.ImportOnly && inBody)
            {
                continue;
            }

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
