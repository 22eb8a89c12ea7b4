using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Tests;

/// <summary>
/// ASYS0018: an ordinary method run on a worker whose body makes its call again on EINTR cannot be cancelled once the
/// call has started (the worker's interrupt is an EINTR). A loop that ends when IoRing.IsBlockingCallCancellationRequested
/// is true is quiet and gets the interrupt as its cancel hook; loops on other errors, and EINTR tests that do not loop, are quiet.
/// </summary>
public sealed class EintrRetryTests
{
    private const string Prelude = """
        using System;
        using System.Runtime.InteropServices;
        using AsyncSys;

        public static unsafe partial class Native
        {
            public const int EINTR = 4, EAGAIN = 11;

            [DllImport("libc", EntryPoint = "read", SetLastError = true)]
            internal static extern nint Read(int fd, byte* buffer, nuint count);

            [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
            internal static extern int Flock(int fd, int operation);
        }

        """;

    private static async Task<(Diagnostic[] Warnings, string Generated)> RunAsync(string source)
    {
        Compilation input = GeneratorHarness.Compile(Prelude + source);
        (GeneratorDriverRunResult run, Compilation output) = GeneratorHarness.Run(input);
        Diagnostic[] diagnostics = (await GeneratorHarness.AnalyzeAsync(output)).ToArray();
        Assert.All(diagnostics, d => Assert.Equal("ASYS0018", d.Id));
        Assert.Empty(GeneratorHarness.CompilerProblems(output));
        return (diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray(), string.Join("\n", run.Results[0].GeneratedSources.Select(s => s.SourceText.ToString())));
    }

