using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

public class BlockingWrapperInAsyncMethodTests
{
    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<BlockingWrapperInAsyncMethodAnalyzer>.VerifyAsync(TestSources.Native + code);

    private static Task VerifyWithLinqAsync(string code) =>
        AnalyzerVerifier<BlockingWrapperInAsyncMethodAnalyzer>.VerifyAsync("using System.Collections.Generic;\nusing System.Linq;\n" + TestSources.Native + code);

    [Fact]
    public Task Blocking_wrapper_in_an_async_method_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(int fd, CancellationToken cancellationToken)
            {
                await Task.Yield();
                {|ASYS1007:Native.fsync(fd)|};
                int locked = {|ASYS1007:Native.flock(fd, 2)|};
            }
        }
        """);

    [Fact]
    public Task Blocking_wrapper_in_an_async_lambda_is_reported() => VerifyAsync("""
        static class C
        {
            static Func<Task<int>> M(int fd) => async () =>
            {
                await Task.Yield();
                return {|ASYS1007:Native.fsync(fd)|};
            };
        }
        """);

    [Fact]
    public Task Blocking_wrapper_in_synchronous_code_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int M(int fd) => Native.fsync(fd);

            static async Task N(int fd)
            {
                await Task.Yield();
                Func<int> later = () => Native.fsync(fd);
                Native.getpid();
            }
        }
        """);

    [Fact]
    public Task Wrapper_without_an_async_variant_is_not_reported() => VerifyAsync("""
        static class C
        {
            [AsyncSyscall]
            [DllImport("libc", SetLastError = true)]
            static extern int close(int fd);

            static async Task M(int fd)
            {
                await Task.Yield();
                close(fd);
            }
        }
        """);

    [Fact]
    public Task Blocking_wrapper_run_by_a_linq_operator_or_list_method_in_an_async_method_is_reported() => VerifyWithLinqAsync("""
        static class C
        {
            static async Task<int> M(int[] fds, List<int> open)
            {
                await Task.Yield();
                int[] results = fds.Select({|ASYS1007:Native.fsync|}).ToArray();
                int failed = fds.Count(fd => {|ASYS1007:Native.fsync(fd)|} < 0);
                open.ForEach(fd => {|ASYS1007:Native.fsync(fd)|});
                return results.Length + failed;
            }
        }
        """);

    [Fact]
    public Task Blocking_wrapper_in_a_delegate_that_runs_elsewhere_is_not_reported() => VerifyWithLinqAsync("""
        static class C
        {
            static async Task<int> M(int fd, int[] fds)
            {
                await Task.Yield();
                Func<int, int> later = Native.fsync;
                int offloaded = await Task.Run(() => Native.fsync(fd));
                Keep(Native.fsync);
                await Task.WhenAll(fds.Select(f => Native.fsyncAsync(f).AsTask()));
                return later(fd) + offloaded;
            }

            static void Keep(Func<int, int> call) { }

            static int Sync(int[] fds) => fds.Select(Native.fsync).Sum();
        }
        """);

    [Fact]
    public Task Synchronous_facade_over_an_asynchronous_twin_that_runs_on_the_ring_is_reported_in_async_code() => VerifyAsync("""
        sealed class WalFile(IoRing ring, int fd)
        {
            public async ValueTask SyncAsync(CancellationToken ct = default) => await ring.FdatasyncAsync(fd, ct);

            public void Sync() => SyncAsync().AsTask().GetAwaiter().GetResult();

            public ValueTask CloseAsync() => ring.CloseAsync(fd);

            public void Close()
            {
                CloseAsync().AsTask().Wait();
            }

            public int Length() => LengthAsync().Result;

            public Task<int> LengthAsync() => Task.FromResult(0);

            public async Task M(CancellationToken ct)
            {
                await Task.Yield();
                {|ASYS1007:Sync()|};
                {|ASYS1007:Close()|};
                Length();
                await SyncAsync(ct);
            }

            public void Synchronous() => Sync();
        }
        """);
}
