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
}
