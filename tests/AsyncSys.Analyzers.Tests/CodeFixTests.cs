using System.Threading.Tasks;
using AsyncSys.Analyzers.CodeFixes;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

public class ErrnoReadTooLateCodeFixTests
{
    private static Task FixAsync(string before, string after) =>
        CodeFixVerifier<ErrnoReadTooLateAnalyzer, ErrnoReadTooLateCodeFix>.VerifyFixAsync(TestSources.Native + before, TestSources.Native + after);

    [Fact]
    public Task Errno_declaration_moves_right_after_the_call() => FixAsync(
        """
        static class C
        {
            static int M()
            {
                int r = Native.fsync(3);
                Native.Log("fsync returned");
                int errno = Marshal.GetLastPInvokeError();
                return r < 0 ? errno : 0;
            }
        }
        """,
        """
        static class C
        {
            static int M()
            {
                int r = Native.fsync(3);
                int errno = Marshal.GetLastPInvokeError();
                Native.Log("fsync returned");
                return r < 0 ? errno : 0;
            }
        }
        """);

    [Fact]
    public Task Errno_read_inside_an_expression_is_captured_before_the_await() => FixAsync(
        """
        static class C
        {
            static async Task M()
            {
                int r = Native.fsync(3);
                await Task.Yield();
                if (r < 0)
                {
                    throw new ErrnoException(Marshal.GetLastPInvokeError(), "fsync");
                }
            }
        }
        """,
        """
        static class C
        {
            static async Task M()
            {
                int r = Native.fsync(3);
                int fsyncErrno = Marshal.GetLastPInvokeError();
                await Task.Yield();
                if (r < 0)
                {
                    throw new ErrnoException(fsyncErrno, "fsync");
                }
            }
        }
        """);

    [Fact]
    public Task Fix_all_moves_every_late_read_in_the_document() =>
        CodeFixVerifier<ErrnoReadTooLateAnalyzer, ErrnoReadTooLateCodeFix>.VerifyFixAllAsync(
            TestSources.Native + """
            static class C
            {
                static int M()
                {
                    int r = Native.fsync(3);
                    Native.Log("fsync returned");
                    int errno = Marshal.GetLastPInvokeError();
                    return r < 0 ? errno : 0;
                }

                static int N()
                {
                    int r = Native.flock(3, 2);
                    Native.Log("flock returned");
                    int errno = Marshal.GetLastPInvokeError();
                    return r < 0 ? errno : 0;
                }
            }
            """,
            TestSources.Native + """
            static class C
            {
                static int M()
                {
                    int r = Native.fsync(3);
                    int errno = Marshal.GetLastPInvokeError();
                    Native.Log("fsync returned");
                    return r < 0 ? errno : 0;
                }

                static int N()
                {
                    int r = Native.flock(3, 2);
                    int errno = Marshal.GetLastPInvokeError();
                    Native.Log("flock returned");
                    return r < 0 ? errno : 0;
                }
            }
            """);
}

public class AddAwaitCodeFixTests
{
    [Fact]
    public Task Discarded_operation_is_awaited() =>
        CodeFixVerifier<AsyncSyscallResultNotObservedAnalyzer, AddAwaitCodeFix>.VerifyFixAsync(
            TestSources.Native + """
            static class C
            {
                static async Task M(IoRing ring, int fd, byte[] buffer)
                {
                    ring.WriteAsync(fd, buffer, 0);
                    await Task.Yield();
                }
            }
            """,
            TestSources.Native + """
            static class C
            {
                static async Task M(IoRing ring, int fd, byte[] buffer)
                {
                    await ring.WriteAsync(fd, buffer, 0);
                    await Task.Yield();
                }
            }
            """);

    [Fact]
    public Task Fix_all_awaits_discards_and_result_reads() =>
        CodeFixVerifier<AsyncSyscallResultNotObservedAnalyzer, AddAwaitCodeFix>.VerifyFixAllAsync(
            TestSources.Native + """
            static class C
            {
                static async Task<int> M(IoRing ring, int fd, byte[] buffer)
                {
                    Native.fsyncAsync(fd);
                    _ = Native.LockAsync(fd, 2);
                    int n = ring.ReadAsync(fd, buffer, 0).Result;
                    return n + Native.fsyncAsync(fd).GetAwaiter().GetResult();
                }
            }
            """,
            TestSources.Native + """
            static class C
            {
                static async Task<int> M(IoRing ring, int fd, byte[] buffer)
                {
                    await Native.fsyncAsync(fd);
                    await Native.LockAsync(fd, 2);
                    int n = await ring.ReadAsync(fd, buffer, 0);
                    return n + await Native.fsyncAsync(fd);
                }
            }
            """);
}

public class UseAsyncVariantCodeFixTests
{
    [Fact]
    public Task Blocking_call_becomes_an_await_of_the_variant_with_the_callers_token() =>
        CodeFixVerifier<BlockingWrapperInAsyncMethodAnalyzer, UseAsyncVariantCodeFix>.VerifyFixAsync(
            TestSources.Native + """
            static class C
            {
                static async Task<int> M(int fd, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    return Native.fsync(fd) + 1;
                }
            }
            """,
            TestSources.Native + """
            static class C
            {
                static async Task<int> M(int fd, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    return await Native.fsyncAsync(fd, cancellationToken) + 1;
                }
            }
            """);

    [Fact]
    public Task Fix_all_rewrites_every_blocking_call_using_the_variant_name_from_the_attribute() =>
        CodeFixVerifier<BlockingWrapperInAsyncMethodAnalyzer, UseAsyncVariantCodeFix>.VerifyFixAllAsync(
            TestSources.Native + """
            static class C
            {
                static async Task M(int fd)
                {
                    await Task.Yield();
                    Native.fsync(fd);
                    int locked = Native.flock(fd, 2);
                    Native.Log(Native.fsync(fd).ToString());
                }
            }
            """,
            TestSources.Native + """
            static class C
            {
                static async Task M(int fd)
                {
                    await Task.Yield();
                    await Native.fsyncAsync(fd);
                    int locked = await Native.LockAsync(fd, 2);
                    Native.Log((await Native.fsyncAsync(fd)).ToString());
                }
            }
            """);
}
