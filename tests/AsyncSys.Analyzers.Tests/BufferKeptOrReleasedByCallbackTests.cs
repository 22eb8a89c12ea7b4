using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

/// <summary>
/// ASYS1005 where the task is not in a plain local (kept in a tuple, a collection or a field) and where the buffer is
/// released by a cancellation callback registered on the operation's own token.
/// </summary>
public class BufferKeptOrReleasedByCallbackTests
{
    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<BufferTouchedInFlightAnalyzer>.VerifyAsync(
            "using System.Collections.Generic;\nusing System.Linq;\nusing System.Threading.Channels;\n" + TestSources.Native + code);

    // The callback runs when the token fires; the cancelled write still owns the frame until its completion arrives.
    [Fact]
    public Task Cancellation_callback_releasing_the_buffer_of_an_operation_started_with_its_token_is_reported() => VerifyAsync("""
        class C(IoRing ring, int fd)
        {
            async Task<long> State(byte[] frame, long offset, CancellationToken cancellationToken)
            {
                CancellationTokenRegistration release = cancellationToken.Register(static state => {|ASYS1005:ArrayPool<byte>.Shared.Return((byte[])state!)|}, frame);
                try
                {
                    await ring.WriteAsync(fd, frame.AsMemory(0, 16), offset, cancellationToken);
                    return offset + 16;
                }
                finally
                {
                    if (release.Unregister()) ArrayPool<byte>.Shared.Return(frame);
                }
            }

            async Task<int> Captured(CancellationTokenSource cancel)
            {
                IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(4096);
                using CancellationTokenRegistration registration = cancel.Token.UnsafeRegister(_ => {|ASYS1005:owner.Dispose()|}, null);
                return await ring.ReadAsync(fd, owner.Memory, 0, cancel.Token);
            }

            async Task<int> StartedFirst(byte[] buffer, CancellationToken token)
            {
                ValueTask<int> read = ring.ReadAsync(fd, buffer, 0, token);
                using var registration = token.Register(() => {|ASYS1005:Array.Clear(buffer)|});
                return await read;
            }
        }
        """);

    [Fact]
    public Task Cancellation_callback_that_touches_no_buffer_in_flight_is_not_reported() => VerifyAsync("""
        class C(IoRing ring, int fd)
        {
            async Task<int> CancelsAnother(byte[] buffer, CancellationToken token, CancellationTokenSource linked)
            {
                using var registration = token.Register(() => { linked.Cancel(); Native.Log("cancelled"); });
                return await ring.ReadAsync(fd, buffer, 0, token);
            }

            async Task<int> OtherToken(byte[] buffer, CancellationToken token, CancellationToken other)
            {
                using var registration = other.Register(() => ArrayPool<byte>.Shared.Return(buffer));
                return await ring.ReadAsync(fd, buffer, 0, token);
            }

            async Task<int> AwaitedBeforeRegistering(byte[] buffer, CancellationToken token)
            {
                int n = await ring.ReadAsync(fd, buffer, 0, token);
                token.Register(() => ArrayPool<byte>.Shared.Return(buffer));
                return n;
            }

            async Task<int> UnregisteredBeforeStarting(byte[] buffer, CancellationToken token)
            {
                var registration = token.Register(() => ArrayPool<byte>.Shared.Return(buffer));
                registration.Dispose();
                return await ring.ReadAsync(fd, buffer, 0, token);
            }

            async Task<int> AnotherBuffer(byte[] buffer, byte[] spare, CancellationToken token)
            {
                using var registration = token.Register(() => ArrayPool<byte>.Shared.Return(spare));
                return await ring.ReadAsync(fd, buffer, 0, token);
            }
        }
        """);

