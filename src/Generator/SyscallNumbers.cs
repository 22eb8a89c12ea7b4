namespace AsyncSys.Generator;

/// <summary>
/// The syscall(2) numbers of the calls in <see cref="CallingThreadCalls"/> (those that answer for the calling thread and
/// those that change it; arch_prctl, which arm64 has not, is left out), on the two architectures .NET runs Linux on: a body
/// that calls <c>syscall(SYS_gettid)</c> makes gettid as surely as one calling gettid. From the kernel's tables (arch/x86/entry/syscalls/syscall_64.tbl; include/uapi/asm-generic/unistd.h, which
/// arm64 uses); checked against the headers by a test.
/// </summary>
internal static class SyscallNumbers
{
    /// <summary>The kernel's name, the table's entry point for it, and its number on x86_64 and on arm64.</summary>
    private static readonly (string Kernel, string EntryPoint, int X64, int Arm64)[] Numbers =
    {
        ("gettid", "gettid", 186, 178),
        ("getcpu", "getcpu", 309, 168),
        ("prctl", "prctl", 157, 167),
        ("clock_gettime", "clock_gettime", 228, 113),
        ("getrusage", "getrusage", 98, 165),
        ("rt_sigpending", "sigpending", 127, 136),
        ("sched_getaffinity", "sched_getaffinity", 204, 123),
        ("sched_getscheduler", "sched_getscheduler", 145, 120),
        ("sched_getparam", "sched_getparam", 143, 121),
        ("sched_getattr", "sched_getattr", 315, 275),
        ("getpriority", "getpriority", 140, 141),
        ("ioprio_get", "ioprio_get", 252, 31),
        ("capget", "capget", 125, 90),
        ("setns", "setns", 308, 268),
        ("unshare", "unshare", 272, 97),
        ("sched_setaffinity", "sched_setaffinity", 203, 122),
        ("sched_setscheduler", "sched_setscheduler", 144, 119),
        ("sched_setparam", "sched_setparam", 142, 118),
        ("sched_setattr", "sched_setattr", 314, 274),
        ("setpriority", "setpriority", 141, 140),
        ("ioprio_set", "ioprio_set", 251, 30),
        ("capset", "capset", 126, 91),
        ("rt_sigprocmask", "sigprocmask", 14, 135),
        ("sigaltstack", "sigaltstack", 131, 132),
        ("setfsuid", "setfsuid", 122, 151),
        ("setfsgid", "setfsgid", 123, 152),
        ("seccomp", "seccomp", 317, 277),
        ("landlock_restrict_self", "landlock_restrict_self", 446, 446),
        ("set_mempolicy", "set_mempolicy", 238, 237),
        ("get_mempolicy", "get_mempolicy", 239, 236),
        ("close_range", "close_range", 436, 436),
        ("timer_create", "timer_create", 222, 107),
        ("add_key", "add_key", 248, 217),
        ("request_key", "request_key", 249, 218),
        ("keyctl", "keyctl", 250, 219),
        ("ptrace", "ptrace", 101, 117),
        ("perf_event_open", "perf_event_open", 298, 241),
        ("setuid", "setuid", 105, 146),
        ("setgid", "setgid", 106, 144),
        ("setreuid", "setreuid", 113, 145),
        ("setregid", "setregid", 114, 143),
        ("setresuid", "setresuid", 117, 147),
        ("setresgid", "setresgid", 119, 149),
        ("setgroups", "setgroups", 116, 159),
    };

    /// <summary>All rows, for the test that checks them against the headers.</summary>
    internal static (string Kernel, string EntryPoint, int X64, int Arm64)[] All => Numbers;

    /// <summary>
    /// The calls a syscall(2) number makes, for the compilation's target: x86_64 or arm64 when it names one, both for AnyCPU
    /// (a literal syscall number is one architecture's; the message names which), neither for 32-bit targets, whose numbers
    /// differ. x86_64's first. For AnyCPU one number may be a call on x86_64 and another on arm64 (117 is setresuid on x86_64
    /// and ptrace on arm64; 122 is setfsuid and sched_setaffinity): the caller weighs both, so the row of the table that
    /// happens to come first does not decide which call the number is (it named arm64's ptrace for x86_64's setresuid, and
    /// took x86_64's setfsuid for arm64's sched_setaffinity, whose pid then decided).
    /// </summary>
    public static System.Collections.Generic.List<(string Kernel, string EntryPoint, string Architecture)> FindAll(long number, Microsoft.CodeAnalysis.Platform platform)
    {
        var found = new System.Collections.Generic.List<(string, string, string)>();
        bool any = platform is Microsoft.CodeAnalysis.Platform.AnyCpu or Microsoft.CodeAnalysis.Platform.AnyCpu32BitPreferred;
        foreach ((string kernel, string entryPoint, int x64, _) in Numbers)
        {
            if (number == x64 && (any || platform == Microsoft.CodeAnalysis.Platform.X64))
            {
                found.Add((kernel, entryPoint, "x86_64"));
            }
        }

        foreach ((string kernel, string entryPoint, _, int arm64) in Numbers)
        {
            if (number == arm64 && (any || platform == Microsoft.CodeAnalysis.Platform.Arm64))
            {
                found.Add((kernel, entryPoint, "arm64"));
            }
        }

        return found;
    }
}
