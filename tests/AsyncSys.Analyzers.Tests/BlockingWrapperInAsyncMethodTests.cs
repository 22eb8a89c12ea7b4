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
    public Task Synchronous_helper_calling_a_blocking_wrapper_is_reported_at_its_call_in_async_code() => VerifyAsync("""
        sealed class Checkpointer(int dirFd)
        {
            const int LOCK_UN = 8;

            void SyncDirectory()
            {
                if (Native.fsync(dirFd) != 0) throw new InvalidOperationException();
            }

            int Unlock() => Native.flock(dirFd, LOCK_UN);

            void Later() => Task.Run(() => Native.fsync(dirFd));

            Task<int> Forwarded() => Task.FromResult(Native.fsync(dirFd));

            public async Task CommitAsync()
            {
                await Task.Yield();
                {|ASYS1007:SyncDirectory()|};
                Unlock();
                Later();
                await Forwarded();
            }

            public void Commit() => SyncDirectory();
        }
        """);

    // Since round 63: a synchronous local function that calls a blocking wrapper is a helper as a method is, reported at
    // its call in async code; an async local function awaiting the variant, one asking not to wait and one handed to
    // Task.Run are not.
    [Fact]
    public Task Synchronous_local_function_calling_a_blocking_wrapper_is_reported_at_its_call_in_async_code() => VerifyAsync("""
        sealed class Journal(int fd)
        {
            const int LOCK_UN = 8;

            public async Task AppendAsync()
            {
                await Task.Yield();
                {|ASYS1007:MakeDurable()|};
                Unlock();
                await Task.Run(Later);
                await DurableAsync();

                void MakeDurable()
                {
                    if (Native.fsync(fd) != 0) throw new InvalidOperationException();
                }

                int Unlock() => Native.flock(fd, LOCK_UN);

                void Later() => Native.fsync(fd);

                async Task DurableAsync() => await Native.fsyncAsync(fd);
            }

            public void Append()
            {
                Flush();

                void Flush() => Native.fsync(fd);
            }
        }
        """);

    // Since round 63: a `using` (statement or declaration) in an async function whose type's synchronous Dispose calls a
    // blocking wrapper blocks when the scope ends; `await using`, a using in synchronous code and a type whose Dispose
    // does not block are not reported.
    [Fact]
    public Task Using_whose_dispose_calls_a_blocking_wrapper_in_async_code_is_reported() => VerifyAsync("""
        sealed class Export(int fd) : IDisposable, IAsyncDisposable
        {
            public void Dispose() => Native.fsync(fd);

            public async ValueTask DisposeAsync() => await Native.fsyncAsync(fd);
        }

        sealed class Quiet : IDisposable
        {
            public void Dispose() { }
        }

        static class Exporter
        {
            public static async Task RunAsync(int fd)
            {
                {|ASYS1007:using|} var export = new Export(fd);
                {|ASYS1007:using|} (new Export(fd))
                {
                    await Task.Yield();
                }

                await using var later = new Export(fd);
                using var quiet = new Quiet();
                await Task.Yield();
            }

            public static void Run(int fd)
            {
                using var export = new Export(fd);
            }
        }
        """);

    [Fact]
    public Task Blocking_wrapper_in_a_non_async_method_named_async_returning_a_task_is_reported() => VerifyAsync("""
        static class C
        {
            const int LOCK_EX = 2, LOCK_UN = 8;

            public static ValueTask LockAsync(int fd)
            {
                if ({|ASYS1007:Native.flock(fd, LOCK_EX)|} != 0) return ValueTask.FromException(new InvalidOperationException());
                return ValueTask.CompletedTask;
            }

            public static Task<int> SyncAsync(int fd) => Task.FromResult({|ASYS1007:Native.fsync(fd)|});

            public static Task UnlockAsync(int fd)
            {
                Native.flock(fd, LOCK_UN);
                return Task.CompletedTask;
            }

            public static ValueTask<int> SyncNow(int fd) => new(Native.fsync(fd));

            public static Task<int> SyncLaterAsync(int fd) => Task.Run(() => Native.fsync(fd));
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

    [Fact]
    public Task Apm_pairs_synchronous_member_over_a_ring_send_called_in_async_code_is_reported() => VerifyAsync("""
        static class Apm
        {
            public static int End(IAsyncResult result) => ((Task<int>)result).GetAwaiter().GetResult();
        }

        class Channel(IoRing ring, int fd)
        {
            public IAsyncResult BeginSend(byte[] frame, AsyncCallback? callback, object? state) => ring.SendAsync(fd, frame, MessageFlags.None).AsTask();
            public int EndSend(IAsyncResult result) => Apm.End(result);
            public int Send(byte[] frame) => EndSend(BeginSend(frame, null, null));

            public async Task Pump(byte[] frame)
            {
                await Task.Yield();
                {|ASYS1007:Send(frame)|};
            }
        }
        """);

    [Fact]
    public Task Apm_pair_awaited_through_FromAsync_or_whose_End_does_not_block_or_whose_Begin_runs_nothing_is_not_reported() => VerifyAsync("""
        sealed class Done(int value, object? state) : IAsyncResult
        {
            public int Value => value;
            public object? AsyncState => state;
            public WaitHandle AsyncWaitHandle => new ManualResetEvent(true);
            public bool CompletedSynchronously => true;
            public bool IsCompleted => true;
        }

        class Channel(IoRing ring, int fd)
        {
            public IAsyncResult BeginSend(byte[] frame, AsyncCallback? callback, object? state) => ring.SendAsync(fd, frame, MessageFlags.None).AsTask();
            public int EndSend(IAsyncResult result) => ((Task<int>)result).GetAwaiter().GetResult();
            public IAsyncResult BeginPeek(AsyncCallback? callback, object? state) => new Done(0, state);
            public int EndPeek(IAsyncResult result) => ((Task<int>)result).GetAwaiter().GetResult();
            public int Peek() => EndPeek(BeginPeek(null, null));
            public IAsyncResult BeginCount(AsyncCallback? callback, object? state) => ring.SendAsync(fd, Array.Empty<byte>(), MessageFlags.None).AsTask();
            public int EndCount(IAsyncResult result) => ((Done)result).Value;
            public int Count() => EndCount(BeginCount(null, null));

            public async Task Pump(byte[] frame)
            {
                await Task.Factory.FromAsync(BeginSend, EndSend, frame, null);
                Peek();
                Count();
            }
        }
        """);
}
