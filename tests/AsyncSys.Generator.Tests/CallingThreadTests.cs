using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// ASYS0016 beyond a body's direct calls: syscall(2) with a per-thread call's number, helper methods of the same
/// compilation (followed a few levels deep, each once), and the argument that decides whether a call acts on the calling
/// thread at all (clock_gettime's clock, getrusage's who, a pid of 0): a constant that does not is fine, a parameter of
/// the wrapper becomes a check in the variant, anything else is refused.
/// </summary>
public sealed class CallingThreadTests
{
    private const string Prelude = """
        using System;
        using System.Runtime.InteropServices;
        using AsyncSys;

        public struct Timespec { public long Seconds; public long Nanoseconds; }

        public static partial class Native
        {
            [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
            internal static extern long Syscall(long number);

            [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
            internal static extern long Syscall(long number, int clockid, out Timespec time);

            [DllImport("libc")]
            internal static extern nuint pthread_self();

            [DllImport("libc")]
            internal static extern int getpid();

            [DllImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
            internal static extern int ClockGetTime(int clockid, out Timespec time);

            [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
            internal static extern int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

            [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
            internal static extern int SetPriority(int which, int who, int prio);

            [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
            internal static extern int SchedSetAffinity(int pid, nuint cpusetsize, byte[] mask);

            [DllImport("libc", EntryPoint = "ioprio_set", SetLastError = true)]
            internal static extern int IoprioSet(int which, int who, int ioprio);

            [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
            internal static extern int SetNs(int fd, int nstype);

            [DllImport("libc", EntryPoint = "unshare", SetLastError = true)]
            internal static extern int Unshare(int flags);

            [DllImport("libc", EntryPoint = "mount", SetLastError = true)]
            internal static extern int Mount(string source, string target, string? fsType, ulong flags, nint data);

            [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
            internal static extern long Syscall(long number, int fd, int nstype);
        }

        """;

