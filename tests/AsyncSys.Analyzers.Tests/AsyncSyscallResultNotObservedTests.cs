using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

public class AsyncSyscallResultNotObservedTests
{
    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<AsyncSyscallResultNotObservedAnalyzer>.VerifyAsync(TestSources.Native + code);

    private static Task VerifyWithLinqAsync(string code) =>
        AnalyzerVerifier<AsyncSyscallResultNotObservedAnalyzer>.VerifyAsync("using System.Collections.Generic;\nusing System.Linq;\n" + TestSources.Native + code);

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

    // Round 54: a write kept in a local to overlap it with other work, and the local never named again.
    [Fact]
    public Task Operation_kept_in_a_local_never_named_again_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[] record, Func<Task> save)
            {
                ValueTask write = {|ASYS1006:ring.WriteAsync(fd, record, 0)|};
                var sync = {|ASYS1006:ring.FsyncAsync(fd)|};
                await save();
            }
        }
        """);

    [Fact]
    public Task Operation_kept_in_a_local_and_awaited_captured_or_reassigned_is_quiet() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[] record, Func<Task> save)
            {
                ValueTask write = ring.WriteAsync(fd, record, 0);
                await save();
                await write;
            }

            static Func<Task> Later(IoRing ring, int fd)
            {
                ValueTask sync = ring.FsyncAsync(fd);
                return () => sync.AsTask();
            }

            static async Task Again(IoRing ring, int fd, byte[] record)
            {
                ValueTask write = ring.WriteAsync(fd, record, 0);
                write = ring.WriteAsync(fd, record, 0);
                await write;
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
    public Task Task_awaited_again_through_a_copy_of_its_local_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] record)
            {
                ValueTask<int> write = ring.WriteAtMostAsync(fd, record, 0);
                ValueTask<int> tracked = write;
                int written = await write;
                return written + {|ASYS1006:await tracked|};
            }
        }
        """);

    [Fact]
    public Task Task_copy_awaited_once_or_copy_given_another_task_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] record)
            {
                ValueTask<int> write = ring.WriteAtMostAsync(fd, record, 0);
                ValueTask<int> tracked = write;
                int written = await tracked;
                ValueTask<int> other = write;
                other = ring.WriteAtMostAsync(fd, record, 4096);
                Task<int> converted = ring.WriteAtMostAsync(fd, record, 8192).AsTask();
                Task<int> alias = converted;
                return written + await other + await converted + await alias;
            }
        }
        """);

    // Round 59: a copy taken before its source is given the next task (`previous = pending; pending = default;`) keeps the
    // old operation, so awaiting the copy and later the source is two operations, each awaited once; a source never
    // written again still makes the copy the same operation (above).
    [Fact]
    public Task Task_copy_whose_source_is_given_the_next_task_is_not_the_same_operation() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[] block, System.IO.Stream source)
            {
                ValueTask pending = default;
                try
                {
                    while (true)
                    {
                        int n = source.Read(block);
                        ValueTask previous = pending;
                        pending = default;
                        await previous;
                        if (n == 0)
                        {
                            break;
                        }

                        pending = ring.WriteAsync(fd, block.AsMemory(0, n), 0);
                    }
                }
                finally
                {
                    await pending;
                }
            }
        }
        """);

    // Round 59: a task stored by a conditional (`next = more ? ring.ReadAsync(...) : ValueTask.FromResult(0);`) is a new
    // value of the local, though the graph assigns it through a capture of the target; consumed twice after it still is.
    [Fact]
    public Task Task_stored_by_a_conditional_is_a_new_task_each_pass() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] block, long length)
            {
                long offset = 0;
                ValueTask<int> next = ring.ReadAsync(fd, block, offset);
                while (offset < length)
                {
                    int n = await next;
                    offset += n;
                    next = offset < length ? ring.ReadAsync(fd, block, offset) : ValueTask.FromResult(0);
                }

                int last = await next;
                next = length > 0 ? ring.ReadAsync(fd, block, 0) : ValueTask.FromResult(0);
                return last + await next + {|ASYS1006:await next|};
            }
        }
        """);

    [Fact]
    public Task Result_of_deconstructed_tasks_read_after_AsTask_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int wal, int index, byte[] record, byte[] entry)
            {
                var (walWrite, indexWrite) = (ring.WriteAtMostAsync(wal, record, 0), ring.WriteAtMostAsync(index, entry, 0));
                await Task.WhenAll(walWrite.AsTask(), indexWrite.AsTask());
                return {|ASYS1006:walWrite.Result|} + {|ASYS1006:indexWrite.Result|};
            }
        }
        """);

    [Fact]
    public Task Deconstructed_tasks_awaited_once_or_refilled_in_a_loop_are_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int wal, int index, byte[] record, byte[] entry)
            {
                var (walWrite, indexWrite) = (ring.WriteAtMostAsync(wal, record, 0), ring.WriteAtMostAsync(index, entry, 0));
                int[] counts = await Task.WhenAll(walWrite.AsTask(), indexWrite.AsTask());
                int total = counts[0] + counts[1];
                for (int i = 0; i < 3; i++)
                {
                    (walWrite, indexWrite) = (ring.WriteAtMostAsync(wal, record, i), ring.WriteAtMostAsync(index, entry, i));
                    total += await walWrite + await indexWrite;
                }

                return total;
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

    // Round 52: GetAwaiter().GetResult() on a ValueTask local that nothing waited for (a synchronous Stream.Flush
    // blocking on its send); quiet through AsTask(), after a completion check, and on a Task local.
    [Fact]
    public Task Get_result_of_a_value_task_local_before_it_completed_is_reported() => VerifyAsync("""
        static class C
        {
            static int Flush(IoRing ring, int fd, byte[] buffer)
            {
                ValueTask<int> send = ring.SendAsync(fd, buffer, MessageFlags.None);
                return {|ASYS1006:send.GetAwaiter().GetResult()|};
            }
        }
        """);

    [Fact]
    public Task Get_result_through_as_task_after_a_check_or_of_a_task_is_not_reported() => VerifyAsync("""
        static class C
        {
            static int Blocked(IoRing ring, int fd, byte[] buffer)
            {
                ValueTask<int> send = ring.SendAsync(fd, buffer, MessageFlags.None);
                return send.AsTask().GetAwaiter().GetResult();
            }

            static async Task<int> Checked(IoRing ring, int fd, byte[] buffer)
            {
                ValueTask<int> send = ring.SendAsync(fd, buffer, MessageFlags.None);
                return send.IsCompletedSuccessfully ? send.GetAwaiter().GetResult() : await send;
            }

            static int OfATask(IoRing ring, int fd, byte[] buffer)
            {
                Task<int> send = ring.SendAsync(fd, buffer, MessageFlags.None).AsTask();
                return send.GetAwaiter().GetResult();
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

    [Fact]
    public Task Deferred_query_over_collected_value_tasks_enumerated_twice_is_reported_at_the_second_enumeration() => VerifyWithLinqAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int[] fds)
            {
                var syncs = new ValueTask[fds.Length];
                for (int i = 0; i < fds.Length; i++)
                {
                    syncs[i] = ring.FdatasyncAsync(fds[i]);
                }

                IEnumerable<Task> all = syncs.Select(s => s.AsTask());
                try
                {
                    await Task.WhenAll(all);
                    return 0;
                }
                catch (ErrnoException)
                {
                    return {|ASYS1006:all|}.Count(t => t.IsFaulted);
                }
            }

            static async Task<int> Started(IoRing ring, List<int> fds)
            {
                var pending = from fd in fds select ring.FsyncAsync(fd).AsTask();
                await Task.WhenAll(pending);
                int failed = 0;
                foreach (Task t in {|ASYS1006:pending|})
                {
                    if (t.IsFaulted) failed++;
                }

                return failed;
            }
        }
        """);

    [Fact]
    public Task Deferred_query_materialized_once_or_enumerated_once_or_over_other_tasks_is_not_reported() => VerifyWithLinqAsync("""
        static class C
        {
            static async Task<int> Materialized(IoRing ring, int[] fds)
            {
                var syncs = new ValueTask[fds.Length];
                for (int i = 0; i < fds.Length; i++)
                {
                    syncs[i] = ring.FdatasyncAsync(fds[i]);
                }

                Task[] all = syncs.Select(s => s.AsTask()).ToArray();
                try
                {
                    await Task.WhenAll(all);
                    return 0;
                }
                catch (ErrnoException)
                {
                    return all.Count(t => t.IsFaulted);
                }
            }

            static async Task Once(IoRing ring, int[] fds, bool wait)
            {
                var list = new List<ValueTask>();
                foreach (int fd in fds) list.Add(ring.FsyncAsync(fd));
                IEnumerable<Task> all = list.Select(s => s.AsTask());
                if (wait) { await Task.WhenAll(all); return; }
                await Task.WhenAny(all);
            }

            static async Task<int> OtherTasks(System.IO.Stream[] streams, int fd, IoRing ring)
            {
                await ring.FsyncAsync(fd);
                IEnumerable<Task> flushes = streams.Select(s => s.FlushAsync());
                await Task.WhenAll(flushes);
                return flushes.Count();
            }
        }
        """);

    [Fact]
    public Task Ring_operation_returned_by_a_lambda_to_Task_Run_whose_result_is_dropped_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, ReadOnlyMemory<byte> batch, CancellationToken cancellationToken)
            {
                await Task.Run(() => {|ASYS1006:ring.SendAsync(fd, batch, MessageFlags.None, cancellationToken)|}, cancellationToken);
                await Task.Run(() => { return {|ASYS1006:ring.FsyncAsync(fd)|}; }).ConfigureAwait(false);
                _ = Task.Factory.StartNew(() => {|ASYS1006:ring.FsyncAsync(fd)|});
            }
        }
        """);

    [Fact]
    public Task Ring_operation_awaited_in_an_async_lambda_or_whose_task_Task_Run_hands_back_is_awaited_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, ReadOnlyMemory<byte> batch, CancellationToken cancellationToken)
            {
                await Task.Run(async () => await ring.SendAsync(fd, batch, MessageFlags.None, cancellationToken), cancellationToken);
                await Task.Run(async () => { await ring.FsyncAsync(fd); });
                ValueTask<int> send = await Task.Run(() => ring.SendAsync(fd, batch, MessageFlags.None, cancellationToken));
                int sent = await send;
                return sent + await Retry(() => ring.SendAsync(fd, batch, MessageFlags.None, cancellationToken));
            }

            static async Task<int> Retry(Func<ValueTask<int>> operation) => await operation();
        }
        """);

    [Fact]
    public Task Switch_expression_conditional_or_null_conditional_call_whose_task_is_dropped_is_reported_once_at_the_value() => VerifyAsync("""
        enum Durability { None, Data, Full }

        sealed class C
        {
            private IoRing? _ring;

            async Task M(IoRing ring, int fd, Durability durability, bool full, CancellationToken ct)
            {
                _ = {|ASYS1006:durability switch { Durability.Full => ring.FsyncAsync(fd, ct), Durability.Data => ring.FdatasyncAsync(fd, ct), _ => ValueTask.CompletedTask }|};
                {|ASYS1006:_ring?.FsyncAsync(fd, ct)|};
                _ = {|ASYS1006:full ? ring.FsyncAsync(fd, ct) : ring.FdatasyncAsync(fd, ct)|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Switch_expression_or_null_conditional_call_whose_task_is_awaited_or_kept_is_not_reported() => VerifyAsync("""
        enum Durability { None, Data, Full }

        sealed class C
        {
            private IoRing? _ring;

            async Task<ValueTask> M(IoRing ring, int fd, Durability durability, CancellationToken ct)
            {
                await (durability switch { Durability.Full => ring.FsyncAsync(fd, ct), Durability.Data => ring.FdatasyncAsync(fd, ct), _ => ValueTask.CompletedTask });
                if (_ring is { } kept) await kept.FsyncAsync(fd, ct);
                ValueTask? pending = _ring?.FsyncAsync(fd, ct);
                if (pending is { } sync) await sync;
                return durability switch { Durability.Full => ring.FsyncAsync(fd, ct), _ => ValueTask.CompletedTask };
            }
        }
        """);

    [Fact]
    public Task Collected_value_tasks_consumed_by_one_LINQ_call_and_again_by_another_are_reported_at_the_second() => VerifyWithLinqAsync("""
        static class C
        {
            static async Task<long> M(IoRing ring, IReadOnlyList<int> fds, byte[][] buffers)
            {
                var reads = new List<ValueTask<int>>(fds.Count);
                for (int i = 0; i < fds.Count; i++)
                {
                    reads.Add(ring.ReadAsync(fds[i], buffers[i], 0));
                }

                await Task.WhenAll(reads.Select(read => read.AsTask()));
                return reads.Sum(read => {|ASYS1006:read.Result|});
            }

            static async Task<int> Array(IoRing ring, int[] fds)
            {
                var syncs = new ValueTask[fds.Length];
                for (int i = 0; i < fds.Length; i++)
                {
                    syncs[i] = ring.FdatasyncAsync(fds[i]);
                }

                Task[] all = syncs.Select(s => s.AsTask()).ToArray();
                await Task.WhenAll(all);
                return syncs.Count(s => {|ASYS1006:s.AsTask()|}.IsFaulted);
            }
        }
        """);

    [Fact]
    public Task Collected_value_tasks_awaited_by_a_foreach_and_consumed_again_are_reported_at_the_second() => VerifyWithLinqAsync("""
        static class C
        {
            static async Task<long> WhenAllThenLoop(IoRing ring, IReadOnlyList<int> fds, byte[][] buffers)
            {
                var reads = new List<ValueTask<int>>(fds.Count);
                for (int i = 0; i < fds.Count; i++)
                {
                    reads.Add(ring.ReadAsync(fds[i], buffers[i], 0));
                }

                await Task.WhenAll(reads.Select(read => read.AsTask()));
                long total = 0;
                foreach (ValueTask<int> read in reads)
                {
                    total += await {|ASYS1006:read.ConfigureAwait(false)|};
                }

                return total;
            }

            static async Task<int> LoopThenQuery(IoRing ring, int[] fds)
            {
                var syncs = new ValueTask[fds.Length];
                for (int i = 0; i < fds.Length; i++)
                {
                    syncs[i] = ring.FdatasyncAsync(fds[i]);
                }

                foreach (ValueTask sync in syncs)
                {
                    await sync;
                }

                return syncs.Count(s => {|ASYS1006:s.AsTask()|}.IsFaulted);
            }
        }
        """);

    [Fact]
    public Task Collected_value_tasks_awaited_once_by_a_foreach_or_refilled_between_loops_are_not_reported() => VerifyWithLinqAsync("""
        static class C
        {
            static async Task<long> Once(IoRing ring, IReadOnlyList<int> fds, byte[][] buffers)
            {
                var reads = new List<ValueTask<int>>(fds.Count);
                for (int i = 0; i < fds.Count; i++)
                {
                    reads.Add(ring.ReadAsync(fds[i], buffers[i], 0));
                }

                int pending = reads.Count(read => !read.IsCompleted);
                long total = 0;
                foreach (ValueTask<int> read in reads)
                {
                    total += await read;
                }

                return total + pending;
            }

            // Refilled before each round: each round's loop awaits that round's tasks once.
            static async Task<long> Rounds(IoRing ring, int fd, byte[][] buffers)
            {
                var reads = new List<ValueTask<int>>();
                long total = 0;
                for (int round = 0; round < 3; round++)
                {
                    reads.Clear();
                    foreach (byte[] buffer in buffers)
                    {
                        reads.Add(ring.ReadAsync(fd, buffer, 0));
                    }

                    foreach (ValueTask<int> read in reads)
                    {
                        total += await read;
                    }
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task Collected_value_tasks_consumed_once_checked_or_refilled_between_consumptions_are_not_reported() => VerifyWithLinqAsync("""
        static class C
        {
            static async Task<long> Once(IoRing ring, IReadOnlyList<int> fds, byte[][] buffers)
            {
                var reads = new List<ValueTask<int>>(fds.Count);
                for (int i = 0; i < fds.Count; i++)
                {
                    reads.Add(ring.ReadAsync(fds[i], buffers[i], 0));
                }

                int pending = reads.Count(read => !read.IsCompleted);
                IEnumerable<Task<int>> never = reads.Select(read => read.AsTask());
                int[] counts = await Task.WhenAll(reads.Select(read => read.AsTask()));
                return counts.Sum() + pending;
            }

            static async Task<long> Refilled(IoRing ring, int fd, byte[][] buffers)
            {
                var reads = new List<ValueTask<int>>();
                long total = 0;
                for (int round = 0; round < 3; round++)
                {
                    reads.Clear();
                    foreach (byte[] buffer in buffers)
                    {
                        reads.Add(ring.ReadAsync(fd, buffer, 0));
                    }

                    int[] counts = await Task.WhenAll(reads.Select(read => read.AsTask()));
                    total += counts.Sum();
                }

                return total;
            }
        }
        """);

    // A for loop over the collection's index consumes one element per iteration: all of them once it ends. A later loop
    // (or LINQ call) consuming the elements again is a second consumption of each.
    [Fact]
    public Task Collected_value_tasks_consumed_element_by_element_in_a_loop_and_again_later_are_reported() => VerifyWithLinqAsync("""
        static class C
        {
            static async Task<long> Loops(IoRing ring, int fd, long[] offsets, byte[][] samples)
            {
                var reads = new ValueTask<int>[offsets.Length];
                var waits = new Task<int>[offsets.Length];
                for (int i = 0; i < offsets.Length; i++)
                {
                    reads[i] = ring.ReadAsync(fd, samples[i], offsets[i]);
                    waits[i] = reads[i].AsTask();
                }

                await Task.WhenAll(waits);
                long total = 0;
                for (int i = 0; i < reads.Length; i++)
                {
                    total += {|ASYS1006:reads[i].Result|};
                }

                return total;
            }

            static async Task<int> ThenQuery(IoRing ring, int[] fds)
            {
                var syncs = new List<ValueTask>();
                foreach (int fd in fds)
                {
                    syncs.Add(ring.FdatasyncAsync(fd));
                }

                for (int i = 0; i < syncs.Count; i++)
                {
                    await syncs[i];
                }

                return syncs.Count(s => {|ASYS1006:s.AsTask()|}.IsFaulted);
            }
        }
        """);

    // The elements' Result read where no path waited for them (no await, no AsTask()) and nothing checks an element for
    // completion: the operations are still running, whether read in a for loop over the index, a LINQ call or a foreach.
    [Fact]
    public Task Collected_value_tasks_whose_results_are_read_before_any_wait_are_reported() => VerifyWithLinqAsync("""
        static class C
        {
            static int Indexed(IoRing ring, int[] fds, byte[][] headers)
            {
                var reads = new ValueTask<int>[fds.Length];
                for (int i = 0; i < fds.Length; i++)
                {
                    reads[i] = ring.ReadAsync(fds[i], headers[i], 0);
                }

                int valid = 0;
                for (int i = 0; i < reads.Length; i++)
                {
                    if ({|ASYS1006:reads[i].Result|} == 64)
                    {
                        valid++;
                    }
                }

                return valid;
            }

            static long Summed(IoRing ring, int fd, long[] offsets, byte[][] samples)
            {
                var reads = new List<ValueTask<int>>();
                for (int i = 0; i < offsets.Length; i++)
                {
                    reads.Add(ring.ReadAsync(fd, samples[i], offsets[i]));
                }

                return reads.Sum(read => {|ASYS1006:read.Result|});
            }
        }
        """);

    // The nearest correct shapes: the elements checked for completion first (in the loop or by a wait on each), or
    // waited for through AsTask() and Task.WhenAll before the results are taken from the tasks.
    [Fact]
    public Task Collected_value_tasks_whose_results_are_read_after_a_check_or_a_wait_are_not_reported() => VerifyWithLinqAsync("""
        static class C
        {
            static async Task<int> Checked(IoRing ring, int[] fds, byte[][] headers)
            {
                var reads = new ValueTask<int>[fds.Length];
                for (int i = 0; i < fds.Length; i++)
                {
                    reads[i] = ring.ReadAsync(fds[i], headers[i], 0);
                }

                int valid = 0;
                for (int i = 0; i < reads.Length; i++)
                {
                    int n = reads[i].IsCompletedSuccessfully ? reads[i].Result : await reads[i];
                    valid += n == 64 ? 1 : 0;
                }

                return valid;
            }

            static async Task<long> Spun(IoRing ring, int fd, long[] offsets, byte[][] samples)
            {
                var reads = new List<ValueTask<int>>();
                for (int i = 0; i < offsets.Length; i++)
                {
                    reads.Add(ring.ReadAsync(fd, samples[i], offsets[i]));
                }

                while (reads.Any(read => !read.IsCompleted))
                {
                    await Task.Delay(1);
                }

                return reads.Sum(read => read.Result);
            }

            static async Task<int> Waited(IoRing ring, int[] fds, byte[][] headers)
            {
                var reads = new ValueTask<int>[fds.Length];
                for (int i = 0; i < fds.Length; i++)
                {
                    reads[i] = ring.ReadAsync(fds[i], headers[i], 0);
                }

                int[] counts = await Task.WhenAll(reads.Select(read => read.AsTask()));
                return counts.Count(n => n == 64);
            }
        }
        """);

    [Fact]
    public Task Collected_value_tasks_consumed_once_each_by_a_loop_over_the_index_are_not_reported() => VerifyWithLinqAsync("""
        static class C
        {
            static async Task<long> Once(IoRing ring, int fd, long[] offsets, byte[][] samples)
            {
                var reads = new ValueTask<int>[offsets.Length];
                for (int i = 0; i < offsets.Length; i++)
                {
                    reads[i] = ring.ReadAsync(fd, samples[i], offsets[i]);
                }

                long total = 0;
                for (int i = 0; i < reads.Length; i++)
                {
                    total += reads[i].IsCompletedSuccessfully ? 1 : 0;
                    total += await reads[i];
                }

                return total;
            }

            static async Task<long> Kept(IoRing ring, int fd, long[] offsets, byte[][] samples)
            {
                var waits = new Task<int>[offsets.Length];
                for (int i = 0; i < offsets.Length; i++)
                {
                    waits[i] = ring.ReadAsync(fd, samples[i], offsets[i]).AsTask();
                }

                await Task.WhenAll(waits);
                long total = 0;
                for (int i = 0; i < waits.Length; i++)
                {
                    total += waits[i].Result;
                }

                return total;
            }

            static async Task<long> Rounds(IoRing ring, int fd, byte[][] samples)
            {
                var reads = new ValueTask<int>[samples.Length];
                long total = 0;
                for (int round = 0; round < 3; round++)
                {
                    for (int i = 0; i < samples.Length; i++)
                    {
                        reads[i] = ring.ReadAsync(fd, samples[i], round);
                    }

                    for (int i = 0; i < reads.Length; i++)
                    {
                        total += await reads[i];
                    }
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task Value_task_field_set_in_the_constructor_and_awaited_in_two_members_is_reported() => VerifyAsync("""
        sealed class ClientFixture
        {
            private readonly ValueTask _connect;
            public ClientFixture(IoRing ring, int fd, byte[] address) => _connect = ring.ConnectAsync(fd, address);
            public async Task InitializeAsync() => await _connect;
            public async Task DisposeAsync()
            {
                {|ASYS1006:await this._connect|};
            }
        }
        """);

    [Fact]
    public Task Value_task_auto_property_read_with_result_in_one_member_and_awaited_in_another_is_reported() => VerifyAsync("""
        sealed class Probe
        {
            public Probe(IoRing ring, int fd, byte[] buffer) { Pending = ring.ReadAsync(fd, buffer, 0); }
            private ValueTask<int> Pending { get; }
            public int Peek() => Pending.IsCompletedSuccessfully ? Pending.Result : -1;
            public async Task<int> WaitAsync() => {|ASYS1006:await Pending|};
        }
        """);

    [Fact]
    public Task Value_task_field_stored_by_one_member_and_awaited_by_two_others_is_reported() => VerifyAsync("""
        sealed class Wal(IoRing ring, int fd)
        {
            private ValueTask _pendingSync;
            public void Commit() => _pendingSync = ring.FsyncAsync(fd);
            public async Task WaitDurableAsync() => await _pendingSync;
            public async Task DisposeAsync()
            {
                {|ASYS1006:await _pendingSync|};
            }
        }
        """);

    [Fact]
    public Task Value_task_field_stored_by_one_member_and_taken_out_or_consumed_by_one_other_is_not_reported() => VerifyAsync("""
        sealed class Wal(IoRing ring, int fd)
        {
            private ValueTask _pendingSync;
            public void Commit() => _pendingSync = ring.FsyncAsync(fd);
            public async Task WaitDurableAsync() => await _pendingSync;
        }

        sealed class Journal(IoRing ring, int fd)
        {
            private ValueTask _pendingSync;
            public void Commit() => _pendingSync = ring.FsyncAsync(fd);
            public async Task WaitDurableAsync()
            {
                ValueTask pending = _pendingSync;
                _pendingSync = default;
                await pending;
            }

            public async Task DisposeAsync()
            {
                ValueTask pending = _pendingSync;
                _pendingSync = default;
                await pending;
            }
        }

        sealed class Relay(IoRing ring, int fd)
        {
            private ValueTask _pendingSync;
            public async Task CommitAsync()
            {
                await _pendingSync;
                _pendingSync = ring.FsyncAsync(fd);
            }

            public async Task WaitDurableAsync() => await _pendingSync;
        }
        """);

    [Fact]
    public Task Value_task_field_awaited_twice_in_one_member_is_reported() => VerifyAsync("""
        sealed class Pump
        {
            private ValueTask<int> _pending;
            public async Task<int> RunAsync(IoRing ring, int fd, byte[] buffer)
            {
                _pending = ring.ReadAsync(fd, buffer, 0);
                int first = await _pending;
                return first + {|ASYS1006:await _pending|};
            }
        }
        """);

    [Fact]
    public Task Value_task_field_converted_once_to_a_task_field_is_not_reported() => VerifyAsync("""
        sealed class ClientFixture
        {
            private readonly ValueTask _connect;
            private readonly Task _connected;
            public ClientFixture(IoRing ring, int fd, byte[] address)
            {
                _connect = ring.ConnectAsync(fd, address);
                _connected = _connect.AsTask();
            }
            public async Task InitializeAsync() => await _connected;
            public async Task DisposeAsync() => await _connected;
            public bool Done => _connect.IsCompleted;
        }
        """);

    [Fact]
    public Task Value_task_field_reassigned_before_each_await_is_not_reported() => VerifyAsync("""
        sealed class Pump
        {
            private ValueTask<int> _pending;
            public async Task<int> RunAsync(IoRing ring, int fd, byte[] buffer)
            {
                int total = 0;
                for (int i = 0; i < 4; i++)
                {
                    _pending = ring.ReadAsync(fd, buffer, 0);
                    total += await _pending;
                }

                _pending = ring.ReadAsync(fd, buffer, 0);
                return total + await _pending;
            }

            public async Task<int> OnceMoreAsync(IoRing ring, int fd, byte[] buffer)
            {
                _pending = ring.ReadAsync(fd, buffer, 0);
                return await _pending;
            }
        }
        """);

    [Fact]
    public Task Value_task_field_consumed_by_one_member_or_in_exclusive_branches_is_not_reported() => VerifyAsync("""
        sealed class ClientFixture
        {
            private readonly ValueTask<int> _read;
            public ClientFixture(IoRing ring, int fd, byte[] buffer) => _read = ring.ReadAsync(fd, buffer, 0);
            public bool Started => !_read.IsCompleted;
            public async Task<int> InitializeAsync(bool fast)
            {
                if (fast && _read.IsCompletedSuccessfully)
                {
                    return _read.Result;
                }

                return await _read;
            }
        }
        """);

    [Fact]
    public Task Value_task_field_written_outside_the_constructor_too_is_not_reported() => VerifyAsync("""
        sealed class Client
        {
            private ValueTask _connect;
            public Client(IoRing ring, int fd, byte[] address) => _connect = ring.ConnectAsync(fd, address);
            public void Reconnect(IoRing ring, int fd, byte[] address) => _connect = ring.ConnectAsync(fd, address);
            public async Task InitializeAsync() => await _connect;
            public async Task DisposeAsync() => await _connect;
        }
        """);

    [Fact]
    public Task Value_task_field_initialized_from_a_primary_constructor_and_consumed_in_two_members_is_reported() => VerifyAsync("""
        sealed class ClientFixture(IoRing ring, int fd, byte[] address)
        {
            private readonly ValueTask _connect = ring.ConnectAsync(fd, address);
            public Task InitializeAsync() => _connect.AsTask();
            public async Task DisposeAsync()
            {
                await Task.Yield();
                await {|ASYS1006:_connect.ConfigureAwait(false)|};
            }
        }
        """);

    [Fact]
    public Task Value_task_field_copied_into_a_variable_is_not_followed() => VerifyAsync("""
        sealed class ClientFixture
        {
            private readonly ValueTask _connect;
            public ClientFixture(IoRing ring, int fd, byte[] address) => _connect = ring.ConnectAsync(fd, address);
            public async Task InitializeAsync() => await _connect;
            public async Task DisposeAsync()
            {
                ValueTask connect = _connect;
                await connect;
            }
        }
        """);

    [Fact]
    public Task Copy_of_a_task_collection_field_consumed_twice_in_another_member_is_reported() => VerifyWithLinqAsync("""
        sealed class SegmentWriter
        {
            private readonly IoRing _ring;
            private readonly int _fd;
            private readonly List<ValueTask<int>> _inFlight = new();
            public SegmentWriter(IoRing ring, int fd) { _ring = ring; _fd = fd; }

            public void Append(byte[] batch, long position)
            {
                lock (_inFlight) { _inFlight.Add(_ring.ReadAsync(_fd, batch, position)); }
            }

            public void AppendAgain(byte[] batch, long position) => _inFlight.Add(_ring.ReadAsync(_fd, batch, position));

            public async Task<long> DrainAsync()
            {
                ValueTask<int>[] writes;
                lock (_inFlight) { writes = _inFlight.ToArray(); _inFlight.Clear(); }
                await Task.WhenAll(writes.Select(write => write.AsTask()));
                long total = 0;
                foreach (ValueTask<int> write in writes)
                {
                    total += {|ASYS1006:await write|};
                }

                return total;
            }

            public long Drain()
            {
                var pending = _inFlight.ToList();
                int[] counts = pending.Select(write => write.AsTask().Result).ToArray();
                return pending.Sum(write => {|ASYS1006:write.Result|});
            }
        }
        """);

    [Fact]
    public Task Copy_of_a_task_collection_field_consumed_once_is_not_reported() => VerifyWithLinqAsync("""
        sealed class SegmentWriter
        {
            private readonly IoRing _ring;
            private readonly int _fd;
            private readonly List<ValueTask<int>> _inFlight = new();
            private readonly List<Task<int>> _started = new();
            public SegmentWriter(IoRing ring, int fd) { _ring = ring; _fd = fd; }

            public void Append(byte[] batch, long position)
            {
                _inFlight.Add(_ring.ReadAsync(_fd, batch, position));
                _started.Add(_ring.ReadAsync(_fd, batch, position).AsTask());
            }

            public async Task<long> DrainAsync()
            {
                ValueTask<int>[] writes = _inFlight.ToArray();
                _inFlight.Clear();
                long total = 0;
                foreach (ValueTask<int> write in writes)
                {
                    total += await write;
                }

                Task<int>[] started = _started.ToArray();
                await Task.WhenAll(started);
                foreach (Task<int> task in started)
                {
                    total += await task;
                }

                return total;
            }
        }
        """);

    // Round 45: a local function whose whole body hands back an operation's task starts it where it is called; a call
    // dropped as a statement (or into a discard) drops the operation.
    [Fact]
    public Task Local_function_returning_an_operation_called_as_a_statement_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[] frame, int kind)
            {
                switch (kind)
                {
                    case 12:
                        {|ASYS1006:Reply(ring, fd, frame)|};
                        break;
                    case 13:
                        _ = {|ASYS1006:Reply(ring, fd, frame)|};
                        break;
                    default:
                        await ring.CloseAsync(fd);
                        break;
                }

                static ValueTask<int> Reply(IoRing ring, int fd, byte[] frame) => ring.SendAsync(fd, frame);
            }
        }
        """);

    // The nearest correct shapes: the local function's task awaited, or returned; and a local function whose body does
    // more than hand back the task (it awaits it itself) is not the operation.
    [Fact]
    public Task Local_function_returning_an_operation_awaited_or_returned_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[] frame)
            {
                await Reply(ring, fd, frame);
                Logged(ring, fd, frame);

                static ValueTask<int> Reply(IoRing ring, int fd, byte[] frame) => ring.SendAsync(fd, frame);
                static async Task Logged(IoRing ring, int fd, byte[] frame) => await ring.SendAsync(fd, frame);
            }

            static ValueTask<int> N(IoRing ring, int fd, byte[] frame)
            {
                return Reply();

                ValueTask<int> Reply() => ring.SendAsync(fd, frame);
            }
        }
        """);

    // Round 45: a flag that remembers a task still to be awaited (`posted = true` after the start, `posted = false`
    // before the await) keeps the finally's `if (posted) await pending;` from counting the path that already awaited it.
    [Fact]
    public Task Task_awaited_again_under_a_flag_that_stays_true_after_the_first_await_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] buffer)
            {
                ValueTask<int> pending = default;
                bool posted = false;
                try
                {
                    pending = ring.ReceiveAsync(fd, buffer);
                    posted = true;
                    return await pending;
                }
                finally
                {
                    if (posted)
                    {
                        {|ASYS1006:await pending|};
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Task_awaited_in_a_finally_only_while_a_flag_says_it_is_pending_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async System.Collections.Generic.IAsyncEnumerable<int> M(IoRing ring, int fd, byte[] buffer, int count)
            {
                ValueTask<int> pending = default;
                bool posted = false;
                try
                {
                    for (int i = 0; i < count; i++)
                    {
                        pending = ring.ReceiveAsync(fd, buffer);
                        posted = true;
                        yield return i;
                        posted = false;
                        await pending;
                    }
                }
                finally
                {
                    if (posted)
                    {
                        await pending;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Forwarding_method_dropped_as_a_statement_is_reported_and_awaited_is_not() => VerifyAsync("""
        sealed class Connection(IoRing ring, int socket)
        {
            private static readonly byte[] Ping = { 1, 2 };

            public ValueTask<int> SendPingAsync(CancellationToken ct) => ring.SendAsync(socket, Ping, MessageFlags.None, ct);

            public ValueTask<int> Later(CancellationToken ct)
            {
                return ring.SendAsync(socket, Ping, MessageFlags.None, ct);
            }

            public async Task M(CancellationToken ct)
            {
                {|ASYS1006:SendPingAsync(ct)|};
                {|ASYS1006:Later(ct)|};
                await SendPingAsync(ct);
                await Later(ct);
            }
        }
        """);

    [Fact]
    public Task Async_method_is_no_forwarder() => VerifyAsync("""
        sealed class Connection(IoRing ring, int socket)
        {
            private static readonly byte[] Ping = { 1, 2 };

            public async ValueTask<int> SendPingAsync(CancellationToken ct) => await ring.SendAsync(socket, Ping, MessageFlags.None, ct);

            public async Task M(CancellationToken ct)
            {
                ValueTask<int> ping = SendPingAsync(ct);
                await ping;
            }
        }
        """);
    // Round 47: forwarders of forwarders, also named otherwise than ...Async and declared in any order, start the
    // operation where they are called: their ValueTask dropped is reported.
    [Fact]
    public Task Forwarder_of_a_forwarder_dropped_is_reported() => VerifyAsync("""
        sealed class Connection(IoRing ring, int socket)
        {
            private static readonly byte[] s_ping = new byte[6];

            public ValueTask<int> Ping(CancellationToken ct) => SendFrame(s_ping, ct);

            public ValueTask<int> SendFrame(byte[] frame, CancellationToken ct) => SendRaw(frame.AsMemory(), ct);

            private ValueTask<int> SendRaw(ReadOnlyMemory<byte> buffer, CancellationToken ct) => ring.SendAsync(socket, buffer, MessageFlags.None, ct);

            public void Heartbeat(CancellationToken ct)
            {
                {|ASYS1006:Ping(ct)|};
            }

            public async Task Awaited(CancellationToken ct) => await Ping(ct);
        }
        """);

    // Round 61: a static abstract interface member whose implementations in the compilation all forward to the ring starts
    // the operation when called through a type parameter; one implementation that does something else (here: awaits)
    // keeps the member from counting.
    [Fact]
    public Task Static_abstract_member_implemented_by_forwarders_dropped_through_a_type_parameter_is_reported() => VerifyAsync("""
        interface IProbe
        {
            static abstract ValueTask<int> StartAsync(IoRing ring, int fd, byte[] buffer, CancellationToken ct);
        }

        interface IMixedProbe
        {
            static abstract ValueTask<int> RunAsync(IoRing ring, int fd, byte[] buffer, CancellationToken ct);
        }

        readonly struct HeaderProbe : IProbe, IMixedProbe
        {
            public static ValueTask<int> StartAsync(IoRing ring, int fd, byte[] buffer, CancellationToken ct) => ring.ReadAsync(fd, buffer.AsMemory(0, 64), 0, ct);

            public static ValueTask<int> RunAsync(IoRing ring, int fd, byte[] buffer, CancellationToken ct) => ring.ReadAsync(fd, buffer, 0, ct);
        }

        readonly struct WaitingProbe : IMixedProbe
        {
            public static async ValueTask<int> RunAsync(IoRing ring, int fd, byte[] buffer, CancellationToken ct) => await ring.ReadAsync(fd, buffer, 0, ct);
        }

        sealed class Sweeper(IoRing ring)
        {
            public void Sweep<T>(int fd, byte[] buffer, CancellationToken ct) where T : IProbe
            {
                _ = {|ASYS1006:T.StartAsync(ring, fd, buffer, ct)|};
            }

            public void Mixed<T>(int fd, byte[] buffer, CancellationToken ct) where T : IMixedProbe
            {
                _ = T.RunAsync(ring, fd, buffer, ct);
            }

            public async Task Awaited<T>(int fd, byte[] buffer, CancellationToken ct) where T : IProbe => await T.StartAsync(ring, fd, buffer, ct);
        }
        """);
}
