using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

public class ThreadAffineStateTests
{
    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<ThreadAffineStateAnalyzer>.VerifyAsync(TestSources.Native + code);

    [Fact]
    public Task Thread_id_read_before_an_await_and_used_after_it_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(int fd)
            {
                int owner = Environment.CurrentManagedThreadId;
                await Native.fsyncAsync(fd);
                Native.Log("owner " + {|ASYS1002:owner|});
            }
        }
        """);

    [Fact]
    public Task ThreadStatic_field_used_on_both_sides_of_an_await_is_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] static byte[]? t_scratch;

            static async Task M(int fd)
            {
                t_scratch = new byte[64];
                await Native.fsyncAsync(fd);
                Native.Log({|ASYS1002:t_scratch|}!.Length.ToString());
            }
        }
        """);

    [Fact]
    public Task ThreadLocal_value_kept_across_an_await_is_reported() => VerifyAsync("""
        static class C
        {
            static readonly ThreadLocal<Random> s_random = new(() => new Random());

            static async Task<int> M(int fd)
            {
                Random random = s_random.Value!;
                await Native.fsyncAsync(fd);
                return {|ASYS1002:random|}.Next();
            }
        }
        """);

    [Fact]
    public Task Per_thread_state_read_inside_an_offloaded_wrapper_is_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] static int t_depth;

            [AsyncSyscall(RingOp.None)]
            static int Lock(int fd)
            {
                Native.Log({|ASYS1002:Thread.CurrentThread|}.Name ?? "?");
                return Native.flock(fd, {|ASYS1002:t_depth|});
            }

            static ValueTask<int> LockAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);

    [Fact]
    public Task ThreadStatic_in_synchronous_code_is_not_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] static byte[]? t_scratch;

            static int M(int fd)
            {
                t_scratch ??= new byte[64];
                int owner = Environment.CurrentManagedThreadId;
                return Native.ReadInto(fd, t_scratch, 0) + owner;
            }
        }
        """);

    [Fact]
    public Task Per_thread_state_read_again_after_the_await_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(int fd)
            {
                Native.Log("before " + Environment.CurrentManagedThreadId);
                await Native.fsyncAsync(fd);
                int owner = Environment.CurrentManagedThreadId;
                Native.Log("after " + owner);
            }
        }
        """);

    [Fact]
    public Task Per_thread_state_in_a_wrapper_that_runs_on_the_ring_is_not_reported() => VerifyAsync("""
        static class C
        {
            [ThreadStatic] static int t_calls;

            [AsyncSyscall(RingOp.Fsync)]
            static int Sync(int fd)
            {
                t_calls++;
                return Native.fsync(fd);
            }

            static ValueTask<int> SyncAsync(int fd, CancellationToken cancellationToken = default) => default;
        }
        """);
}
