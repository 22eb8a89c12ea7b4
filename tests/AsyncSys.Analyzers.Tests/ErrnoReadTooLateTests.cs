using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

public class ErrnoReadTooLateTests
{
    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<ErrnoReadTooLateAnalyzer>.VerifyAsync(TestSources.Native + code);

    [Fact]
    public Task Errno_read_after_another_call_is_reported() => VerifyAsync("""
        static unsafe class C
        {
            static int M(byte* p)
            {
                nint n = Native.read(0, p, 16);
                Native.Log("read returned");
                int errno = {|ASYS1001:Marshal.GetLastPInvokeError()|};
                return errno;
            }
        }
        """);

    [Fact]
    public Task Errno_read_after_an_await_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M()
            {
                int r = Native.fsync(3);
                await Task.Yield();
                return r < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : 0;
            }
        }
        """);

    [Fact]
    public Task Errno_read_after_an_await_without_a_visible_pinvoke_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(Task work)
            {
                await work;
                return {|ASYS1001:Marshal.GetLastWin32Error()|};
            }
        }
        """);

    [Fact]
    public Task System_error_read_after_a_constructor_call_is_reported() => VerifyAsync("""
        static class C
        {
            static int M()
            {
                int r = Native.fsync(3);
                var buffer = new System.Text.StringBuilder("x");
                return {|ASYS1001:Marshal.GetLastSystemError()|};
            }
        }
        """);

    // The implicit Dispose at the end of a using runs between the P/Invoke inside it and a read after it.
    [Fact]
    public Task Errno_read_after_a_using_statement_that_disposed_is_reported() => VerifyAsync("""
        sealed class Timer : System.IDisposable
        {
            public void Dispose() => Native.Log("elapsed");
        }

        static class C
        {
            static int M()
            {
                int r;
                using (new Timer())
                {
                    r = Native.fsync(3);
                }

                return r < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : 0;
            }
        }
        """);

    [Fact]
    public Task Errno_read_after_a_using_declaration_scope_ended_is_reported() => VerifyAsync("""
        sealed class Timer : System.IDisposable
        {
            public void Dispose() => Native.Log("elapsed");
        }

        static class C
        {
            static int M()
            {
                int r;
                {
                    using var timer = new Timer();
                    r = Native.fsync(3);
                }

                return r < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : 0;
            }
        }
        """);

    [Fact]
    public Task Errno_read_inside_the_using_before_its_dispose_is_not_reported() => VerifyAsync("""
        sealed class Timer : System.IDisposable
        {
            public void Dispose() => Native.Log("elapsed");
        }

        static class C
        {
            static int M()
            {
                int errno = 0;
                using (new Timer())
                {
                    int r = Native.fsync(3);
                    if (r < 0)
                    {
                        errno = Marshal.GetLastPInvokeError();
                    }
                }

                return errno;
            }
        }
        """);

    [Fact]
    public Task Errno_read_right_after_the_call_is_not_reported() => VerifyAsync("""
        static unsafe class C
        {
            static int M(byte* p)
            {
                nint n = Native.read(0, p, 16);
                int errno = Marshal.GetLastPInvokeError();
                Native.Log("read returned");
                return errno;
            }
        }
        """);

    [Fact]
    public Task Errno_read_inside_the_failure_check_is_not_reported() => VerifyAsync("""
        static class C
        {
            static void M()
            {
                if (Native.fsync(3) < 0)
                {
                    throw new ErrnoException(Marshal.GetLastPInvokeError(), "fsync");
                }
            }
        }
        """);

    [Fact]
    public Task A_call_in_a_branch_not_taken_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int M()
            {
                int r = Native.fsync(3);
                if (r == 0)
                {
                    Native.Log("ok");
                    return 0;
                }

                return Marshal.GetLastPInvokeError();
            }
        }
        """);

    [Fact]
    public Task Pure_math_between_call_and_read_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int M()
            {
                int r = Native.fsync(3);
                int clamped = Math.Max(r, 0);
                return Marshal.GetLastPInvokeError() + clamped;
            }
        }
        """);

    [Fact]
    public Task An_await_before_the_call_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M()
            {
                await Task.Yield();
                int r = Native.fsync(3);
                return r < 0 ? Marshal.GetLastPInvokeError() : 0;
            }
        }
        """);

    [Fact]
    public Task Errno_read_after_an_awaited_call_with_no_pinvoke_before_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] buffer)
            {
                int n = await ring.ReadAsync(fd, buffer, 0);
                return n < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : n;
            }
        }
        """);

    [Fact]
    public Task Errno_message_read_after_another_call_is_reported() => VerifyAsync("""
        static class C
        {
            static string M()
            {
                int r = Native.fsync(3);
                Native.Log("fsync returned " + r);
                return {|ASYS1001:Marshal.GetLastPInvokeErrorMessage()|};
            }
        }
        """);

    [Fact]
    public Task Errno_read_after_a_pinvoke_without_SetLastError_is_reported() => VerifyAsync("""
        static partial class C
        {
            [DllImport("libc")]
            static extern int close(int fd);

            [LibraryImport("libc", EntryPoint = "dup")]
            private static partial int Dup(int fd);

            static int M(int fd)
            {
                if (close(fd) < 0)
                {
                    return {|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                int copy = Dup(fd);
                return copy < 0 ? {|ASYS1001:Marshal.GetLastWin32Error()|} : Marshal.GetLastSystemError();
            }

            private static partial int Dup(int fd) => fd;
        }
        """);

    // Only a P/Invoke declared with SetLastError saves errno for GetLastPInvokeError (GetLastWin32Error,
    // GetLastPInvokeErrorMessage): one declared without it, between the failed call and the read, leaves the saved error
    // the failed call's, whether its result was kept in a local or passed out through an out parameter.
    [Fact]
    public Task Saved_error_read_after_a_pinvoke_without_SetLastError_that_follows_the_failed_call_is_not_reported() => VerifyAsync("""
        static unsafe class C
        {
            [DllImport("libc", EntryPoint = "clock_gettime")]
            static extern int ClockGetTime(int clock, out long now);

            static int Stamped(byte* p, out nint length, out long at)
            {
                length = Native.read(0, p, 16);
                if (length < 0)
                {
                    ClockGetTime(4, out at);
                    return Marshal.GetLastPInvokeError();
                }

                at = 0;
                return 0;
            }

            static string Kept(int fd)
            {
                int rc = Native.fsync(fd);
                ClockGetTime(4, out long now);
                ClockGetTime(1, out long wall);
                if (rc < 0)
                {
                    return Marshal.GetLastPInvokeErrorMessage() + now + wall;
                }

                return rc < -1 ? Marshal.GetLastWin32Error().ToString() : "";
            }
        }
        """);

    // The nearest shapes that stay reported: the read is written for the call without SetLastError (its result is the
    // one tested), an ordinary call ran after it (which may make P/Invokes that save an error), or errno itself is read
    // with GetLastSystemError, which any native call may change.
    [Fact]
    public Task Saved_error_read_for_a_pinvoke_without_SetLastError_or_after_another_call_and_errno_read_after_one_are_reported() => VerifyAsync("""
        static class C
        {
            [DllImport("libc", EntryPoint = "clock_gettime")]
            static extern int ClockGetTime(int clock, out long now);

            static int Tested(int fd)
            {
                int rc = Native.fsync(fd);
                if (ClockGetTime(4, out long now) < 0)
                {
                    return {|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return rc + (int)now;
            }

            static int Logged(int fd)
            {
                int rc = Native.fsync(fd);
                ClockGetTime(4, out long now);
                Native.Log("stamped " + now);
                if (rc < 0)
                {
                    return {|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return 0;
            }

            static int Direct(int fd)
            {
                int rc = Native.fsync(fd);
                ClockGetTime(4, out long now);
                if (rc < 0)
                {
                    return {|ASYS1001:Marshal.GetLastSystemError()|};
                }

                return (int)now;
            }
        }
        """);

    [Fact]
    public Task Errno_read_for_an_earlier_of_two_calls_is_reported() => VerifyAsync("""
        static class C
        {
            static int M()
            {
                int first = Native.fsync(3);
                int second = Native.fsync(4);
                if (first < 0)
                {
                    return {|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                if (second < 0)
                {
                    return Marshal.GetLastPInvokeError();
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task Errno_read_on_the_next_iteration_after_a_call_is_reported() => VerifyAsync("""
        static class C
        {
            static int M(int[] fds)
            {
                int errno = 0;
                Native.fsync(fds[0]);
                for (int i = 0; i < fds.Length; i++)
                {
                    errno = {|ASYS1001:Marshal.GetLastPInvokeError()|};
                    Native.Log("checked " + i);
                }

                return errno;
            }
        }
        """);

    [Fact]
    public Task Errno_read_in_a_catch_after_a_call_in_the_try_is_reported() => VerifyAsync("""
        static class C
        {
            static int M()
            {
                try
                {
                    int r = Native.fsync(3);
                    Native.Log("fsync " + r);
                    return r;
                }
                catch (InvalidOperationException)
                {
                    return {|ASYS1001:Marshal.GetLastPInvokeError()|};
                }
            }
        }
        """);

    [Fact]
    public Task Retry_loop_that_reads_errno_right_after_each_call_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int M(int fd)
            {
                int r;
                do
                {
                    r = Native.fsync(fd);
                    Native.Log("attempt");
                }
                while (r < 0 && Native.fsync(fd) < 0 && Marshal.GetLastPInvokeError() == 4);

                while (true)
                {
                    int n = Native.fsync(fd);
                    if (n >= 0)
                    {
                        Native.Log("done");
                        return n;
                    }

                    int errno = Marshal.GetLastPInvokeError();
                    if (errno != 4)
                    {
                        return -errno;
                    }
                }
            }
        }
        """);
    // A failed read, then fcntl(F_GETFL) whose result is only bit-tested, then errno: the read is for read's failure
    // (the if that leaves tests it), and fcntl ran in between.
    internal const string FcntlBetweenFailedReadAndErrno = """
        static unsafe class Tail
        {
            [DllImport("libc", SetLastError = true)]
            static extern int fcntl(int fd, int command);

            static int ReadAppended(int fd, byte* p)
            {
                nint n = Native.read(fd, p, 16);
                if (n >= 0)
                {
                    return (int)n;
                }

                int flags = fcntl(fd, 3);
                if ((flags & 0x800) != 0 && {|ASYS1001:Marshal.GetLastPInvokeError()|} == 11)
                {
                    return 0;
                }

                return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
            }

            // Its result dropped, or shown to be a success: the same.
            static int Dropped(int fd, byte* p)
            {
                if (Native.read(fd, p, 16) < 0)
                {
                    fcntl(fd, 4);
                    return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return 0;
            }

            static int Succeeded(int fd, byte* p)
            {
                nint n = Native.read(fd, p, 16);
                if (n >= 0)
                {
                    return (int)n;
                }

                if (fcntl(fd, 3) < 0)
                {
                    return -1;
                }

                return -{|ASYS1001:Marshal.GetLastWin32Error()|};
            }

            static int OnSuccessBranch(int fd, byte* p)
            {
                nint n = Native.read(fd, p, 16);
                if (n < 0)
                {
                    int flags = fcntl(fd, 3);
                    return flags != -1 ? -{|ASYS1001:Marshal.GetLastPInvokeError()|} : -1;
                }

                return (int)n;
            }
        }
        """;

    [Fact]
    public Task Errno_read_for_a_failed_call_after_a_call_only_bit_tested_dropped_or_successful_is_reported() => VerifyAsync(FcntlBetweenFailedReadAndErrno);

    [Fact]
    public async Task The_report_for_a_failed_call_names_it_and_the_call_after_it()
    {
        var (source, _) = Markup.Parse(TestSources.Native + FcntlBetweenFailedReadAndErrno);
        var diagnostics = await AnalyzerVerifier<ErrnoReadTooLateAnalyzer>.GetDiagnosticsAsync(TestCompilation.Create(source));
        string[] lines = source.Split('\n');
        int readLine = System.Array.FindIndex(lines, l => l.Contains("nint n = Native.read(fd, p, 16);", System.StringComparison.Ordinal)) + 1;
        int fcntlLine = System.Array.FindIndex(lines, l => l.Contains("int flags = fcntl(fd, 3);", System.StringComparison.Ordinal)) + 1;
        string[] messages = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Take(2).ToArray();
        string expected = $"errno is read for the failure of 'read' (line {readLine}), but 'fcntl' (line {fcntlLine}) ran after it and set errno; read it right after 'read'";
        Assert.Equal(
            new[] { expected, expected },
            messages);
    }

    [Fact]
    public Task Errno_read_when_the_last_call_is_tested_for_failure_or_errno_was_kept_is_not_reported() => VerifyAsync("""
        static unsafe class Tail
        {
            [DllImport("libc", SetLastError = true)]
            static extern int fcntl(int fd, int command);

            [DllImport("libc", SetLastError = true)]
            static extern nint mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

            // errno kept right after the read.
            static int Kept(int fd, byte* p)
            {
                nint n = Native.read(fd, p, 16);
                if (n >= 0)
                {
                    return (int)n;
                }

                int errno = Marshal.GetLastPInvokeError();
                int flags = fcntl(fd, 3);
                return (flags & 0x800) != 0 && errno == 11 ? 0 : -errno;
            }

            // fcntl's own failure: errno is fcntl's, as the code says.
            static int FcntlFailed(int fd, byte* p)
            {
                nint n = Native.read(fd, p, 16);
                if (n >= 0)
                {
                    return (int)n;
                }

                int flags = fcntl(fd, 3);
                if (flags < 0)
                {
                    return -Marshal.GetLastPInvokeError();
                }

                if (flags == -1 || (flags & 0x800) == 0)
                {
                    return -Marshal.GetLastPInvokeError();
                }

                return 0;
            }

            // The earlier call succeeded (the path is past its success), so nothing says the read is for it.
            static int EarlierSucceeded(int fd, byte* p)
            {
                nint n = Native.read(fd, p, 16);
                if (n < 0)
                {
                    return -1;
                }

                int flags = fcntl(fd, 3);
                return (flags & 0x800) != 0 ? 0 : -Marshal.GetLastPInvokeError();
            }

            // Compared with 0 only: some calls fail with 0, so the side is not known to be a success.
            static int ComparedWithZero(int fd, byte* p)
            {
                if (Native.read(fd, p, 16) < 0)
                {
                    if (fcntl(fd, 4) == 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }
                }

                return 0;
            }

            // A pointer's failure value: tested, so errno is mmap's.
            static int MapFailed(int fd, byte* p)
            {
                if (Native.read(fd, p, 16) < 0)
                {
                    nint map = mmap(0, 4096, 1, 2, fd, 0);
                    if (map == -1)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }
                }

                return 0;
            }

            // Tested in a way the rule cannot read (a helper): left alone.
            static int TestedByHelper(int fd, byte* p)
            {
                if (Native.read(fd, p, 16) < 0)
                {
                    int flags = fcntl(fd, 3);
                    if (Failed(flags))
                    {
                        return -Marshal.GetLastPInvokeError();
                    }
                }

                return 0;
            }

            static bool Failed(int result) => result < 0;
        }
        """);

    // The straight-line path (no graph) and the flow must agree: these shapes sit on both sides of its limits.
    [Fact]
    public async Task The_flow_over_the_graph_gives_the_same_answers_as_the_straight_line_path()
    {
        ErrnoStraightLine.GraphOnly = true;
        try
        {
            await Errno_read_after_an_await_in_a_loop_body_and_its_if_is_reported();
            await A_call_after_the_await_and_before_the_read_is_not_reported();
            await A_call_that_may_be_skipped_after_the_await_does_not_hide_it();
            await Errno_read_after_an_awaited_call_with_no_pinvoke_before_is_reported();
            await The_benchmark_workload_shape_is_reported();
            await Errno_read_for_a_failed_call_after_a_call_only_bit_tested_dropped_or_successful_is_reported();
            await Errno_read_when_the_last_call_is_tested_for_failure_or_errno_was_kept_is_not_reported();
            await Errno_read_through_a_helper_that_builds_a_value_from_it_after_another_call_is_reported();
            await Errno_read_through_a_helper_that_builds_a_value_from_it_right_after_the_call_is_not_reported();
            await Errno_read_after_a_lock_block_with_another_call_or_an_await_is_reported();
            await Errno_read_after_a_lock_block_with_only_the_lock_in_between_is_not_reported();
            await Errno_read_after_constructors_of_value_types_only_is_not_reported_after_one_of_a_source_type_is();
            await Errno_read_for_a_call_kept_in_an_array_element_after_another_call_is_reported();
            await Errno_read_for_a_call_kept_in_an_array_element_right_after_its_test_or_for_another_element_is_not_reported();
        }
        finally
        {
            ErrnoStraightLine.GraphOnly = false;
        }
    }

    [Fact]
    public Task Errno_read_after_an_await_in_a_loop_body_and_its_if_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] buffer)
            {
                int total = 0;
                for (int j = 0; j < 4; j++)
                {
                    total += await ring.ReadAsync(fd, buffer, j * 4096L);
                    if (total < 0) { return {|ASYS1001:Marshal.GetLastPInvokeError()|}; }
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task The_benchmark_workload_shape_is_reported() => VerifyAsync("""
        public static class Callers
        {
            public static async Task<int> Work0(IoRing ring, int fd, byte[] buffer, CancellationToken ct)
            {
                int total = 0;
                for (int j = 0; j < 4; j++)
                {
                    total += await ring.ReadAsync(fd, buffer, j * 4096L, ct);
                    if (total < 0) { return {|ASYS1001:Marshal.GetLastPInvokeError()|}; }
                }
                await ring.FsyncAsync(fd, ct);
                return total + Environment.CurrentManagedThreadId;
            }
        }
        """);

    [Fact]
    public Task A_call_after_the_await_and_before_the_read_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] buffer)
            {
                int n = await ring.ReadAsync(fd, buffer, 0);
                Native.Log("read returned");
                if (n < 0)
                {
                    return Marshal.GetLastPInvokeError();
                }

                return n;
            }
        }
        """);

    [Fact]
    public Task A_call_that_may_be_skipped_after_the_await_does_not_hide_it() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] buffer, bool verbose)
            {
                int n = await ring.ReadAsync(fd, buffer, 0);
                int logged = verbose ? Log(n) : 0;
                return n < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : n + logged;
            }

            static int Log(int n) { Native.Log("read " + n); return 1; }
        }
        """);

    // A call's result kept in an array element and tested there (fds[i] = open(...); if (fds[i] < 0)): the read in
    // that branch is for that call, so another P/Invoke in between (closing the group leader) makes it stale.
    [Fact]
    public Task Errno_read_for_a_call_kept_in_an_array_element_after_another_call_is_reported() => VerifyAsync("""
        static class C
        {
            static int M(int[] paths)
            {
                var fds = new int[paths.Length];
                for (int i = 1; i < paths.Length; i++)
                {
                    fds[i] = Native.fsync(paths[i]);
                    if (fds[i] < 0)
                    {
                        Native.fsync(fds[0]);
                        return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                    }
                }

                fds[0] = Native.fsync(3);
                if (fds[0] < 0)
                {
                    Native.fsync(4);
                    return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return 0;
            }
        }
        """);

    // The nearest correct shapes: errno read before the other call; a different element tested (fds[j], or the index
    // moved on in between), which may not be the call's result, so nothing links the read to it (as before).
    [Fact]
    public Task Errno_read_for_a_call_kept_in_an_array_element_right_after_its_test_or_for_another_element_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int M(int[] paths, int j)
            {
                var fds = new int[paths.Length];
                for (int i = 1; i < paths.Length; i++)
                {
                    fds[i] = Native.fsync(paths[i]);
                    if (fds[i] < 0)
                    {
                        int errno = Marshal.GetLastPInvokeError();
                        Native.fsync(fds[0]);
                        return -errno;
                    }

                    if (fds[j] < 0)
                    {
                        Native.fsync(fds[0]);
                        return -Marshal.GetLastPInvokeError();
                    }
                }

                int k = 0;
                fds[k] = Native.fsync(3);
                k++;
                if (fds[k] < 0)
                {
                    Native.fsync(4);
                    return -Marshal.GetLastPInvokeError();
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task Errno_read_for_the_first_of_two_calls_in_one_tuple_is_reported() => VerifyAsync(TupleOfTwoCalls);

    internal const string TupleOfTwoCalls = """
        static class C
        {
            static (int In, int Out) M()
            {
                var fds = (In: Native.fsync(3), Out: Native.fsync(4));
                if (fds.In < 0)
                {
                    throw new ErrnoException({|ASYS1001:Marshal.GetLastPInvokeError()|}, "fsync");
                }

                if (fds.Item2 < 0)
                {
                    throw new ErrnoException(Marshal.GetLastPInvokeError(), "fsync");
                }

                return fds;
            }
        }
        """;

    [Fact]
    public Task Errno_read_for_the_first_of_two_calls_deconstructed_from_one_tuple_is_reported() => VerifyAsync("""
        static class C
        {
            static int M()
            {
                var (first, second) = (Native.fsync(3), Native.fsync(4));
                if (first < 0)
                {
                    return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                int again, other;
                (again, other) = (Native.fsync(5), Native.fsync(6));
                if (again < 0)
                {
                    return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return second < 0 || other < 0 ? -Marshal.GetLastPInvokeError() : 0;
            }
        }
        """);

    [Fact]
    public Task Errno_read_for_the_first_of_two_calls_in_one_object_initializer_is_reported() => VerifyAsync("""
        sealed class Pair
        {
            public int In { get; set; }
            public int Out { get; set; }
        }

        static class C
        {
            static int M()
            {
                var pair = new Pair { In = Native.fsync(3), Out = Native.fsync(4) };
                if (pair.In < 0)
                {
                    return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                if (pair.Out < 0)
                {
                    return -Marshal.GetLastPInvokeError();
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task Errno_read_for_the_last_call_of_a_tuple_or_for_either_of_them_is_not_reported() => VerifyAsync("""
        sealed class Pair
        {
            public int In { get; set; }
        }

        static class C
        {
            static int M()
            {
                var fds = (In: Native.fsync(3), Out: Native.fsync(4));
                if (fds.In < 0 || fds.Out < 0)
                {
                    // Either call may have failed: errno is the last one's, which is what a failure of the second needs.
                    return -Marshal.GetLastPInvokeError();
                }

                var single = (Native.fsync(5), 0);
                if (single.Item1 < 0)
                {
                    return -Marshal.GetLastPInvokeError();
                }

                var made = new Pair { In = Native.fsync(6) };
                if (made.In < 0)
                {
                    return -Marshal.GetLastPInvokeError();
                }

                return 0;
            }
        }
        """);

    internal const string RetryHelperLogsBeforeReading = """
        static class Retry
        {
            public static int Run(Func<int> call, string what)
            {
                for (int attempt = 0; ; attempt++)
                {
                    int r = call();
                    if (r >= 0)
                    {
                        return r;
                    }

                    Console.Error.WriteLine(what + " failed");
                    int errno = {|ASYS1001:Marshal.GetLastWin32Error()|};
                    if (errno != 4 || attempt == 3)
                    {
                        return -errno;
                    }
                }
            }

            public static int Once(Func<int, int> call, int fd)
            {
                if (call(fd) < 0)
                {
                    Native.Log("failed");
                    return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return 0;
            }
        }
        """;

    [Fact]
    public Task Errno_read_for_a_delegate_call_after_another_call_is_reported() => VerifyAsync(RetryHelperLogsBeforeReading);

    [Fact]
    public async Task The_report_for_a_delegate_call_names_the_delegate_and_the_call_after_it()
    {
        var (source, _) = Markup.Parse(TestSources.Native + RetryHelperLogsBeforeReading);
        var diagnostics = await AnalyzerVerifier<ErrnoReadTooLateAnalyzer>.GetDiagnosticsAsync(TestCompilation.Create(source));
        string[] messages = diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(m => m, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(
            new[]
            {
                "errno is read after the call to 'Log', so it may no longer describe the call to the delegate 'call'; read it right after that call",
                "errno is read after the call to 'WriteLine', so it may no longer describe the call to the delegate 'call'; read it right after that call",
            },
            messages);
    }

    [Fact]
    public Task Errno_read_for_a_delegate_call_with_nothing_after_it_or_for_a_later_call_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int Right(Func<int> call)
            {
                int r = call();
                if (r >= 0)
                {
                    return r;
                }

                int errno = Marshal.GetLastWin32Error();
                Console.Error.WriteLine("failed: " + errno);
                return -errno;
            }

            // A named helper (no P/Invoke in sight) may itself be the call that set errno: decided at the last call.
            static int Named(int fd)
            {
                int r = Wrapper(fd);
                if (r >= 0)
                {
                    return r;
                }

                Native.Log("failed");
                return -Marshal.GetLastWin32Error();
            }

            // A result kept between the test and the read: the read may be for that call.
            static int Kept(Func<int, bool> accept, int fd)
            {
                if (!accept(fd))
                {
                    return 0;
                }

                int r = Wrapper(fd);
                Native.Log("wrapped " + r);
                return -Marshal.GetLastWin32Error();
            }

            // The tested variable is set again in between.
            static int Again(Func<int> call, int fd)
            {
                int r = call();
                if (r >= 0)
                {
                    return r;
                }

                Native.Log(Retry(ref r, fd));
                return -Marshal.GetLastWin32Error();
            }

            static int Wrapper(int fd) => Native.fsync(fd);

            static string Retry(ref int r, int fd)
            {
                r = Native.fsync(fd);
                return "retried";
            }
        }
        """);

    // A retry loop whose body ends with the test that returns on success: every pass that ends the loop normally saw the
    // delegate's call fail, so the read after the loop is for that call, and what runs after it makes the read stale.
    [Fact]
    public Task Errno_read_after_a_retry_loop_of_a_delegate_and_another_call_is_reported() => VerifyAsync("""
        static class Retry
        {
            public static int For(Func<int> call, string what, int attempts)
            {
                int r = -1;
                for (int i = 0; i < attempts; i++)
                {
                    r = call();
                    if (r >= 0) return r;
                }

                Console.Error.WriteLine(what + " failed");
                throw new System.IO.IOException(what + ": errno " + {|ASYS1001:Marshal.GetLastWin32Error()|});
            }

            public static int Each(Func<int, int> call, int[] fds)
            {
                int r = -1;
                foreach (int fd in fds)
                {
                    r = call(fd);
                    if (r >= 0)
                    {
                        return r;
                    }
                }

                Native.Log("no descriptor worked");
                return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
            }

            // The success test followed by a log line in the body: on the last pass the log ran after the failed call.
            public static int LogsEachFailure(Func<int> call, int attempts)
            {
                int r = -1;
                for (int i = 0; i < attempts; i++)
                {
                    r = call();
                    if (r >= 0) return r;
                    Native.Log("retrying");
                }

                return -{|ASYS1001:Marshal.GetLastWin32Error()|};
            }
        }
        """);

    // The nearest correct code: errno kept in the loop right after the failed call, or read right after a loop that
    // breaks on success, with nothing run in between.
    [Fact]
    public Task Errno_read_after_a_retry_loop_that_keeps_it_or_runs_nothing_after_it_is_not_reported() => VerifyAsync("""
        static class Retry
        {
            public static int Kept(Func<int> call, int attempts)
            {
                int errno = 0;
                for (int i = 0; i < attempts; i++)
                {
                    int r = call();
                    if (r >= 0) return r;
                    errno = Marshal.GetLastWin32Error();
                }

                Console.Error.WriteLine("failed");
                return -errno;
            }

            public static int Breaks(Func<int> call, int attempts)
            {
                int r = -1;
                for (int i = 0; i < attempts; i++)
                {
                    r = call();
                    if (r >= 0) break;
                }

                return r >= 0 ? r : -Marshal.GetLastWin32Error();
            }
        }
        """);

    // A helper whose value is built from an errno read (a constructor's or call's argument, an initializer, a tuple element,
    // an interpolation, an arm) reads errno when called, like one that returns the read itself.
    internal const string HelpersBuildingValuesFromErrno = """
        readonly record struct ErrorInfo(int RawErrno);

        sealed class Failure
        {
            public int Errno { get; init; }
            public string? What { get; init; }
        }

        static class Errors
        {
            public static ErrorInfo LastErrorInfo() => new(Marshal.GetLastPInvokeError());
            public static ErrnoException Fail(string syscall) => new ErrnoException(Marshal.GetLastPInvokeError(), syscall);
            public static Failure LastFailure(string what) { return new Failure { Errno = Marshal.GetLastPInvokeError(), What = what }; }
            public static (int Errno, string What) Pair(string what) => (Marshal.GetLastWin32Error(), what);
            public static string Message => $"errno {Marshal.GetLastPInvokeError()}";
            public static int Checked(int rc) => rc < 0 ? -Marshal.GetLastPInvokeError() : rc;
        }

        static class C
        {
            static int Struct(int fd)
            {
                if (Native.fsync(fd) < 0)
                {
                    Native.Log("fsync failed");
                    return {|ASYS1001:Errors.LastErrorInfo()|}.RawErrno;
                }

                return 0;
            }

            static void Thrown(int fd)
            {
                if (Native.fsync(fd) < 0)
                {
                    Native.Log("fsync failed");
                    throw {|ASYS1001:Errors.Fail("fsync")|};
                }
            }

            static int Initializer(int fd)
            {
                int r = Native.fsync(fd);
                Native.Log("fsync returned");
                return r < 0 ? {|ASYS1001:Errors.LastFailure("fsync")|}.Errno : 0;
            }

            static async Task<int> Tuple(int fd)
            {
                int r = Native.fsync(fd);
                await Task.Yield();
                return r < 0 ? {|ASYS1001:Errors.Pair("fsync")|}.Errno : 0;
            }

            static string Interpolated(int fd)
            {
                int r = Native.fsync(fd);
                Native.Log("fsync returned");
                return r < 0 ? {|ASYS1001:Errors.Message|} : "ok";
            }

            static int Arm(int fd)
            {
                int r = Native.fsync(fd);
                Native.Log("fsync returned");
                return {|ASYS1001:Errors.Checked(r)|};
            }

            static int Local(int fd)
            {
                if (Native.fsync(fd) < 0)
                {
                    Native.Log("fsync failed");
                    return {|ASYS1001:Last()|}.RawErrno;
                }

                return 0;

                static ErrorInfo Last() => new(Marshal.GetLastPInvokeError());
            }
        }
        """;

    [Fact]
    public Task Errno_read_through_a_helper_that_builds_a_value_from_it_after_another_call_is_reported() => VerifyAsync(HelpersBuildingValuesFromErrno);

    internal const string HelpersBuildingValuesFromErrnoRightAfterTheCall = """
        readonly record struct ErrorInfo(int RawErrno);

        static class Errors
        {
            public static ErrorInfo LastErrorInfo() => new(Marshal.GetLastPInvokeError());
            public static ErrnoException Fail(string syscall) => new ErrnoException(Marshal.GetLastPInvokeError(), syscall);
            public static int Checked(int rc) => rc < 0 ? -Marshal.GetLastPInvokeError() : rc;

            // Values that make a call of their own before the read: errno there is that call's, not the caller's.
            public static int Synced(int fd) => Native.fsync(fd) < 0 ? -Marshal.GetLastPInvokeError() : 0;
            public static (int Logged, int Errno) Logged(string what) => (Log(what), Marshal.GetLastPInvokeError());

            // A lambda in the value runs when someone calls it, not when the helper is called.
            public static Func<int> Reader() => () => Marshal.GetLastPInvokeError();

            static int Log(string message) { Native.Log(message); return 0; }
        }

        static class C
        {
            static int Struct(int fd)
            {
                if (Native.fsync(fd) < 0)
                {
                    ErrorInfo error = Errors.LastErrorInfo();
                    Native.Log("fsync failed");
                    return error.RawErrno;
                }

                return 0;
            }

            static void Thrown(int fd)
            {
                if (Native.fsync(fd) < 0)
                {
                    throw Errors.Fail("fsync");
                }
            }

            static int Arm(int fd) => Errors.Checked(Native.fsync(fd));

            static async Task<int> OwnCall(int fd)
            {
                await Task.Yield();
                Native.Log("syncing");
                int r = Errors.Synced(fd);
                return r + Errors.Logged("fsync").Errno;
            }

            static Func<int> Later(int fd)
            {
                Native.fsync(fd);
                Native.Log("fsync returned");
                return Errors.Reader();
            }
        }
        """;

    [Fact]
    public Task Errno_read_through_a_helper_that_builds_a_value_from_it_right_after_the_call_is_not_reported() => VerifyAsync(HelpersBuildingValuesFromErrnoRightAfterTheCall);

    // Taking or releasing a lock makes no P/Invoke: the saved error stays the call's. What else runs in between still counts.
    internal const string LocksBetweenTheCallAndTheRead = """
        sealed class Gate
        {
            public void Exit() => Native.Log("released");
        }

        static class C
        {
            static readonly object s_gate = new();

            static int LoggedInside(int fd)
            {
                int r;
                lock (s_gate)
                {
                    r = Native.fsync(fd);
                    Native.Log("synced");
                }

                return r < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : 0;
            }

            static async Task<int> Awaited(int fd)
            {
                int r;
                lock (s_gate)
                {
                    r = Native.fsync(fd);
                }

                await Task.Yield();
                return r < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : 0;
            }

            static int OwnGate(int fd, Gate gate)
            {
                int r = Native.fsync(fd);
                gate.Exit();
                return r < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : 0;
            }
        }
        """;

    [Fact]
    public Task Errno_read_after_a_lock_block_with_another_call_or_an_await_is_reported() => VerifyAsync(LocksBetweenTheCallAndTheRead);

    internal const string OnlyTheLockBetweenTheCallAndTheRead = """
        static class C
        {
            static readonly object s_gate = new();
            static readonly Lock s_lock = new();

            static int ObjectLock(int fd)
            {
                int r;
                lock (s_gate)
                {
                    r = Native.fsync(fd);
                }

                return r < 0 ? Marshal.GetLastPInvokeError() : 0;
            }

            static int LockType(int fd)
            {
                int r;
                lock (s_lock)
                {
                    r = Native.fsync(fd);
                }

                return r < 0 ? Marshal.GetLastPInvokeError() : 0;
            }

            static int Scope(int fd)
            {
                int r;
                using (s_lock.EnterScope())
                {
                    r = Native.fsync(fd);
                }

                return r < 0 ? Marshal.GetLastPInvokeError() : 0;
            }

            static int Explicit(int fd)
            {
                bool taken = false;
                int r;
                try
                {
                    System.Threading.Monitor.Enter(s_gate, ref taken);
                    r = Native.fsync(fd);
                }
                finally
                {
                    if (taken) System.Threading.Monitor.Exit(s_gate);
                }

                return r < 0 ? Marshal.GetLastPInvokeError() : 0;
            }

            static int Straight(int fd)
            {
                s_lock.Enter();
                int r = Native.fsync(fd);
                s_lock.Exit();
                return r < 0 ? Marshal.GetLastPInvokeError() : 0;
            }
        }
        """;

    [Fact]
    public Task Errno_read_after_a_lock_block_with_only_the_lock_in_between_is_not_reported() => VerifyAsync(OnlyTheLockBetweenTheCallAndTheRead);

    // Tmds.DBus's SendMsg compares the result with `new IntPtr(length)` and `new IntPtr(-1)` before reading errno: a
    // constructor of a type whose code cannot touch errno (IntPtr, Span<T>, string) is no call in between. A constructor
    // of this compilation's own type may P/Invoke, so it still counts.
    internal const string ValueConstructorsBetweenTheCallAndTheRead = """
        static class C
        {
            static int SendAll(int fd, int length)
            {
                IntPtr rv = (IntPtr)Native.fsync(fd);
                if (rv == new IntPtr(length))
                {
                    return length;
                }

                if (rv == new IntPtr(-1))
                {
                    return -Marshal.GetLastPInvokeError();
                }

                return 0;
            }

            static int Wiped(int fd, byte[] key)
            {
                int r = Native.fsync(fd);
                if (r < 0)
                {
                    System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
                    return -Marshal.GetLastPInvokeError();
                }

                return 0;
            }

            static int Spans(int fd, byte[] buffer)
            {
                int r = Native.fsync(fd);
                var view = new Span<byte>(buffer, 0, 4);
                string text = new string('x', view.Length);
                return r < 0 ? Marshal.GetLastPInvokeError() + text.Length : 0;
            }

            static int OwnType(int fd)
            {
                int r = Native.fsync(fd);
                var probe = new Probe(fd);
                return r < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : probe.Value;
            }

            sealed class Probe
            {
                public Probe(int fd) => Value = Native.fsync(fd);

                public int Value { get; }
            }
        }
        """;

    [Fact]
    public Task Errno_read_after_constructors_of_value_types_only_is_not_reported_after_one_of_a_source_type_is() =>
        VerifyAsync(ValueConstructorsBetweenTheCallAndTheRead);

    // Between a failed call and its errno read real code returns a buffer to its pool, builds a message, decodes bytes
    // or counts the failure in a dictionary: managed code only, no SetLastError P/Invoke, errno is still the call's. A
    // call given a delegate (anyone's code), a method reached through an interface, or a write to the console (a
    // SetLastError P/Invoke) still counts.
    internal const string ManagedOnlyLibraryCallsBetweenTheCallAndTheRead = """
        static class C
        {
            static readonly System.Collections.Concurrent.ConcurrentDictionary<int, int> s_failures = new();

            static int Pooled(int fd, byte[] rented, System.Collections.Generic.List<int> seen)
            {
                int r = Native.fsync(fd);
                if (r < 0)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(rented);
                    seen.Add(fd);
                    s_failures.TryAdd(fd, 1);
                    return -Marshal.GetLastPInvokeError();
                }

                return 0;
            }

            static string Described(int fd, byte[] name)
            {
                int r = Native.fsync(fd);
                if (r < 0)
                {
                    var text = new System.Text.StringBuilder("fsync of ");
                    text.Append(System.Text.Encoding.UTF8.GetString(name)).Append(" failed");
                    s_failures[fd] = 1;
                    return text.ToString() + Marshal.GetLastPInvokeError();
                }

                return "";
            }

            static int Counted(int fd)
            {
                int r = Native.fsync(fd);
                if (r < 0)
                {
                    s_failures.GetOrAdd(fd, key => Native.fsync(key));
                    return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return 0;
            }

            static int Listed(int fd, System.Collections.Generic.IList<int> seen)
            {
                int r = Native.fsync(fd);
                if (r < 0)
                {
                    seen.Add(fd);
                    return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return 0;
            }

            static int Logged(int fd)
            {
                int r = Native.fsync(fd);
                if (r < 0)
                {
                    Console.WriteLine("fsync failed");
                    return -{|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return 0;
            }
        }
        """;

    [Fact]
    public Task Errno_read_after_managed_only_library_calls_is_not_reported_after_a_delegate_an_interface_or_io_is() =>
        VerifyAsync(ManagedOnlyLibraryCallsBetweenTheCallAndTheRead);

    // Releasing a semaphore or setting a slim event makes no SetLastError P/Invoke and runs no user code: the saved error
    // (and errno) stays the call's. A wait, a cancellation (its callbacks), a ReaderWriterLockSlim exit (kernel events),
    // an await or a method of the user's still count.
    internal const string SignalsBetweenTheCallAndTheRead = """
        static class C
        {
            static readonly SemaphoreSlim s_gate = new(1, 1);
            static readonly ManualResetEventSlim s_synced = new();
            static readonly CountdownEvent s_pending = new(4);
            static SpinLock s_spin = new(false);

            static int Released(int fd)
            {
                s_gate.Wait();
                int r;
                try
                {
                    r = Native.fsync(fd);
                }
                finally
                {
                    s_gate.Release();
                }

                if (r < 0 && Marshal.GetLastPInvokeError() == 5)
                {
                    return -5;
                }

                return r < 0 ? Marshal.GetLastPInvokeError() : 0;
            }

            static int Straight(int fd)
            {
                int r = Native.fsync(fd);
                s_gate.Release();
                s_synced.Set();
                s_synced.Reset();
                s_pending.Signal();
                s_pending.AddCount();
                Thread.MemoryBarrier();
                return r < 0 ? Marshal.GetLastSystemError() : 0;
            }

            static int Spin(int fd)
            {
                bool taken = false;
                int r;
                try
                {
                    s_spin.Enter(ref taken);
                    r = Native.fsync(fd);
                }
                finally
                {
                    if (taken) s_spin.Exit();
                }

                return r < 0 ? Marshal.GetLastPInvokeError() : 0;
            }
        }
        """;

    [Fact]
    public Task Errno_read_after_a_semaphore_release_or_an_event_set_is_not_reported() => VerifyAsync(SignalsBetweenTheCallAndTheRead);

    internal const string WaitsAndCallbacksBetweenTheCallAndTheRead = """
        static class C
        {
            static readonly SemaphoreSlim s_gate = new(1, 1);
            static readonly ManualResetEventSlim s_synced = new();
            static readonly ReaderWriterLockSlim s_rw = new();

            static async Task<int> Awaited(int fd)
            {
                int r;
                try
                {
                    r = Native.fsync(fd);
                }
                finally
                {
                    s_gate.Release();
                }

                await Task.Yield();
                return r < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : 0;
            }

            static int Logged(int fd)
            {
                int r;
                try
                {
                    r = Native.fsync(fd);
                }
                finally
                {
                    s_gate.Release();
                    Native.Log("released");
                }

                return r < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : 0;
            }

            static int Waited(int fd)
            {
                int r = Native.fsync(fd);
                s_synced.Wait();
                return r < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : 0;
            }

            static int Cancelled(int fd, CancellationTokenSource cts)
            {
                int r = Native.fsync(fd);
                cts.Cancel();
                return r < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : 0;
            }

            static int ReaderWriter(int fd)
            {
                s_rw.EnterWriteLock();
                int r;
                try
                {
                    r = Native.fsync(fd);
                }
                finally
                {
                    s_rw.ExitWriteLock();
                }

                return r < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : 0;
            }
        }
        """;

    [Fact]
    public Task Errno_read_after_a_wait_a_cancel_or_a_reader_writer_exit_is_reported() => VerifyAsync(WaitsAndCallbacksBetweenTheCallAndTheRead);

    // Once the semaphore's kernel handle exists, Release sets it: SetEvent, a SetLastError P/Invoke.
    [Fact]
    public Task Errno_read_after_a_release_when_the_wait_handle_is_taken_is_reported() => VerifyAsync("""
        static class C
        {
            static readonly SemaphoreSlim s_gate = new(1, 1);

            static WaitHandle Handle => s_gate.AvailableWaitHandle;

            static int Released(int fd)
            {
                int r;
                try
                {
                    r = Native.fsync(fd);
                }
                finally
                {
                    s_gate.Release();
                }

                return r < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : 0;
            }
        }
        """);

    // Only code takes the handle: a comment or a string naming it (a note that it is never taken) leaves Release a
    // signal that keeps the saved error; a null-conditional access to it takes it as well as a plain one.
    [Fact]
    public Task Errno_read_after_a_release_when_only_a_comment_or_string_names_the_wait_handle_is_not_reported() => VerifyAsync("""
        sealed class C
        {
            private readonly SemaphoreSlim _gate = new(1, 1);

            // Nothing takes _gate.AvailableWaitHandle, so Release stays a plain signal.
            const string Note = "never read s_gate.AvailableWaitHandle or e.WaitHandle";

            async Task<int> Released(int fd)
            {
                await _gate.WaitAsync();
                int r;
                try
                {
                    r = Native.fsync(fd);
                }
                finally
                {
                    _gate.Release();
                }

                return r < 0 ? -Marshal.GetLastPInvokeError() : 0;
            }
        }
        """);

    [Fact]
    public Task Errno_read_after_a_release_when_the_wait_handle_is_taken_through_a_null_conditional_is_reported() => VerifyAsync("""
        static class C
        {
            static SemaphoreSlim? s_gate = new(1, 1);

            static WaitHandle? Handle => s_gate?.AvailableWaitHandle;

            static int Released(int fd)
            {
                int r;
                try
                {
                    r = Native.fsync(fd);
                }
                finally
                {
                    s_gate!.Release();
                }

                return r < 0 ? {|ASYS1001:Marshal.GetLastPInvokeError()|} : 0;
            }
        }
        """);

    // A property whose getter makes a P/Invoke is a call: read in an interpolation's earlier hole, or on its own line,
    // between the failed call and the errno read, it sets the saved error first.
    [Fact]
    public Task Errno_read_after_a_property_whose_getter_pinvokes_is_reported() => VerifyAsync("""
        static unsafe class C
        {
            static int s_pid;

            static int Pid
            {
                get
                {
                    if (s_pid == 0)
                    {
                        s_pid = Native.flock(3, 0) < 0 ? -1 : 1;
                    }

                    return s_pid;
                }
            }

            static int Locked => Native.flock(3, 8);

            static string Describe(byte* p)
            {
                if (Native.read(0, p, 16) < 0)
                {
                    return $"read by {Pid} failed: {{|ASYS1001:Marshal.GetLastPInvokeErrorMessage()|}}";
                }

                if (Native.fsync(0) < 0)
                {
                    int held = Locked;
                    return "fsync failed (" + held + "): " + {|ASYS1001:Marshal.GetLastPInvokeError()|};
                }

                return "";
            }
        }
        """);

    // The nearest correct shapes: the errno read in the hole before the property's, a property whose getter only reads
    // fields or calls managed code, an auto-property, and a P/Invoke only inside a lambda the getter returns.
    [Fact]
    public Task Errno_read_before_a_pinvoking_property_or_after_a_plain_one_is_not_reported() => VerifyAsync("""
        static unsafe class C
        {
            static int s_pid;
            static string s_name = "pty";

            static int Pid => s_pid == 0 ? Native.flock(3, 0) : s_pid;

            static string Name => s_name.ToUpperInvariant();

            static int Count { get; set; }

            static Func<int> Sync => () => Native.fsync(3);

            static string Describe(byte* p)
            {
                if (Native.read(0, p, 16) < 0)
                {
                    return $"read failed: {Marshal.GetLastPInvokeErrorMessage()} (by {Pid})";
                }

                if (Native.fsync(0) < 0)
                {
                    return $"fsync of {Name} ({Count}, {Sync}) failed: {Marshal.GetLastPInvokeError()}";
                }

                return "";
            }
        }
        """);

    [Fact]
    public Task Errno_read_first_in_a_callback_handed_to_another_thread_is_reported() => VerifyAsync("""
        static class C
        {
            static void M(int fd, Action<int> report)
            {
                if (Native.fsync(fd) < 0)
                {
                    ThreadPool.QueueUserWorkItem(_ => report({|ASYS1001:Marshal.GetLastPInvokeError()|}));
                    Task.Run(() => { int errno = {|ASYS1001:Marshal.GetLastPInvokeError()|}; report(errno); });
                }
            }
        }
        """);

    [Fact]
    public Task Errno_read_before_handing_over_or_after_the_callbacks_own_call_is_not_reported() => VerifyAsync("""
        static class C
        {
            static void M(int fd, Action<int> report)
            {
                if (Native.fsync(fd) < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    ThreadPool.QueueUserWorkItem(_ => report(errno));
                }

                Task.Run(() =>
                {
                    if (Native.fsync(fd) < 0)
                    {
                        report(Marshal.GetLastPInvokeError());
                    }
                });
                Func<int> later = () => Marshal.GetLastPInvokeError();
                report(later());
            }
        }
        """);

    [Fact]
    public Task Errno_read_first_in_a_continuation_posted_to_a_synchronization_context_is_reported() => VerifyAsync("""
        static class C
        {
            static void M(int fd, SynchronizationContext loop, Action<int> report)
            {
                if (Native.fsync(fd) < 0)
                {
                    loop.Post(_ => report({|ASYS1001:Marshal.GetLastPInvokeError()|}), null);
                }
                else
                {
                    int errno = Marshal.GetLastPInvokeError();
                    loop.Post(_ => report(errno), null);
                }
            }
        }
        """);
}