    private static async Task<(string[] Messages, int Generated, Compilation Output)> RunAsync(string source, Platform platform = Platform.AnyCpu)
    {
        Compilation input = GeneratorHarness.Compile(Prelude + source);
        input = input.WithOptions(((CSharpCompilationOptions)input.Options).WithPlatform(platform));
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        string[] messages = (await GeneratorHarness.AnalyzeAsync(output)).Where(d => d.Id == "ASYS0016")
            .Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => m, System.StringComparer.Ordinal).ToArray();
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
        return (messages, run.Results[0].GeneratedSources.Length, output);
    }

    [Fact]
    public void The_syscall_numbers_match_the_kernel_headers()
    {
        // x86_64 from asm/unistd_64.h, arm64 from asm-generic/unistd.h (which arm64 uses); both ship with the C headers.
        const string X64Header = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h", GenericHeader = "/usr/include/asm-generic/unistd.h";
        Assert.True(System.IO.File.Exists(X64Header) && System.IO.File.Exists(GenericHeader), "the kernel headers are needed to check the table");
        string x64 = System.IO.File.ReadAllText(X64Header), generic = System.IO.File.ReadAllText(GenericHeader);
        foreach ((string kernel, _, int onX64, int onArm64) in SyscallNumbers.All)
        {
            Assert.Matches("#define __NR_" + kernel + "\\s+" + onX64 + "\\b", x64);
            Assert.Matches("#define __NR_" + kernel + "\\s+" + onArm64 + "\\b", generic);
        }
    }

    [Fact]
    public void The_process_wide_prctl_options_match_the_kernel_header()
    {
        const string Header = "/usr/include/linux/prctl.h";
        Assert.True(System.IO.File.Exists(Header), "the kernel headers are needed to check the table");
        string text = System.IO.File.ReadAllText(Header);
        foreach ((int value, string name) in PrctlOptions.All)
        {
            string spelled = value > 0xffff ? "0x" + value.ToString("x", System.Globalization.CultureInfo.InvariantCulture) : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Matches("#define " + name + "\\s+" + spelled + "\\b", text);
        }
    }

    [Fact]
    public async Task Waiting_for_a_blocked_signal_is_refused_and_sending_one_is_not()
    {
        // Held-out round 14: sigtimedwait and its kin take a signal among those the *calling* thread has blocked; run on
        // a worker, whose mask differs, the signal meets its handler (or ends the process) instead. kill and sigqueue
        // send to a process, from any thread.
        (string[] messages, int generated, _) = await RunAsync("""
            public static unsafe partial class Signals
            {
                [DllImport("libc", EntryPoint = "sigtimedwait", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int SigTimedWait(ulong* set, byte* info, Timespec* timeout);

                [DllImport("libc", EntryPoint = "sigwaitinfo", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int SigWaitInfo(ulong* set, byte* info);

                [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int Kill(int pid, int signal);
            }
            """);

        Assert.Equal(2, messages.Length);
        Assert.StartsWith("'SigTimedWait' calls 'sigtimedwait', which acts on the calling thread (sigtimedwait(2) takes a signal pending for the calling thread or the process, among those the calling thread has blocked", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'SigWaitInfo' calls 'sigwaitinfo', which acts on the calling thread", messages[1], System.StringComparison.Ordinal);
        Assert.Equal(1, generated);
    }

    [Fact]
    public async Task Prctl_is_refused_only_for_options_that_act_on_the_calling_thread_and_an_option_parameter_is_checked_by_the_variant()
    {
        // Held-out rounds 7 and 11: every prctl was ASYS0016, also PR_GET_DUMPABLE, which answers for the process.
        (string[] messages, int generated, Compilation output) = await RunAsync("""
            public static partial class Process
            {
                private const int PR_SET_PDEATHSIG = 1, PR_GET_DUMPABLE = 3, PR_SET_NAME = 15, PR_SET_CHILD_SUBREAPER = 36;

                [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Dumpable() => Native.Prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int BecomeSubreaper() => Native.Prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int RawDumpable() => (int)Native.Syscall(157, PR_GET_DUMPABLE, 0);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Option(int option) => Native.Prctl(option, 0, 0, 0, 0);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int SetName(nuint name) => Native.Prctl(PR_SET_NAME, name, 0, 0, 0);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int DieWithParent() => Native.Prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Unlisted() => Native.Prctl(0x7fff, 0, 0, 0, 0);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int RawSetName() => (int)Native.Syscall(157, PR_SET_NAME, 0);
            }
            """);

        Assert.Equal(4, messages.Length);
        Assert.StartsWith("'DieWithParent' has a body that calls 'prctl', which acts on the calling thread (prctl(2) reads and sets attributes of the calling thread", messages[0], System.StringComparison.Ordinal);
        Assert.EndsWith("; here the option is 1); its variant would run it on a worker thread, so it would answer for that worker, never the caller; call it synchronously on the thread it is meant for; no variant is generated", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'RawSetName' has a body that calls 'syscall' with number 157, which on x86_64 is 'prctl'", messages[1], System.StringComparison.Ordinal);
        Assert.Contains("here the option is 15", messages[1], System.StringComparison.Ordinal);
        Assert.Contains("here the option is 15", messages[2], System.StringComparison.Ordinal);
        Assert.Contains("here the option is 32767", messages[3], System.StringComparison.Ordinal);
        Assert.Equal(5, generated);
        string text = string.Join("\n", output.SyntaxTrees.Select(t => t.ToString()));
        Assert.Contains("if (unchecked((int)(long)option) is not (3 or 4 or 13 or 14 or 35 or 36 or 37 or 0x53564d41 or 0x59616d61)) throw new global::System.ArgumentException(\"prctl with option other than the process-wide PR_GET_DUMPABLE (3), PR_SET_DUMPABLE (4), PR_GET_TIMING (13), PR_SET_TIMING (14), PR_SET_MM (35), PR_SET_CHILD_SUBREAPER (36), PR_GET_CHILD_SUBREAPER (37), PR_SET_VMA (0x53564d41), PR_SET_PTRACER (0x59616d61) acts on the thread that makes the call, and this variant makes it on a worker thread: call the synchronous wrapper on the thread it is meant for\", nameof(option));", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_changes_the_calling_thread_is_refused_unless_it_sets_it_back_and_one_naming_another_thread_or_taking_it_from_the_caller_is_not()
    {
        // Held-out round 10 (thr.setpriority_body_self): a body that set the calling thread's nice value was generated, and
        // left the worker's changed. A body that changes the thread and uses the change (setns, then mount) leaves the worker
        // in the namespace for the unrelated calls it runs next: refused too, unless it sets the state back before it returns.
        (string[] messages, int generated, Compilation output) = await RunAsync("""
            public static partial class Threads
            {
                private const int PRIO_PROCESS = 0, IOPRIO_WHO_PROCESS = 1, CLONE_NEWNS = 0x00020000, CLONE_NEWNET = 0x40000000;

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int BeNicer(int increment) => Native.SetPriority(PRIO_PROCESS, 0, increment);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int PinHere(byte[] mask) => Native.SchedSetAffinity(0, (nuint)mask.Length, mask);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int IdleIo() => Native.IoprioSet(IOPRIO_WHO_PROCESS, 0, 3 << 13);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int BindIntoNamespace(int namespaceFd, string source, string target) =>
                    Native.SetNs(namespaceFd, CLONE_NEWNS) < 0 ? -1 : Native.Mount(source, target, null, 4096, 0);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int EnterNetwork(int namespaceFd) => (int)Native.Syscall(308, namespaceFd, CLONE_NEWNET);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Detach() => Leave(CLONE_NEWNS);

                private static int Leave(int flags) => Native.Unshare(flags);

                // Set back before it returns, but not on every way out: an early return between leaves the worker changed.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int MountOrLeave(int target, int host, string source, string destination)
                {
                    if (Native.SetNs(target, CLONE_NEWNS) < 0) return -1;
                    if (source.Length == 0) return -1;
                    int result = Native.Mount(source, destination, null, 4096, 0);
                    Native.SetNs(host, CLONE_NEWNS);
                    return result;
                }

                // Another thread or process, named by the caller or by a constant: the call acts on it from any thread.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Deprioritize(int pid, int niceness) => Native.SetPriority(PRIO_PROCESS, pid, niceness);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int PinInit(byte[] mask) => Native.SchedSetAffinity(1, (nuint)mask.Length, mask);

                // Changed and set back with the same call before the body returns: the worker ends the call as it began it.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int MountThere(int target, int host, string source, string destination)
                {
                    if (Native.SetNs(target, CLONE_NEWNS) < 0) return -1;
                    int result = Native.Mount(source, destination, null, 4096, 0);
                    Native.SetNs(host, CLONE_NEWNS);
                    return result;
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int NiceForAWhile(string source, string destination)
                {
                    Native.SetPriority(PRIO_PROCESS, 0, 10);
                    int result = Native.Mount(source, destination, null, 4096, 0);
                    Native.SetPriority(PRIO_PROCESS, 0, 0);
                    return result;
                }
            }
            """);

        Assert.Equal(7, messages.Length);
        Assert.StartsWith("'BeNicer' has a body that calls 'setpriority', which acts on the calling thread (setpriority(2): on Linux the nice value is per thread, and who 0 is the calling thread; here the pid is 0); its variant would run it on a worker thread, so it would act on that worker, never the caller", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'BindIntoNamespace' has a body that calls 'setns', which acts on the calling thread (setns(2) reassociates the calling thread with a namespace)", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'Detach' has a body that calls 'Leave', which calls 'unshare'", messages[2], System.StringComparison.Ordinal);
        Assert.StartsWith("'EnterNetwork' has a body that calls 'syscall' with number 308, which on x86_64 is 'setns'", messages[3], System.StringComparison.Ordinal);
        Assert.StartsWith("'IdleIo' has a body that calls 'ioprio_set'", messages[4], System.StringComparison.Ordinal);
        Assert.StartsWith("'MountOrLeave' has a body that calls 'setns'", messages[5], System.StringComparison.Ordinal);
        Assert.StartsWith("'PinHere' has a body that calls 'sched_setaffinity'", messages[6], System.StringComparison.Ordinal);
        Assert.Equal(4, generated);
        string text = string.Join("\n", output.SyntaxTrees.Select(t => t.ToString()));
        Assert.Contains("if (unchecked((int)(long)pid) == 0) throw new global::System.ArgumentException(\"setpriority with pid 0 (the calling thread) acts on the thread that makes the call", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_counts_only_when_it_runs_on_every_path_of_the_same_body()
    {
        // A restore in another method (a local function, a lambda) or on one branch counted as setting the thread back: the
        // worker was left in the namespace whenever it did not run.
        (string[] messages, int generated, _) = await RunAsync("""
            public static partial class Threads
            {
                private const int CLONE_NEWNS = 0x00020000;

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int BackInLocalFunction(int target, int host, string source, string destination)
                {
                    if (Native.SetNs(target, CLONE_NEWNS) < 0) return -1;
                    int Back() => Native.SetNs(host, CLONE_NEWNS);
                    System.Func<int> later = Back;
                    return Native.Mount(source, destination, null, 4096, 0);
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int BackInLambda(int target, int host, string source, string destination)
                {
                    if (Native.SetNs(target, CLONE_NEWNS) < 0) return -1;
                    System.Func<int> back = () => Native.SetNs(host, CLONE_NEWNS);
                    return Native.Mount(source, destination, null, 4096, 0);
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int BackOnSuccessOnly(int target, int host, string source, string destination)
                {
                    if (Native.SetNs(target, CLONE_NEWNS) < 0) return -1;
                    int result = Native.Mount(source, destination, null, 4096, 0);
                    if (result == 0) Native.SetNs(host, CLONE_NEWNS);
                    return result;
                }

                // Set back on every path: after the work, and in a finally.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int BackAlways(int target, int host, string source, string destination)
                {
                    if (Native.SetNs(target, CLONE_NEWNS) < 0) return -1;
                    int result = Native.Mount(source, destination, null, 4096, 0);
                    Native.SetNs(host, CLONE_NEWNS);
                    return result;
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int BackInFinally(int target, int host, string source, string destination)
                {
                    if (Native.SetNs(target, CLONE_NEWNS) < 0) return -1;
                    try
                    {
                        int result = Native.Mount(source, destination, null, 4096, 0);
                        Native.SetNs(host, CLONE_NEWNS);
                        return result;
                    }
                    finally
                    {
                    }
                }
            }
            """);

        Assert.Equal(3, messages.Length);
        Assert.StartsWith("'BackInLambda' has a body that calls 'setns'", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'BackInLocalFunction' has a body that calls 'setns'", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'BackOnSuccessOnly' has a body that calls 'setns'", messages[2], System.StringComparison.Ordinal);
        Assert.Equal(2, generated);
    }

    [Fact]
    public async Task A_body_calling_syscall_with_gettids_number_is_refused_and_getpids_number_is_not()
    {
        (string[] messages, int generated, _) = await RunAsync("""
            public static partial class Threads
            {
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long CurrentTid() => Native.Syscall(186);

                private const long SYS_getpid = 39;

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long ProcessId() => Native.Syscall(SYS_getpid);
            }
            """);

        string message = Assert.Single(messages);
        Assert.StartsWith("'CurrentTid' has a body that calls 'syscall' with number 186, which on x86_64 is 'gettid', which acts on the calling thread (gettid(2) returns the caller's thread ID)", message, System.StringComparison.Ordinal);
        Assert.Equal(1, generated);
    }

    [Fact]
    public async Task A_syscall_number_chosen_by_architecture_or_kept_in_a_static_readonly_field_is_read_as_every_value_it_may_be()
    {
        // Held-out round 10: both shapes ran gettid on the worker (the variant answered with the worker's thread ID).
        (string[] messages, int generated, _) = await RunAsync("""
            public static partial class Threads
            {
                private static readonly long SysGettid = 186;
                private static readonly long SysGetpid = 39;
                private static readonly long Reassigned = 186;

                static Threads() { Reassigned = 39; }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long ByArchitecture() => Native.Syscall(RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? 178 : 186);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long FromField() => Native.Syscall(SysGettid);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long PidFromField() => Native.Syscall(SysGetpid);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long FromFieldTheConstructorSets() => Native.Syscall(Reassigned);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long Clock(bool raw) => Native.ClockGetTime(raw ? 4 : 1, out Timespec t) == 0 ? t.Seconds : -1;

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long MaybeThreadClock(bool own) => Native.ClockGetTime(own ? 3 : 1, out Timespec t) == 0 ? t.Seconds : -1;
            }
            """);

        Assert.Equal(4, messages.Length);
        Assert.StartsWith("'ByArchitecture' has a body that calls 'syscall' with number 178, which on arm64 is 'gettid'", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'FromField' has a body that calls 'syscall' with number 186, which on x86_64 is 'gettid'", messages[1], System.StringComparison.Ordinal);
        // A field a static constructor assigns may hold any number when the call is made: not read, so refused (round 15).
        Assert.StartsWith("'FromFieldTheConstructorSets' has a body that calls 'syscall', which acts on the calling thread (syscall(2) makes the call its number names, and here the number is neither a constant", messages[2], System.StringComparison.Ordinal);
        Assert.Contains("here the clock may be 3", messages[3], System.StringComparison.Ordinal);
        Assert.Equal(2, generated);
    }

    [Fact]
    public async Task A_syscall_number_is_read_for_the_compilations_architecture()
    {
        // 178 is gettid on arm64 (and query_module, gone, on x86_64); 186 is gettid on x86_64 (msgget on arm64).
        const string Source = """
            public static partial class Threads
            {
                private const long SYS_gettid_arm64 = 178;

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long Arm64Tid() => Native.Syscall(SYS_gettid_arm64);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long X64Tid() => Native.Syscall(186);
            }
            """;

        (string[] onArm64, _, _) = await RunAsync(Source, Platform.Arm64);
        Assert.StartsWith("'Arm64Tid' has a body that calls 'syscall' with number 178, which on arm64 is 'gettid'", Assert.Single(onArm64), System.StringComparison.Ordinal);

        (string[] onX64, _, _) = await RunAsync(Source, Platform.X64);
        Assert.StartsWith("'X64Tid' has a body that calls 'syscall' with number 186, which on x86_64 is 'gettid'", Assert.Single(onX64), System.StringComparison.Ordinal);

        (string[] anyCpu, _, _) = await RunAsync(Source);
        Assert.Equal(2, anyCpu.Length);
    }

    [Fact]
    public async Task A_number_that_is_one_call_on_x86_64_and_another_on_arm64_is_read_as_both_for_any_cpu()
    {
        // Held-out round 30: 117 is setresuid on x86_64 and ptrace on arm64; the table's ptrace row came first, so the message
        // named arm64's ptrace for an x86_64 setresuid. 122 is setfsuid on x86_64 and sched_setaffinity on arm64, whose pid
        // decides: read as sched_setaffinity, setfsuid(1000) was "pid 1000" and generated. A call acting on the calling
        // thread whatever its arguments, on either architecture, now decides; x86_64's is named first.
        const string Source = """
            public static partial class Credentials
            {
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long SetThreadIds(int id) => Native.Syscall(117, id, id);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long SetFsUid() => Native.Syscall(122, 1000, 0);
            }
            """;

        (string[] anyCpu, int generated, _) = await RunAsync(Source);
        Assert.Equal(2, anyCpu.Length);
        Assert.StartsWith("'SetFsUid' has a body that calls 'syscall' with number 122, which on x86_64 is 'setfsuid'", anyCpu[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'SetThreadIds' has a body that calls 'syscall' with number 117, which on x86_64 is 'setresuid'", anyCpu[1], System.StringComparison.Ordinal);
        Assert.Equal(0, generated);

        // For arm64 alone, 122 is sched_setaffinity of pid 1000 (another thread): generated; 117 is ptrace.
        (string[] onArm64, int generatedOnArm64, _) = await RunAsync(Source, Platform.Arm64);
        Assert.StartsWith("'SetThreadIds' has a body that calls 'syscall' with number 117, which on arm64 is 'ptrace'", Assert.Single(onArm64), System.StringComparison.Ordinal);
        Assert.Equal(1, generatedOnArm64);
    }

    [Fact]
    public async Task Lmdb_transaction_calls_are_refused_unless_the_body_begins_and_ends_the_transaction_itself()
    {
        // Held-out round 30: an LMDB transaction belongs to the thread that began it (lmdb.h); mdb_txn_begin on a worker, then
        // mdb_get or mdb_txn_commit on another, uses it from the wrong thread.
        (string[] messages, int generated, _) = await RunAsync("""
            public struct MDBVal { public nuint Size; public nint Data; }

            public static unsafe partial class Lmdb
            {
                [DllImport("lmdb", EntryPoint = "mdb_txn_begin")] private static extern int Begin(nint env, nint parent, uint flags, out nint txn);
                [DllImport("lmdb", EntryPoint = "mdb_get")] private static extern int Get(nint txn, uint dbi, MDBVal* key, MDBVal* data);
                [DllImport("lmdb", EntryPoint = "mdb_txn_abort")] private static extern void Abort(nint txn);
                [DllImport("lmdb", EntryPoint = "mdb_txn_commit")] private static extern int Commit(nint txn);

                [DllImport("lmdb")]
                [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)]
                public static extern int mdb_txn_begin(nint env, nint parent, uint flags, out nint txn);

                [DllImport("lmdb")]
                [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)]
                public static extern int mdb_txn_commit(nint txn);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
                public static int Lookup(nint txn, uint dbi, nuint keySize, nint keyData)
                {
                    MDBVal key = new MDBVal { Size = keySize, Data = keyData };
                    MDBVal data;
                    return Get(txn, dbi, &key, &data);
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
                public static int LookupInOwnTransaction(nint env, uint dbi, nuint keySize, nint keyData, out nuint valueSize)
                {
                    valueSize = 0;
                    int rc = Begin(env, 0, 0x20000, out nint txn);
                    if (rc != 0) return rc;
                    MDBVal key = new MDBVal { Size = keySize, Data = keyData };
                    MDBVal data;
                    rc = Get(txn, dbi, &key, &data);
                    if (rc == 0) valueSize = data.Size;
                    Abort(txn);
                    return rc;
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
                public static int BeginOnly(nint env, out nint txn) => Begin(env, 0, 0, out txn);
            }
            """);

        Assert.True(messages.Length == 4, string.Join("\n", messages));
        Assert.StartsWith("'BeginOnly' has a body that calls 'mdb_txn_begin', which acts on the calling thread (mdb_txn_begin uses an LMDB transaction, which belongs to the thread that began it", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'Lookup' has a body that calls 'mdb_get', which acts on the calling thread (mdb_get uses an LMDB transaction", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'mdb_txn_begin' calls 'mdb_txn_begin', which acts on the calling thread", messages[2], System.StringComparison.Ordinal);
        Assert.StartsWith("'mdb_txn_commit' calls 'mdb_txn_commit', which acts on the calling thread", messages[3], System.StringComparison.Ordinal);
        Assert.Contains("in one ordinary method, whose variant runs all of it on one worker", messages[3], System.StringComparison.Ordinal);
        Assert.Equal(1, generated);
    }

    [Fact]
    public async Task Lock_calls_are_refused_unless_the_body_takes_and_releases_the_lock_itself()
    {
        // Held-out round 35: pthread_mutex_lock, pthread_mutex_unlock, pthread_rwlock_wrlock, pthread_spin_lock and
        // pthread_cond_timedwait were generated; the lock is the calling thread's (pthread_mutex_lock(3p)), so on a worker the
        // caller after the await does not hold it, and unlocks it from another thread (EPERM, or undefined for a normal mutex).
        (string[] messages, int generated, _) = await RunAsync("""
            public static unsafe partial class Locks
            {
                [DllImport("libc")] private static extern int pthread_mutex_lock(nint mutex);
                [DllImport("libc")] private static extern int pthread_mutex_unlock(nint mutex);
                [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, byte* buf, nuint count);

                [DllImport("libc", EntryPoint = "pthread_mutex_lock")]
                [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)]
                public static extern int Lock(nint mutex);

                [DllImport("libc", EntryPoint = "pthread_mutex_unlock")]
                [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)]
                public static extern int Unlock(nint mutex);

                [DllImport("libc", EntryPoint = "pthread_cond_timedwait")]
                [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)]
                public static extern int CondTimedWait(nint cond, nint mutex, nint abstime);

                [DllImport("libc", EntryPoint = "pthread_rwlock_rdlock")]
                [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)]
                public static extern int ReadLock(nint rwlock);

                [DllImport("libc", EntryPoint = "sem_wait", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int SemWait(nint sem);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static nint WriteLocked(nint mutex, int fd, byte[] data)
                {
                    pthread_mutex_lock(mutex);
                    try
                    {
                        fixed (byte* p = data) return write(fd, p, (nuint)data.Length);
                    }
                    finally
                    {
                        pthread_mutex_unlock(mutex);
                    }
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
                public static int Enter(nint mutex) => pthread_mutex_lock(mutex);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
                public static int Leave(nint mutex) => pthread_mutex_unlock(mutex);
            }
            """);

        Assert.True(messages.Length == 6, string.Join("\n", messages));
        Assert.StartsWith("'CondTimedWait' calls 'pthread_cond_timedwait', which acts on the calling thread (pthread_cond_timedwait releases a mutex the calling thread must hold", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'Enter' has a body that calls 'pthread_mutex_lock', which acts on the calling thread (pthread_mutex_lock takes a lock that belongs to the calling thread", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'Leave' has a body that calls 'pthread_mutex_unlock', which acts on the calling thread (pthread_mutex_unlock releases a lock only the thread that took it may release", messages[2], System.StringComparison.Ordinal);
        Assert.StartsWith("'Lock' calls 'pthread_mutex_lock'", messages[3], System.StringComparison.Ordinal);
        Assert.StartsWith("'ReadLock' calls 'pthread_rwlock_rdlock'", messages[4], System.StringComparison.Ordinal);
        Assert.StartsWith("'Unlock' calls 'pthread_mutex_unlock'", messages[5], System.StringComparison.Ordinal);
        Assert.Contains("take the lock, do the work and release it in one ordinary method", messages[5], System.StringComparison.Ordinal);
        Assert.Equal(2, generated); // WriteLocked (lock, write, unlock on one worker) and SemWait (a semaphore no thread owns)
    }

    [Fact]
    public async Task Vfork_and_exit_are_refused()
    {
        // Held-out round 36: vfork, _exit and a vfork-execve-_exit body were generated; vfork returns twice on the calling
        // thread, whose stack the child borrows (vfork(2)), and _exit never returns (_exit(2)).
        (string[] messages, int generated, _) = await RunAsync("""
            public static unsafe partial class Spawning
            {
                [DllImport("libc", EntryPoint = "vfork", SetLastError = true)] private static extern int vfork_raw();
                [DllImport("libc", EntryPoint = "_exit")] private static extern void exit_raw(int status);

                [DllImport("libc", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int vfork();

                [DllImport("libc", EntryPoint = "_exit")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern void Exit(int status);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Spawn()
                {
                    int pid = vfork_raw();
                    if (pid == 0)
                    {
                        exit_raw(127);
                    }

                    return pid;
                }

                [DllImport("libc", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int setsid();
            }
            """);

        Assert.True(messages.Length == 3, string.Join("\n", messages));
        Assert.StartsWith("'Exit' calls '_exit', which acts on the calling thread (_exit(2) ends the process and never returns", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'Spawn' has a body that calls 'vfork'", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'vfork' calls 'vfork', which acts on the calling thread (vfork(2) suspends the calling thread", messages[2], System.StringComparison.Ordinal);
        Assert.Equal(1, generated); // setsid acts on the process, not the thread
    }

    [Fact]
    public async Task Pause_and_nice_are_refused()
    {
        // Held-out round 37: pause and nice were generated; pause(2) returns when a signal is delivered to the calling
        // thread, and nice(2) changes the calling thread's nice value (glibc's setpriority(PRIO_PROCESS, 0, ...)).
        // alarm, beside them, arms the process's timer.
        (string[] messages, int generated, _) = await RunAsync("""
            public static unsafe partial class Signals
            {
                [DllImport("libc", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int pause();

                [DllImport("libc", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int nice(int inc);

                [DllImport("libc", EntryPoint = "nice", SetLastError = true)] private static extern int nice_raw(int inc);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Lower() => nice_raw(1);

                [DllImport("libc")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern uint alarm(uint seconds);
            }
            """);

        Assert.True(messages.Length == 3, string.Join("\n", messages));
        Assert.StartsWith("'Lower' has a body that calls 'nice'", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'nice' calls 'nice', which acts on the calling thread (nice(2) adds to the calling thread's nice value", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'pause' calls 'pause', which acts on the calling thread (pause(2) returns when a signal is delivered to the calling thread", messages[2], System.StringComparison.Ordinal);
        Assert.Equal(1, generated); // alarm arms the process's timer
    }

    [Fact]
    public async Task Mysql_thread_init_and_end_are_refused_unless_one_body_makes_both()
    {
        // Held-out round 31: mysql_thread_init and mysql_thread_end were generated; they set up and release the MySQL client
        // library's variables of the calling thread (MySQL C API), which on a worker would be the worker's.
        (string[] messages, int generated, _) = await RunAsync("""
            public static unsafe partial class MySql
            {
                [DllImport("mysqlclient", EntryPoint = "mysql_thread_init")] private static extern byte ThreadInit();
                [DllImport("mysqlclient", EntryPoint = "mysql_thread_end")] private static extern void ThreadEnd();
                [DllImport("mysqlclient", EntryPoint = "mysql_ping")] private static extern int Ping(nint mysql);

                [DllImport("mysqlclient")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern byte mysql_thread_init();

                [DllImport("mysqlclient")]
                [AsyncSyscall]
                public static extern void mysql_thread_end();

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static int PingOnOwnThreadState(nint mysql)
                {
                    ThreadInit();
                    int rc = Ping(mysql);
                    ThreadEnd();
                    return rc;
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static int InitOnly() => ThreadInit();
            }
            """);

        Assert.True(messages.Length == 3, string.Join("\n", messages));
        Assert.StartsWith("'InitOnly' has a body that calls 'mysql_thread_init', which acts on the calling thread (mysql_thread_init() initializes the MySQL client library's thread-specific variables of the calling thread", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'mysql_thread_end' calls 'mysql_thread_end', which acts on the calling thread (mysql_thread_end() releases", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'mysql_thread_init' calls 'mysql_thread_init', which acts on the calling thread", messages[2], System.StringComparison.Ordinal);
        Assert.Contains("make mysql_thread_init, the work and mysql_thread_end in one ordinary method", messages[2], System.StringComparison.Ordinal);
        Assert.Equal(1, generated);
    }

    [Fact]
    public async Task A_call_through_helper_methods_is_refused_naming_the_chain_and_a_helper_that_does_not_is_not()
    {
        (string[] messages, int generated, _) = await RunAsync("""
            public static partial class Threads
            {
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long ThreadKey(int salt) => Mix(salt);

                private static long Mix(int salt) => (long)Identity() ^ salt;

                private static nuint Identity() => Native.pthread_self();

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long ProcessKey(int salt) => ProcessMix(salt);

                private static long ProcessMix(int salt) => Native.getpid() ^ salt + Again(salt);

                // Helpers that call each other are read once each.
                private static long Again(int salt) => salt > 0 ? ProcessMix(salt - 1) : 0;
            }
            """);

        string message = Assert.Single(messages);
        Assert.StartsWith("'ThreadKey' has a body that calls 'Mix', which calls 'Identity', which calls 'pthread_self', which acts on the calling thread", message, System.StringComparison.Ordinal);
        Assert.Equal(1, generated);
    }

    [Fact]
    public async Task Clock_gettime_is_refused_only_for_a_thread_clock_a_clock_chosen_in_the_body_or_one_behind_syscall()
    {
        (string[] messages, int generated, _) = await RunAsync("""
            public static partial class Clocks
            {
                private const int CLOCK_MONOTONIC = 1, CLOCK_THREAD_CPUTIME_ID = 3;

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long Monotonic() => Native.ClockGetTime(CLOCK_MONOTONIC, out Timespec t) == 0 ? t.Seconds : -1;

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long ProcessCpu() => Native.ClockGetTime(2, out Timespec t) == 0 ? t.Seconds : -1;

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long ThreadCpu() => Native.ClockGetTime(CLOCK_THREAD_CPUTIME_ID, out Timespec t) == 0 ? t.Seconds : -1;

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long Shifted(int clock) => Native.ClockGetTime(clock + 1, out Timespec t) == 0 ? t.Seconds : -1;

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long RawThreadCpu() => Native.Syscall(228, CLOCK_THREAD_CPUTIME_ID, out Timespec t) == 0 ? t.Seconds : -1;

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long RawRealtime() => Native.Syscall(228, 0, out Timespec t) == 0 ? t.Seconds : -1;
            }
            """);

        Assert.Equal(3, messages.Length);
        Assert.StartsWith("'RawThreadCpu' has a body that calls 'syscall' with number 228, which on x86_64 is 'clock_gettime', which acts on the calling thread (clock_gettime(2): CLOCK_THREAD_CPUTIME_ID is the calling thread's CPU-time clock; here the clock is 3)", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'Shifted' has a body that calls 'clock_gettime', which acts on the calling thread (clock_gettime(2): CLOCK_THREAD_CPUTIME_ID is the calling thread's CPU-time clock; here the clock is chosen in the body, so it may be CLOCK_THREAD_CPUTIME_ID (3) or a CPU-time clock of the calling thread (-4 to -1))", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'ThreadCpu' has a body that calls 'clock_gettime', which acts on the calling thread (clock_gettime(2): CLOCK_THREAD_CPUTIME_ID is the calling thread's CPU-time clock; here the clock is 3)", messages[2], System.StringComparison.Ordinal);
        Assert.Equal(3, generated);
    }

    [Fact]
    public async Task A_clock_or_pid_the_caller_passes_is_checked_by_the_variant_and_one_the_wrapper_cannot_check_is_refused()
    {
        (string[] messages, int generated, Compilation output) = await RunAsync("""
            public struct Rusage { public long UserSeconds; public long UserMicros; public long SystemSeconds; public long SystemMicros; }

            public enum ClockId { Realtime = 0, Monotonic = 1, ThreadCpuTime = 3 }

            public static partial class Clocks
            {
                [DllImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int ClockGetTime(int clockid, out Timespec time);

                [DllImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int ClockGetTimeEnum(ClockId clock, out Timespec time);

                [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int GetRusage(int who, out Rusage usage);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long Seconds(int clock) => Read(clock);

                private static long Read(int which) => Native.ClockGetTime(which, out Timespec t) == 0 ? t.Seconds : -1;

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long Reassigned(int clock) { clock = clock * 2; return Native.ClockGetTime(clock, out Timespec t) == 0 ? t.Seconds : -1; }
            }
            """);

        Assert.StartsWith("'Reassigned' has a body that calls 'clock_gettime'", Assert.Single(messages), System.StringComparison.Ordinal);
        Assert.Equal(4, generated);
        string generatedText = string.Join("\n", output.SyntaxTrees.Select(t => t.ToString()));
        Assert.Contains("if (unchecked((int)(long)clockid) == 3 || (unchecked((int)(long)clockid) >= -8 && unchecked((int)(long)clockid) < 0 && (unchecked((int)(long)clockid) & 4) != 0)) throw new global::System.ArgumentException(", generatedText, System.StringComparison.Ordinal);
        Assert.Contains("nameof(clockid));", generatedText, System.StringComparison.Ordinal);
        Assert.Contains("if (unchecked((int)(long)clock) == 3 ||", generatedText, System.StringComparison.Ordinal);
        Assert.Contains("if (unchecked((int)(long)who) == 1) throw new global::System.ArgumentException(\"getrusage with who RUSAGE_THREAD (1) acts on the thread that makes the call", generatedText, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Held_out_round_21_memory_policy_close_range_and_the_which_of_the_priority_calls()
    {
        (string[] messages, int generated, Compilation output) = await RunAsync("""
            public static unsafe partial class Round21
            {
                // set_mempolicy(2) sets the calling thread's policy, whatever its arguments, as an import or made in a body.
                [DllImport("libnuma.so.1", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int set_mempolicy(int mode, ulong[]? nodemask, ulong maxnode);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long PreferNode(int node) { ulong mask = 1UL << node; return Native.Syscall5(238, 1, (long)&mask, 64, 0, 0); }

                // get_mempolicy(2): without MPOL_F_ADDR (2) in flags, the calling thread's; with it, the memory's.
                [DllImport("libnuma.so.1", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int get_mempolicy(out int mode, [Out] ulong[] nodemask, ulong maxnode, nint addr, ulong flags);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long PolicyOfAddress(nint address) { int m; return Native.Syscall5(239, (long)&m, 0, 0, address, 2); }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long ThreadPolicy() { int m; return Native.Syscall5(239, (long)&m, 0, 0, 0, 0); }

                // close_range(2): CLOSE_RANGE_UNSHARE (2) gives the calling thread a table of its own.
                [DllImport("libc", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int close_range(uint first, uint last, int flags);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long MarkCloseOnExec(uint first, uint last) => Native.Syscall5(436, first, last, 4, 0, 0);

                // ioprio_get(2): who 0 is the calling thread with IOPRIO_WHO_PROCESS (1) and its user (credentials are per
                // thread) with IOPRIO_WHO_USER (3); with IOPRIO_WHO_PGRP (2) it is the calling process group.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long ProcessGroupPriority() => Native.Syscall5(252, 2, 0, 0, 0, 0);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long UserPriority(int uid) => Native.Syscall5(252, 3, uid, 0, 0, 0);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long OwnPriority() => Native.Syscall5(252, 1, 0, 0, 0, 0);

                [DllImport("libc", EntryPoint = "ioprio_get", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int IoprioGet(int which, int who);

                // A length a mark folds into its memory is no parameter of the variant: for ioprio_get's number the
                // argument in who's place (size) is unknown, so the number itself is checked.
                [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern long landlock_create_ruleset(long number, [InputBuffer(nameof(size))] void* attr, nuint size, uint flags);
            }

            public static partial class Native
            {
                [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
                internal static extern long Syscall5(long number, long a1, long a2, long a3, long a4, long a5);
            }
            """);

        Assert.Equal(4, messages.Length);
        Assert.Contains(messages, m => m.StartsWith("'set_mempolicy' calls 'set_mempolicy'", System.StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("'PreferNode' has a body that calls 'syscall' with number 238", System.StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("'ThreadPolicy' has a body that calls 'syscall' with number 239", System.StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("'OwnPriority' has a body that calls 'syscall' with number 252", System.StringComparison.Ordinal));
        Assert.Equal(8, generated);
        string text = string.Join("\n", output.SyntaxTrees.Select(t => t.ToString()));
        Assert.Contains("if ((unchecked((int)(long)flags) & 2) == 0) throw new global::System.ArgumentException(\"get_mempolicy with flags lacking MPOL_F_ADDR (2) acts on the thread", text, System.StringComparison.Ordinal);
        Assert.Contains("if ((unchecked((int)(long)flags) & 2) != 0) throw new global::System.ArgumentException(\"close_range with flags holding CLOSE_RANGE_UNSHARE (2) acts on the thread", text, System.StringComparison.Ordinal);
        Assert.Contains("if ((unchecked((int)(long)which) == 1 || unchecked((int)(long)which) == 3) && (unchecked((int)(long)who) == 0)) throw new global::System.ArgumentException(\"ioprio_get with pid 0 (the calling thread) with which IOPRIO_WHO_PROCESS (1) or IOPRIO_WHO_USER (3)", text, System.StringComparison.Ordinal);
        Assert.DoesNotContain("nameof(size));", text, System.StringComparison.Ordinal);
        Assert.Contains("if (unchecked((int)(long)uid) == 0) throw new global::System.ArgumentException(\"ioprio_get with pid 0", text, System.StringComparison.Ordinal);
        Assert.Contains("(unchecked((long)number) == 252)", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Personality_acts_on_the_calling_thread_whatever_its_argument()
    {
        // The kernel keeps the execution domain per thread (current->personality): on a worker, a query answers the
        // worker's and a change stays there. The nearest process-wide call, getpid, still generates.
        (string[] messages, int generated, _) = await RunAsync("""
            public static partial class Domains
            {
                [DllImport("libc", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int personality(uint persona);

                [DllImport("libc", EntryPoint = "getpid")]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int GetPid();
            }
            """);

        Assert.StartsWith("'personality' calls 'personality', which acts on the calling thread (personality(2) reads and sets the execution domain of the calling thread", Assert.Single(messages), System.StringComparison.Ordinal);
        Assert.Equal(1, generated);
    }

    [Fact]
    public async Task Keyrings_ptrace_and_a_perf_counter_of_pid_zero_act_on_the_calling_thread_and_a_pid_the_caller_passes_is_checked()
    {
        // Held-out round 16: add_key to KEY_SPEC_THREAD_KEYRING and KEYCTL_JOIN_SESSION_KEYRING ran on a worker (the worker got
        // the thread keyring and the new session keyring; a later KEYCTL_READ on that worker failed EACCES, the key no longer
        // possessed); PTRACE_SEIZE made the worker the tracer; perf_event_open with pid 0 counted the worker.
        (string[] messages, int generated, Compilation output) = await RunAsync("""
            public static partial class Facilities
            {
                [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
                private static extern long Syscall5(long number, long a1, long a2, long a3, long a4, long a5);

                private const long SYS_keyctl = 250, SYS_perf_event_open = 298, SYS_membarrier = 324;

                [DllImport("libkeyutils.so.1", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int add_key(string type, string description, byte[] payload, nuint plen, int keyring);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long KeyringId(int key) => Syscall5(SYS_keyctl, 0, key, 0, 0, 0);

                [DllImport("libc", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern long ptrace(int request, int pid, nint addr, nint data);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long CountOwnThread(nint attr) => Syscall5(SYS_perf_event_open, attr, 0, -1, -1, 0);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long CountThread(nint attr, int pid) => Syscall5(SYS_perf_event_open, attr, pid, -1, -1, 0);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long QueryBarriers() => Syscall5(SYS_membarrier, 0, 0, 0, 0, 0);
            }
            """);

        Assert.Equal(4, messages.Length);
        Assert.StartsWith("'CountOwnThread' has a body that calls 'syscall' with number 298, which on x86_64 is 'perf_event_open', which acts on the calling thread (perf_event_open(2): pid 0 measures the calling thread; here the pid is 0)", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'KeyringId' has a body that calls 'syscall' with number 250, which on x86_64 is 'keyctl', which acts on the calling thread (keyctl(2) acts with the calling thread's keyrings", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'add_key' calls 'add_key', which acts on the calling thread (add_key(2) acts with the calling thread's keyrings: KEY_SPEC_THREAD_KEYRING", messages[2], System.StringComparison.Ordinal);
        Assert.StartsWith("'ptrace' calls 'ptrace', which acts on the calling thread (ptrace(2) attaches a tracee to the calling thread", messages[3], System.StringComparison.Ordinal);
        Assert.Equal(2, generated);
        string generatedText = string.Join("\n", output.SyntaxTrees.Select(t => t.ToString()));
        Assert.Contains("nameof(pid));", generatedText, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dlopen_api_and_strerror_leave_their_answer_in_the_calling_thread_and_a_body_that_reads_it_itself_is_generated()
    {
        // Held-out round 16: dlerror on a worker read the worker's (nothing) where the caller's thread held the message; dlopen on
        // a worker left its failure's message there; strerror's text for an unknown number lives in a buffer of the thread.
        (string[] messages, int generated, _) = await RunAsync("""
            public static partial class Loader
            {
                [DllImport("libc", EntryPoint = "dlopen")] private static extern nint DlOpen(string? file, int mode);
                [DllImport("libc", EntryPoint = "dlerror")] private static extern nint DlError();
                [DllImport("libc", EntryPoint = "strerror")] private static extern nint StrError(int errnum);

                [DllImport("libc")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern nint dlerror();

                [DllImport("libc")]
                [AsyncSyscall(Errors = SyscallErrors.NullAndErrno)]
                public static extern nint dlopen(string? file, int mode);

                [DllImport("libc")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern nint strerror(int errnum);

                [AsyncSyscall(RingOp.None)]
                public static string? LastError() => Marshal.PtrToStringUTF8(DlError());

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static nint Load(string path, out string? error)
                {
                    nint handle = DlOpen(path, 2);
                    error = handle == 0 ? Marshal.PtrToStringUTF8(DlError()) : null;
                    return handle;
                }

                [AsyncSyscall(RingOp.None)]
                public static string ErrorText(int errnum) => Marshal.PtrToStringUTF8(StrError(errnum)) ?? "";

                [DllImport("libc", EntryPoint = "dlsym")] private static extern nint DlSym(nint handle, string name);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static nint SymbolOrThrow(nint handle, string name)
                {
                    DlError();
                    nint address = DlSym(handle, name);
                    nint error = DlError();
                    if (error != 0) throw new EntryPointNotFoundException(Marshal.PtrToStringUTF8(error));
                    return address;
                }
            }
            """);

        Assert.Equal(4, messages.Length);
        Assert.StartsWith("'LastError' has a body that calls 'dlerror', which acts on the calling thread (dlerror(3) returns the calling thread's last error of the dlopen API", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'dlerror' calls 'dlerror', which acts on the calling thread", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'dlopen' calls 'dlopen', which acts on the calling thread (dlopen(3) reports failure in the calling thread's dlerror(3) state only", messages[2], System.StringComparison.Ordinal);
        Assert.StartsWith("'strerror' calls 'strerror', which acts on the calling thread (strerror(3) may return a string in a buffer of the calling thread", messages[3], System.StringComparison.Ordinal);
        Assert.Equal(3, generated);
    }

    [Fact]
    public async Task OpenSsl_imports_leave_the_reason_for_a_failure_in_the_calling_threads_error_queue_and_a_body_that_reads_it_itself_is_generated()
    {
        // Held-out round 26: RAND_bytes, EVP_DigestUpdate and ERR_get_error stated NeverFails or NullAndErrno were generated;
        // a failure's reason then stayed on the worker's error queue (ERR(7): the queue is per thread), where the caller's
        // ERR_get_error found nothing and the worker's next call could read it. Any version or path of libcrypto/libssl, and
        // .NET's shim over them; not libssl3 (NSS) nor a library whose name only starts the same.
        (string[] messages, int generated, _) = await RunAsync("""
            public static unsafe partial class Crypto
            {
                [DllImport("libcrypto.so.3", EntryPoint = "ERR_clear_error")] private static extern void ClearErrors();
                [DllImport("libcrypto.so.3", EntryPoint = "ERR_get_error")] private static extern ulong FirstError();
                [DllImport("libcrypto.so.3", EntryPoint = "RAND_bytes")] private static extern int RandRaw(byte* buf, int num);

                [LibraryImport("libcrypto.so.3", EntryPoint = "RAND_bytes")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static partial int RandBytes(Span<byte> buf, int num);

                [DllImport("/usr/lib/x86_64-linux-gnu/libssl.so.1.1", EntryPoint = "SSL_get_error")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern int SslGetError(nint ssl, int ret);

                [DllImport("libcrypto-3-x64", EntryPoint = "ERR_get_error")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern ulong GetError();

                [LibraryImport("libSystem.Security.Cryptography.Native.OpenSsl", EntryPoint = "CryptoNative_EvpDigestUpdate")]
                [AsyncSyscall(Errors = SyscallErrors.NullAndErrno)]
                public static partial int DigestUpdate(nint ctx, [In] byte[] d, int cnt);

                [DllImport("libssl3.so", EntryPoint = "SSL_ForceHandshake")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern int NssHandshake(nint fd);

                [DllImport("libcryptsetup.so.12", EntryPoint = "crypt_load")]
                [AsyncSyscall(Errors = SyscallErrors.NegativeErrno)]
                public static extern int CryptLoad(nint cd, string? type, nint parameters);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static int FillOrThrow(byte[] buffer)
                {
                    ClearErrors();
                    fixed (byte* p = buffer)
                    {
                        if (RandRaw(p, buffer.Length) != 1) throw new InvalidOperationException("RAND_bytes: 0x" + FirstError().ToString("x"));
                    }

                    return buffer.Length;
                }
            }
            """);

        Assert.Equal(4, messages.Length);
        Assert.StartsWith("'DigestUpdate' calls 'CryptoNative_EvpDigestUpdate', which acts on the calling thread (OpenSSL keeps why a call failed in the calling thread's error queue only (ERR_get_error(3), ERR(7): the queue is per thread), where a failure of 'CryptoNative_EvpDigestUpdate' leaves its reason", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'GetError' calls 'ERR_get_error', which acts on the calling thread (OpenSSL keeps why a call failed in the calling thread's error queue only (ERR_get_error(3), ERR(7): the queue is per thread), and 'ERR_get_error' reads or changes that queue", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'RandBytes' calls 'RAND_bytes', which acts on the calling thread (OpenSSL keeps", messages[2], System.StringComparison.Ordinal);
        Assert.StartsWith("'SslGetError' calls 'SSL_get_error', which acts on the calling thread (OpenSSL keeps", messages[3], System.StringComparison.Ordinal);
        Assert.All(messages, m => Assert.Contains("make the call in an ordinary method that clears the queue (ERR_clear_error), calls, and reads ERR_get_error (or SSL_get_error) before it returns or throws", m, System.StringComparison.Ordinal));
        Assert.Equal(3, generated);
    }

    [Fact]
    public async Task Name_service_imports_leave_eai_system_in_the_calling_threads_errno_and_resolver_calls_use_its_state()
    {
        // Held-out round 27: getaddrinfo stated ReturnsErrorNumber threw its EAI_NONAME (-2) as an error number where the
        // wrapper returned it; stated NeverFails, EAI_SYSTEM's reason stays in the worker's errno. res_query was generated,
        // though it uses the calling thread's resolver state (_res is per thread in glibc) and reports in its h_errno.
        (string[] messages, int generated, _) = await RunAsync("""
            public static unsafe partial class Names
            {
                [DllImport("libc", EntryPoint = "getaddrinfo")] private static extern int GetAddrInfoRaw(string? node, string? service, nint hints, nint* res);
                [DllImport("libc", EntryPoint = "freeaddrinfo")] private static extern void FreeAddrInfoRaw(nint res);
                [DllImport("libresolv.so.2", EntryPoint = "res_query")] private static extern int QueryRaw(string dname, int cls, int type, byte* answer, int anslen);

                [DllImport("libc", EntryPoint = "getaddrinfo")]
                [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)]
                public static extern int Lookup(string? node, string? service, nint hints, out nint res);

                [LibraryImport("libc", EntryPoint = "getnameinfo")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static partial int NameOf(ReadOnlySpan<byte> addr, uint addrlen, Span<byte> host, uint hostlen, Span<byte> serv, uint servlen, int flags);

                [LibraryImport("libresolv.so.2", EntryPoint = "res_query", StringMarshalling = StringMarshalling.Utf8)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static partial int Query(string dname, int cls, int type, Span<byte> answer, int anslen);

                [DllImport("libresolv.so.2", EntryPoint = "__res_search")]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int Search(string dname, int cls, int type, byte[] answer, int anslen);

                [LibraryImport("libresolv.so.2", EntryPoint = "res_nquery", StringMarshalling = StringMarshalling.Utf8)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static partial int QueryWithState(nint statp, string dname, int cls, int type, Span<byte> answer, int anslen);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static int Resolve(string host, out int systemError)
                {
                    nint list;
                    int rc = GetAddrInfoRaw(host, null, 0, &list);
                    systemError = rc == -11 ? Marshal.GetLastSystemError() : 0;
                    if (rc == 0) FreeAddrInfoRaw(list);
                    return rc;
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int QueryA(string name, byte[] answer)
                {
                    fixed (byte* p = answer) return QueryRaw(name, 1, 1, p, answer.Length);
                }
            }
            """);

        string all = string.Join("\n", messages);
        Assert.Equal(5, messages.Length);
        Assert.Contains("'Lookup' calls 'getaddrinfo', which acts on the calling thread (getaddrinfo(3) returns 0 or an EAI_* code, not an error number, and for EAI_SYSTEM leaves the reason in the calling thread's errno only", all, System.StringComparison.Ordinal);
        Assert.Contains("so it would leave the reason for EAI_SYSTEM in the errno of that worker, never the caller", all, System.StringComparison.Ordinal);
        Assert.Contains("'NameOf' calls 'getnameinfo', which acts on the calling thread (getnameinfo(3) returns 0 or an EAI_* code", all, System.StringComparison.Ordinal);
        Assert.Contains("'Query' calls 'res_query', which acts on the calling thread (res_query(3) uses the calling thread's resolver state", all, System.StringComparison.Ordinal);
        Assert.Contains("'Search' calls '__res_search', which acts on the calling thread (res_search(3) uses", all, System.StringComparison.Ordinal);
        Assert.Contains("'QueryA' ", all, System.StringComparison.Ordinal);
        Assert.DoesNotContain("'Resolve'", all, System.StringComparison.Ordinal);
        Assert.DoesNotContain("'QueryWithState'", all, System.StringComparison.Ordinal);
        Assert.Equal(2, generated);
    }

    [Fact]
    public async Task Locale_sensitive_calls_answer_in_the_calling_threads_locale_and_their_l_forms_do_not()
    {
        // Held-out round 17: nl_langinfo(CODESET) on a worker answered 'ANSI_X3.4-1968' where the caller's thread, using
        // C.UTF-8 (uselocale), answered 'UTF-8'; strftime, strtod, strcoll and uselocale were generated the same way.
        (string[] messages, int generated, _) = await RunAsync("""
            public static unsafe partial class Locales
            {
                [DllImport("libc", EntryPoint = "strftime")] private static extern nuint StrFTime(byte* s, nuint max, string format, void* tm);
                [DllImport("libc", EntryPoint = "strftime_l")] private static extern nuint StrFTimeL(byte* s, nuint max, string format, void* tm, nint locale);
                [DllImport("libc", EntryPoint = "uselocale")] private static extern nint UseLocale(nint locale);

                [DllImport("libc")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern nint nl_langinfo(int item);

                [DllImport("libc")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern double strtod(string text, nint end);

                [DllImport("libc", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.NullAndErrno)]
                public static extern nint uselocale(nint locale);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long Format(byte[] buffer, string format, long time)
                {
                    byte* tm = stackalloc byte[56];
                    fixed (byte* s = buffer) return (long)StrFTime(s, (nuint)buffer.Length, format, tm);
                }

                [DllImport("libc")]
                [AsyncSyscall(Errors = SyscallErrors.NeverFails)]
                public static extern nint nl_langinfo_l(int item, nint locale);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.NeverFails)]
                public static long FormatIn(byte[] buffer, string format, nint locale)
                {
                    byte* tm = stackalloc byte[56];
                    fixed (byte* s = buffer) return (long)StrFTimeL(s, (nuint)buffer.Length, format, tm, locale);
                }
            }
            """);

        Assert.Equal(4, messages.Length);
        Assert.StartsWith("'Format' has a body that calls 'strftime', which acts on the calling thread (strftime(3) formats with LC_TIME of the calling thread's locale (uselocale(3) sets one per thread); pass the locale to strftime_l instead)", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'nl_langinfo' calls 'nl_langinfo', which acts on the calling thread (nl_langinfo(3) answers from the calling thread's locale", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'strtod' calls 'strtod', which acts on the calling thread (strtod(3) parses with LC_NUMERIC of the calling thread's locale", messages[2], System.StringComparison.Ordinal);
        Assert.StartsWith("'uselocale' calls 'uselocale', which acts on the calling thread (uselocale(3) sets (or, with 0, returns) the calling thread's locale)", messages[3], System.StringComparison.Ordinal);
        Assert.Equal(2, generated);
    }

    [Fact]
    public async Task Raise_landlock_and_the_raw_credential_syscalls_act_on_the_calling_thread_and_the_librarys_setuid_does_not()
    {
        // Held-out round 15: raise(3) signals the calling thread; landlock_restrict_self(2) restricts it; the setuid, setgid,
        // setgroups... system calls change its credentials only (glibc's functions make every thread change them, nptl(7)).
        (string[] messages, int generated, _) = await RunAsync("""
            public static partial class Credentials
            {
                [DllImport("libc", EntryPoint = "raise")]
                private static extern int Raise(int sig);

                [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
                private static extern int Kill(int pid, int sig);

                private const long SYS_setuid = 105, SYS_setgroups = 116, SYS_landlock_restrict_self = 446;

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int SignalSelf(int signal) => Raise(signal);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long RestrictSelf(int rulesetFd) => Native.Syscall(SYS_landlock_restrict_self, rulesetFd, 0);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long SetUidOneThread(int uid) => Native.Syscall(SYS_setuid, uid, 0);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long ClearGroupsOneThread() => Native.Syscall(SYS_setgroups, 0, 0);

                [DllImport("libc", EntryPoint = "setuid", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int SetUid(uint uid);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int ProcessAlive() => Kill(Native.getpid(), 0);
            }
            """);

        Assert.Equal(4, messages.Length);
        Assert.StartsWith("'ClearGroupsOneThread' has a body that calls 'syscall' with number 116, which on x86_64 is 'setgroups', which acts on the calling thread (the setgroups system call changes the credentials of the calling thread only", messages[0], System.StringComparison.Ordinal);
        Assert.StartsWith("'RestrictSelf' has a body that calls 'syscall' with number 446, which on x86_64 is 'landlock_restrict_self', which acts on the calling thread (landlock_restrict_self(2) enforces the ruleset on the calling thread)", messages[1], System.StringComparison.Ordinal);
        Assert.StartsWith("'SetUidOneThread' has a body that calls 'syscall' with number 105, which on x86_64 is 'setuid'", messages[2], System.StringComparison.Ordinal);
        Assert.StartsWith("'SignalSelf' has a body that calls 'raise', which acts on the calling thread (raise(3) sends the signal to the calling thread", messages[3], System.StringComparison.Ordinal);
        Assert.Equal(2, generated);
    }

    [Fact]
    public async Task Timer_create_on_a_thread_cpu_clock_is_refused_and_a_clock_the_caller_passes_is_checked()
    {
        // Held-out round 15: timer_create(CLOCK_THREAD_CPUTIME_ID) on a worker made a timer counting the worker's CPU time.
        (string[] messages, int generated, Compilation output) = await RunAsync("""
            public static partial class Timers
            {
                [DllImport("libc", EntryPoint = "timer_create", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern int TimerCreate(int clockid, nint sevp, out nint timerid);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int OwnCpuTimer(nint sevp, out nint timer) => TimerCreate(3, sevp, out timer);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int MonotonicTimer(nint sevp, out nint timer) => TimerCreate(1, sevp, out timer);
            }
            """);

        Assert.StartsWith("'OwnCpuTimer' has a body that calls 'timer_create', which acts on the calling thread (timer_create(2): a timer on CLOCK_THREAD_CPUTIME_ID counts the calling thread's CPU time; here the clock is 3)", Assert.Single(messages), System.StringComparison.Ordinal);
        Assert.Equal(2, generated);
        string generatedText = string.Join("\n", output.SyntaxTrees.Select(t => t.ToString()));
        Assert.Contains("if (unchecked((int)(long)clockid) == 3 ||", generatedText, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_syscall_number_the_caller_passes_is_checked_by_the_variant_with_the_argument_that_decides_and_one_chosen_in_the_body_is_refused()
    {
        // Held-out round 15: syscall(2) imported with its number as a parameter ran gettid (186) and ioprio_set for who 0 on
        // the worker, answering with the worker's thread ID and changing the worker's I/O priority.
        (string[] messages, int generated, Compilation output) = await RunAsync("""
            public static partial class Raw
            {
                [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern long IoprioSet(long number, int which, int who, int ioprio);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long Call(long number) => Native.Syscall(number);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long Computed() => Native.Syscall(Environment.TickCount);

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static long ProcessId() => Native.Syscall(39);
            }
            """);

        Assert.StartsWith("'Computed' has a body that calls 'syscall', which acts on the calling thread (syscall(2) makes the call its number names, and here the number is neither a constant nor an integer parameter of the wrapper", Assert.Single(messages), System.StringComparison.Ordinal);
        Assert.Equal(3, generated);
        string generatedText = string.Join("\n", output.SyntaxTrees.Select(t => t.ToString()));
        const string OnX64 = "global::System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == global::System.Runtime.InteropServices.Architecture.X64 && (";
        // The number alone (gettid), and ioprio_set's who 0 for its number, named by the parameter that makes it so.
        Assert.Contains("(unchecked((long)number) == 186)", generatedText, System.StringComparison.Ordinal);
        // Held-out round 21: only with which IOPRIO_WHO_PROCESS (1) or IOPRIO_WHO_USER (3, 0: the calling thread's user), when
        // which is a parameter too (IOPRIO_WHO_PGRP 0 is the calling process group).
        Assert.Contains("(unchecked((long)number) == 251 && ((unchecked((int)(long)which) == 1 || unchecked((int)(long)which) == 3) && (unchecked((int)(long)who) == 0)))", generatedText, System.StringComparison.Ordinal);
        Assert.Contains("nameof(who));", generatedText, System.StringComparison.Ordinal);
        Assert.Contains(OnX64, generatedText, System.StringComparison.Ordinal);
        // Through a body, the number is checked the same way; getpid's constant needs no check.
        Assert.True(generatedText.Split("nameof(number));").Length - 1 >= 2, "both the import and the body's variant check the number");

        (_, _, Compilation x64) = await RunAsync("""
            public static partial class Raw
            {
                [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
                [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
                public static extern long IoprioSet(long number, int which, int who, int ioprio);
            }
            """, Platform.X64);
        string x64Text = string.Join("\n", x64.SyntaxTrees.Select(t => t.ToString()));
        Assert.DoesNotContain("ProcessArchitecture", x64Text, System.StringComparison.Ordinal);
        Assert.Contains("(unchecked((long)number) == 251 && ((unchecked((int)(long)which) == 1 || unchecked((int)(long)which) == 3) && (unchecked((int)(long)who) == 0)))", x64Text, System.StringComparison.Ordinal);
    }
}