    [Fact]
    public async Task Loops_that_make_the_call_again_on_EINTR_are_reported_and_still_generated()
    {
        (Diagnostic[] warnings, string generated) = await RunAsync("""
            public static unsafe partial class Files
            {
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static nint DoWhile(int fd, byte[] buffer)
                {
                    nint n;
                    fixed (byte* p = buffer)
                    {
                        do { n = Native.Read(fd, p, (nuint)buffer.Length); }
                        while (n < 0 && Marshal.GetLastPInvokeError() == Native.EINTR);
                    }

                    return n;
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int WhileTrueContinue(int fd, int operation)
                {
                    while (true)
                    {
                        int r = Native.Flock(fd, operation);
                        if (r < 0 && Marshal.GetLastPInvokeError() == 4)
                        {
                            continue;
                        }

                        return r;
                    }
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int ForeverUnlessOtherError(int fd, int operation)
                {
                    for (;;)
                    {
                        int r = Native.Flock(fd, operation);
                        if (r >= 0 || !(Marshal.GetLastWin32Error() == Native.EINTR))
                        {
                            return r;
                        }
                    }
                }
            }
            """);

        Assert.Equal(3, warnings.Length);
        Assert.Equal(
            "'DoWhile' makes 'Read' again when it fails with EINTR, and its variant runs it on a worker: cancellation stops a worker's blocked call only by interrupting it with a signal, "
            + "so that the call fails with EINTR, and this loop then makes the call again, so once it has started the task cannot be cancelled; end the loop when "
            + "IoRing.IsBlockingCallCancellationRequested is true (the variant then interrupts the call when cancelled), or mark 'Read' itself [AsyncSyscall] and retry around its variant",
            warnings[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("'WhileTrueContinue' makes 'Flock' again", warnings[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.StartsWith("'ForeverUnlessOtherError' makes 'Flock' again", warnings[2].GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Contains("DoWhileAsync(", generated, System.StringComparison.Ordinal);
        Assert.Contains("WhileTrueContinueAsync(", generated, System.StringComparison.Ordinal);
        Assert.Contains("ForeverUnlessOtherErrorAsync(", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loop_that_ends_when_its_call_is_cancelled_is_quiet_and_interrupted_and_other_loops_are_quiet()
    {
        (Diagnostic[] warnings, string generated) = await RunAsync("""
            public static unsafe partial class Files
            {
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static nint UntilCancelled(int fd, byte[] buffer)
                {
                    nint n;
                    fixed (byte* p = buffer)
                    {
                        do { n = Native.Read(fd, p, (nuint)buffer.Length); }
                        while (n < 0 && Marshal.GetLastPInvokeError() == Native.EINTR && !IoRing.IsBlockingCallCancellationRequested);
                    }

                    return n;
                }

                // EAGAIN: the call is made again when the descriptor is not ready, not when interrupted.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int WhileBusy(int fd, int operation)
                {
                    int r;
                    do { r = Native.Flock(fd, operation | 4); }
                    while (r < 0 && Marshal.GetLastPInvokeError() == Native.EAGAIN);
                    return r;
                }

                // EINTR read once, not looped on.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Once(int fd, int operation)
                {
                    int r = Native.Flock(fd, operation);
                    return r < 0 && Marshal.GetLastPInvokeError() == Native.EINTR ? -2 : r;
                }

                // A loop that counts, with an EINTR test that leaves it on EINTR.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Tries(int fd, int operation)
                {
                    for (int i = 0; i < 3; i++)
                    {
                        if (Native.Flock(fd, operation) == 0) return 0;
                        if (Marshal.GetLastPInvokeError() == Native.EINTR) return -1;
                    }

                    return -1;
                }
            }
            """);

        Assert.Empty(warnings);
        Assert.Contains("UntilCancelledAsync(", generated, System.StringComparison.Ordinal);
        Assert.Contains("cancelHook: static call => call.InterruptWorker()", generated, System.StringComparison.Ordinal);
        // The other three call flock, which can wait for a lock: since held-out round 22 a body that calls a waiting call gets
        // the interrupt as its hook too (before, only the loop that ends on cancellation had it).
        Assert.Contains("WhileBusyAsyncState.Invoke, cancelHook: static call => call.InterruptWorker()", generated, System.StringComparison.Ordinal);
        Assert.Contains("OnceAsyncState.Invoke, cancelHook: static call => call.InterruptWorker()", generated, System.StringComparison.Ordinal);
        Assert.Contains("TriesAsyncState.Invoke, cancelHook: static call => call.InterruptWorker()", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_calls_a_waiting_call_gets_the_interrupt_as_its_hook_and_others_get_none()
    {
        // Held-out round 22 (dur.flock_exclusive_wait_body): an ordinary method whose body called a blocking flock had no cancel
        // hook, so a cancelled token left the variant waiting for the lock for good (the run gave up after 10 s).
        (Diagnostic[] warnings, string generated) = await RunAsync("""
            public static unsafe partial class Files
            {
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int LockExclusive(int fd, bool wait) => Native.Flock(fd, wait ? 2 : 6);

                // Through a helper of the same compilation.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int LockShared(int fd) => Take(fd, 1);

                private static int Take(int fd, int operation) => Native.Flock(fd, operation);

                // read is no waiting call of the table (a ring call): no hook.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static nint ReadSome(int fd, byte[] buffer) { fixed (byte* p = buffer) { return Native.Read(fd, p, (nuint)buffer.Length); } }

                // A hook the wrapper states is kept.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno, CancelHook = nameof(Stop))]
                public static int LockStated(int fd) => Native.Flock(fd, 2);

                // Retrying on EINTR without ending on cancellation: ASYS0018, and no hook (the loop would only take the signal again).
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int LockRetrying(int fd)
                {
                    int r;
                    do { r = Native.Flock(fd, 2); }
                    while (r < 0 && Marshal.GetLastPInvokeError() == Native.EINTR);
                    return r;
                }

                private static void Stop(BlockingCallInfo call) => call.InterruptWorker();
            }
            """);

        Assert.StartsWith("'LockRetrying' makes 'Flock' again", Assert.Single(warnings).GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Contains("LockExclusiveAsyncState.Invoke, cancelHook: static call => call.InterruptWorker()", generated, System.StringComparison.Ordinal);
        Assert.Contains("LockSharedAsyncState.Invoke, cancelHook: static call => call.InterruptWorker()", generated, System.StringComparison.Ordinal);
        Assert.Contains("ReadSomeAsyncState.Invoke, cancelHook: null", generated, System.StringComparison.Ordinal);
        Assert.Contains("LockStatedAsyncState.Invoke, cancelHook: Stop", generated, System.StringComparison.Ordinal);
        Assert.Contains("LockRetryingAsyncState.Invoke, cancelHook: null", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_loop_in_a_helper_the_body_calls_is_reported_naming_the_way_there()
    {
        // Held-out round 10: the loop inside a private helper was not read, so the wrapper was generated without a word.
        (Diagnostic[] warnings, string generated) = await RunAsync("""
            public static unsafe partial class Files
            {
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static nint ReadAll(int fd, byte[] buffer) => ReadRetrying(fd, buffer);

                private static nint ReadRetrying(int fd, byte[] buffer) => Fill(fd, buffer);

                private static nint Fill(int fd, byte[] buffer)
                {
                    nint n;
                    fixed (byte* p = buffer)
                    {
                        do { n = Native.Read(fd, p, (nuint)buffer.Length); }
                        while (n < 0 && Marshal.GetLastPInvokeError() == Native.EINTR);
                    }

                    return n;
                }

                // The helper's loop ends when the call is cancelled: quiet, and the worker is interrupted on cancellation.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int LockAll(int fd) => LockUntilCancelled(fd, 2);

                private static int LockUntilCancelled(int fd, int operation)
                {
                    int r;
                    do { r = Native.Flock(fd, operation); }
                    while (r < 0 && Marshal.GetLastPInvokeError() == Native.EINTR && !IoRing.IsBlockingCallCancellationRequested);
                    return r;
                }

                // A helper without a loop.
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int LockOnce(int fd) => Lock(fd, 2);

                private static int Lock(int fd, int operation) => Native.Flock(fd, operation);
            }
            """);

        Diagnostic warning = Assert.Single(warnings);
        Assert.StartsWith("'ReadAll' calls 'ReadRetrying', which calls 'Fill', which makes 'Read' again when it fails with EINTR, and its variant runs it on a worker",
            warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Contains("LockAllAsyncState.Invoke, cancelHook: static call => call.InterruptWorker()", generated, System.StringComparison.Ordinal);
        // LockOnce's helper calls flock, which can wait: since held-out round 22 that is a hook too (it had none).
        Assert.Contains("LockOnceAsyncState.Invoke, cancelHook: static call => call.InterruptWorker()", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loop_that_retries_on_EINTR_a_counted_number_of_times_ends_by_itself_and_is_quiet()
    {
        // Held-out round 10: `for (i = 0; i < 3 && errno == EINTR; i++)` was reported, though it makes the call at most three times.
        (Diagnostic[] warnings, _) = await RunAsync("""
            public static unsafe partial class Files
            {
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int ForCount(int fd, int operation)
                {
                    int r = -1;
                    for (int i = 0; i < 3; i++)
                    {
                        r = Native.Flock(fd, operation);
                        if (r < 0 && Marshal.GetLastPInvokeError() == Native.EINTR)
                        {
                            continue;
                        }

                        break;
                    }

                    return r;
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int DoWhileCounted(int fd, int operation, int attempts)
                {
                    int r, tries = 0;
                    do { r = Native.Flock(fd, operation); }
                    while (r < 0 && Marshal.GetLastPInvokeError() == Native.EINTR && ++tries < attempts);
                    return r;
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int CountingDown(int fd, int operation)
                {
                    int r, left = 5;
                    while ((r = Native.Flock(fd, operation)) < 0 && Marshal.GetLastPInvokeError() == Native.EINTR && left-- > 0) { }
                    return r;
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int LeavesWhenCounted(int fd, int operation)
                {
                    int attempts = 0;
                    while (true)
                    {
                        int r = Native.Flock(fd, operation);
                        if (r >= 0 || Marshal.GetLastPInvokeError() != Native.EINTR || ++attempts >= 3)
                        {
                            return r;
                        }
                    }
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int ContinuesWhileCounting(int fd, int operation)
                {
                    int attempts = 0;
                    for (;;)
                    {
                        int r = Native.Flock(fd, operation);
                        if (r < 0 && Marshal.GetLastPInvokeError() == Native.EINTR && attempts++ < 3)
                        {
                            continue;
                        }

                        return r;
                    }
                }
            }
            """);

        Assert.Empty(warnings);
    }

    [Fact]
    public async Task A_count_the_loop_resets_or_never_steps_does_not_bound_it()
    {
        // The nearest shapes to a counted retry: a counter set back to 0 on EINTR, one never stepped, a limit the loop
        // raises, and a count tested against EAGAIN's loop while EINTR retries for ever.
        (Diagnostic[] warnings, _) = await RunAsync("""
            public static unsafe partial class Files
            {
                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int Reset(int fd, int operation)
                {
                    int r;
                    for (int i = 0; i < 3; i++)
                    {
                        r = Native.Flock(fd, operation);
                        if (r < 0 && Marshal.GetLastPInvokeError() == Native.EINTR)
                        {
                            i = 0;
                            continue;
                        }

                        return r;
                    }

                    return -1;
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int NeverStepped(int fd, int operation)
                {
                    int r, tries = 0;
                    do { r = Native.Flock(fd, operation); }
                    while (r < 0 && Marshal.GetLastPInvokeError() == Native.EINTR && tries < 3);
                    return r;
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int RaisedLimit(int fd, int operation)
                {
                    int r, tries = 0, limit = 3;
                    do { r = Native.Flock(fd, operation); limit++; }
                    while (r < 0 && Marshal.GetLastPInvokeError() == Native.EINTR && ++tries < limit);
                    return r;
                }

                [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
                public static int CountedOnlyForOtherErrors(int fd, int operation)
                {
                    int busy = 0;
                    while (true)
                    {
                        int r = Native.Flock(fd, operation);
                        if (r < 0 && Marshal.GetLastPInvokeError() == Native.EINTR)
                        {
                            continue;
                        }

                        if (r < 0 && Marshal.GetLastPInvokeError() == Native.EAGAIN && ++busy < 3)
                        {
                            continue;
                        }

                        return r;
                    }
                }
            }
            """);

        Assert.Equal(new[] { "'Reset' makes", "'NeverStepped' makes", "'RaisedLimit' makes", "'CountedOnlyForOtherErrors' makes" },
            warnings.Select(w => w.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split(" 'Flock'")[0]));
    }
}