    [Fact]
    public Task Buffer_returned_while_its_task_is_kept_in_a_dictionary_list_or_field_is_reported() => VerifyAsync("""
        class C(IoRing ring)
        {
            private readonly Dictionary<int, ValueTask<int>> _pending = new();
            private ValueTask<int> _last;

            void Dictionary(int fd, ReadOnlySpan<byte> reply)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(reply.Length);
                reply.CopyTo(rented);
                _pending[fd] = ring.SendAsync(fd, rented.AsMemory(0, reply.Length));
                {|ASYS1005:ArrayPool<byte>.Shared.Return(rented)|};
            }

            void Field(int fd, byte[] frame)
            {
                this._last = ring.SendAsync(fd, frame);
                {|ASYS1005:frame[0] = 0|};
            }

            async Task<int> List(int fd, byte[] page)
            {
                var reads = new List<Task<int>>();
                reads.Add(ring.ReadAsync(fd, page, 0).AsTask());
                {|ASYS1005:page.AsSpan().Clear()|};
                int[] counts = await Task.WhenAll(reads);
                return counts[0];
            }
        }
        """);

    // Task.WhenAny (or WaitAny) over the collection ends when the first operation does: the others still use the buffer.
    [Fact]
    public Task Buffer_returned_after_a_race_of_its_kept_tasks_is_reported() => VerifyAsync("""
        class C(IoRing ring)
        {
            async Task<int> FirstOfAnArray(int[] fds, byte[] payload, int n)
            {
                var sends = new Task<int>[fds.Length];
                for (int i = 0; i < sends.Length; i++)
                {
                    sends[i] = ring.SendAsync(fds[i], payload.AsMemory(0, n)).AsTask();
                }

                Task<int> first = await Task.WhenAny(sends);
                {|ASYS1005:ArrayPool<byte>.Shared.Return(payload)|};
                return await first;
            }

            async Task<int> FirstOfAList(int[] fds, byte[] payload)
            {
                var sends = new List<Task<int>>();
                foreach (int fd in fds)
                {
                    sends.Add(ring.SendAsync(fd, payload).AsTask());
                }

                int sent = await await Task.WhenAny(sends);
                {|ASYS1005:payload[0] = 0|};
                return sent;
            }

            int WaitedForAny(int[] fds, byte[] page)
            {
                var reads = new Task<int>[fds.Length];
                for (int i = 0; i < reads.Length; i++)
                {
                    reads[i] = ring.ReadAsync(fds[i], page, 0).AsTask();
                }

                int index = Task.WaitAny(reads);
                {|ASYS1005:ArrayPool<byte>.Shared.Return(page)|};
                return index;
            }
        }
        """);

    // The nearest correct code: the race decides the answer, but every kept task is awaited before the buffer goes back.
    [Fact]
    public Task Buffer_returned_after_a_race_and_every_kept_task_awaited_is_not_reported() => VerifyAsync("""
        class C(IoRing ring)
        {
            async Task<int> FirstThenAll(int[] fds, byte[] payload, int n)
            {
                var sends = new Task<int>[fds.Length];
                for (int i = 0; i < sends.Length; i++)
                {
                    sends[i] = ring.SendAsync(fds[i], payload.AsMemory(0, n)).AsTask();
                }

                Task<int> first = await Task.WhenAny(sends);
                try { await Task.WhenAll(sends); }
                finally { ArrayPool<byte>.Shared.Return(payload); }
                return await first;
            }

            async Task<int> FirstThenEach(int[] fds, byte[] payload)
            {
                var sends = new List<Task<int>>();
                foreach (int fd in fds)
                {
                    sends.Add(ring.SendAsync(fd, payload).AsTask());
                }

                int first = await await Task.WhenAny(sends);
                foreach (Task<int> send in sends)
                {
                    await send;
                }

                ArrayPool<byte>.Shared.Return(payload);
                return first;
            }
        }
        """);

    // Draining the collection as its tasks complete: leaving `while (sends.Count > 0)` it is empty, so every task was
    // taken out (each Remove ends it) or none was added; a drain that stops with one left is not that.
    [Fact]
    public Task Buffer_returned_after_a_drain_that_empties_the_collection_is_not_reported() => VerifyAsync("""
        class C(IoRing ring)
        {
            async Task<int> AsTheyComplete(int[] fds, byte[] payload)
            {
                var sends = new List<Task<int>>();
                foreach (int fd in fds)
                {
                    sends.Add(ring.SendAsync(fd, payload).AsTask());
                }

                int total = 0;
                while (sends.Count > 0)
                {
                    Task<int> done = await Task.WhenAny(sends);
                    sends.Remove(done);
                    total += await done;
                }

                ArrayPool<byte>.Shared.Return(payload);
                return total;
            }

            async Task<int> NothingStarted(int[] fds, byte[] page)
            {
                var reads = new List<Task<int>>();
                foreach (int fd in fds)
                {
                    if (fd >= 0) reads.Add(ring.ReadAsync(fd, page, 0).AsTask());
                }

                if (reads.Count == 0)
                {
                    ArrayPool<byte>.Shared.Return(page);
                    return 0;
                }

                int[] counts = await Task.WhenAll(reads);
                ArrayPool<byte>.Shared.Return(page);
                return counts.Sum();
            }
        }
        """);

