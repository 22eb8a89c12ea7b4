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
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(generated, "call.InterruptWorker\\(\\)"));
    }
}
