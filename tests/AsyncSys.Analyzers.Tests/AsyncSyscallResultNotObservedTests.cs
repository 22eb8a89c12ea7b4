using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

public class AsyncSyscallResultNotObservedTests
{
    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<AsyncSyscallResultNotObservedAnalyzer>.VerifyAsync(TestSources.Native + code);

    [Fact]
    public Task Discarded_generated_variant_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(int fd)
            {
                {|ASYS1006:Native.fsyncAsync(fd)|};
                _ = {|ASYS1006:Native.LockAsync(fd, 2)|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Discarded_ring_operation_is_reported() => VerifyAsync("""
        static class C
        {
            static void M(IoRing ring, int fd, byte[] buffer)
            {
                {|ASYS1006:ring.WriteAsync(fd, buffer, 0)|};
            }
        }
        """);

    [Fact]
    public Task Ring_operation_dropped_by_a_void_expression_body_is_reported() => VerifyAsync("""
        sealed class Log : IDisposable
        {
            private readonly IoRing _ring;
            private readonly int _fd;
            public Log(IoRing ring, int fd) { _ring = ring; _fd = fd; }
            public void Dispose() => {|ASYS1006:_ring.FsyncAsync(_fd)|};
            public int Fd { set => {|ASYS1006:_ring.FsyncAsync(value)|}; }
        }
        """);

    [Fact]
    public Task Ring_operation_returned_by_an_expression_body_is_not_reported() => VerifyAsync("""
        sealed class Log
        {
            private readonly IoRing _ring;
            private readonly int _fd;
            public Log(IoRing ring, int fd) { _ring = ring; _fd = fd; }
            public ValueTask FlushAsync() => _ring.FsyncAsync(_fd);
            public ValueTask Flushing => _ring.FsyncAsync(_fd);
        }
        """);

    [Fact]
    public Task Ring_request_submission_awaited_twice_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd)
            {
                ValueTask<int> sync = ring.SubmitAsync(RingRequest.Fsync(fd));
                int first = await sync;
                return first + {|ASYS1006:await sync|};
            }
        }
        """);

    [Fact]
    public Task Result_read_before_completion_is_reported() => VerifyAsync("""
        static class C
        {
            static int M(IoRing ring, int fd, byte[] buffer)
            {
                ValueTask<int> read = ring.ReadAsync(fd, buffer, 0);
                int direct = {|ASYS1006:Native.fsyncAsync(fd).Result|};
                return direct + {|ASYS1006:read.Result|};
            }
        }
        """);

    [Fact]
    public Task Awaited_returned_or_checked_results_are_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] buffer)
            {
                int n = await ring.ReadAsync(fd, buffer, 0);
                ValueTask<int> read = ring.ReadAsync(fd, buffer, 0);
                n += read.IsCompletedSuccessfully ? read.Result : await read;
                await Native.fsyncAsync(fd).ConfigureAwait(false);
                return n;
            }

            static ValueTask<int> Forward(int fd) => Native.fsyncAsync(fd);
        }
        """);

    [Fact]
    public Task Discarded_value_task_of_other_apis_is_not_reported() => VerifyAsync("""
        static class C
        {
            static ValueTask<int> Unrelated(int fd, CancellationToken cancellationToken = default) => default;

            static void M()
            {
                Unrelated(3);
            }
        }
        """);

    [Fact]
    public Task Task_awaited_in_a_loop_it_was_not_made_in_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd)
            {
                ValueTask<int> sync = ring.SubmitAsync(RingRequest.Fsync(fd));
                for (int i = 0; i < 2; i++)
                {
                    {|ASYS1006:await sync|};
                }
            }
        }
        """);

    [Fact]
    public Task Task_consumed_in_branches_that_cannot_both_run_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, bool fast)
            {
                ValueTask<int> sync = ring.SubmitAsync(RingRequest.Fsync(fd));
                if (fast)
                {
                    return await sync;
                }

                int result = await sync;
                for (int i = 0; i < 2; i++)
                {
                    ValueTask<int> again = ring.SubmitAsync(RingRequest.Fsync(fd));
                    result += await again;
                }

                return result;
            }

            static ValueTask<int> Stored(IoRing ring, int fd)
            {
                ValueTask<int> pending = ring.SubmitAsync(RingRequest.Fsync(fd));
                return pending;
            }
        }
        """);

    [Fact]
    public Task Result_after_a_completion_check_that_is_false_on_some_path_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> Yielded(IoRing ring, int fd, byte[] buffer)
            {
                ValueTask<int> reply = ring.ReadAsync(fd, buffer, 0);
                if (!reply.IsCompleted)
                {
                    await Task.Yield();
                }

                return {|ASYS1006:reply.Result|};
            }

            static int Logged(IoRing ring, int fd, byte[] buffer)
            {
                ValueTask<int> reply = ring.ReadAsync(fd, buffer, 0);
                if (reply is { IsCompletedSuccessfully: false })
                {
                    Native.Log("pending");
                }

                return {|ASYS1006:reply.Result|};
            }
        }
        """);

    [Fact]
    public Task Result_where_every_path_saw_the_operation_complete_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> Branches(IoRing ring, int fd, byte[] buffer)
            {
                ValueTask<int> reply = ring.ReadAsync(fd, buffer, 0);
                int n;
                if (reply.IsCompletedSuccessfully)
                {
                    n = reply.Result;
                }
                else
                {
                    n = await reply;
                }

                return n;
            }

            static async Task<int> Polled(IoRing ring, int fd, byte[] buffer)
            {
                ValueTask<int> reply = ring.ReadAsync(fd, buffer, 0);
                while (!reply.IsCompleted)
                {
                    await Task.Delay(1);
                }

                return reply.Result;
            }

            static int Early(IoRing ring, int fd, byte[] buffer)
            {
                ValueTask<int> reply = ring.ReadAsync(fd, buffer, 0);
                if (reply is not { IsCompleted: true })
                {
                    return -1;
                }

                return reply.Result;
            }
        }
        """);
}
