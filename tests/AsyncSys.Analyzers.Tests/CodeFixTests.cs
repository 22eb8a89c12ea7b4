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
    public Task Dropped_configured_awaitable_gets_its_await() =>
        CodeFixVerifier<AsyncSyscallResultNotObservedAnalyzer, AddAwaitCodeFix>.VerifyFixAsync(
            TestSources.Native + """
            static class C
            {
                static async Task M(IoRing ring, int fd, byte[] buffer)
                {
                    await ring.WriteAsync(fd, buffer, 0).ConfigureAwait(false);
                    ring.FsyncAsync(fd).ConfigureAwait(false);
                }
            }
            """,
            TestSources.Native + """
            static class C
            {
                static async Task M(IoRing ring, int fd, byte[] buffer)
                {
                    await ring.WriteAsync(fd, buffer, 0).ConfigureAwait(false);
                    await ring.FsyncAsync(fd).ConfigureAwait(false);
                }
            }
            """);

    [Fact]
    public Task Operation_dropped_by_a_void_lambda_gets_no_fix() =>
        CodeFixVerifier<AsyncSyscallResultNotObservedAnalyzer, AddAwaitCodeFix>.VerifyNoFixAsync(
            TestSources.Native + """
            static class C
            {
                static async Task M(IoRing ring, int fd, CancellationToken token)
                {
                    using CancellationTokenRegistration registration = token.Register(() => ring.CloseAsync(fd));
                    await ring.FsyncAsync(fd);
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

    /// <summary>Wrappers with out parameters and the variants the generator emits for them (see the generator's snapshots).</summary>
    private const string OutWrappers = """
        public struct FileFacts { public long Size; }

        static class Files
        {
            [AsyncSyscall]
            public static int CreatePipe(int flags, out int readFd, out int writeFd) { readFd = flags; writeFd = flags; return 0; }
            public static ValueTask<CreatePipeResult> CreatePipeAsync(int flags, CancellationToken cancellationToken = default) => default;
            public static ValueTask<CreatePipeResult> CreatePipeAsync(IoRing ring, int flags, CancellationToken cancellationToken = default) => default;
            public readonly record struct CreatePipeResult(int ReturnValue, int ReadFd, int WriteFd);

            // statx-like: the one out value is the result, the 0 of success is dropped.
            [AsyncSyscall]
            public static int Stat(int dirFd, string path, out FileFacts facts) { facts = default; return 0; }
            public static ValueTask<FileFacts> StatAsync(int dirFd, string path, CancellationToken cancellationToken = default) => default;

            // poll-like: the variant yields the events, not the count.
            [AsyncSyscall]
            public static int Poll(int fd, short events) => 0;
            public static ValueTask<PollEvents> PollAsync(int fd, short events, CancellationToken cancellationToken = default) => default;

            [AsyncSyscall]
            public static void Close(int fd) { }
            public static ValueTask CloseAsync(int fd, CancellationToken cancellationToken = default) => default;
        }

        """;

    [Fact]
    public Task Out_parameters_come_from_the_generated_result_record() =>
        CodeFixVerifier<BlockingWrapperInAsyncMethodAnalyzer, UseAsyncVariantCodeFix>.VerifyFixAsync(
            TestSources.Native + OutWrappers + """
            static class C
            {
                static async Task<int> M(CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    int r = Files.CreatePipe(0, out int readFd, out var writeFd);
                    return r + readFd + writeFd;
                }
            }
            """,
            TestSources.Native + OutWrappers + """
            static class C
            {
                static async Task<int> M(CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    var createPipeResult = await Files.CreatePipeAsync(0, cancellationToken);
                    int readFd = createPipeResult.ReadFd;
                    var writeFd = createPipeResult.WriteFd;
                    int r = createPipeResult.ReturnValue;
                    return r + readFd + writeFd;
                }
            }
            """);

    [Fact]
    public Task Out_arguments_to_existing_variables_discards_single_out_values_and_void_wrappers_are_rewritten() =>
        CodeFixVerifier<BlockingWrapperInAsyncMethodAnalyzer, UseAsyncVariantCodeFix>.VerifyFixAllAsync(
            TestSources.Native + OutWrappers + """
            static class C
            {
                static async Task<long> M(int fd)
                {
                    await Task.Yield();
                    int readEnd;
                    Files.CreatePipe(0, out readEnd, out _);
                    Files.Stat(fd, "data", out FileFacts facts);
                    Files.Close(readEnd);
                    Files.Poll(fd, 1);
                    return facts.Size;
                }
            }
            """,
            TestSources.Native + OutWrappers + """
            static class C
            {
                static async Task<long> M(int fd)
                {
                    await Task.Yield();
                    int readEnd;
                    var createPipeResult = await Files.CreatePipeAsync(0);
                    readEnd = createPipeResult.ReadFd;
                    var statResult = await Files.StatAsync(fd, "data");
                    FileFacts facts = statResult;
                    await Files.CloseAsync(readEnd);
                    await Files.PollAsync(fd, 1);
                    return facts.Size;
                }
            }
            """);

    [Fact]
    public Task No_fix_where_the_rewrite_would_not_compile_or_would_change_the_meaning() =>
        CodeFixVerifier<BlockingWrapperInAsyncMethodAnalyzer, UseAsyncVariantCodeFix>.VerifyNoFixAsync(
            TestSources.Native + OutWrappers + """
            static class C
            {
                static async Task<int> M(int fd)
                {
                    await Task.Yield();
                    if (Files.CreatePipe(0, out int a, out int b) < 0)
                    {
                        return -1;
                    }

                    int ready = Files.Poll(fd, 1);
                    int status = Files.Stat(fd, "data", out FileFacts facts);
                    return a + b + ready + status;
                }
            }
            """);

    [Fact]
    public Task No_fix_for_a_blocking_helper_or_a_non_async_method_returning_a_task() =>
        CodeFixVerifier<BlockingWrapperInAsyncMethodAnalyzer, UseAsyncVariantCodeFix>.VerifyNoFixAsync(
            TestSources.Native + """
            static class C
            {
                static void SyncDirectory(int fd) => Native.fsync(fd);

                static async Task CommitAsync(int fd)
                {
                    await Task.Yield();
                    SyncDirectory(fd);
                }

                static Task<int> SyncAsync(int fd) => Task.FromResult(Native.fsync(fd));
            }
            """);
}