    [Fact]
    public Task Buffer_touched_in_a_drain_before_the_collection_is_empty_is_reported() => VerifyAsync("""
        class C(IoRing ring)
        {
            async Task<int> StopsWithOneLeft(int[] fds, byte[] payload)
            {
                var sends = new List<Task<int>>();
                foreach (int fd in fds)
                {
                    sends.Add(ring.SendAsync(fd, payload).AsTask());
                }

                int total = 0;
                while (sends.Count > 1)
                {
                    Task<int> done = await Task.WhenAny(sends);
                    sends.Remove(done);
                    total += await done;
                }

                {|ASYS1005:ArrayPool<byte>.Shared.Return(payload)|};
                return total;
            }

            async Task<int> TouchedBeforeTheRemove(int[] fds, byte[] payload)
            {
                var sends = new List<Task<int>>();
                foreach (int fd in fds)
                {
                    sends.Add(ring.SendAsync(fd, payload).AsTask());
                }

                int total = 0;
                while (sends.Count != 0)
                {
                    Task<int> done = await Task.WhenAny(sends);
                    {|ASYS1005:payload[0] = 0|};
                    sends.Remove(done);
                    total += await done;
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task Buffer_returned_after_its_kept_task_is_awaited_is_not_reported() => VerifyAsync("""
        class C(IoRing ring)
        {
            private readonly Dictionary<int, ValueTask<int>> _pending = new();

            async Task<int> AwaitedFromTheDictionary(int fd, byte[] rented)
            {
                _pending[fd] = ring.SendAsync(fd, rented);
                int sent = 0;
                foreach ((int _, ValueTask<int> pending) in _pending)
                {
                    sent += await pending;
                }

                _pending.Clear();
                ArrayPool<byte>.Shared.Return(rented);
                return sent;
            }

            async Task<int> AwaitedByIndex(int fd, byte[] rented)
            {
                _pending[fd] = ring.SendAsync(fd, rented);
                int sent = await _pending[fd];
                ArrayPool<byte>.Shared.Return(rented);
                return sent;
            }

            async Task<int> AllOfAListAwaited(int fd, byte[] page)
            {
                var reads = new List<Task<int>>();
                reads.Add(ring.ReadAsync(fd, page, 0).AsTask());
                if (reads.Count > 4) Native.Log("many");
                int[] counts = await Task.WhenAll(reads);
                page.AsSpan().Clear();
                return counts[0];
            }

            async Task<int> AwaitedInAForLoop(int fd, int count, int size)
            {
                var buffers = new byte[count][];
                var reads = new ValueTask<int>[count];
                byte[] last = ArrayPool<byte>.Shared.Rent(size);
                for (int i = 0; i < count; i++)
                {
                    reads[i] = ring.ReadAsync(fd, last, i * (long)size);
                }

                int total = 0;
                for (int i = 0; i < count; i++)
                {
                    total += await reads[i];
                }

                ArrayPool<byte>.Shared.Return(last);
                return total;
            }
        }
        """);

    // Buffers and tasks paired in a named tuple or an array of tuples: the buffer read back from the tuple is the one
    // the operation was given, and a failure that leaves the awaits early reaches the release with reads still running.
    [Fact]
    public Task Buffer_paired_with_its_task_in_a_tuple_and_released_before_the_task_is_awaited_is_reported() => VerifyAsync("""
        class C(IoRing ring, int fd)
        {
            async Task Pump(ChannelWriter<byte[]> output, CancellationToken stopping)
            {
                while (true)
                {
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(1500);
                    (ValueTask<int> Receive, byte[] Buffer) pending = (ring.ReceiveAsync(fd, buffer), buffer);
                    try
                    {
                        await output.WaitToWriteAsync(stopping);
                    }
                    catch (OperationCanceledException)
                    {
                        {|ASYS1005:ArrayPool<byte>.Shared.Return(pending.Buffer)|};
                        throw;
                    }

                    int n = await pending.Receive;
                    await output.WriteAsync(pending.Buffer, stopping);
                }
            }

            async Task<int> Batch(int count, int pageSize)
            {
                var batch = new (byte[] Buffer, ValueTask<int> Read)[count];
                for (int i = 0; i < count; i++)
                {
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(pageSize);
                    batch[i] = (buffer, ring.ReadAsync(fd, buffer.AsMemory(0, pageSize), i * (long)pageSize));
                }

                int total = 0;
                try
                {
                    foreach (var (buffer, read) in batch)
                    {
                        total += await read;
                    }
                }
                finally
                {
                    foreach (var (buffer, _) in batch)
                    {
                        {|ASYS1005:ArrayPool<byte>.Shared.Return(buffer)|};
                    }
                }

                return total;
            }

            async Task<int> ByIndex(int pageSize)
            {
                var batch = new (byte[] Page, Task<int> Read)[2];
                byte[] first = ArrayPool<byte>.Shared.Rent(pageSize);
                batch[0] = (first, ring.ReadAsync(fd, first, 0).AsTask());
                {|ASYS1005:batch[0].Page[0] = 1|};
                return await batch[0].Read;
            }
        }
        """);

    [Fact]
    public Task Buffer_paired_with_its_task_in_a_tuple_released_after_every_task_is_awaited_is_not_reported() => VerifyAsync("""
        class C(IoRing ring, int fd)
        {
            async Task Pump(ChannelWriter<byte[]> output, CancellationTokenSource receiveCancel, CancellationToken stopping)
            {
                while (true)
                {
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(1500);
                    (ValueTask<int> Receive, byte[] Buffer) pending = (ring.ReceiveAsync(fd, buffer, MessageFlags.None, receiveCancel.Token), buffer);
                    try
                    {
                        await output.WaitToWriteAsync(stopping);
                    }
                    catch (OperationCanceledException)
                    {
                        receiveCancel.Cancel();
                        try { await pending.Receive; } catch (OperationCanceledException) { }
                        ArrayPool<byte>.Shared.Return(pending.Buffer);
                        throw;
                    }

                    int n = await pending.Receive;
                    await output.WriteAsync(pending.Buffer, stopping);
                }
            }

            async Task<int> FinallyAwaitsTheRest(int count, int pageSize)
            {
                var batch = new (byte[] Buffer, Task<int> Read)[count];
                for (int i = 0; i < count; i++)
                {
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(pageSize);
                    batch[i] = (buffer, ring.ReadAsync(fd, buffer.AsMemory(0, pageSize), i * (long)pageSize).AsTask());
                }

                int total = 0;
                try
                {
                    foreach (var (buffer, read) in batch)
                    {
                        total += await read;
                    }
                }
                finally
                {
                    try { await Task.WhenAll(batch.Select(b => b.Read)); } catch (Exception e) { Native.Log(e.Message); }
                    foreach (var (buffer, _) in batch)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }

                return total;
            }

            async Task<int> ReturnedAfterTheLoop(int count, int pageSize)
            {
                var batch = new (byte[] Buffer, ValueTask<int> Read)[count];
                for (int i = 0; i < count; i++)
                {
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(pageSize);
                    batch[i] = (buffer, ring.ReadAsync(fd, buffer, i * (long)pageSize));
                }

                int total = 0;
                foreach (var (buffer, read) in batch)
                {
                    total += await read;
                }

                foreach (var (buffer, _) in batch)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                return total;
            }

            async Task<int> OtherPageWritten(int pageSize, byte[] scratch)
            {
                var batch = new (byte[] Page, Task<int> Read)[1];
                byte[] first = ArrayPool<byte>.Shared.Rent(pageSize);
                batch[0] = (first, ring.ReadAsync(fd, first, 0).AsTask());
                scratch[0] = 1;
                int n = await batch[0].Read;
                batch[0].Page[0] = 1;
                return n;
            }
        }
        """);
}
