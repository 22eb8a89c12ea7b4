using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

public class BufferTouchedInFlightTests
{
    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<BufferTouchedInFlightAnalyzer>.VerifyAsync(TestSources.Native + code);

    [Fact]
    public Task Array_written_before_the_read_is_awaited_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(int fd)
            {
                byte[] buffer = new byte[4096];
                ValueTask<int> read = Native.ReadIntoAsync(fd, buffer, 0);
                {|ASYS1005:buffer[0] = 1|};
                return await read;
            }
        }
        """);

    // Round 55: a checksum over the block a read is still filling reads bytes that are not there yet.
    [Fact]
    public Task Buffer_read_through_a_span_while_a_read_fills_it_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<uint> M(IoRing ring, int fd)
            {
                byte[] block = new byte[4096];
                ValueTask<int> read = ring.ReadAsync(fd, block, 0);
                uint sum = {|ASYS1005:Sum(block.AsSpan(0, 4092))|};
                await read;
                return sum;
            }

            static uint Sum(ReadOnlySpan<byte> data)
            {
                uint s = 0;
                foreach (byte b in data) s += b;
                return s;
            }
        }
        """);

    // Round 55: reading a buffer a send only reads, another buffer than the one being filled, or a buffer of which the read was given a slice (which bytes the two share is not compared), is quiet.
    [Fact]
    public Task Buffer_read_while_only_sent_or_after_its_read_is_awaited_is_quiet() => VerifyAsync("""
        static class C
        {
            static async Task<uint> Sent(IoRing ring, int fd, byte[] frame)
            {
                ValueTask<int> send = ring.SendAsync(fd, frame, MessageFlags.None);
                uint sum = Sum(frame);
                await send;
                return sum;
            }

            static async Task<uint> Spare(IoRing ring, int fd)
            {
                byte[] block = new byte[64], spare = new byte[64];
                ValueTask<int> read = ring.ReadAsync(fd, spare, 0);
                uint sum = Sum(block);
                await read;
                return sum + Sum(spare);
            }

            static async Task<int> OtherHalf(IoRing ring, int fd, int half)
            {
                byte[] buffer = new byte[128];
                ValueTask<int> read = ring.ReadAsync(fd, buffer.AsMemory(half, 64), 0);
                int value = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(64 - half, 4));
                await read;
                return value;
            }

            static uint Sum(ReadOnlySpan<byte> data)
            {
                uint s = 0;
                foreach (byte b in data) s += b;
                return s;
            }
        }
        """);

    // Round 55: a writer that awaits the task its field holds before starting the next operation is called again while
    // the last call's operation runs; what it writes before that await is written in flight.
    [Fact]
    public Task Field_buffer_written_before_the_writer_awaits_its_previous_operation_is_reported() => VerifyAsync("""
        sealed class Wal(IoRing ring, int fd)
        {
            private readonly byte[] _record = new byte[64];
            private Task _previous = Task.CompletedTask;

            public async Task AppendAsync(long sequence)
            {
                {|ASYS1005:System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_record, sequence)|};
                await _previous;
                _previous = ring.WriteAsync(fd, _record.AsMemory(0, 8), 0).AsTask();
            }
        }
        """);

    [Fact]
    public Task Field_buffer_written_after_the_writer_awaits_its_previous_operation_is_quiet() => VerifyAsync("""
        sealed class Wal(IoRing ring, int fd)
        {
            private readonly byte[] _record = new byte[64];
            private Task _previous = Task.CompletedTask;

            public async Task AppendAsync(long sequence)
            {
                await _previous;
                System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_record, sequence);
                _previous = ring.WriteAsync(fd, _record.AsMemory(0, 8), 0).AsTask();
            }

        }

        sealed class Once(IoRing ring, int fd)
        {
            private readonly byte[] _record = new byte[64];
            private Task _previous = Task.CompletedTask;

            public async Task WriteOnceAsync(long sequence)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_record, sequence);
                _previous = ring.WriteAsync(fd, _record.AsMemory(0, 8), 0).AsTask();
                await _previous;
            }
        }
        """);

    // Round 55: a codec or transcoder answering with an OperationStatus throws only for the caller's bug; a finally after
    // it returns the buffer only once the send was awaited.
    [Fact]
    public Task Pool_return_in_finally_after_a_status_reporting_transcoder_is_quiet() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, int n)
            {
                byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(4096);
                byte[] text = System.Buffers.ArrayPool<byte>.Shared.Rent(8192);
                try
                {
                    ValueTask<int> send = ring.SendAsync(fd, buffer.AsMemory(0, n), MessageFlags.None);
                    System.Buffers.OperationStatus status = System.Buffers.Text.Base64.EncodeToUtf8(buffer.AsSpan(0, n), text, out _, out int written);
                    await send;
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(text);
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        """);

    // Round 54: the calls of a [Reentrant] grain interleave at their awaits; a field buffer is shared by the calls.
    [Fact]
    public Task Field_buffer_of_a_reentrant_grain_written_before_its_awaited_write_is_reported() => VerifyAsync("""
        [AttributeUsage(AttributeTargets.Class)] sealed class ReentrantAttribute : Attribute { }
        [AttributeUsage(AttributeTargets.Method)] sealed class AlwaysInterleaveAttribute : Attribute { }

        [Reentrant]
        sealed class LogGrain(IoRing ring, int fd)
        {
            private readonly byte[] _record = new byte[64];

            public async Task AppendAsync(long sequence)
            {
                {|ASYS1005:System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_record, sequence)|};
                await ring.WriteAsync(fd, _record.AsMemory(0, 8), 0);
            }
        }

        sealed class IndexGrain(IoRing ring, int fd)
        {
            private readonly byte[] _entry = new byte[64];

            [AlwaysInterleave]
            public async Task PutAsync(long key)
            {
                {|ASYS1005:System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_entry, key)|};
                await ring.WriteAsync(fd, _entry.AsMemory(0, 8), 0);
            }
        }
        """);

    [Fact]
    public Task Field_buffer_of_a_grain_that_is_not_reentrant_or_a_buffer_per_call_of_a_reentrant_one_is_quiet() => VerifyAsync("""
        [AttributeUsage(AttributeTargets.Class)] sealed class ReentrantAttribute : Attribute { }

        sealed class LogGrain(IoRing ring, int fd)
        {
            private readonly byte[] _record = new byte[64];

            public async Task AppendAsync(long sequence)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_record, sequence);
                await ring.WriteAsync(fd, _record.AsMemory(0, 8), 0);
            }
        }

        [Reentrant]
        sealed class CallGrain(IoRing ring, int fd)
        {
            public async Task AppendAsync(long sequence)
            {
                byte[] record = new byte[8];
                System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(record, sequence);
                await ring.WriteAsync(fd, record, 0);
            }
        }
        """);

    [Fact]
    public Task Segment_of_a_vectored_write_returned_to_the_pool_before_the_await_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, ReadOnlyMemory<byte> payload)
            {
                byte[] header = ArrayPool<byte>.Shared.Rent(16);
                var segments = new ReadOnlyMemory<byte>[] { header.AsMemory(0, 16), payload };
                ValueTask write = ring.WriteAsync(fd, segments, 0);
                {|ASYS1005:ArrayPool<byte>.Shared.Return(header)|};
                await write;
            }
        }
        """);

    [Fact]
    public Task Segment_of_a_vectored_read_in_a_list_written_before_the_await_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] body)
            {
                byte[] header = new byte[16];
                var segments = new System.Collections.Generic.List<Memory<byte>> { header, body };
                ValueTask<int> read = ring.ReadAsync(fd, segments, 0);
                {|ASYS1005:header[0] = 1|};
                return await read;
            }
        }
        """);

    // Scatter reads: the segments reach the operation however the list or array was filled, through a RingRequest
    // too, and a write through the list reaches the segment.
    [Fact]
    public Task Segments_of_a_scatter_read_filled_after_creation_or_submitted_as_a_request_and_touched_in_flight_are_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> Added(IoRing ring, int fd, byte[] body)
            {
                byte[] header = ArrayPool<byte>.Shared.Rent(16);
                var segments = new System.Collections.Generic.List<Memory<byte>>(2);
                segments.Add(header);
                segments.Add(body);
                ValueTask<int> read = ring.ReadAsync(fd, segments, 0);
                {|ASYS1005:ArrayPool<byte>.Shared.Return(header)|};
                return await read;
            }

            static async Task<int> Assigned(IoRing ring, int fd, byte[] body)
            {
                byte[] header = new byte[16];
                var segments = new Memory<byte>[2];
                segments[0] = header;
                segments[1] = body;
                ValueTask<int> read = ring.ReadAsync(fd, segments, 0);
                {|ASYS1005:header[0] = 1|};
                return await read;
            }

            static async Task<int> CollectionExpression(IoRing ring, int fd, byte[] body)
            {
                IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(16);
                Memory<byte>[] segments = [owner.Memory, body];
                ValueTask<int> read = ring.ReadAsync(fd, segments, 0);
                {|ASYS1005:owner.Dispose()|};
                return await read;
            }

            static async Task<int> Request(IoRing ring, int fd, byte[] body)
            {
                byte[] header = new byte[16];
                var segments = new Memory<byte>[] { header, body };
                RingRequest request = RingRequest.ReadV(fd, segments, 0);
                ValueTask<int> read = ring.SubmitAsync(request);
                {|ASYS1005:header[0] = 1|};
                return await read;
            }

            static async Task<int> ThroughTheList(IoRing ring, int fd, byte[] header, byte[] body)
            {
                var segments = new System.Collections.Generic.List<Memory<byte>> { header, body };
                ValueTask<int> read = ring.SubmitAsync(RingRequest.ReadV(fd, segments, 0));
                {|ASYS1005:segments[1].Span.Clear()|};
                return await read;
            }
        }
        """);

    [Fact]
    public Task Scatter_read_buffers_not_in_flight_or_only_read_are_not_reported() => VerifyAsync("""
        static class C
        {
            // Put in the list after the read started: not one of its segments.
            static async Task<int> AddedAfter(IoRing ring, int fd, byte[] body, byte[] trailer)
            {
                var segments = new System.Collections.Generic.List<Memory<byte>>();
                segments.Add(body);
                ValueTask<int> read = ring.ReadAsync(fd, segments, 0);
                segments.Add(trailer);
                trailer[0] = 1;
                return await read;
            }

            // Another buffer written, the segments only read.
            static async Task<int> OtherBuffer(IoRing ring, int fd, byte[] header, byte[] body, byte[] scratch)
            {
                var segments = new Memory<byte>[2];
                segments[0] = header;
                segments[1] = body;
                ValueTask<int> read = ring.ReadAsync(fd, segments, 0);
                scratch[0] = segments[0].Span[0];
                return await read;
            }

            // The request awaited before the touch.
            static async Task<int> Awaited(IoRing ring, int fd, byte[] body)
            {
                byte[] header = ArrayPool<byte>.Shared.Rent(16);
                var segments = new System.Collections.Generic.List<Memory<byte>> { header, body };
                RingRequest request = RingRequest.ReadV(fd, segments, 0);
                int n = await ring.SubmitAsync(request);
                ArrayPool<byte>.Shared.Return(header);
                return n;
            }
        }
        """);

    [Fact]
    public Task Segments_touched_only_after_the_await_are_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, ReadOnlyMemory<byte> payload)
            {
                byte[] header = ArrayPool<byte>.Shared.Rent(16);
                var segments = new ReadOnlyMemory<byte>[] { header.AsMemory(0, 16), payload };
                await ring.WriteAsync(fd, segments, 0);
                ArrayPool<byte>.Shared.Return(header);
            }
        }
        """);

    [Fact]
    public Task Pooled_array_returned_before_the_ring_read_is_awaited_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
                ValueTask<int> read = ring.ReadAsync(fd, buffer.AsMemory(0, 4096), 0);
                {|ASYS1005:ArrayPool<byte>.Shared.Return(buffer)|};
                return await read;
            }
        }
        """);

    [Fact]
    public Task Memory_owner_disposed_before_the_write_is_awaited_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd)
            {
                IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(4096);
                ValueTask<int> write = ring.WriteAtMostAsync(fd, owner.Memory, 0);
                {|ASYS1005:owner.Dispose()|};
                return await write;
            }
        }
        """);

    [Fact]
    public Task Span_of_memory_cleared_before_the_read_is_awaited_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, Memory<byte> memory)
            {
                ValueTask<int> read = ring.ReadAsync(fd, memory, 0);
                {|ASYS1005:memory.Span.Clear()|};
                return await read;
            }
        }
        """);

    [Fact]
    public Task Buffer_reused_after_the_await_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
                ValueTask<int> read = ring.ReadAsync(fd, buffer, 0);
                int n = await read;
                buffer[0] = 1;
                ArrayPool<byte>.Shared.Return(buffer);
                return n;
            }
        }
        """);

    [Fact]
    public Task Other_buffer_written_while_the_read_is_in_flight_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd)
            {
                byte[] buffer = new byte[16];
                byte[] other = new byte[16];
                ValueTask<int> read = ring.ReadAsync(fd, buffer, 0);
                other[0] = 1;
                return await read;
            }
        }
        """);

    [Fact]
    public Task Buffer_released_by_a_finally_while_the_task_is_returned_is_reported() => VerifyAsync("""
        static class C
        {
            static ValueTask<int> M(IoRing ring, int fd)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    return ring.ReadAsync(fd, rented, 0);
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(rented)|};
                }
            }
        }
        """);

    [Fact]
    public Task Memory_owner_disposed_by_a_using_declaration_while_the_task_is_returned_is_reported() => VerifyAsync("""
        static class C
        {
            static ValueTask<int> M(IoRing ring, int fd)
            {
                using IMemoryOwner<byte> {|ASYS1005:owner = MemoryPool<byte>.Shared.Rent(4096)|};
                return ring.ReadAsync(fd, owner.Memory, 0);
            }
        }
        """);

    // The task handed to a helper that gives back a task of its own: that task carries the operation, so returning it
    // (or keeping it in a local and returning that) leaves the operation in flight through this function's using and finally.
    [Fact]
    public Task Buffer_released_while_the_task_a_helper_made_of_the_operation_is_returned_is_reported() => VerifyAsync("""
        static class C
        {
            static ValueTask<int> Staged(IoRing ring, int fd, Memory<byte> destination)
            {
                using IMemoryOwner<byte> {|ASYS1005:staging = MemoryPool<byte>.Shared.Rent(4096)|};
                ValueTask<int> read = ring.ReadAsync(fd, staging.Memory, 0);
                return CopyOutAsync(read, staging.Memory, destination);
            }

            static Task<int> Pooled(IoRing ring, int fd)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    ValueTask<int> read = ring.ReadAsync(fd, rented, 0);
                    Task<int> counted = CountAsync(read);
                    return counted;
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(rented)|};
                }
            }

            static async ValueTask<int> CopyOutAsync(ValueTask<int> read, Memory<byte> staging, Memory<byte> destination)
            {
                int n = await read;
                staging.Span[..n].CopyTo(destination.Span);
                return n;
            }

            static async Task<int> CountAsync(ValueTask<int> read) => await read;
        }
        """);

    [Fact]
    public Task Buffer_released_after_the_task_a_helper_made_of_the_operation_is_awaited_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async ValueTask<int> Staged(IoRing ring, int fd, Memory<byte> destination)
            {
                using IMemoryOwner<byte> staging = MemoryPool<byte>.Shared.Rent(4096);
                ValueTask<int> read = ring.ReadAsync(fd, staging.Memory, 0);
                return await CopyOutAsync(read, staging.Memory, destination);
            }

            static async Task<int> Pooled(IoRing ring, int fd)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    ValueTask<int> read = ring.ReadAsync(fd, rented, 0);
                    Task<int> counted = CountAsync(read);
                    return await counted;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }

            // Handed to a helper that gives back no task: out of sight, as before.
            static void Handed(IoRing ring, int fd)
            {
                using IMemoryOwner<byte> staging = MemoryPool<byte>.Shared.Rent(4096);
                ValueTask<int> read = ring.ReadAsync(fd, staging.Memory, 0);
                Wait(read);
            }

            static async ValueTask<int> CopyOutAsync(ValueTask<int> read, Memory<byte> staging, Memory<byte> destination)
            {
                int n = await read;
                staging.Span[..n].CopyTo(destination.Span);
                return n;
            }

            static async Task<int> CountAsync(ValueTask<int> read) => await read;

            static void Wait(ValueTask<int> read) => read.AsTask().GetAwaiter().GetResult();
        }
        """);

    // Made into a Task (or preserved) right where it is returned, the operation leaves with the caller all the same:
    // the using's Dispose and the finally run while the kernel still writes the buffer.
    [Fact]
    public Task Buffer_released_while_the_task_is_returned_through_AsTask_or_Preserve_is_reported() => VerifyAsync("""
        static class C
        {
            static Task<int> Disposed(IoRing ring, int fd)
            {
                using IMemoryOwner<byte> {|ASYS1005:owner = MemoryPool<byte>.Shared.Rent(4096)|};
                return ring.ReadAsync(fd, owner.Memory, 0).AsTask();
            }

            static ValueTask<int> Returned(IoRing ring, int fd)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    return ring.ReadAsync(fd, rented, 0).Preserve();
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(rented)|};
                }
            }
        }
        """);

    // The nearest correct shapes: awaited inside the using, or returned with a buffer the caller owns.
    [Fact]
    public Task Task_returned_through_AsTask_with_the_buffer_released_after_the_await_or_not_at_all_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> Awaited(IoRing ring, int fd)
            {
                using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(4096);
                return await ring.ReadAsync(fd, owner.Memory, 0).AsTask();
            }

            static Task<int> Handed(IoRing ring, int fd, byte[] buffer) => ring.ReadAsync(fd, buffer, 0).AsTask();

            static Task<int> Written(IoRing ring, int fd, byte[] buffer)
            {
                Task<int> read = ring.ReadAsync(fd, buffer, 0).AsTask();
                return read;
            }
        }
        """);

    [Fact]
    public Task Buffer_written_as_a_copy_destination_or_span_argument_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[] buffer, byte[] header)
            {
                Memory<byte> view = buffer.AsMemory(0, 512);
                ValueTask<int> write = ring.WriteAtMostAsync(fd, view, 0);
                {|ASYS1005:header.CopyTo(buffer, 0)|};
                {|ASYS1005:System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(view.Span, 7)|};
                await write;
                header.CopyTo(buffer, 0);
            }
        }
        """);

    [Fact]
    public Task Buffer_written_on_the_next_iteration_while_the_last_write_is_in_flight_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[] buffer)
            {
                ValueTask<int> pending = default;
                for (int i = 0; i < 4; i++)
                {
                    {|ASYS1005:buffer[0] = (byte)i|};
                    pending = ring.WriteAtMostAsync(fd, buffer, i * 4096L);
                }

                await pending;
            }
        }
        """);

    // A local declared in the loop's body and made there is a new variable holding a new buffer each pass: written before
    // the pass starts its own send, it is not the buffer the previous pass's send (discarded, or kept in a list awaited
    // after the loop) still reads. An ack per datagram, a pooled copy per client.
    [Fact]
    public Task Buffer_made_in_the_loop_body_and_written_before_its_own_start_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[] frame, int[] clients)
            {
                for (int i = 0; i < clients.Length; i++)
                {
                    byte[] ack = new byte[3];
                    ack[0] = (byte)i;
                    ring.SendAsync(fd, ack, MessageFlags.None);
                }

                var sends = new System.Collections.Generic.List<Task<int>>();
                var copies = new System.Collections.Generic.List<byte[]>();
                foreach (int client in clients)
                {
                    byte[] copy = ArrayPool<byte>.Shared.Rent(64);
                    copies.Add(copy);
                    frame.AsSpan(0, 64).CopyTo(copy);
                    copy[0] = (byte)client;
                    sends.Add(ring.SendAsync(client, copy.AsMemory(0, 64), MessageFlags.None).AsTask());
                }

                await Task.WhenAll(sends);
                foreach (byte[] copy in copies)
                {
                    ArrayPool<byte>.Shared.Return(copy);
                }
            }
        }
        """);

    // A lease of this compilation made in the loop's body (its constructor rents) is a new buffer each pass too: framing
    // into it before the pass's own send is not a write of the lease the previous pass's send still reads. The leases are
    // given back only after every send ended.
    [Fact]
    public Task Lease_made_in_the_loop_body_and_written_before_its_own_start_is_not_reported() => VerifyAsync("""
        sealed class Frame : IDisposable
        {
            private byte[]? _array;
            public Frame(int size) => _array = ArrayPool<byte>.Shared.Rent(size);
            public Memory<byte> Memory => _array;
            public void Dispose()
            {
                if (_array is { } array) { _array = null; ArrayPool<byte>.Shared.Return(array); }
            }
        }

        static class C
        {
            static async Task M(IoRing ring, int fd, int[] tags)
            {
                var sends = new Task<int>[tags.Length];
                var frames = new Frame[tags.Length];
                for (int i = 0; i < tags.Length; i++)
                {
                    var frame = new Frame(8);
                    frames[i] = frame;
                    System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.Memory.Span, tags[i]);
                    frame.Memory.Span[4] = 1;
                    sends[i] = ring.SendAsync(fd, frame.Memory[..8], MessageFlags.None).AsTask();
                }

                await Task.WhenAll(sends);
                foreach (Frame frame in frames)
                {
                    frame.Dispose();
                }
            }
        }
        """);

    // The nearest shapes that stay reported: a lease made in the pass over a buffer it is given (it may wrap the one in
    // flight), and a lease declared with `using` in the pass, whose Dispose gives it back while its send still reads it.
    [Fact]
    public Task Lease_of_the_loop_body_over_a_given_buffer_or_released_in_the_pass_is_still_reported() => VerifyAsync("""
        sealed class Frame : IDisposable
        {
            private byte[]? _array;
            public Frame(int size) => _array = ArrayPool<byte>.Shared.Rent(size);
            public Frame(byte[] array) => _array = array;
            public Memory<byte> Memory => _array;
            public void Dispose()
            {
                if (_array is { } array) { _array = null; ArrayPool<byte>.Shared.Return(array); }
            }
        }

        static class C
        {
            static async Task M(IoRing ring, int fd, int[] tags, byte[] shared)
            {
                var sends = new Task<int>[tags.Length];
                for (int i = 0; i < tags.Length; i++)
                {
                    var frame = new Frame(shared);
                    {|ASYS1005:frame.Memory.Span[4] = 1|};
                    sends[i] = ring.SendAsync(fd, frame.Memory[..8], MessageFlags.None).AsTask();
                }

                await Task.WhenAll(sends);
                for (int i = 0; i < tags.Length; i++)
                {
                    using var {|ASYS1005:frame = new Frame(8)|};
                    sends[i] = ring.SendAsync(fd, frame.Memory[..8], MessageFlags.None).AsTask();
                }

                await Task.WhenAll(sends);
            }
        }
        """);

    // The nearest shapes that are the buffer in flight: a local of the loop's body given an existing buffer (double
    // buffering), or assigned again; a write in a loop nested in the pass (its previous iteration sent this pass's
    // buffer); a write after the pass's own start; the dispose of a using declaration at the end of the pass.
    [Fact]
    public Task Buffer_local_of_the_loop_body_that_may_be_the_one_in_flight_is_still_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[][] frames, int count)
            {
                var sends = new System.Collections.Generic.List<Task<int>>();
                for (int i = 0; i < count; i++)
                {
                    byte[] frame = frames[i % 2];
                    {|ASYS1005:frame[0] = (byte)i|};
                    sends.Add(ring.SendAsync(fd, frame, MessageFlags.None).AsTask());
                }

                for (int i = 0; i < count; i++)
                {
                    byte[] header = new byte[8];
                    if (i > 2)
                    {
                        header = frames[0];
                    }

                    {|ASYS1005:header[1] = 1|};
                    sends.Add(ring.SendAsync(fd, header, MessageFlags.None).AsTask());
                }

                for (int i = 0; i < count; i++)
                {
                    byte[] ack = new byte[3];
                    for (int j = 0; j < 2; j++)
                    {
                        {|ASYS1005:ack[0] = (byte)j|};
                        sends.Add(ring.SendAsync(fd, ack, MessageFlags.None).AsTask());
                    }
                }

                for (int i = 0; i < count; i++)
                {
                    byte[] probe = new byte[3];
                    sends.Add(ring.SendAsync(fd, probe, MessageFlags.None).AsTask());
                    {|ASYS1005:probe[0] = (byte)i|};
                }

                for (int i = 0; i < count; i++)
                {
                    using IMemoryOwner<byte> {|ASYS1005:owner = MemoryPool<byte>.Shared.Rent(64)|};
                    sends.Add(ring.SendAsync(fd, owner.Memory, MessageFlags.None).AsTask());
                }

                await Task.WhenAll(sends);
            }
        }
        """);

    [Fact]
    public Task Buffer_touched_only_after_the_await_on_every_path_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] buffer, bool fast)
            {
                ValueTask<int> read = ring.ReadAsync(fd, buffer, 0);
                if (fast)
                {
                    int quick = await read;
                    buffer[0] = 1;
                    return quick;
                }

                int n = await read;
                Array.Clear(buffer);
                var fresh = new Memory<byte>(new byte[16]);
                fresh.Span.Fill(0);
                return n;
            }
        }
        """);

    [Fact]
    public Task Buffer_released_while_the_read_raced_against_a_timeout_is_still_in_flight_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> RaceAsync(IoRing ring, int fd, TimeSpan timeout)
            {
                using IMemoryOwner<byte> {|ASYS1005:owner = MemoryPool<byte>.Shared.Rent(4096)|};
                ValueTask<int> read = ring.ReadAsync(fd, owner.Memory, 0);
                Task<int> readTask = read.AsTask();
                if (await Task.WhenAny(readTask, Task.Delay(timeout)) != readTask)
                {
                    throw new TimeoutException();
                }

                return await readTask;
            }

            static async Task<int> RaceWithTokenAsync(IoRing ring, int fd, TimeSpan timeout, CancellationToken ct)
            {
                using IMemoryOwner<byte> {|ASYS1005:owner = MemoryPool<byte>.Shared.Rent(4096)|};
                Task<int> readTask = ring.ReadAsync(fd, owner.Memory, 0, ct).AsTask();
                if (await Task.WhenAny(readTask, Task.Delay(timeout, ct)) != readTask)
                {
                    throw new TimeoutException();
                }

                return await readTask;
            }

            static async Task<int> WaitAsync(IoRing ring, int fd, TimeSpan timeout)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    Task<int> readTask = ring.ReadAsync(fd, rented, 0).AsTask();
                    return await readTask.WaitAsync(timeout);
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(rented)|};
                }
            }
        }
        """);

    [Fact]
    public Task Read_raced_against_a_delay_with_a_token_and_awaited_after_cancelling_is_not_reported() => VerifyAsync("""
        static class C
        {
            // Task.Delay(timeout, token) throws only for an invalid timeout, like Task.Delay(timeout): no way out between
            // the start and the awaits, so the owner goes back only after the read has ended.
            static async Task<byte> FirstByteAsync(IoRing ring, int fd, TimeSpan timeout, CancellationToken ct)
            {
                using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(4096);
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
                Task<int> read = ring.ReadAsync(fd, owner.Memory, 0, cancel.Token).AsTask();
                if (await Task.WhenAny(read, Task.Delay(timeout, ct)) != read)
                {
                    cancel.Cancel();
                    try
                    {
                        await read;
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    throw new TimeoutException();
                }

                return await read > 0 ? owner.Memory.Span[0] : (byte)0;
            }
        }
        """);

    // IoRing.CancelAll()/CancelByFd/CancelByTag throw only for a disposed ring or an invalid argument, like
    // CancellationTokenSource.Cancel(): cancelling, then awaiting the read, keeps the finally from seeing it in flight.
    [Fact]
    public Task Read_cancelled_through_the_ring_and_awaited_before_the_finally_returns_its_buffer_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> ReadOrStopAsync(IoRing ring, int fd, bool stop, CancellationToken ct)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    ValueTask<int> read = ring.ReadAsync(fd, buffer, 0, ct);
                    if (stop)
                    {
                        ring.CancelByFd(fd);
                        ring.CancelAll();
                        try
                        {
                            await read;
                        }
                        catch (OperationCanceledException)
                        {
                        }

                        return 0;
                    }

                    return await read;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        """);

    // A cancelled operation keeps its buffer until its completion arrives: returning it right after CancelAll, before
    // the await, is still reported.
    [Fact]
    public Task Buffer_returned_after_cancelling_through_the_ring_but_before_the_await_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> StopAsync(IoRing ring, int fd, CancellationToken ct)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
                ValueTask<int> read = ring.ReadAsync(fd, buffer, 0, ct);
                ring.CancelAll();
                {|ASYS1005:ArrayPool<byte>.Shared.Return(buffer)|};
                try
                {
                    return await read;
                }
                catch (OperationCanceledException)
                {
                    return 0;
                }
            }
        }
        """);

    [Fact]
    public Task Read_raced_against_a_delay_with_a_token_and_left_running_on_timeout_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<byte> FirstByteAsync(IoRing ring, int fd, TimeSpan timeout, CancellationToken ct)
            {
                using IMemoryOwner<byte> {|ASYS1005:owner = MemoryPool<byte>.Shared.Rent(4096)|};
                Task<int> read = ring.ReadAsync(fd, owner.Memory, 0, ct).AsTask();
                if (await Task.WhenAny(read, Task.Delay(timeout, ct)) != read)
                {
                    throw new TimeoutException();
                }

                return await read > 0 ? owner.Memory.Span[0] : (byte)0;
            }
        }
        """);

    [Fact]
    public Task Read_turned_into_a_task_and_awaited_before_the_buffer_is_released_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> AwaitedAsync(IoRing ring, int fd)
            {
                using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(4096);
                ValueTask<int> read = ring.ReadAsync(fd, owner.Memory, 0);
                Task<int> readTask = read.AsTask();
                return await readTask;
            }

            // The loser is cancelled and awaited before the owner goes back to the pool.
            static async Task<int> RaceAsync(IoRing ring, int fd, TimeSpan timeout)
            {
                using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(4096);
                using var cancel = new CancellationTokenSource();
                Task<int> readTask = ring.ReadAsync(fd, owner.Memory, 0, cancel.Token).AsTask();
                Task winner = await Task.WhenAny(readTask, Task.Delay(timeout));
                if (winner != readTask)
                {
                    cancel.Cancel();
                    try
                    {
                        await readTask;
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    throw new TimeoutException();
                }

                return await readTask;
            }

            // The delay also ends when the caller cancels: that makes it the winner, it throws nothing on the way to the await.
            static async Task<int> RaceWithTokenAsync(IoRing ring, int fd, TimeSpan timeout, CancellationToken ct)
            {
                using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(4096);
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
                Task<int> readTask = ring.ReadAsync(fd, owner.Memory, 0, cancel.Token).AsTask();
                if (await Task.WhenAny(readTask, Task.Delay(timeout, ct)) != readTask)
                {
                    cancel.Cancel();
                    try
                    {
                        await readTask;
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    throw new TimeoutException();
                }

                return await readTask;
            }

            // Touched only where the wait returned, so where the read has completed.
            static async Task<int> WaitAsync(IoRing ring, int fd, byte[] buffer, TimeSpan timeout)
            {
                Task<int> readTask = ring.ReadAsync(fd, buffer, 0).AsTask();
                int n = await readTask.WaitAsync(timeout).ConfigureAwait(false);
                buffer[0] = 0;
                return n;
            }

            static async Task<int> BothAsync(IoRing ring, int fd)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(8192);
                try
                {
                    Task<int> first = ring.ReadAsync(fd, rented.AsMemory(0, 4096), 0).AsTask();
                    Task<int> second = ring.ReadAsync(fd, rented.AsMemory(4096, 4096), 4096).AsTask();
                    int[] counts = await Task.WhenAll(first, second);
                    return counts[0] + counts[1];
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
        """);

    [Fact]
    public Task Buffer_returned_when_a_race_against_a_timeout_is_lost_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, TimeSpan timeout)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(4096);
                Task<int> read = ring.ReadAsync(fd, rented.AsMemory(0, 4096), 0).AsTask();
                Task finished = await Task.WhenAny(read, Task.Delay(timeout)).ConfigureAwait(false);
                if (finished != read)
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(rented)|};
                    throw new TimeoutException();
                }

                int n = await read;
                ArrayPool<byte>.Shared.Return(rented);
                return n;
            }
        }
        """);

    [Fact]
    public Task Calls_that_cannot_throw_between_the_start_and_the_await_do_not_reach_the_finally() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    ValueTask<int> read = ring.ReadAsync(fd, rented.AsMemory(0, 4096), 0);
                    Task<int> asTask = read.AsTask();
                    return await asTask.ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }

            static async Task<bool> SameAsync(IoRing ring, int left, int right, int length)
            {
                byte[] a = ArrayPool<byte>.Shared.Rent(length);
                byte[] b = ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    Task<int> readA = ring.ReadAsync(left, a.AsMemory(0, length), 0).AsTask();
                    Task<int> readB = ring.ReadAsync(right, b.AsMemory(0, length), 0).AsTask();
                    int[] counts = await Task.WhenAll(readA, readB);
                    return counts[0] == counts[1] && a.AsSpan(0, counts[0]).SequenceEqual(b.AsSpan(0, counts[1]));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(a);
                    ArrayPool<byte>.Shared.Return(b);
                }
            }
        }
        """);

    [Fact]
    public Task A_completed_task_made_for_the_arm_without_an_operation_does_not_reach_the_finally() => VerifyAsync("""
        static class C
        {
            static async Task<int> Made(IoRing ring, int fd, int pipe, long size)
            {
                byte[] current = ArrayPool<byte>.Shared.Rent(4096);
                byte[] spare = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    ValueTask write = ring.WriteAsync(pipe, current.AsMemory(0, 4096), -1);
                    ValueTask<int> next = size > 4096 ? ring.ReadAsync(fd, spare, 4096) : new ValueTask<int>(0);
                    await write;
                    return await next;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(current);
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(spare)|};
                }
            }

            static async Task<int> FromResult(IoRing ring, int fd, int pipe, long size)
            {
                byte[] current = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    ValueTask write = ring.WriteAsync(pipe, current.AsMemory(0, 4096), -1);
                    Task<int> more = size > 4096 ? Task.FromResult(1) : Task.FromResult(0);
                    ValueTask<int> done = ValueTask.FromResult(0);
                    await write;
                    return await more + await done;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(current);
                }
            }
        }
        """);

    [Fact]
    public Task A_task_made_by_a_call_that_may_throw_for_the_arm_without_an_operation_reaches_the_finally() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, int pipe, long size)
            {
                byte[] current = ArrayPool<byte>.Shared.Rent(4096);
                byte[] spare = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    ValueTask write = ring.WriteAsync(pipe, current.AsMemory(0, 4096), -1);
                    ValueTask<int> next = size > 4096 ? ring.ReadAsync(fd, spare, 4096) : Fallback(size);
                    await write;
                    return await next;
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(current)|};
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(spare)|};
                }
            }

            static ValueTask<int> Fallback(long size) => size < 0 ? throw new ArgumentOutOfRangeException(nameof(size)) : new ValueTask<int>(0);
        }
        """);

    // A second name for the block taken before the write starts (round 44's WAL appender): one array, so stamping the
    // next header through it while the write reads the block is a touch.
    [Fact]
    public Task Write_through_a_copy_of_the_buffer_local_taken_before_the_start_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, ulong sequence)
            {
                byte[] block = ArrayPool<byte>.Shared.Rent(4096);
                byte[] record = block;
                ValueTask<int> write = ring.WriteAtMostAsync(fd, block.AsMemory(0, 64), 0);
                {|ASYS1005:System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(0, 8), sequence)|};
                return await write;
            }
        }
        """);

    // The nearest correct shapes: the copy written after the await, a copy of another array, and a local that is given
    // the block once and another array later (which array it names is a value: left to the order of the statements).
    [Fact]
    public Task Copy_of_the_buffer_written_after_the_await_or_copy_of_another_array_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, ulong sequence, byte[] spare)
            {
                byte[] block = ArrayPool<byte>.Shared.Rent(4096);
                byte[] record = block;
                byte[] other = spare;
                byte[] swapped = block;
                swapped = spare;
                ValueTask<int> write = ring.WriteAtMostAsync(fd, block.AsMemory(0, 64), 0);
                other[0] = 1;
                swapped[0] = 1;
                int n = await write;
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(0, 8), sequence);
                return n;
            }
        }
        """);

    // An IMemoryOwner handed to a helper of this compilation that disposes it (round 44's page cache): the memory goes
    // back to the pool while the read fills it.
    [Fact]
    public Task Memory_owner_disposed_by_a_helper_while_its_read_runs_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<byte[]> M(IoRing ring, int fd)
            {
                IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(8192);
                ValueTask<int> read = ring.ReadAsync(fd, owner.Memory[..8192], 0);
                {|ASYS1005:Release(owner)|};
                int n = await read;
                return owner.Memory[..n].ToArray();
            }

            static void Release(IMemoryOwner<byte> lease) => lease.Dispose();
        }
        """);

    // The nearest correct shapes: released after the await, and a helper that only reads the owner's memory.
    [Fact]
    public Task Memory_owner_given_to_a_helper_that_only_reads_it_or_released_after_the_await_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd)
            {
                IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(8192);
                ValueTask<int> read = ring.ReadAsync(fd, owner.Memory[..8192], 0);
                int length = LengthOf(owner);
                int n = await read;
                Release(owner);
                return n + length;
            }

            static int LengthOf(IMemoryOwner<byte> lease) => lease.Memory.Length;

            static void Release(IMemoryOwner<byte> lease) => lease.Dispose();
        }
        """);

    // A struct over a Memory<byte> copied into a second local (round 44's segment writer): the copy's get-only property
    // is the same memory, so clearing it while the original's write runs is a touch.
    [Fact]
    public Task Buffer_property_of_a_copy_of_the_struct_written_while_in_flight_is_reported() => VerifyAsync("""
        readonly struct Frame
        {
            public Frame(Memory<byte> bytes) => Bytes = bytes;
            public Memory<byte> Bytes { get; }
        }

        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] staging)
            {
                Frame frame = new Frame(staging.AsMemory(0, 64));
                Frame recycled = frame;
                ValueTask<int> write = ring.WriteAtMostAsync(fd, frame.Bytes, 0);
                {|ASYS1005:recycled.Bytes.Span.Clear()|};
                return await write;
            }
        }
        """);

    // The nearest correct shapes: the copy cleared after the await, another frame's memory, and a copy given another
    // frame later (which one it holds is a value).
    [Fact]
    public Task Buffer_property_of_another_struct_or_of_a_copy_after_the_await_is_not_reported() => VerifyAsync("""
        readonly struct Frame
        {
            public Frame(Memory<byte> bytes) => Bytes = bytes;
            public Memory<byte> Bytes { get; }
        }

        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] staging, byte[] spare)
            {
                Frame frame = new Frame(staging.AsMemory(0, 64));
                Frame recycled = frame;
                Frame next = new Frame(spare);
                ValueTask<int> write = ring.WriteAtMostAsync(fd, frame.Bytes, 0);
                next.Bytes.Span.Clear();
                int n = await write;
                recycled.Bytes.Span.Clear();
                return n;
            }
        }
        """);

    // A write started by a void local function that stores its task in a captured local, awaited by another local function
    // (round 44's checkpointer): the block returned between the two is returned while the write reads it.
    [Fact]
    public Task Buffer_returned_between_a_local_function_that_starts_the_write_and_one_that_awaits_it_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, int length)
            {
                byte[] block = ArrayPool<byte>.Shared.Rent(length);
                ValueTask<int> pending = default;
                Start();
                {|ASYS1005:ArrayPool<byte>.Shared.Return(block)|};
                return await Finish();

                void Start() => pending = ring.WriteAtMostAsync(fd, block.AsMemory(0, length), 0);

                async ValueTask<int> Finish() => await pending;
            }
        }
        """);

    // The nearest correct shape: returned after the awaiting local function's task is awaited.
    [Fact]
    public Task Buffer_returned_after_the_local_function_that_awaits_the_write_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, int length)
            {
                byte[] block = ArrayPool<byte>.Shared.Rent(length);
                ValueTask<int> pending = default;
                Start();
                int written = await Finish();
                ArrayPool<byte>.Shared.Return(block);
                return written;

                void Start() => pending = ring.WriteAtMostAsync(fd, block.AsMemory(0, length), 0);

                async ValueTask<int> Finish() => await pending;
            }
        }
        """);

    // Nothing written between the start and the await can throw: atomic counters, a timestamp, a reinterpreting view
    // between number types that widens, element writes of another array, a BinaryPrimitives write into a slice long
    // enough (round 44), arithmetic without `checked` or a divisor that may be zero. No exception leaves the try with the
    // read in flight, so the finally returns the page only after the await (round 42: the pool return was reported
    // because of the MemoryMarshal.Cast call).
    [Fact]
    public Task Code_that_cannot_throw_between_the_start_and_the_await_does_not_reach_the_finally() => VerifyAsync("""
        static class C
        {
            static long s_reads, s_lastOffset;

            static async Task<double> ScaleAsync(IoRing ring, int fd, byte[] tile, float factor)
            {
                byte[] page = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    ValueTask<int> read = ring.ReadAsync(fd, page, 0);
                    Interlocked.Increment(ref s_reads);
                    Volatile.Write(ref s_lastOffset, 0);
                    long started = System.Diagnostics.Stopwatch.GetTimestamp();
                    Span<float> values = MemoryMarshal.Cast<byte, float>(tile.AsSpan(0, Math.Min(tile.Length, 1024)));
                    double sum = 0;
                    for (int i = 0; i < values.Length; i++)
                    {
                        values[i] *= factor;
                        sum += values[i] / 2;
                    }

                    int half = values.Length / 2;
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(tile.AsSpan(0, 8), (ulong)s_reads);
                    int n = await read.ConfigureAwait(false);
                    return sum + n + half + System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(page);
                }
            }
        }
        """);

    // The nearest shapes that may throw between the start and the await stay reported: a method of this compilation
    // (its body is not looked at), an integer division by a count that may be zero, `checked` arithmetic, and a
    // MemoryMarshal.Cast that narrows (its length may overflow). Each reaches the finally with the read in flight.
    [Fact]
    public Task Code_that_may_throw_between_the_start_and_the_await_reaches_the_finally() => VerifyAsync("""
        static class C
        {
            static uint Sum(ReadOnlySpan<byte> data)
            {
                uint sum = 0;
                foreach (byte b in data) sum += b;
                return sum;
            }

            static async Task<long> HelperAsync(IoRing ring, int fd, byte[] other)
            {
                byte[] page = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    ValueTask<int> read = ring.ReadAsync(fd, page, 0);
                    uint sum = Sum(other);
                    return sum + await read;
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(page)|};
                }
            }

            static async Task<long> DivisionAsync(IoRing ring, int fd, long total, int count)
            {
                byte[] page = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    ValueTask<int> read = ring.ReadAsync(fd, page, 0);
                    long mean = total / count;
                    return mean + await read;
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(page)|};
                }
            }

            static async Task<long> CheckedAsync(IoRing ring, int fd, int total, int more)
            {
                byte[] page = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    ValueTask<int> read = ring.ReadAsync(fd, page, 0);
                    int next = checked(total + more);
                    return next + await read;
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(page)|};
                }
            }

            static async Task<long> NarrowingAsync(IoRing ring, int fd, float[] values)
            {
                byte[] page = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    ValueTask<int> read = ring.ReadAsync(fd, page, 0);
                    Span<byte> bytes = MemoryMarshal.Cast<float, byte>(values.AsSpan());
                    return bytes.Length + await read;
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(page)|};
                }
            }
        }
        """);

    // A TimeSpan factory throws only for a value out of range (the caller's bug, like Task.Delay's invalid timeout): the
    // delay of a race written with TimeSpan.FromSeconds leaves no way out between the start and the awaits. Parsing a
    // setting throws for the data, and still reaches the finally.
    [Fact]
    public Task A_time_span_factory_between_the_start_and_the_await_does_not_reach_the_finally() => VerifyAsync("""
        static class C
        {
            static async Task<int> RaceAsync(IoRing ring, int fd)
            {
                byte[] page = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    using var cts = new CancellationTokenSource();
                    Task<int> read = ring.ReadAsync(fd, page, 0, cts.Token).AsTask();
                    if (await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(2))) != read)
                    {
                        cts.Cancel();
                        try
                        {
                            await read;
                        }
                        catch (OperationCanceledException)
                        {
                        }

                        return -1;
                    }

                    return await read;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(page);
                }
            }

            static async Task<int> ParsedAsync(IoRing ring, int fd, string setting)
            {
                byte[] page = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    Task<int> read = ring.ReadAsync(fd, page, 0).AsTask();
                    if (await Task.WhenAny(read, Task.Delay(TimeSpan.Parse(setting))) != read)
                    {
                        await read;
                        return -1;
                    }

                    return await read;
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(page)|};
                }
            }
        }
        """);

    [Fact]
    public Task A_call_that_may_throw_between_the_start_and_the_await_reaches_the_finally() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    Task<int> read = ring.ReadAsync(fd, rented.AsMemory(0, 4096), 0).AsTask();
                    Console.WriteLine("reading");
                    return await read;
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(rented)|};
                }
            }
        }
        """);

    [Fact]
    public Task Element_written_by_an_index_from_the_end_or_a_range_while_the_send_is_in_flight_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, Memory<byte> frame, byte[] raw)
            {
                ValueTask<int> send = ring.SendAsync(fd, frame);
                {|ASYS1005:frame.Span[^1] = 7|};
                {|ASYS1005:frame.Span[..4].Fill(0)|};
                {|ASYS1005:frame[2..].Span.Clear()|};
                ValueTask<int> other = ring.SendAsync(fd, raw);
                {|ASYS1005:raw[^1] = 1|};
                return await send + await other;
            }
        }
        """);

    // Another operation the kernel fills (a receive, a read into the Memory<T>) overwrites what the send still reads.
    [Fact]
    public Task Receive_into_the_buffer_being_sent_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int from, int to, byte[] buffer, int n)
            {
                ValueTask<int> send = ring.SendAsync(to, buffer.AsMemory(0, n));
                int next = await {|ASYS1005:ring.ReceiveAsync(from, buffer)|};
                await send;
                return next;
            }

            static async Task<int> Twice(IoRing ring, int fd, Memory<byte> block)
            {
                ValueTask<int> first = ring.ReadAsync(fd, block, 0);
                ValueTask<int> second = {|ASYS1005:ring.ReadAsync(fd, block, 4096)|};
                return await first + await second;
            }
        }
        """);

    // A second send only reads the buffer; a receive into another buffer, or after the send is awaited, is not a touch.
    [Fact]
    public Task Second_send_of_the_same_buffer_or_receive_into_another_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int to, int mirror, byte[] buffer, int n)
            {
                ValueTask<int> send = ring.SendAsync(to, buffer.AsMemory(0, n));
                int copied = await ring.SendAsync(mirror, buffer.AsMemory(0, n));
                return await send + copied;
            }

            static async Task<int> Other(IoRing ring, int from, int to, byte[] sending, byte[] receiving, int n)
            {
                ValueTask<int> send = ring.SendAsync(to, sending.AsMemory(0, n));
                int next = await ring.ReceiveAsync(from, receiving);
                await send;
                next += await ring.ReceiveAsync(from, sending);
                return next;
            }
        }
        """);

    [Fact]
    public Task Index_from_the_end_written_after_the_await_or_into_a_copy_of_a_range_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, Memory<byte> frame, byte[] raw)
            {
                ValueTask<int> send = ring.SendAsync(fd, raw);
                byte[] head = raw[..4];
                head[^1] = 1;
                int n = await send;
                frame.Span[^1] = 7;
                return n;
            }
        }
        """);

    [Fact]
    public Task Using_owner_whose_memory_a_switch_picked_read_gets_and_whose_task_is_returned_is_reported() => VerifyAsync("""
        class C
        {
            readonly IoRing _ring;

            C(IoRing ring) => _ring = ring;

            ValueTask<int> Fill(int fd, bool socket, long offset)
            {
                using IMemoryOwner<byte> {|ASYS1005:owner = MemoryPool<byte>.Shared.Rent(8192)|};
                ValueTask<int> op = socket switch
                {
                    true => _ring.ReceiveAsync(fd, owner.Memory),
                    false => _ring.ReadAsync(fd, owner.Memory, offset),
                };
                return op;
            }

            ValueTask<int> Rented(int fd, long offset)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(8192);
                try
                {
                    ValueTask<int> op = _ring.ReadAsync(fd, rented, offset);
                    return op;
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(rented)|};
                }
            }
        }
        """);

    [Fact]
    public Task Using_owner_whose_switch_picked_read_is_awaited_before_the_scope_ends_is_not_reported() => VerifyAsync("""
        class C
        {
            readonly IoRing _ring;

            C(IoRing ring) => _ring = ring;

            async ValueTask<int> Fill(int fd, bool socket, long offset)
            {
                using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(8192);
                ValueTask<int> op = socket switch
                {
                    true => _ring.ReceiveAsync(fd, owner.Memory),
                    false => _ring.ReadAsync(fd, owner.Memory, offset),
                };
                return await op;
            }

            ValueTask<int> Owned(int fd, Memory<byte> memory, long offset)
            {
                ValueTask<int> op = _ring.ReadAsync(fd, memory, offset);
                return op;
            }
        }
        """);

    [Fact]
    public Task Buffer_in_flight_given_to_a_helper_of_this_compilation_that_writes_it_is_reported() => VerifyAsync("""
        static class FrameHelpers
        {
            public static void StampSequence(this Memory<byte> frame, uint sequence) =>
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(frame.Span, sequence);

            public static void MarkFirst(byte[] block) => block[0] = 0xFF;

            public static void Blank(ArraySegment<byte> segment) => segment.AsSpan().Clear();

            public static void Restore(Memory<byte> into, ReadOnlyMemory<byte> saved) => saved.CopyTo(into);
        }

        static class C
        {
            static async Task M(IoRing ring, int fd, Memory<byte> frame, byte[] block, ReadOnlyMemory<byte> saved)
            {
                ValueTask write = ring.WriteAsync(fd, frame, 0);
                ValueTask<int> read = ring.ReadAsync(fd, block, 0);
                {|ASYS1005:frame.StampSequence(7)|};
                {|ASYS1005:FrameHelpers.MarkFirst(block)|};
                await read;
                await write;
                write = ring.WriteAsync(fd, frame, 0);
                {|ASYS1005:FrameHelpers.Restore(frame.Slice(4), saved)|};
                await write;
                read = ring.ReadAsync(fd, block, 0);
                {|ASYS1005:FrameHelpers.Blank(new ArraySegment<byte>(block, 0, 8))|};
                await read;
            }
        }
        """);

    [Fact]
    public Task Helper_that_only_reads_the_buffer_or_writes_another_or_runs_after_the_await_is_not_reported() => VerifyAsync("""
        static class FrameHelpers
        {
            static readonly byte[] s_scratch = new byte[8];

            public static uint Checksum(this Memory<byte> frame)
            {
                uint sum = 0;
                foreach (byte b in frame.Span)
                {
                    sum += b;
                }

                return sum + frame.Span[0];
            }

            public static void Log(byte[] block) => Console.WriteLine(Convert.ToHexString(block));

            public static void StampScratch(Memory<byte> frame) => frame.Span.Slice(0, 4).CopyTo(s_scratch);

            public static void StampSequence(this Memory<byte> frame, uint sequence) =>
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(frame.Span, sequence);

            public static void Copy(Memory<byte> from, Memory<byte> to) => from.CopyTo(to);
        }

        static class C
        {
            static async Task<uint> M(IoRing ring, int fd, Memory<byte> frame, Memory<byte> next, byte[] block)
            {
                ValueTask write = ring.WriteAsync(fd, frame, 0);
                uint sum = frame.Checksum();
                FrameHelpers.Log(block);
                FrameHelpers.StampScratch(frame);
                next.StampSequence(1);
                FrameHelpers.Copy(frame, next);
                await write;
                frame.StampSequence(2);
                return sum;
            }
        }
        """);

    [Fact]
    public Task Writing_after_the_first_n_bytes_in_flight_with_the_same_n_is_not_reported() => VerifyAsync("""
        sealed class Pipeline
        {
            private readonly byte[] _out = new byte[1024];

            async Task<int> Array(IoRing ring, int fd, string first, string second)
            {
                int n = System.Text.Encoding.UTF8.GetBytes(first.AsSpan(), _out.AsSpan());
                ValueTask<int> send = ring.SendAsync(fd, _out.AsMemory(0, n));
                System.Text.Encoding.UTF8.GetBytes(second.AsSpan(), _out.AsSpan(n));
                _out.AsSpan(n, 4).Clear();
                return await send;
            }

            static async Task<int> View(IoRing ring, int fd, Memory<byte> buffer, int n)
            {
                ValueTask<int> send = ring.SendAsync(fd, buffer[..n]);
                buffer.Span[n..].Fill(0);
                buffer.Slice(n).Span.Clear();
                return await send;
            }
        }
        """);

    // A frame with a trailer: the payload's n bytes and a 2-byte CRC go out as AsMemory(0, n + 2); the next frame is
    // staged from n + 2 on (or later), which the write does not read.
    [Fact]
    public Task Writing_at_or_after_the_same_variable_plus_a_constant_end_is_not_reported() => VerifyAsync("""
        sealed class Framer
        {
            private readonly byte[] _frame = new byte[512];

            async Task Trailer(IoRing ring, int fd, ReadOnlyMemory<byte> next, int n)
            {
                ValueTask write = ring.WriteAsync(fd, _frame.AsMemory(0, n + 2), -1);
                next.Span.CopyTo(_frame.AsSpan(n + 2));
                _frame.AsSpan(2 + n, 4).Clear();
                _frame.AsSpan(n + 6).Clear();
                await write;
            }

            static async Task View(IoRing ring, int fd, Memory<byte> buffer, int n)
            {
                ValueTask<int> send = ring.SendAsync(fd, buffer[..(n + 2)]);
                buffer.Span[(n + 2)..].Fill(0);
                await send;
            }
        }
        """);

    // The same trailer written after the start: the CRC's bytes are inside the range in flight (n < n + 2), and so is a
    // write from n + 1; a smaller constant, another variable or other arithmetic is still the whole buffer.
    [Fact]
    public Task Writing_before_the_same_variable_plus_a_constant_end_is_reported() => VerifyAsync("""
        sealed class Framer
        {
            private readonly byte[] _frame = new byte[512];

            async Task Crc(IoRing ring, int fd, int n, int m)
            {
                ValueTask write = ring.WriteAsync(fd, _frame.AsMemory(0, n + 2), -1);
                {|ASYS1005:System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(_frame.AsSpan(n), 0xFFFF)|};
                {|ASYS1005:_frame.AsSpan(n + 1).Clear()|};
                {|ASYS1005:_frame.AsSpan(m + 2).Clear()|};
                {|ASYS1005:_frame.AsSpan(n * 2).Clear()|};
                await write;
            }
        }
        """);

    [Fact]
    public Task Writing_from_another_offset_or_after_the_offset_changed_is_still_reported() => VerifyAsync("""
        sealed class Pipeline
        {
            private readonly byte[] _out = new byte[1024];

            async Task<int> Overlapping(IoRing ring, int fd, string second, int n)
            {
                ValueTask<int> send = ring.SendAsync(fd, _out.AsMemory(0, n));
                {|ASYS1005:System.Text.Encoding.UTF8.GetBytes(second.AsSpan(), _out.AsSpan(n - 1))|};
                return await send;
            }

            async Task<int> NotFromZero(IoRing ring, int fd, int n)
            {
                ValueTask<int> send = ring.SendAsync(fd, _out.AsMemory(4, n));
                {|ASYS1005:_out.AsSpan(n).Clear()|};
                return await send;
            }

            async Task<int> Moved(IoRing ring, int fd, string second, int n)
            {
                ValueTask<int> send = ring.SendAsync(fd, _out.AsMemory(0, n));
                n -= 8;
                {|ASYS1005:_out.AsSpan(n).Clear()|};
                return await send;
            }

            async Task<int> Inside(IoRing ring, int fd, int n)
            {
                ValueTask<int> send = ring.SendAsync(fd, _out.AsMemory(0, n));
                {|ASYS1005:_out.AsSpan(0, n).Clear()|};
                return await send;
            }

            // The offset is a new value in each iteration: the previous iteration's send has another n's bytes (also in a
            // foreach that deconstructs its element, the other syntax of the same loop).
            async Task<int> EachPart(IoRing ring, int fd, (int Length, byte Fill)[] parts)
            {
                ValueTask<int> send = default;
                foreach (var (length, fill) in parts)
                {
                    int n = length;
                    {|ASYS1005:_out.AsSpan(n).Fill(fill)|};
                    send = ring.SendAsync(fd, _out.AsMemory(0, n));
                }

                return await send;
            }
        }
        """);

    // A loop that starts an operation on each element's buffer property: within one pass the variable names one element,
    // so releasing or writing that property after the start, in the same pass, touches the buffer in flight.
    [Fact]
    public Task Property_of_a_loop_variable_released_after_its_operation_started_in_the_same_pass_is_reported() => VerifyAsync("""
        sealed record CachedPage(long Number, byte[] Buffer, long Offset);

        static class Cache
        {
            static async Task Evict(IoRing ring, int fd, System.Collections.Generic.List<CachedPage> victims)
            {
                var writeBacks = new System.Collections.Generic.List<Task>();
                foreach (CachedPage victim in victims)
                {
                    writeBacks.Add(ring.WriteAsync(fd, victim.Buffer.AsMemory(0, 4096), victim.Offset).AsTask());
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(victim.Buffer)|};
                }

                await Task.WhenAll(writeBacks);
            }

            static async Task Stamp(IoRing ring, int fd, CachedPage[] pages)
            {
                var writes = new System.Collections.Generic.List<ValueTask>();
                foreach (CachedPage page in pages)
                {
                    writes.Add(ring.WriteAsync(fd, page.Buffer, page.Offset));
                    {|ASYS1005:page.Buffer[0] = 1|};
                }

                foreach (ValueTask write in writes) await write;
            }
        }
        """);

    // The nearest correct shapes: the next element's buffer prepared before its own start (the last one's write runs on
    // another buffer), and the buffers returned after every write-back has completed.
    [Fact]
    public Task Property_of_a_loop_variable_touched_before_its_start_or_after_all_writes_is_not_reported() => VerifyAsync("""
        sealed record CachedPage(long Number, byte[] Buffer, long Offset);

        static class Cache
        {
            static async Task Evict(IoRing ring, int fd, System.Collections.Generic.List<CachedPage> victims)
            {
                var writeBacks = new System.Collections.Generic.List<Task>();
                foreach (CachedPage victim in victims)
                {
                    victim.Buffer[4095] = 0;
                    writeBacks.Add(ring.WriteAsync(fd, victim.Buffer.AsMemory(0, 4096), victim.Offset).AsTask());
                }

                await Task.WhenAll(writeBacks);
                foreach (CachedPage victim in victims)
                {
                    ArrayPool<byte>.Shared.Return(victim.Buffer);
                }
            }
        }
        """);

    [Fact]
    public Task Get_only_property_of_one_object_written_while_its_write_is_in_flight_is_reported() => VerifyAsync("""
        sealed class Frame
        {
            public Frame(Memory<byte> data) => Data = data;

            public Memory<byte> Data { get; }
        }

        static class Cache
        {
            static async Task Evict(IoRing ring, int fd, Frame victim)
            {
                ValueTask write = ring.WriteAsync(fd, victim.Data, 0);
                {|ASYS1005:victim.Data.Span.Clear()|};
                await write;
            }

            static async Task EvictFirst(IoRing ring, int fd, Frame[] frames)
            {
                Frame victim = frames[0];
                ValueTask write = ring.WriteAsync(fd, victim.Data.Slice(0, 512), 0);
                {|ASYS1005:victim.Data.Span.Fill(0)|};
                await write;
            }
        }
        """);

    [Fact]
    public Task Property_of_another_object_or_a_computed_property_is_not_reported() => VerifyAsync("""
        sealed class Frame
        {
            private readonly byte[] _page = new byte[4096];

            public Frame(Memory<byte> data) => Data = data;

            public Memory<byte> Data { get; }

            public Memory<byte> Fresh => new byte[4096];

            public Memory<byte> Settable { get; set; }
        }

        static class Cache
        {
            static async Task Other(IoRing ring, int fd, Frame victim, Frame next)
            {
                ValueTask write = ring.WriteAsync(fd, victim.Data, 0);
                next.Data.Span.Clear();
                await write;
            }

            static async Task Reassigned(IoRing ring, int fd, Frame victim, Frame next)
            {
                ValueTask write = ring.WriteAsync(fd, victim.Data, 0);
                victim = next;
                victim.Data.Span.Clear();
                await write;
            }

            static async Task Computed(IoRing ring, int fd, Frame victim)
            {
                ValueTask write = ring.WriteAsync(fd, victim.Fresh, 0);
                victim.Fresh.Span.Clear();
                victim.Settable = new byte[16];
                ValueTask second = ring.WriteAsync(fd, victim.Settable, 0);
                victim.Settable.Span.Clear();
                await write;
                await second;
            }

            static async Task EachFrame(IoRing ring, int fd, Frame[] frames)
            {
                ValueTask previous = default;
                foreach (Frame frame in frames)
                {
                    frame.Data.Span.Clear();
                    await previous;
                    previous = ring.WriteAsync(fd, frame.Data, 0);
                }

                await previous;
            }

            static async Task AwaitedFirst(IoRing ring, int fd, Frame victim)
            {
                ValueTask write = ring.WriteAsync(fd, victim.Data, 0);
                await write;
                victim.Data.Span.Clear();
            }
        }
        """);

    [Fact]
    public Task Local_function_releasing_or_writing_a_captured_buffer_in_flight_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task Commit(IoRing ring, int fd, int size)
            {
                byte[] batch = ArrayPool<byte>.Shared.Rent(size);
                void Recycle() => ArrayPool<byte>.Shared.Return(batch);
                void Stamp(byte value)
                {
                    batch[0] = value;
                }

                ValueTask write = ring.WriteAsync(fd, batch.AsMemory(0, size), 0);
                {|ASYS1005:Stamp(1)|};
                {|ASYS1005:Recycle()|};
                await write;
            }
        }
        """);

    [Fact]
    public Task Method_of_the_type_writing_or_releasing_this_objects_field_in_flight_is_reported() => VerifyAsync("""
        sealed class Dumper(IoRing ring, int fd)
        {
            private readonly byte[] _request = new byte[32];
            private static byte[] s_scratch = ArrayPool<byte>.Shared.Rent(64);
            private uint _sequence;

            public async Task Pipelined()
            {
                Stamp(18);
                ValueTask<int> first = ring.SendAsync(fd, _request, MessageFlags.None);
                {|ASYS1005:Stamp(22)|};
                {|ASYS1005:this.Stamp(23)|};
                ValueTask<int> second = ring.SendAsync(fd, _request, MessageFlags.None);
                await first;
                await second;
            }

            public static async Task Scratch(IoRing ring, int fd)
            {
                ValueTask<int> read = ring.ReadAsync(fd, s_scratch, 0);
                {|ASYS1005:Recycle()|};
                await read;
            }

            private void Stamp(ushort type)
            {
                Span<byte> header = _request;
                header.Clear();
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(header[4..], type);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header[8..], ++_sequence);
            }

            private static void Recycle()
            {
                ArrayPool<byte>.Shared.Return(s_scratch);
                s_scratch = ArrayPool<byte>.Shared.Rent(64);
            }
        }
        """);

    [Fact]
    public Task Method_of_the_type_after_the_await_on_another_object_or_field_or_only_reading_is_not_reported() => VerifyAsync("""
        sealed class Dumper(IoRing ring, int fd)
        {
            private readonly byte[] _request = new byte[32];
            private readonly byte[] _reply = new byte[4096];
            private uint _sequence;

            public async Task Sequential(Dumper other)
            {
                Stamp(18);
                ValueTask<int> first = ring.SendAsync(fd, _request, MessageFlags.None);
                other.Stamp(22);
                ClearReply();
                uint sum = Checksum();
                await first;
                Stamp(22);
                await ring.SendAsync(fd, _request, MessageFlags.None);
            }

            public async Task Borrowed(Dumper other)
            {
                ValueTask<int> first = ring.SendAsync(fd, _request, MessageFlags.None);
                StampOther(other);
                await first;
            }

            private void Stamp(ushort type)
            {
                Span<byte> header = _request;
                header.Clear();
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(header[4..], type);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header[8..], ++_sequence);
            }

            private void StampOther(Dumper other) => other._request[0] = 1;

            private void ClearReply() => Array.Clear(_reply);

            private uint Checksum()
            {
                uint sum = 0;
                foreach (byte b in _request) sum += b;
                return sum;
            }
        }
        """);

    [Fact]
    public Task Local_function_after_the_await_or_touching_another_buffer_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task Commit(IoRing ring, int fd, int size, byte[] other)
            {
                byte[] batch = ArrayPool<byte>.Shared.Rent(size);
                void Recycle() => ArrayPool<byte>.Shared.Return(batch);
                void ClearOther() => Array.Clear(other);
                int Sum()
                {
                    byte[] scratch = new byte[4];
                    scratch[0] = 1;
                    return batch[0] + scratch[0];
                }

                ValueTask write = ring.WriteAsync(fd, batch.AsMemory(0, size), 0);
                ClearOther();
                int sum = Sum();
                try
                {
                    await write;
                }
                finally
                {
                    Recycle();
                }
            }
        }
        """);

    [Fact]
    public Task Lambda_in_a_local_releasing_a_captured_buffer_while_the_read_runs_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<byte[]?> Get(IoRing ring, int fd, int size, TimeSpan deadline)
            {
                byte[] value = ArrayPool<byte>.Shared.Rent(size);
                Action release = () => ArrayPool<byte>.Shared.Return(value);
                Action<byte> stamp = b => value[0] = b;
                Task<int> read = ring.ReadAsync(fd, value.AsMemory(0, size), 0).AsTask();
                if (await Task.WhenAny(read, Task.Delay(deadline)) != read)
                {
                    {|ASYS1005:stamp(1)|};
                    {|ASYS1005:release()|};
                    return null;
                }

                int n = await read;
                byte[] copy = value.AsSpan(0, n).ToArray();
                release();
                return copy;
            }
        }
        """);

    [Fact]
    public Task Lambda_after_the_await_or_touching_only_its_own_buffer_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task Commit(IoRing ring, int fd, int size)
            {
                byte[] batch = ArrayPool<byte>.Shared.Rent(size);
                Action recycle = () => ArrayPool<byte>.Shared.Return(batch);
                Func<int> scratchSum = () =>
                {
                    byte[] scratch = new byte[4];
                    scratch[0] = 1;
                    return scratch[0] + batch[0];
                };

                ValueTask write = ring.WriteAsync(fd, batch.AsMemory(0, size), 0);
                int sum = scratchSum();
                await write;
                recycle();
            }
        }
        """);

    [Fact]
    public Task Library_method_filling_its_Memory_argument_while_the_buffer_is_in_flight_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<long> M(IoRing ring, System.IO.Stream body, System.Net.Sockets.Socket socket, Microsoft.Win32.SafeHandles.SafeFileHandle file, int fd, CancellationToken ct)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
                long offset = 0;
                int n = await body.ReadAsync(buffer, ct);
                while (n > 0)
                {
                    ValueTask write = ring.WriteAsync(fd, buffer.AsMemory(0, n), offset, ct);
                    offset += n;
                    n = await {|ASYS1005:body.ReadAsync(buffer, ct)|};
                    await write;
                }

                ValueTask send = ring.WriteAsync(fd, buffer, offset, ct);
                await {|ASYS1005:socket.ReceiveAsync(buffer.AsMemory(8), System.Net.Sockets.SocketFlags.None, ct)|};
                await send;
                ValueTask again = ring.WriteAsync(fd, buffer, offset, ct);
                await {|ASYS1005:System.IO.RandomAccess.ReadAsync(file, buffer, 0, ct)|};
                await again;
                return offset;
            }
        }
        """);

    [Fact]
    public Task Library_methods_reading_the_buffer_in_flight_or_filling_another_are_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<long> M(IoRing ring, System.IO.Stream body, System.Threading.Channels.Channel<Memory<byte>> queue, int fd, CancellationToken ct)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
                byte[] next = ArrayPool<byte>.Shared.Rent(4096);
                Memory<char> text = new char[16];
                ValueTask write = ring.WriteAsync(fd, buffer, 0, ct);
                await body.WriteAsync(buffer, ct);
                int n = await body.ReadAsync(next, ct);
                queue.Writer.TryWrite(buffer);
                using var args = new System.Net.Sockets.SocketAsyncEventArgs();
                args.SetBuffer(buffer);
                Memory<char> trimmed = text.Trim();
                await write;
                n += await body.ReadAsync(buffer, ct);
                ArrayPool<byte>.Shared.Return(next);
                ArrayPool<byte>.Shared.Return(buffer);
                return n + trimmed.Length;
            }
        }
        """);

    [Fact]
    public Task ArrayBufferWriter_cleared_while_its_written_memory_is_in_flight_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[][] records)
            {
                var output = new ArrayBufferWriter<byte>(4096);
                long offset = 0;
                ValueTask pending = ValueTask.CompletedTask;
                foreach (byte[] record in records)
                {
                    await pending;
                    output.Write(record);
                    pending = ring.WriteAsync(fd, output.WrittenMemory, offset);
                    offset += output.WrittenCount;
                    {|ASYS1005:output.Clear()|};
                }

                await pending;
            }
        }
        """);

    [Fact]
    public Task ArrayBufferWriter_reset_or_given_more_space_while_its_written_memory_is_in_flight_or_cleared_after_the_await_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[][] records)
            {
                var output = new ArrayBufferWriter<byte>(4096);
                long offset = 0;
                ValueTask pending = ValueTask.CompletedTask;
                foreach (byte[] record in records)
                {
                    await pending;
                    output.Write(record);
                    pending = ring.WriteAsync(fd, output.WrittenMemory, offset);
                    offset += output.WrittenCount;
                    output.GetSpan(16)[0] = 1;
                    output.ResetWrittenCount();
                }

                await pending;
                ValueTask last = ring.WriteAsync(fd, output.WrittenMemory, offset);
                await last;
                output.Clear();
            }
        }
        """);

    // Round 52: after ResetWrittenCount (or Clear) the writer's free space starts at its array's start again, so a write
    // through GetSpan/GetMemory there is over the bytes a write of its WrittenMemory still reads.
    [Fact]
    public Task ArrayBufferWriter_reset_then_written_through_GetSpan_while_its_written_memory_is_in_flight_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[] record, int next)
            {
                var output = new ArrayBufferWriter<byte>(4096);
                output.Write(record);
                ValueTask write = ring.WriteAsync(fd, output.WrittenMemory, 0);
                output.ResetWrittenCount();
                {|ASYS1005:System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), next)|};
                await write;
                output.Advance(4);
            }
        }
        """);

    [Fact]
    public Task ArrayBufferWriter_reset_then_written_through_GetSpan_after_the_await_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[] record, int next)
            {
                var output = new ArrayBufferWriter<byte>(4096);
                output.Write(record);
                ValueTask write = ring.WriteAsync(fd, output.WrittenMemory, 0);
                await write;
                output.ResetWrittenCount();
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), next);
                output.Advance(4);
            }
        }
        """);

    // Round 52: a reusable argument object (a lease: its Dispose returns its pooled array) whose SetBuffer returns that
    // array to rent a larger one, called while a receive fills the array; quiet after the await, and for a method that
    // only changes the count.
    [Fact]
    public Task Lease_method_returning_its_array_while_its_memory_is_in_flight_is_reported() => VerifyAsync("""
        sealed class Args : IDisposable
        {
            private byte[] _array = ArrayPool<byte>.Shared.Rent(1024);
            public int Count { get; private set; }
            public Memory<byte> Buffer => _array.AsMemory(0, Count);
            public void SetBuffer(int count)
            {
                if (count > _array.Length) { ArrayPool<byte>.Shared.Return(_array); _array = ArrayPool<byte>.Shared.Rent(count); }
                Count = count;
            }
            public void SetCount(int count) => Count = Math.Min(count, _array.Length);
            public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
        }

        static class C
        {
            static async Task<int> M(IoRing ring, int fd, Args args, int next)
            {
                ValueTask<int> receive = ring.ReceiveAsync(fd, args.Buffer, MessageFlags.None);
                {|ASYS1005:args.SetBuffer(next)|};
                return await receive;
            }

            static async Task<int> Awaited(IoRing ring, int fd, Args args, int next)
            {
                int n = await ring.ReceiveAsync(fd, args.Buffer, MessageFlags.None);
                args.SetBuffer(next);
                return n;
            }

            static async Task<int> CountOnly(IoRing ring, int fd, Args args, int next)
            {
                ValueTask<int> receive = ring.ReceiveAsync(fd, args.Buffer, MessageFlags.None);
                args.SetCount(next);
                return await receive;
            }
        }
        """);

    [Fact]
    public Task Lease_of_this_compilation_whose_Dispose_returns_its_array_disposed_while_its_memory_is_in_flight_is_reported() => VerifyAsync("""
        readonly struct PooledBytes : IDisposable
        {
            private readonly byte[] _array;
            public PooledBytes(int length) { _array = ArrayPool<byte>.Shared.Rent(length); Length = length; }
            public int Length { get; }
            public Memory<byte> Memory => _array.AsMemory(0, Length);
            public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
        }

        sealed class OwnedBytes : IDisposable
        {
            private readonly IMemoryOwner<byte> _owner = MemoryPool<byte>.Shared.Rent(4096);
            public Memory<byte> Bytes => _owner.Memory;
            public void Dispose() { _owner.Dispose(); }
        }

        static class C
        {
            static ValueTask Write(IoRing ring, int fd, int length)
            {
                using var {|ASYS1005:encoded = new PooledBytes(length)|};
                encoded.Memory.Span.Fill(1);
                return ring.WriteAsync(fd, encoded.Memory, 0);
            }

            static async Task Owned(IoRing ring, int fd)
            {
                var owned = new OwnedBytes();
                ValueTask write = ring.WriteAsync(fd, owned.Bytes, 0);
                {|ASYS1005:owned.Dispose()|};
                await write;
            }
        }
        """);

    [Fact]
    public Task Lease_disposed_after_the_await_or_a_disposable_that_does_not_give_back_its_buffer_is_not_reported() => VerifyAsync("""
        readonly struct PooledBytes : IDisposable
        {
            private readonly byte[] _array;
            public PooledBytes(int length) { _array = ArrayPool<byte>.Shared.Rent(length); Length = length; }
            public int Length { get; }
            public Memory<byte> Memory => _array.AsMemory(0, Length);
            public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
        }

        sealed class Framed : IDisposable
        {
            private readonly byte[] _frame = new byte[4096];
            private readonly System.IO.Stream _log = System.IO.Stream.Null;
            public Memory<byte> Memory => _frame;
            public void Dispose() => _log.Dispose();
        }

        static class C
        {
            static async ValueTask Write(IoRing ring, int fd, int length)
            {
                using var encoded = new PooledBytes(length);
                await ring.WriteAsync(fd, encoded.Memory, 0);
            }

            static ValueTask Framed(IoRing ring, int fd)
            {
                using var framed = new Framed();
                return ring.WriteAsync(fd, framed.Memory, 0);
            }
        }
        """);

    // A lease released by its DisposeAsync (its own body, or a Dispose it calls): the end of an `await using`, or an explicit
    // DisposeAsync, while its memory is in flight (here a read left behind by a timeout) gives the array back to the pool.
    [Fact]
    public Task Lease_whose_DisposeAsync_returns_its_array_disposed_while_its_memory_is_in_flight_is_reported() => VerifyAsync("""
        sealed class PooledBody : IAsyncDisposable
        {
            private byte[]? _array = ArrayPool<byte>.Shared.Rent(4096);
            public Memory<byte> Memory => _array.AsMemory(0, 4096);
            public ValueTask DisposeAsync()
            {
                if (_array is { } array) { _array = null; ArrayPool<byte>.Shared.Return(array); }
                return ValueTask.CompletedTask;
            }
        }

        sealed class OwnedBody : IDisposable, IAsyncDisposable
        {
            private readonly IMemoryOwner<byte> _owner = MemoryPool<byte>.Shared.Rent(4096);
            public Memory<byte> Bytes => _owner.Memory;
            public void Dispose() => _owner.Dispose();
            public ValueTask DisposeAsync() { Dispose(); return default; }
        }

        static class C
        {
            static async Task<int> TimedOut(IoRing ring, int fd, TimeSpan timeout)
            {
                await using var {|ASYS1005:body = new PooledBody()|};
                Task<int> read = ring.ReadAsync(fd, body.Memory, 0).AsTask();
                if (await Task.WhenAny(read, Task.Delay(timeout)) != read)
                {
                    return -1;
                }

                return await read;
            }

            static async Task Explicit(IoRing ring, int fd)
            {
                var owned = new OwnedBody();
                ValueTask write = ring.WriteAsync(fd, owned.Bytes, 0);
                await {|ASYS1005:owned.DisposeAsync()|};
                await write;
            }
        }
        """);

    // The nearest correct code: the read awaited before the await using ends, and a DisposeAsync that gives back nothing
    // (it flushes a log) while the memory it shows is in flight.
    [Fact]
    public Task Lease_whose_DisposeAsync_returns_its_array_disposed_after_the_await_or_one_that_gives_back_nothing_is_not_reported() => VerifyAsync("""
        sealed class PooledBody : IAsyncDisposable
        {
            private byte[]? _array = ArrayPool<byte>.Shared.Rent(4096);
            public Memory<byte> Memory => _array.AsMemory(0, 4096);
            public ValueTask DisposeAsync()
            {
                if (_array is { } array) { _array = null; ArrayPool<byte>.Shared.Return(array); }
                return ValueTask.CompletedTask;
            }
        }

        sealed class LoggedFrame : IAsyncDisposable
        {
            private readonly byte[] _frame = new byte[4096];
            private readonly System.IO.Stream _log = System.IO.Stream.Null;
            public Memory<byte> Memory => _frame;
            public ValueTask DisposeAsync() => _log.DisposeAsync();
        }

        static class C
        {
            static async Task<int> Awaited(IoRing ring, int fd, TimeSpan timeout, CancellationToken ct)
            {
                await using var body = new PooledBody();
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
                Task<int> read = ring.ReadAsync(fd, body.Memory, 0, cancel.Token).AsTask();
                if (await Task.WhenAny(read, Task.Delay(timeout)) != read)
                {
                    cancel.Cancel();
                    try { await read; } catch (OperationCanceledException) { }
                    return -1;
                }

                return await read;
            }

            static async ValueTask Logged(IoRing ring, int fd)
            {
                await using var frame = new LoggedFrame();
                ValueTask write = ring.WriteAsync(fd, frame.Memory, 0);
                await frame.DisposeAsync();
                await write;
            }
        }
        """);

    [Fact]
    public Task Write_awaited_in_an_inner_finally_before_the_outer_finally_returns_the_array_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<long> M(IoRing ring, System.IO.Stream body, int fd, CancellationToken ct)
            {
                byte[] sending = ArrayPool<byte>.Shared.Rent(4096);
                byte[] filling = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    long offset = 0;
                    int n = await body.ReadAsync(sending, ct);
                    while (n > 0)
                    {
                        ValueTask write = ring.WriteAsync(fd, sending.AsMemory(0, n), offset, ct);
                        offset += n;
                        int next;
                        try
                        {
                            next = await body.ReadAsync(filling, ct);
                        }
                        finally
                        {
                            await write;
                        }

                        (sending, filling) = (filling, sending);
                        n = next;
                    }

                    return offset;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(sending);
                    ArrayPool<byte>.Shared.Return(filling);
                }
            }
        }
        """);

    [Fact]
    public Task Array_returned_by_an_outer_finally_when_the_inner_finally_does_not_wait_or_a_catch_lets_the_exception_on_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<long> InnerFinallyLogs(IoRing ring, System.IO.Stream body, int fd, CancellationToken ct)
            {
                byte[] sending = ArrayPool<byte>.Shared.Rent(4096);
                byte[] filling = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    ValueTask write = ring.WriteAsync(fd, sending, 0, ct);
                    int next;
                    try
                    {
                        next = await body.ReadAsync(filling, ct);
                    }
                    finally
                    {
                        Console.WriteLine("read done");
                    }

                    await write;
                    return next;
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(sending)|};
                }
            }

            static async Task<long> InnerCatchOfOneType(IoRing ring, System.IO.Stream body, int fd, CancellationToken ct)
            {
                byte[] sending = ArrayPool<byte>.Shared.Rent(4096);
                byte[] filling = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    ValueTask write = ring.WriteAsync(fd, sending, 0, ct);
                    int next = 0;
                    try
                    {
                        next = await body.ReadAsync(filling, ct);
                    }
                    catch (System.IO.IOException)
                    {
                        await write;
                        throw;
                    }

                    await write;
                    return next;
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(sending)|};
                }
            }
        }
        """);

    // A view of the buffer (MemoryMarshal.Cast, AsBytes, CreateSpan, GetReference, Unsafe.Add, a foreach's ref variable)
    // writes nothing when it is made; a write through it writes the buffer in flight, and is reported there.
    [Fact]
    public Task Write_through_a_view_of_the_buffer_in_flight_is_reported_at_the_write() => VerifyAsync("""
        struct Header { public int Length; public int Sequence; }

        static class C
        {
            static async Task Cast(IoRing ring, int fd, byte[] period, int n, float gain)
            {
                ValueTask write = ring.WriteAsync(fd, period.AsMemory(0, n), 0);
                Span<short> samples = MemoryMarshal.Cast<byte, short>(period.AsSpan(0, n));
                for (int i = 0; i < samples.Length; i++) {|ASYS1005:samples[i] = (short)(samples[i] * gain)|};
                {|ASYS1005:samples[0] += 1|};
                Span<int> pairs = MemoryMarshal.Cast<short, int>(samples);
                {|ASYS1005:pairs.Fill(0)|};
                await write;
            }

            static async Task Destinations(IoRing ring, int fd, Memory<byte> frame, uint[] words)
            {
                ValueTask write = ring.WriteAsync(fd, frame, 0);
                Span<uint> view = MemoryMarshal.Cast<byte, uint>(frame.Span);
                {|ASYS1005:words.AsSpan().CopyTo(view)|};
                {|ASYS1005:System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(MemoryMarshal.AsBytes(view), 7)|};
                await write;
            }

            static async Task References(IoRing ring, int fd, byte[] buffer)
            {
                ValueTask<int> read = ring.ReadAsync(fd, buffer, 0);
                Span<short> samples = MemoryMarshal.Cast<byte, short>(buffer);
                ref short first = ref MemoryMarshal.GetReference(samples);
                {|ASYS1005:first = 0|};
                {|ASYS1005:System.Runtime.CompilerServices.Unsafe.Add(ref first, 2) = 0|};
                {|ASYS1005:MemoryMarshal.GetReference(samples) = 1|};
                foreach (ref short sample in samples) {|ASYS1005:sample = 0|};
                {|ASYS1005:MemoryMarshal.AsRef<Header>(buffer.AsSpan(8)).Length = 4|};
                Span<byte> head = MemoryMarshal.CreateSpan(ref buffer[0], 4);
                {|ASYS1005:head[0] = 1|};
                {|ASYS1005:Interlocked.Increment(ref MemoryMarshal.Cast<byte, int>(buffer)[1])|};
                await read;
            }
        }
        """);

    // A view local reassigned to a view of another buffer names, at a write, the buffer of the assignment that reaches it.
    [Fact]
    public Task Write_through_a_view_local_last_made_of_the_buffer_in_flight_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task Swap(IoRing ring, int fd, byte[] front, byte[] back, int n)
            {
                Span<int> words = MemoryMarshal.Cast<byte, int>(back.AsSpan(0, n));
                words[0] = 0;
                ValueTask<int> next = ring.ReadAsync(fd, front, 0);
                words = MemoryMarshal.Cast<byte, int>(front.AsSpan(0, n));
                {|ASYS1005:System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(words, words)|};
                await next;
            }

            static async Task SwapOther(IoRing ring, int fd, byte[] front, byte[] back, int n)
            {
                Span<int> words = MemoryMarshal.Cast<byte, int>(front.AsSpan(0, n));
                ValueTask<int> next = ring.ReadAsync(fd, back, 0);
                words = MemoryMarshal.Cast<byte, int>(back.AsSpan(0, n));
                {|ASYS1005:words[0] = 1|};
                await next;
            }

            static async Task Conditional(IoRing ring, int fd, byte[] front, byte[] back, int n, bool other)
            {
                Span<int> words = MemoryMarshal.Cast<byte, int>(front.AsSpan(0, n));
                ValueTask<int> next = ring.ReadAsync(fd, front, 0);
                if (other) words = MemoryMarshal.Cast<byte, int>(back.AsSpan(0, n));
                {|ASYS1005:words[0] = 1|};                 // front on the path where other is false
                await next;
            }
        }
        """);

    // Double buffering through one view local: the swap writes the slot whose read has completed, not the one in flight.
    [Fact]
    public Task Write_through_a_view_local_reassigned_to_the_other_slot_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task Stream(IoRing ring, int fd, byte[] front, byte[] back)
            {
                long offset = 0;
                ValueTask<int> next = ring.ReadAsync(fd, front, offset);
                while (true)
                {
                    int n = await next;
                    offset += n;
                    next = ring.ReadAsync(fd, back, offset);
                    Span<int> words = MemoryMarshal.Cast<byte, int>(front.AsSpan(0, n & ~3));
                    System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(words, words);
                    n = await next;
                    offset += n;
                    next = ring.ReadAsync(fd, front, offset);
                    words = MemoryMarshal.Cast<byte, int>(back.AsSpan(0, n & ~3));
                    System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(words, words);
                    words[0] = 0;
                }
            }
        }
        """);

    [Fact]
    public Task View_of_the_buffer_in_flight_only_read_or_a_view_of_another_buffer_written_is_not_reported() => VerifyAsync("""
        static class C
        {
            // A level meter: the samples in flight are only read; the copy is scaled.
            static async Task<int> Meter(IoRing ring, int fd, byte[] period, byte[] monitor, int n, float gain)
            {
                ValueTask write = ring.WriteAsync(fd, period.AsMemory(0, n), 0);
                Span<short> samples = MemoryMarshal.Cast<byte, short>(period.AsSpan(0, n));
                int peak = 0;
                foreach (short sample in samples) peak = Math.Max(peak, Math.Abs((int)sample));
                ref readonly short first = ref MemoryMarshal.GetReference(samples);
                peak += first;
                period.AsSpan(0, n).CopyTo(monitor);
                Span<short> scaled = MemoryMarshal.Cast<byte, short>(monitor.AsSpan(0, n));
                for (int i = 0; i < scaled.Length; i++) scaled[i] = (short)(scaled[i] * gain);
                samples.CopyTo(MemoryMarshal.Cast<byte, short>(monitor.AsSpan()));
                await write;
                samples[0] = 0;
                return peak;
            }

            static async Task Replaced(IoRing ring, int fd, byte[] buffer)
            {
                ValueTask write = ring.WriteAsync(fd, buffer, 0);
                Array.Resize(ref buffer, 8192);              // the variable is given a new array; the one in flight is only read
                await write;
            }
        }
        """);

    // The variable of a foreach over a named collection stands for its elements in every loop over it: a buffer property
    // of it (a positional record's too), or the variable itself when it is a buffer, put in a vectored write's segments in
    // one loop is what a second loop over the same collection returns; a segment of the list reached by a loop over it.
    [Fact]
    public Task Element_buffers_released_through_another_loop_over_the_same_collection_are_reported() => VerifyAsync("""
        readonly record struct PendingLine(byte[] Buffer, int Length);

        sealed class Chunk
        {
            public Chunk(byte[] data) => Data = data;

            public byte[] Data { get; }
        }

        static class C
        {
            static async Task Forward(IoRing ring, int fd, System.Collections.Generic.List<PendingLine> batch)
            {
                var segments = new System.Collections.Generic.List<ReadOnlyMemory<byte>>(batch.Count);
                foreach (PendingLine line in batch)
                {
                    segments.Add(line.Buffer.AsMemory(0, line.Length));
                }

                ValueTask write = ring.WriteAsync(fd, segments);
                foreach (PendingLine line in batch)
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(line.Buffer)|};
                }

                await write;
            }

            static async Task Chunks(IoRing ring, int fd, Chunk[] chunks, System.Collections.Generic.List<byte[]> lines)
            {
                var segments = new System.Collections.Generic.List<ReadOnlyMemory<byte>>();
                foreach (Chunk chunk in chunks) segments.Add(chunk.Data);
                foreach (byte[] line in lines) segments.Add(line);
                ValueTask write = ring.WriteAsync(fd, segments);
                foreach (Chunk chunk in chunks) {|ASYS1005:chunk.Data[0] = 0|};
                foreach (byte[] line in lines) {|ASYS1005:ArrayPool<byte>.Shared.Return(line)|};
                await write;
            }

            static async Task<int> Scatter(IoRing ring, int fd, byte[] header, byte[] body)
            {
                var segments = new System.Collections.Generic.List<Memory<byte>> { header, body };
                ValueTask<int> read = ring.ReadAsync(fd, segments, 0);
                foreach (Memory<byte> segment in segments) {|ASYS1005:segment.Span.Clear()|};
                return await read;
            }
        }
        """);

    [Fact]
    public Task Element_buffers_released_after_the_await_read_or_from_another_collection_are_not_reported() => VerifyAsync("""
        readonly record struct PendingLine(byte[] Buffer, int Length);

        static class C
        {
            static async Task Forward(IoRing ring, int fd, System.Collections.Generic.List<PendingLine> batch, System.Collections.Generic.List<PendingLine> sent)
            {
                var segments = new System.Collections.Generic.List<ReadOnlyMemory<byte>>(batch.Count);
                foreach (PendingLine line in batch)
                {
                    segments.Add(line.Buffer.AsMemory(0, line.Length));
                }

                ValueTask write = ring.WriteAsync(fd, segments);
                long total = 0;
                foreach (PendingLine line in batch)
                {
                    total += line.Length + line.Buffer[0];
                }

                foreach (PendingLine line in sent)
                {
                    ArrayPool<byte>.Shared.Return(line.Buffer);
                }

                try
                {
                    await write;
                }
                finally
                {
                    foreach (PendingLine line in batch)
                    {
                        ArrayPool<byte>.Shared.Return(line.Buffer);
                    }
                }
            }
        }
        """);

    // A lease whose Dispose is safe to call twice (the field taken into a local, cleared, then the local returned) releases
    // its array like `Dispose() => Return(_array)`: in the pattern, local or Interlocked.Exchange form. Disposed at the end
    // of a `using var` scope while the send a local function started (capturing the lease) is returned unawaited.
    [Fact]
    public Task Lease_with_a_swapping_Dispose_disposed_while_its_send_runs_is_reported() => VerifyAsync("""
        sealed class FormattedLine : IDisposable
        {
            private byte[]? _array = ArrayPool<byte>.Shared.Rent(256);
            public Memory<byte> Memory => _array.AsMemory(0, 16);
            public void Dispose()
            {
                if (_array is { } array)
                {
                    _array = null;
                    ArrayPool<byte>.Shared.Return(array);
                }
            }
        }

        sealed class Chunk : IDisposable
        {
            private byte[]? _array = ArrayPool<byte>.Shared.Rent(256);
            public Memory<byte> Memory => _array.AsMemory();
            public void Dispose()
            {
                var array = _array;
                if (array != null)
                {
                    _array = null;
                    ArrayPool<byte>.Shared.Return(array);
                }
            }
        }

        struct Frame : IDisposable
        {
            private byte[]? _array;
            public Frame(int length) => _array = ArrayPool<byte>.Shared.Rent(length);
            public Memory<byte> Memory => _array.AsMemory();
            public void Dispose()
            {
                byte[]? array = Interlocked.Exchange(ref _array, null);
                if (array is not null) ArrayPool<byte>.Shared.Return(array);
            }
        }

        static class C
        {
            static ValueTask<int> Log(IoRing ring, int logSocket, int urgentSocket, bool urgent)
            {
                using var {|ASYS1005:line = new FormattedLine()|};
                return Send(urgent ? urgentSocket : logSocket);

                ValueTask<int> Send(int socket) => ring.SendAsync(socket, line.Memory, MessageFlags.None);
            }

            static ValueTask Write(IoRing ring, int fd)
            {
                using var {|ASYS1005:chunk = new Chunk()|};
                return ring.WriteAsync(fd, chunk.Memory, 0);
            }

            static ValueTask<int> Send(IoRing ring, int fd)
            {
                using var {|ASYS1005:frame = new Frame(64)|};
                return ring.SendAsync(fd, frame.Memory, MessageFlags.None);
            }
        }
        """);

    [Fact]
    public Task Lease_with_a_swapping_Dispose_awaited_inside_its_scope_is_not_reported() => VerifyAsync("""
        sealed class FormattedLine : IDisposable
        {
            private byte[]? _array = ArrayPool<byte>.Shared.Rent(256);
            public Memory<byte> Memory => _array.AsMemory(0, 16);
            public void Dispose()
            {
                if (_array is { } array)
                {
                    _array = null;
                    ArrayPool<byte>.Shared.Return(array);
                }
            }
        }

        static class C
        {
            static async ValueTask<int> Log(IoRing ring, int logSocket, int urgentSocket, bool urgent)
            {
                using var line = new FormattedLine();
                return await Send(urgent ? urgentSocket : logSocket);

                ValueTask<int> Send(int socket) => ring.SendAsync(socket, line.Memory, MessageFlags.None);
            }
        }
        """);

    // A library method's Span<T> parameter reads when the same type offers the method with ReadOnlySpan<T> there and
    // everything else alike (MemoryExtensions' searches and comparisons); one without such a twin still writes its span.
    [Fact]
    public Task Span_given_to_a_library_method_that_writes_it_in_flight_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[] buffer, int n)
            {
                ValueTask write = ring.WriteAsync(fd, buffer.AsMemory(0, n), 0);
                Span<byte> view = buffer.AsSpan(0, n);
                {|ASYS1005:view.Sort()|};
                {|ASYS1005:view.Reverse()|};
                {|ASYS1005:view.Replace((byte)'\r', (byte)' ')|};
                {|ASYS1005:System.Text.Encoding.UTF8.GetBytes("x", view)|};
                {|ASYS1005:Array.Sort(buffer)|};
                {|ASYS1005:Array.Reverse(buffer)|};
                await write;
            }
        }
        """);

    [Fact]
    public Task Span_given_to_a_library_method_that_only_reads_it_in_flight_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] buffer, int n, byte[] prefix, System.IO.Stream copy)
            {
                ValueTask write = ring.WriteAsync(fd, buffer.AsMemory(0, n), 0);
                Span<byte> view = buffer.AsSpan(0, n);
                int found = view.IndexOf((byte)'\n') + view.LastIndexOfAny((byte)'\r', (byte)'\n') + view.Count((byte)'\n') +
                            view.CommonPrefixLength(prefix) + view.BinarySearch((byte)3) + view.IndexOfAnyExcept((byte)0);
                bool same = view.Contains((byte)0) || view.SequenceEqual(prefix) || view.StartsWith(prefix) || view.EndsWith(prefix) ||
                            view.SequenceCompareTo(prefix) == 0;
                string text = System.Text.Encoding.UTF8.GetString(view) + Convert.ToHexString(view);
                int value = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(view);
                byte[] hash = System.Security.Cryptography.SHA256.HashData(view);
                copy.Write(view);
                byte[] backup = new byte[n];
                buffer.CopyTo(backup.AsSpan());
                buffer.CopyTo(backup.AsMemory());
                await write;
                return found + value + hash.Length + text.Length + (same ? 1 : 0);
            }
        }
        """);

    // A cache that stores a body before its read completes: concurrent requests serve it half filled and the cache keeps
    // what they saw. Also a channel or a completion handed the buffer early.
    [Fact]
    public Task Buffer_published_to_shared_state_while_a_read_fills_it_is_reported() => VerifyAsync("""
        sealed class Cache
        {
            private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _bodies = new();
            private readonly System.Threading.Channels.Channel<Memory<byte>> _ready = System.Threading.Channels.Channel.CreateUnbounded<Memory<byte>>();
            private readonly TaskCompletionSource<byte[]> _first = new();

            public async ValueTask<byte[]> GetAsync(IoRing ring, string path, int fd, int length)
            {
                byte[] body = new byte[length];
                ValueTask<int> read = ring.ReadAsync(fd, body, 0);
                {|ASYS1005:_bodies[path] = body|};
                await read;
                return body;
            }

            public async Task PumpAsync(IoRing ring, int fd)
            {
                byte[] block = new byte[4096];
                ValueTask<int> read = ring.ReadAsync(fd, block, 0);
                {|ASYS1005:_ready.Writer.TryWrite(block)|};
                {|ASYS1005:_first.TrySetResult(block)|};
                await read;
            }
        }
        """);

    // The channel, completion or cache reached through a parameter the object keeps (a primary constructor's) or a channel
    // handed in: its reader runs at the same time and takes the block before the read has filled it.
    [Fact]
    public Task Buffer_published_through_a_captured_constructor_parameter_or_a_channel_parameter_is_reported() => VerifyAsync("""
        sealed class Acquisition(System.Threading.Channels.ChannelWriter<byte[]> blocks, System.Collections.Generic.Dictionary<int, byte[]> latest)
        {
            public async Task CapturedAsync(IoRing ring, int fd)
            {
                byte[] block = new byte[4096];
                ValueTask<int> read = ring.ReadAsync(fd, block, 0);
                await {|ASYS1005:blocks.WriteAsync(block)|};
                await read;
            }

            public async Task CapturedCacheAsync(IoRing ring, int fd)
            {
                byte[] block = new byte[4096];
                ValueTask<int> read = ring.ReadAsync(fd, block, 0);
                {|ASYS1005:latest[fd] = block|};
                await read;
            }

            public static async Task HandedInAsync(IoRing ring, int fd, System.Threading.Channels.ChannelWriter<Memory<byte>> output, TaskCompletionSource<byte[]> first)
            {
                byte[] block = new byte[4096];
                ValueTask<int> read = ring.ReadAsync(fd, block, 0);
                {|ASYS1005:output.TryWrite(block)|};
                {|ASYS1005:first.TrySetResult(block)|};
                await read;
            }
        }
        """);

    // The nearest correct code for parameters: published after the read, or added to a caller's list (read when this
    // method has returned, not at the same time).
    [Fact]
    public Task Buffer_published_to_a_parameter_after_its_read_or_into_a_callers_list_is_not_reported() => VerifyAsync("""
        sealed class Acquisition(System.Threading.Channels.ChannelWriter<byte[]> blocks)
        {
            public async Task CapturedAsync(IoRing ring, int fd)
            {
                byte[] block = new byte[4096];
                int n = await ring.ReadAsync(fd, block, 0);
                await blocks.WriteAsync(block);
            }

            public static async Task CallersListAsync(IoRing ring, int fd, System.Collections.Generic.List<byte[]> filled)
            {
                byte[] block = new byte[4096];
                ValueTask<int> read = ring.ReadAsync(fd, block, 0);
                filled.Add(block);
                await read;
            }
        }

        // A stream's WriteAsync copies the bytes out (a log the object keeps), here of a part no read is filling.
        sealed class Pump(System.IO.Stream log)
        {
            public async Task HalvesAsync(IoRing ring, int fd)
            {
                byte[] rented = new byte[8192];
                ValueTask<int> first = ring.ReadAsync(fd, rented.AsMemory(0, 4096), 0);
                ValueTask<int> second = ring.ReadAsync(fd, rented.AsMemory(4096, 4096), 4096);
                int n = await first;
                await log.WriteAsync(rented.AsMemory(0, n));
                await second;
            }
        }
        """);

    // The nearest correct code: published after the read, kept in a local list, or a buffer a send only reads.
    [Fact]
    public Task Buffer_published_after_its_read_or_only_sent_or_kept_locally_is_not_reported() => VerifyAsync("""
        sealed class Cache
        {
            private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _bodies = new();

            public async ValueTask<byte[]> GetAsync(IoRing ring, string path, int fd, int length)
            {
                byte[] body = new byte[length];
                await ring.ReadAsync(fd, body, 0);
                _bodies[path] = body;
                return body;
            }

            public async ValueTask SendAsync(IoRing ring, string path, int fd, byte[] body)
            {
                ValueTask<int> sent = ring.SendAsync(fd, body, MessageFlags.None);
                _bodies[path] = body;
                await sent;
            }

            // A new buffer each pass, queued before its own read starts: not the one the previous pass's read fills.
            private readonly System.Collections.Generic.Queue<byte[]> _buffers = new();
            private readonly System.Collections.Generic.Queue<ValueTask<int>> _reads = new();

            public void Fill(IoRing ring, int fd, int depth)
            {
                while (_reads.Count < depth)
                {
                    byte[] buffer = new byte[4096];
                    _buffers.Enqueue(buffer);
                    _reads.Enqueue(ring.ReadAsync(fd, buffer, 0));
                }
            }

            public async Task<int> BatchAsync(IoRing ring, int fd)
            {
                var mine = new System.Collections.Generic.List<byte[]>();
                byte[] block = new byte[4096];
                ValueTask<int> read = ring.ReadAsync(fd, block, 0);
                mine.Add(block);
                return await read + mine.Count;
            }
        }
        """);

    // `await read.WaitAsync(timeout)` leaves the read running only by its TimeoutException: a catch of it that cancels and
    // awaits the read keeps the finally from seeing it in flight (any other exception out of the await is the read's own).
    [Fact]
    public Task Read_timed_out_with_WaitAsync_and_awaited_in_the_catch_before_the_finally_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> Prompt(IoRing ring, int fd, TimeSpan timeout, CancellationToken ct)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(4096);
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
                try
                {
                    Task<int> read = ring.ReadAsync(fd, rented, 0, cancel.Token).AsTask();
                    try
                    {
                        return await read.WaitAsync(timeout);
                    }
                    catch (TimeoutException)
                    {
                        cancel.Cancel();
                        try
                        {
                            await read;
                        }
                        catch (OperationCanceledException)
                        {
                        }

                        return -1;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
        """);

    // The nearest hazards: the buffer released in that catch, and a wait given a token too, whose cancellation (an
    // OperationCanceledException) passes the catch of TimeoutException and reaches the finally with the read running.
    [Fact]
    public Task Read_timed_out_with_WaitAsync_and_released_in_the_catch_or_past_a_catch_of_another_type_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> ReleasedInCatch(IoRing ring, int fd, TimeSpan timeout)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(4096);
                Task<int> read = ring.ReadAsync(fd, rented, 0).AsTask();
                try
                {
                    return await read.WaitAsync(timeout);
                }
                catch (TimeoutException)
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(rented)|};
                    return -1;
                }
            }

            static async Task<int> CancelledPastTheCatch(IoRing ring, int fd, TimeSpan timeout, CancellationToken ct)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    Task<int> read = ring.ReadAsync(fd, rented, 0).AsTask();
                    try
                    {
                        return await read.WaitAsync(timeout, ct);
                    }
                    catch (TimeoutException)
                    {
                        try
                        {
                            await read;
                        }
                        catch (OperationCanceledException)
                        {
                        }

                        return -1;
                    }
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(rented)|};
                }
            }
        }
        """);

    // The same wait made in place, on the operation's own Task (`await ring.ReceiveAsync(...).AsTask().WaitAsync(idle, ct)`):
    // its TimeoutException (and, given a token, its cancellation) leaves the receive running, into a catch that returns
    // past a using's Dispose, or into the catch itself.
    [Fact]
    public Task Receive_awaited_through_WaitAsync_made_in_place_and_released_on_its_timeout_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> Lease(IoRing ring, int fd, TimeSpan idle, CancellationToken ct)
            {
                using IMemoryOwner<byte> {|ASYS1005:lease = MemoryPool<byte>.Shared.Rent(4096)|};
                try
                {
                    return await ring.ReceiveAsync(fd, lease.Memory, MessageFlags.None, ct).AsTask().WaitAsync(idle, ct);
                }
                catch (TimeoutException)
                {
                    return 408;
                }
            }

            static async Task<int> Pooled(IoRing ring, int fd, TimeSpan idle)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    int n = await ring.ReadAsync(fd, rented, 0).AsTask().WaitAsync(idle).ConfigureAwait(false);
                    ArrayPool<byte>.Shared.Return(rented);
                    return n;
                }
                catch (TimeoutException)
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(rented)|};
                    return -1;
                }
            }
        }
        """);

    // The nearest correct code: the buffer written once the in-place wait has returned (the receive has completed), and
    // released on any other exception out of it, which is the read's own (no token given to the wait).
    [Fact]
    public Task Receive_awaited_through_WaitAsync_made_in_place_and_released_after_it_returns_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> Kept(IoRing ring, int fd, byte[] inbox, TimeSpan idle, CancellationToken ct)
            {
                int n = await ring.ReceiveAsync(fd, inbox, MessageFlags.None, ct).AsTask().WaitAsync(idle);
                inbox[0] = 0;
                return n;
            }

            static async Task<int> Pooled(IoRing ring, int fd, TimeSpan idle)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    return await ring.ReadAsync(fd, rented, 0).AsTask().WaitAsync(idle);
                }
                catch (ErrnoException)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                    return -1;
                }
            }
        }
        """);

    [Fact]
    public Task Buffer_swapped_into_another_field_after_the_start_and_written_through_it_is_reported() => VerifyAsync("""
        sealed class Tailer(IoRing ring, int fd)
        {
            private byte[] _front = new byte[4096];
            private byte[] _back = new byte[4096];
            private byte[] _spare = new byte[4096];

            public async Task<int> M(long offset)
            {
                ValueTask<int> next = ring.ReadAsync(fd, _front, offset);
                (_front, _back) = (_back, _front);
                {|ASYS1005:_back[0] = 1|};
                _spare = _back;
                return await next;
            }

            public async Task<int> N(long offset)
            {
                byte[] spare = _spare;
                ValueTask<int> next = ring.ReadAsync(fd, _front, offset);
                spare = _front;
                {|ASYS1005:spare.AsSpan().Clear()|};
                return await next;
            }
        }
        """);

    [Fact]
    public Task Other_buffer_written_before_the_swap_or_swap_after_the_await_is_not_reported() => VerifyAsync("""
        sealed class Tailer(IoRing ring, int fd)
        {
            private byte[] _front = new byte[4096];
            private byte[] _back = new byte[4096];

            public async Task<int> M(long offset)
            {
                ValueTask<int> next = ring.ReadAsync(fd, _front, offset);
                _back[0] = 1;
                int n = await next;
                (_front, _back) = (_back, _front);
                _back[0] = 2;
                return n;
            }

            public async Task<int> N(long offset, int size)
            {
                byte[] current = new byte[4096], spare = new byte[4096];
                try
                {
                    int n = 1;
                    while (n > 0)
                    {
                        ValueTask<int> next = ring.ReadAsync(fd, spare, offset);
                        await Task.Yield();
                        n = await next;
                        (current, spare) = (spare, current);
                    }

                    return n;
                }
                finally
                {
                    // Reached with the read in flight only by a throw before the swap: current is not its buffer then.
                    current[0] = 0;
                }
            }
        }
        """);

    [Fact]
    public Task Buffer_written_through_a_memory_stream_over_it_before_the_await_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] scratch, int length, ReadOnlyMemory<byte> next)
            {
                ValueTask<int> send = ring.SendAsync(fd, scratch.AsMemory(0, length));
                using var staging = new System.IO.MemoryStream(scratch);
                {|ASYS1005:staging.Write(next.Span)|};
                {|ASYS1005:staging.WriteByte(10)|};
                return await send;
            }
        }
        """);

    [Fact]
    public Task Read_only_memory_stream_over_a_buffer_in_flight_or_a_write_after_the_await_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] scratch, int length, ReadOnlyMemory<byte> next, System.IO.Stream sink)
            {
                ValueTask<int> send = ring.SendAsync(fd, scratch.AsMemory(0, length));
                using var view = new System.IO.MemoryStream(scratch, writable: false);
                view.CopyTo(sink);
                using var other = new System.IO.MemoryStream(new byte[16]);
                other.Write(next.Span);
                int sent = await send;
                using var staging = new System.IO.MemoryStream(scratch);
                staging.Write(next.Span);
                return sent;
            }
        }
        """);

    // A BinaryWriter or StreamWriter made over a MemoryStream over a buffer writes into that array, the same as the
    // stream's own Write: framing the next message while the send of the array is in flight overwrites what the kernel
    // may not have read yet. No `using` here: the writes alone must let the body through to the flow.
    [Fact]
    public Task Binary_or_stream_writer_over_a_memory_stream_over_a_buffer_in_flight_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] scratch, int length, byte[] sync)
            {
                ValueTask<int> send = ring.SendAsync(fd, scratch.AsMemory(0, length));
                var stream = new System.IO.MemoryStream(scratch);
                var writer = new System.IO.BinaryWriter(stream);
                {|ASYS1005:writer.Write(sync)|};
                {|ASYS1005:writer.Write7BitEncodedInt(length)|};
                var text = new System.IO.StreamWriter(new System.IO.MemoryStream(scratch, 0, 64));
                {|ASYS1005:text.WriteLine("PING")|};
                {|ASYS1005:text.Flush()|};
                return await send;
            }
        }
        """);

    [Fact]
    public Task Writer_over_another_array_or_used_after_the_await_or_only_flushed_in_binary_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] scratch, byte[] spare, int length, byte[] sync)
            {
                ValueTask<int> send = ring.SendAsync(fd, scratch.AsMemory(0, length));
                var other = new System.IO.BinaryWriter(new System.IO.MemoryStream(spare));
                other.Write(sync);
                var growing = new System.IO.StreamWriter(new System.IO.MemoryStream());
                growing.WriteLine("PING");
                growing.Flush();
                var stream = new System.IO.MemoryStream(scratch);
                var writer = new System.IO.BinaryWriter(stream);
                writer.Flush();
                int sent = await send;
                writer.Write(sync);
                return sent;
            }
        }
        """);

    // A connection keeps its framing stream and writer in readonly fields, made in its constructor (or a static field's
    // initializer) over its send array: a write through them while a send of that array is in flight is the same touch.
    [Fact]
    public Task Stream_or_writer_in_a_readonly_field_over_a_buffer_field_in_flight_is_reported() => VerifyAsync("""
        sealed class Connection
        {
            private static readonly byte[] s_frame = new byte[64];
            private static readonly System.IO.MemoryStream s_stream = new(s_frame);
            private readonly byte[] _send = new byte[1024];
            private readonly System.IO.MemoryStream _stream;
            private readonly System.IO.BinaryWriter _writer;
            private readonly IoRing _ring;
            private readonly int _fd;

            public Connection(IoRing ring, int fd)
            {
                _ring = ring;
                _fd = fd;
                _stream = new System.IO.MemoryStream(_send);
                this._writer = new System.IO.BinaryWriter(_stream);
            }

            public async Task<int> SendAsync(int length, byte[] next)
            {
                ValueTask<int> send = _ring.SendAsync(_fd, _send.AsMemory(0, length));
                _stream.Position = 0;
                {|ASYS1005:_writer.Write(next)|};
                {|ASYS1005:_stream.WriteByte(1)|};
                return await send;
            }

            public static async Task<int> SendFrameAsync(IoRing ring, int fd, byte[] next)
            {
                ValueTask<int> send = ring.SendAsync(fd, s_frame);
                {|ASYS1005:s_stream.Write(next)|};
                return await send;
            }
        }
        """);

    [Fact]
    public Task Writer_field_over_another_buffer_field_or_written_after_the_await_is_not_reported() => VerifyAsync("""
        sealed class Connection
        {
            private readonly byte[] _send = new byte[1024];
            private readonly byte[] _spare = new byte[1024];
            private readonly System.IO.BinaryWriter _writer;
            private readonly System.IO.BinaryWriter _spareWriter;
            private readonly IoRing _ring;
            private readonly int _fd;

            public Connection(IoRing ring, int fd)
            {
                _ring = ring;
                _fd = fd;
                _writer = new System.IO.BinaryWriter(new System.IO.MemoryStream(_send));
                _spareWriter = new System.IO.BinaryWriter(new System.IO.MemoryStream(_spare));
            }

            public async Task<int> SendAsync(int length, byte[] next)
            {
                ValueTask<int> send = _ring.SendAsync(_fd, _send.AsMemory(0, length));
                _spareWriter.Write(next);
                int sent = await send;
                _writer.Seek(0, System.IO.SeekOrigin.Begin);
                _writer.Write(next);
                return sent;
            }
        }
        """);

    // Fields that are not marked readonly but are given their stream or writer only where the object is made (a private
    // field, assigned only in constructors, also in another file of a partial type) hold it as a readonly one would.
    [Fact]
    public Task Stream_or_writer_in_a_private_field_set_only_in_constructors_over_a_buffer_field_in_flight_is_reported() => VerifyAsync("""
        sealed class Connection
        {
            private static byte[] s_frame = new byte[64];
            private static System.IO.MemoryStream s_stream;
            private readonly byte[] _send = new byte[1024];
            private System.IO.MemoryStream _stream;
            private System.IO.BinaryWriter _writer;
            private readonly IoRing _ring;
            private readonly int _fd;

            static Connection() => s_stream = new System.IO.MemoryStream(s_frame);

            public Connection(IoRing ring, int fd)
            {
                _ring = ring;
                _fd = fd;
                _stream = new System.IO.MemoryStream(_send);
                _writer = new System.IO.BinaryWriter(_stream);
            }

            public Connection(IoRing ring) : this(ring, -1)
            {
                this._writer = new System.IO.BinaryWriter(_stream);
            }

            public async Task<int> SendAsync(int length, byte[] next)
            {
                ValueTask<int> send = _ring.SendAsync(_fd, _send.AsMemory(0, length));
                _stream.Position = 0;
                {|ASYS1005:_writer.Write(next)|};
                return await send;
            }

            public static async Task<int> SendFrameAsync(IoRing ring, int fd, byte[] next)
            {
                ValueTask<int> send = ring.SendAsync(fd, s_frame);
                {|ASYS1005:s_stream.Write(next)|};
                return await send;
            }
        }
        """);

    // The nearest correct code: such a field given another value outside a constructor (a reset, a lambda made in the
    // constructor that runs later, a deconstruction), or visible outside the type: it may hold another stream by then.
    [Fact]
    public Task Stream_or_writer_in_a_field_given_values_outside_its_constructors_or_not_private_is_not_reported() => VerifyAsync("""
        sealed class Connection
        {
            private readonly byte[] _send = new byte[1024];
            private System.IO.BinaryWriter _reset;
            private System.IO.BinaryWriter _later;
            private System.IO.BinaryWriter _pair;
            private System.IO.BinaryWriter _spare;
            internal System.IO.BinaryWriter Shared;
            private readonly IoRing _ring;
            private readonly int _fd;
            private readonly Action _rearm;

            public Connection(IoRing ring, int fd)
            {
                _ring = ring;
                _fd = fd;
                _reset = new System.IO.BinaryWriter(new System.IO.MemoryStream(_send));
                _later = new System.IO.BinaryWriter(new System.IO.MemoryStream(_send));
                _pair = new System.IO.BinaryWriter(new System.IO.MemoryStream(_send));
                _spare = new System.IO.BinaryWriter(System.IO.Stream.Null);
                Shared = new System.IO.BinaryWriter(new System.IO.MemoryStream(_send));
                _rearm = () => _later = new System.IO.BinaryWriter(System.IO.Stream.Null);
            }

            public void Reset() => _reset = new System.IO.BinaryWriter(System.IO.Stream.Null);

            public void Swap() => (_pair, _spare) = (_spare, _pair);

            public async Task<int> SendAsync(int length, byte[] next)
            {
                ValueTask<int> send = _ring.SendAsync(_fd, _send.AsMemory(0, length));
                _reset.Write(next);
                _later.Write(next);
                _pair.Write(next);
                Shared.Write(next);
                return await send;
            }
        }
        """);

    // A partial type whose constructor, in another file, makes the stream and writer over the buffer field: those values
    // are read from that file too (readonly or set only there), and the write through them is reported where it is made.
    [Fact]
    public Task Stream_writer_field_of_a_partial_type_set_in_another_file_over_a_buffer_in_flight_is_reported() =>
        AnalyzerVerifier<BufferTouchedInFlightAnalyzer>.VerifyFilesAsync(
            ("Connection.cs", TestSources.Native + """
                sealed partial class Connection
                {
                    private readonly byte[] _send = new byte[1024];
                    private readonly byte[] _spare = new byte[1024];
                    private readonly System.IO.BinaryWriter _writer;
                    private System.IO.StreamWriter _text;
                    private System.IO.BinaryWriter _spareWriter;

                    public async Task<int> SendAsync(IoRing ring, int fd, int length, byte[] next, string line)
                    {
                        ValueTask<int> send = ring.SendAsync(fd, _send.AsMemory(0, length));
                        {|ASYS1005:_writer.Write(next)|};
                        {|ASYS1005:_text.Write(line)|};
                        _spareWriter.Write(next);
                        return await send;
                    }
                }
                """),
            ("Connection.Setup.cs", """
                sealed partial class Connection
                {
                    public Connection()
                    {
                        var stream = new System.IO.MemoryStream(_send);
                        _writer = new System.IO.BinaryWriter(new System.IO.MemoryStream(_send));
                        _text = new System.IO.StreamWriter(new System.IO.MemoryStream(_send));
                        _spareWriter = new System.IO.BinaryWriter(new System.IO.MemoryStream(_spare));
                    }
                }
                """));

    // The nearest correct code across files: the writer set in the other file over the other array, or set again there
    // outside the constructor.
    [Fact]
    public Task Stream_writer_field_of_a_partial_type_set_in_another_file_over_another_buffer_or_outside_its_constructors_is_not_reported() =>
        AnalyzerVerifier<BufferTouchedInFlightAnalyzer>.VerifyFilesAsync(
            ("Connection.cs", TestSources.Native + """
                sealed partial class Connection
                {
                    private readonly byte[] _send = new byte[1024];
                    private readonly byte[] _spare = new byte[1024];
                    private readonly System.IO.BinaryWriter _writer;
                    private System.IO.BinaryWriter _framer;

                    public async Task<int> SendAsync(IoRing ring, int fd, int length, byte[] next)
                    {
                        ValueTask<int> send = ring.SendAsync(fd, _send.AsMemory(0, length));
                        _writer.Write(next);
                        _framer.Write(next);
                        return await send;
                    }
                }
                """),
            ("Connection.Setup.cs", """
                sealed partial class Connection
                {
                    public Connection()
                    {
                        _writer = new System.IO.BinaryWriter(new System.IO.MemoryStream(_spare));
                        _framer = new System.IO.BinaryWriter(new System.IO.MemoryStream(_send));
                    }

                    public void Rewind() => _framer = new System.IO.BinaryWriter(new System.IO.MemoryStream(_spare));
                }
                """));

    // A StreamWriter holds text until it flushes: its Dispose (the end of its using), DisposeAsync or Close flushes what it
    // still holds into the stream, and so into the array under a MemoryStream. Here the newline written before the send
    // started reaches `scratch` while the send returned to the caller (or still awaited) reads it.
    [Fact]
    public Task Stream_writer_disposed_or_closed_over_a_buffer_in_flight_is_reported() => VerifyAsync("""
        static class C
        {
            static ValueTask<int> Returned(IoRing ring, int fd, byte[] scratch, string line)
            {
                using var {|ASYS1005:text = new System.IO.StreamWriter(new System.IO.MemoryStream(scratch))|};
                text.Write(line);
                text.Flush();
                text.Write('\n');
                return ring.SendAsync(fd, scratch);
            }

            static async Task<int> Explicit(IoRing ring, int fd, byte[] scratch, string line)
            {
                var stream = new System.IO.MemoryStream(scratch);
                var text = new System.IO.StreamWriter(stream);
                text.Write(line);
                ValueTask<int> send = ring.SendAsync(fd, scratch.AsMemory(0, 16));
                {|ASYS1005:text.Dispose()|};
                return await send;
            }

            static async Task<int> Closed(IoRing ring, int fd, byte[] scratch, string line)
            {
                var text = new System.IO.StreamWriter(new System.IO.MemoryStream(scratch));
                text.Write(line);
                ValueTask<int> send = ring.SendAsync(fd, scratch.AsMemory(0, 16));
                {|ASYS1005:text.Close()|};
                return await send;
            }
        }
        """);

    [Fact]
    public Task Stream_writer_disposed_after_the_await_or_over_another_array_or_a_binary_writer_disposed_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] scratch, byte[] spare, string line)
            {
                int sent;
                using (var text = new System.IO.StreamWriter(new System.IO.MemoryStream(scratch)))
                {
                    text.Write(line);
                    text.Flush();
                    sent = await ring.SendAsync(fd, scratch);
                }

                var other = new System.IO.StreamWriter(new System.IO.MemoryStream(spare));
                var binary = new System.IO.BinaryWriter(new System.IO.MemoryStream(scratch));
                binary.Write(line);
                ValueTask<int> send = ring.SendAsync(fd, scratch.AsMemory(0, 16));
                other.Dispose();
                binary.Dispose();
                sent += await send;
                return sent;
            }
        }
        """);

    // A StreamWriter's last flush (Dispose, DisposeAsync, Close, the end of its using) puts into the array only the text it
    // still holds: flushed after its last write, before the operation started, with nothing written since, it writes nothing.
    [Fact]
    public Task Stream_writer_flushed_before_the_start_and_disposed_or_closed_with_nothing_written_since_is_not_reported() => VerifyAsync("""
        sealed class PageLog
        {
            private readonly byte[] _page = new byte[4096];
            private readonly System.IO.StreamWriter _writer;

            public PageLog() => _writer = new System.IO.StreamWriter(new System.IO.MemoryStream(_page));

            static ValueTask<int> Returned(IoRing ring, int fd, byte[] page, string[] lines)
            {
                using var writer = new System.IO.StreamWriter(new System.IO.MemoryStream(page));
                foreach (string line in lines)
                {
                    writer.WriteLine(line);
                }

                writer.Flush();
                return ring.WriteAtMostAsync(fd, page, 0);
            }

            static async Task<int> Explicit(IoRing ring, int fd, byte[] page, string line)
            {
                var writer = new System.IO.StreamWriter(new System.IO.MemoryStream(page));
                writer.Write(line);
                await writer.FlushAsync();
                ValueTask<int> write = ring.WriteAtMostAsync(fd, page, 0);
                await writer.DisposeAsync();
                return await write;
            }

            public async Task<int> Field(IoRing ring, int fd, string line)
            {
                _writer.WriteLine(line);
                _writer.Flush();
                ValueTask<int> write = ring.WriteAtMostAsync(fd, _page, 0);
                _writer.Close();
                return await write;
            }
        }
        """);

    // The nearest hazards: text written after the last flush (before the start too), a writer never flushed (its first
    // flush may write the encoding's preamble), one flushed on one path only or handed to a helper after the flush, and
    // a writer in a field, which this object's other code may write while this one awaits or calls it.
    [Fact]
    public Task Stream_writer_holding_text_at_its_last_flush_while_the_buffer_is_in_flight_is_reported() => VerifyAsync("""
        sealed class PageLog
        {
            private readonly byte[] _page = new byte[4096];
            private readonly System.IO.StreamWriter _writer;

            public PageLog() => _writer = new System.IO.StreamWriter(new System.IO.MemoryStream(_page));

            void Note(string line) => _writer.WriteLine(line);

            static ValueTask<int> WrittenAfterTheFlush(IoRing ring, int fd, byte[] page, string line)
            {
                using var {|ASYS1005:writer = new System.IO.StreamWriter(new System.IO.MemoryStream(page))|};
                writer.Write(line);
                writer.Flush();
                writer.Write('\n');
                return ring.WriteAtMostAsync(fd, page, 0);
            }

            static async Task<int> NeverFlushed(IoRing ring, int fd, byte[] page)
            {
                var writer = new System.IO.StreamWriter(new System.IO.MemoryStream(page), System.Text.Encoding.UTF8);
                ValueTask<int> write = ring.WriteAtMostAsync(fd, page, 0);
                {|ASYS1005:writer.Dispose()|};
                return await write;
            }

            static async Task<int> FlushedOnOnePath(IoRing ring, int fd, byte[] page, string line, bool flush)
            {
                var writer = new System.IO.StreamWriter(new System.IO.MemoryStream(page));
                writer.Write(line);
                if (flush)
                {
                    writer.Flush();
                }

                ValueTask<int> write = ring.WriteAtMostAsync(fd, page, 0);
                {|ASYS1005:writer.Close()|};
                return await write;
            }

            static async Task<int> HandedOn(IoRing ring, int fd, byte[] page, Action<System.IO.TextWriter> format)
            {
                var writer = new System.IO.StreamWriter(new System.IO.MemoryStream(page));
                writer.Flush();
                ValueTask<int> write = ring.WriteAtMostAsync(fd, page, 0);
                format(writer);
                {|ASYS1005:writer.Dispose()|};
                return await write;
            }

            public async Task<int> FieldAfterACall(IoRing ring, int fd, string line)
            {
                _writer.Flush();
                ValueTask<int> write = ring.WriteAtMostAsync(fd, _page, 0);
                {|ASYS1005:Note(line)|};
                {|ASYS1005:_writer.Close()|};
                return await write;
            }

            public async Task<int> FieldAfterAnAwait(IoRing ring, int fd)
            {
                _writer.Flush();
                ValueTask<int> write = ring.WriteAtMostAsync(fd, _page, 0);
                await Task.Yield();
                {|ASYS1005:_writer.Close()|};
                return await write;
            }
        }
        """);

    // Stream.CopyTo and CopyToAsync write what they read into their destination: a MemoryStream over a buffer in flight
    // (a local, one made on the spot, or a readonly field) gets the copied bytes in the array a send still reads.
    [Fact]
    public Task Stream_copied_into_a_memory_stream_over_a_buffer_in_flight_is_reported() => VerifyAsync("""
        sealed class Relay
        {
            private readonly byte[] _response = new byte[1024];
            private readonly System.IO.MemoryStream _staging;

            public Relay() => _staging = new System.IO.MemoryStream(_response);

            public async Task<int> M(IoRing ring, int fd, byte[] scratch, System.IO.Stream source, CancellationToken ct)
            {
                using var staging = new System.IO.MemoryStream(scratch);
                ValueTask<int> send = ring.SendAsync(fd, scratch.AsMemory(0, 16));
                staging.Position = 0;
                await {|ASYS1005:source.CopyToAsync(staging, ct)|};
                {|ASYS1005:source.CopyTo(new System.IO.MemoryStream(scratch))|};
                return await send;
            }

            public async Task<int> Field(IoRing ring, int fd, System.IO.Stream source)
            {
                ValueTask<int> send = ring.SendAsync(fd, _response);
                _staging.Position = 0;
                {|ASYS1005:source.CopyTo(_staging)|};
                return await send;
            }
        }
        """);

    [Fact]
    public Task Stream_copied_out_of_the_buffer_or_into_another_array_or_after_the_await_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, byte[] scratch, byte[] spare, System.IO.Stream source, System.IO.Stream archive, CancellationToken ct)
            {
                var staging = new System.IO.MemoryStream(scratch);
                ValueTask<int> send = ring.SendAsync(fd, scratch.AsMemory(0, 16));
                await source.CopyToAsync(new System.IO.MemoryStream(spare), ct);
                staging.CopyTo(archive);
                int sent = await send;
                staging.Position = 0;
                await source.CopyToAsync(staging, ct);
                return sent;
            }
        }
        """);

    // An AutoFlush StreamWriter's every write reaches its stream when the write returns: its last flush (the end of its
    // using) has nothing left to write into the array. A write of it while the operation is in flight still is a touch.
    [Fact]
    public Task Auto_flushing_writer_disposed_while_the_operation_runs_is_not_reported() => VerifyAsync("""
        static class C
        {
            static ValueTask<int> Returned(IoRing ring, int fd, byte[] page, string[] lines)
            {
                using var text = new System.IO.StreamWriter(new System.IO.MemoryStream(page), System.Text.Encoding.ASCII) { AutoFlush = true };
                foreach (string line in lines) text.WriteLine(line);
                return ring.SendAsync(fd, page);
            }

            static ValueTask<int> TurnedOn(IoRing ring, int fd, byte[] page, string line)
            {
                using var text = new System.IO.StreamWriter(new System.IO.MemoryStream(page));
                text.Write(line);
                text.AutoFlush = true;
                return ring.SendAsync(fd, page);
            }
        }
        """);

    // The nearest hazards: a write of the auto-flushing writer in flight, one whose AutoFlush is turned off, one handed to a
    // method (which may turn it off), and one written after AutoFlush was set on another writer only.
    [Fact]
    public Task Auto_flushing_writer_written_in_flight_or_turned_off_or_handed_on_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> WrittenInFlight(IoRing ring, int fd, byte[] page, string line)
            {
                using var text = new System.IO.StreamWriter(new System.IO.MemoryStream(page), System.Text.Encoding.ASCII) { AutoFlush = true };
                ValueTask<int> send = ring.SendAsync(fd, page);
                {|ASYS1005:text.WriteLine(line)|};
                return await send;
            }

            static ValueTask<int> TurnedOff(IoRing ring, int fd, byte[] page, string line)
            {
                using var {|ASYS1005:text = new System.IO.StreamWriter(new System.IO.MemoryStream(page)) { AutoFlush = true }|};
                text.AutoFlush = false;
                text.Write(line);
                return ring.SendAsync(fd, page);
            }

            static ValueTask<int> HandedOn(IoRing ring, int fd, byte[] page, string line)
            {
                using var {|ASYS1005:text = new System.IO.StreamWriter(new System.IO.MemoryStream(page)) { AutoFlush = true }|};
                Format(text, line);
                return ring.SendAsync(fd, page);
            }

            static void Format(System.IO.StreamWriter writer, string line) => writer.Write(line);
        }
        """);

    // An instance buffer field is one array per object: the send of another object's field (`behind._frame`) is touched by
    // that object's own method, not by writes of this object's field.
    [Fact]
    public Task Buffer_field_of_another_object_rewritten_by_its_method_while_sent_is_reported() => VerifyAsync("""
        sealed class PeerChannel
        {
            private readonly IoRing _ring = IoRing.Shared;
            private readonly byte[] _frame = new byte[64];

            public void Encode(long term) => System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_frame, term);

            public async Task RelayAsync(PeerChannel behind, int fd, long term)
            {
                ValueTask<int> send = _ring.SendAsync(fd, behind._frame);
                {|ASYS1005:behind.Encode(term)|};
                {|ASYS1005:behind._frame[0] = 1|};
                await send;
            }

            public async Task OwnAsync(int fd, long term)
            {
                ValueTask<int> send = _ring.SendAsync(fd, _frame);
                {|ASYS1005:Encode(term)|};
                await send;
            }
        }
        """);

    [Fact]
    public Task Buffer_field_of_this_object_written_while_another_objects_is_sent_is_not_reported() => VerifyAsync("""
        sealed class PeerChannel
        {
            private readonly IoRing _ring = IoRing.Shared;
            private readonly byte[] _frame = new byte[64];

            public void Encode(long term) => System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_frame, term);

            public async Task RelayAsync(PeerChannel behind, PeerChannel ahead, int fd, long term)
            {
                ValueTask<int> send = _ring.SendAsync(fd, behind._frame);
                _frame[0] = 1;
                Encode(term);
                ahead._frame[0] = 1;
                ahead.Encode(term);
                await send;
            }
        }
        """);

    // A PipeWriter's GetMemory given to an operation, then Advance and FlushAsync (or Complete) before its await: the reader
    // consumes the memory and the pipe recycles it while the operation still fills it.
    [Fact]
    public Task Pipe_memory_advanced_and_flushed_before_its_read_is_awaited_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task Flushed(IoRing ring, int fd, System.IO.Pipelines.PipeWriter output, CancellationToken ct)
            {
                Memory<byte> memory = output.GetMemory(4096);
                ValueTask<int> read = ring.ReadAsync(fd, memory[..4096], 0, ct);
                output.Advance(4096);
                await {|ASYS1005:output.FlushAsync(ct)|};
                await read;
            }

            static async Task Completed(IoRing ring, int fd, System.IO.Pipelines.PipeWriter output)
            {
                Memory<byte> memory = output.GetMemory(4096);
                ValueTask<int> read = ring.ReadAsync(fd, memory, 0);
                output.Advance(4096);
                {|ASYS1005:output.Complete()|};
                await read;
            }
        }
        """);

    [Fact]
    public Task Pipe_memory_flushed_after_its_read_or_never_advanced_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task Awaited(IoRing ring, int fd, System.IO.Pipelines.PipeWriter output, CancellationToken ct)
            {
                Memory<byte> memory = output.GetMemory(4096);
                int n = await ring.ReadAsync(fd, memory, 0, ct);
                output.Advance(n);
                await output.FlushAsync(ct);
            }

            static async Task OtherPipe(IoRing ring, int fd, System.IO.Pipelines.PipeWriter output, System.IO.Pipelines.PipeWriter log)
            {
                Memory<byte> memory = output.GetMemory(4096);
                ValueTask<int> read = ring.ReadAsync(fd, memory, 0);
                log.Advance(0);
                await log.FlushAsync();
                output.Advance(await read);
                await output.FlushAsync();
            }
        }
        """);

    // The pipe's memory kept in a field of this object (round 44's segment tailer): the same memory, handed to the reader
    // by the flush while the read fills it.
    [Fact]
    public Task Pipe_memory_kept_in_a_field_advanced_and_flushed_before_its_read_is_awaited_is_reported() => VerifyAsync("""
        sealed class Tailer
        {
            private readonly System.IO.Pipelines.PipeWriter _output;
            private Memory<byte> _window;

            public Tailer(System.IO.Pipelines.PipeWriter output) => _output = output;

            public async Task PumpAsync(IoRing ring, int fd, CancellationToken ct)
            {
                _window = _output.GetMemory(4096);
                ValueTask<int> read = ring.ReadAsync(fd, _window[..4096], 0, ct);
                _output.Advance(4096);
                await {|ASYS1005:_output.FlushAsync(ct)|};
                await read;
            }
        }
        """);

    [Fact]
    public Task Pipe_memory_kept_in_a_field_flushed_after_its_read_is_not_reported() => VerifyAsync("""
        sealed class Tailer
        {
            private readonly System.IO.Pipelines.PipeWriter _output;
            private Memory<byte> _window;

            public Tailer(System.IO.Pipelines.PipeWriter output) => _output = output;

            public async Task PumpAsync(IoRing ring, int fd, CancellationToken ct)
            {
                _window = _output.GetMemory(4096);
                ValueTask<int> read = ring.ReadAsync(fd, _window[..4096], 0, ct);
                int n = await read;
                if (n > 0)
                {
                    _output.Advance(n);
                }

                await _output.FlushAsync(ct);
            }
        }
        """);

    // A buffer still being filled, carried by a record or a tuple made in place and written to a channel, is published.
    [Fact]
    public Task Buffer_in_flight_published_inside_a_record_or_tuple_is_reported() => VerifyAsync("""
        sealed record Block(int Segment, byte[] Data);

        sealed class Merger
        {
            private readonly System.Threading.Channels.Channel<Block> _blocks = System.Threading.Channels.Channel.CreateUnbounded<Block>();
            private readonly System.Threading.Channels.Channel<(int, byte[])> _pairs = System.Threading.Channels.Channel.CreateUnbounded<(int, byte[])>();

            public async Task ReadAsync(IoRing ring, int fd, int segment, CancellationToken ct)
            {
                byte[] block = new byte[4096];
                ValueTask<int> read = ring.ReadAsync(fd, block, 0, ct);
                await {|ASYS1005:_blocks.Writer.WriteAsync(new Block(segment, block), ct)|};
                {|ASYS1005:_pairs.Writer.TryWrite((segment, block))|};
                await read;
            }
        }
        """);

    [Fact]
    public Task Record_published_after_the_read_or_carrying_a_copy_is_not_reported() => VerifyAsync("""
        sealed record Block(int Segment, byte[] Data);

        sealed class Merger
        {
            private readonly System.Threading.Channels.Channel<Block> _blocks = System.Threading.Channels.Channel.CreateUnbounded<Block>();

            public async Task ReadAsync(IoRing ring, int fd, int segment, byte[] previous, CancellationToken ct)
            {
                byte[] block = new byte[4096];
                ValueTask<int> read = ring.ReadAsync(fd, block, 0, ct);
                await _blocks.Writer.WriteAsync(new Block(segment, previous), ct);
                await _blocks.Writer.WriteAsync(new Block(segment, block.AsSpan().ToArray()), ct);
                await read;
                await _blocks.Writer.WriteAsync(new Block(segment, block), ct);
            }
        }
        """);

    // A class made in place whose constructor stores the buffer as given (a field, a property, a primary constructor's
    // captured parameter) carries it into the channel like a record.
    [Fact]
    public Task Buffer_in_flight_published_inside_a_class_whose_constructor_keeps_it_is_reported() => VerifyAsync("""
        sealed class Job
        {
            private readonly byte[] _data;
            public Job(int index, byte[] data) { Index = index; _data = data; }
            public int Index { get; }
            public byte First => _data[0];
        }

        sealed class Held(byte[] data)
        {
            public int Length => data.Length;
        }

        sealed class Prefetcher
        {
            private readonly System.Threading.Channels.Channel<Job> _jobs = System.Threading.Channels.Channel.CreateUnbounded<Job>();
            private readonly System.Threading.Channels.Channel<Held> _held = System.Threading.Channels.Channel.CreateUnbounded<Held>();

            public async Task ReadAsync(IoRing ring, int fd, int index, CancellationToken ct)
            {
                byte[] block = new byte[4096];
                ValueTask<int> read = ring.ReadAsync(fd, block, 0, ct);
                await {|ASYS1005:_jobs.Writer.WriteAsync(new Job(index, block), ct)|};
                {|ASYS1005:_held.Writer.TryWrite(new Held(block))|};
                await read;
            }
        }
        """);

    [Fact]
    public Task Class_whose_constructor_copies_the_buffer_or_published_after_the_read_is_not_reported() => VerifyAsync("""
        sealed class Job
        {
            private readonly byte[] _data;
            public Job(int index, byte[] data) { Index = index; _data = data.AsSpan().ToArray(); }
            public int Index { get; }
            public byte First => _data[0];
        }

        sealed class Copied(byte[] data)
        {
            private readonly byte[] _data = (byte[])data.Clone();
            public int Length => _data.Length;
        }

        sealed class Kept
        {
            private readonly byte[] _data;
            public Kept(byte[] data) { _data = data; }
            public byte First => _data[0];
        }

        sealed class Prefetcher
        {
            private readonly System.Threading.Channels.Channel<Job> _jobs = System.Threading.Channels.Channel.CreateUnbounded<Job>();
            private readonly System.Threading.Channels.Channel<Copied> _copies = System.Threading.Channels.Channel.CreateUnbounded<Copied>();
            private readonly System.Threading.Channels.Channel<Kept> _kept = System.Threading.Channels.Channel.CreateUnbounded<Kept>();

            public async Task ReadAsync(IoRing ring, int fd, int index, CancellationToken ct)
            {
                byte[] block = new byte[4096];
                ValueTask<int> read = ring.ReadAsync(fd, block, 0, ct);
                await _jobs.Writer.WriteAsync(new Job(index, block), ct);
                _copies.Writer.TryWrite(new Copied(block));
                await read;
                _kept.Writer.TryWrite(new Kept(block));
            }
        }
        """);

    // A view local made once of a constant slice (through MemoryMarshal.Cast) writes only that slice: apart from the half in flight.
    [Fact]
    public Task View_of_the_other_constant_half_written_while_one_half_is_read_is_not_reported() => VerifyAsync("""
        static class C
        {
            private const int Half = 4096;

            static async Task M(IoRing ring, int fd, float factor)
            {
                byte[] block = new byte[2 * Half];
                ValueTask<int> second = ring.ReadAsync(fd, block.AsMemory(Half, Half), 0);
                Span<float> values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(block.AsSpan(0, Half));
                for (int i = 0; i < values.Length; i++) values[i] *= factor;
                await second;
            }
        }
        """);

    [Fact]
    public Task View_of_the_whole_block_or_given_another_slice_written_while_one_half_is_read_is_reported() => VerifyAsync("""
        static class C
        {
            private const int Half = 4096;

            static async Task Whole(IoRing ring, int fd, float factor)
            {
                byte[] block = new byte[2 * Half];
                ValueTask<int> second = ring.ReadAsync(fd, block.AsMemory(Half, Half), 0);
                Span<float> values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(block.AsSpan(0, 2 * Half));
                for (int i = 0; i < values.Length; i++) {|ASYS1005:values[i] *= factor|};
                await second;
            }

            static async Task Moved(IoRing ring, int fd, float factor, bool late)
            {
                byte[] block = new byte[2 * Half];
                ValueTask<int> second = ring.ReadAsync(fd, block.AsMemory(Half, Half), 0);
                Span<float> values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(block.AsSpan(0, Half));
                if (late) values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(block.AsSpan(Half, Half));
                {|ASYS1005:values[0] *= factor|};
                await second;
            }
        }
        """);

    // A local or parameter named like a private stream field, written elsewhere in the type, shadows the field there and
    // writes something else: the field, set only in the constructor, is still followed.
    [Fact]
    public Task Writer_field_with_a_local_or_parameter_of_the_same_name_written_elsewhere_is_reported() => VerifyAsync("""
        sealed class Connection
        {
            private readonly byte[] _send = new byte[1024];
            private System.IO.BinaryWriter _writer;
            private readonly IoRing _ring;
            private readonly int _fd;

            public Connection(IoRing ring, int fd)
            {
                _ring = ring;
                _fd = fd;
                _writer = new System.IO.BinaryWriter(new System.IO.MemoryStream(_send));
            }

            public static byte[] Frame(byte[] payload)
            {
                var buffer = new System.IO.MemoryStream();
                System.IO.BinaryWriter _writer;
                _writer = new System.IO.BinaryWriter(buffer);
                _writer.Write(payload);
                return buffer.ToArray();
            }

            public static void Reopen(System.IO.BinaryWriter _writer) => _writer = new System.IO.BinaryWriter(System.IO.Stream.Null);

            public async Task<int> SendAsync(int length, byte[] next)
            {
                ValueTask<int> send = _ring.SendAsync(_fd, _send.AsMemory(0, length));
                {|ASYS1005:_writer.Write(next)|};
                return await send;
            }
        }
        """);

    // The nearest correct code: the field itself given another value through another object of the type, or as
    // `this._writer` in a method: it may hold another stream by then.
    [Fact]
    public Task Writer_field_given_another_value_through_another_object_or_this_is_not_reported() => VerifyAsync("""
        sealed class Connection
        {
            private readonly byte[] _send = new byte[1024];
            private System.IO.BinaryWriter _writer;
            private System.IO.BinaryWriter _other;
            private readonly IoRing _ring;
            private readonly int _fd;

            public Connection(IoRing ring, int fd)
            {
                _ring = ring;
                _fd = fd;
                _writer = new System.IO.BinaryWriter(new System.IO.MemoryStream(_send));
                _other = new System.IO.BinaryWriter(new System.IO.MemoryStream(_send));
            }

            public static void Detach(Connection connection) => connection._writer = new System.IO.BinaryWriter(System.IO.Stream.Null);

            public void Reset() => this._other = new System.IO.BinaryWriter(System.IO.Stream.Null);

            public async Task<int> SendAsync(int length, byte[] next)
            {
                ValueTask<int> send = _ring.SendAsync(_fd, _send.AsMemory(0, length));
                _writer.Write(next);
                _other.Write(next);
                return await send;
            }
        }
        """);

    // Round 45: a consumer may stop an iterator at any yield return (a break out of its await foreach), and disposing it
    // runs the finally around the yield with the receive posted before the yield still in flight.
    [Fact]
    public Task Pool_return_in_an_iterator_finally_with_a_receive_posted_before_a_yield_is_reported() => VerifyAsync("""
        static class C
        {
            static async System.Collections.Generic.IAsyncEnumerable<int> M(IoRing ring, int fd)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(64);
                try
                {
                    int n = await ring.ReceiveAsync(fd, buffer.AsMemory(0, 32));
                    while (n == 32)
                    {
                        ValueTask<int> pending = ring.ReceiveAsync(fd, buffer.AsMemory(32, 32));
                        yield return n;
                        n = await pending;
                    }
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(buffer)|};
                }
            }
        }
        """);

    // The nearest correct shapes: the receive awaited before the yield, or the finally waiting for a receive a flag
    // says is still posted.
    [Fact]
    public Task Pool_return_in_an_iterator_finally_with_nothing_in_flight_at_the_yield_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async System.Collections.Generic.IAsyncEnumerable<int> Awaited(IoRing ring, int fd)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(64);
                try
                {
                    int n = await ring.ReceiveAsync(fd, buffer.AsMemory(0, 32));
                    while (n == 32)
                    {
                        ValueTask<int> pending = ring.ReceiveAsync(fd, buffer.AsMemory(32, 32));
                        n = await pending;
                        yield return n;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            static async System.Collections.Generic.IAsyncEnumerable<int> Flagged(IoRing ring, int fd)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(64);
                ValueTask<int> pending = default;
                bool posted = false;
                try
                {
                    int n = await ring.ReceiveAsync(fd, buffer.AsMemory(0, 32));
                    while (n == 32)
                    {
                        pending = ring.ReceiveAsync(fd, buffer.AsMemory(32, 32));
                        posted = true;
                        yield return n;
                        posted = false;
                        n = await pending;
                    }
                }
                finally
                {
                    if (posted)
                    {
                        await pending;
                    }

                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        """);

    // Double buffering through two locals a tuple swap exchanges (round 44): which array each name holds is followed
    // along the paths, the loop's back edge included, so the new active array (whose own write was awaited) is not
    // the one in flight, and the top of the next pass encodes into the other array.
    [Fact]
    public Task Double_buffer_swapped_by_a_tuple_writing_the_new_active_array_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, int[] sizes)
            {
                byte[] active = new byte[4096];
                byte[] standby = new byte[4096];
                ValueTask<int> flush = default;
                bool pending = false;
                long tail = 0;
                foreach (int size in sizes)
                {
                    active.AsSpan(0, size).Fill(1);
                    if (pending)
                    {
                        tail += await flush;
                    }

                    flush = ring.WriteAtMostAsync(fd, active.AsMemory(0, size), tail);
                    pending = true;
                    (active, standby) = (standby, active);
                    active.AsSpan(0, 16).Clear();
                }

                if (pending)
                {
                    await flush;
                }
            }
        }
        """);

    [Fact]
    public Task Double_buffer_swapped_by_a_tuple_writing_the_array_in_flight_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, int[] sizes)
            {
                byte[] active = new byte[4096];
                byte[] standby = new byte[4096];
                ValueTask<int> flush = default;
                bool pending = false;
                long tail = 0;
                foreach (int size in sizes)
                {
                    if (pending)
                    {
                        tail += await flush;
                    }

                    flush = ring.WriteAtMostAsync(fd, active.AsMemory(0, size), tail);
                    pending = true;
                    (active, standby) = (standby, active);
                    {|ASYS1005:standby.AsSpan(0, 16).Clear()|};
                }

                if (pending)
                {
                    await flush;
                }
            }
        }
        """);

    // One swap moves the array in flight to the other name; a second brings it back to the name the write was started through.
    [Fact]
    public Task Array_in_flight_after_one_and_two_swaps_is_reported_through_the_name_holding_it() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd)
            {
                byte[] front = new byte[512];
                byte[] back = new byte[512];
                ValueTask write = ring.WriteAsync(fd, front, 0);
                (front, back) = (back, front);
                front[0] = 1;
                {|ASYS1005:back[0] = 2|};
                (front, back) = (back, front);
                back[0] = 3;
                {|ASYS1005:front[0] = 4|};
                await write;
            }
        }
        """);

    // Plain reassignment between locals: a rotation through a third local, and a copy of the name in flight.
    [Fact]
    public Task Plain_reassignment_between_buffer_locals_is_followed() => VerifyAsync("""
        static class C
        {
            static async Task Rotated(IoRing ring, int fd)
            {
                byte[] active = new byte[512];
                byte[] standby = new byte[512];
                ValueTask write = ring.WriteAsync(fd, active, 0);
                byte[] next = standby;
                standby = active;
                active = next;
                active[0] = 1;
                next[1] = 1;
                {|ASYS1005:standby[0] = 2|};
                await write;
            }

            static async Task Copied(IoRing ring, int fd)
            {
                byte[] spare = new byte[512];
                byte[] current = new byte[512];
                ValueTask write = ring.WriteAsync(fd, current, 0);
                spare[0] = 1;
                spare = current;
                {|ASYS1005:spare[0] = 2|};
                await write;
            }
        }
        """);

    // Where the names cannot be told (a local also given a rented array, or taken by ref), the rule stays by name: a
    // write through the name the operation was started through is reported, as before.
    [Fact]
    public Task Buffer_local_also_given_other_arrays_or_taken_by_ref_stays_reported_by_name() => VerifyAsync("""
        static class C
        {
            static async Task Rented(IoRing ring, int fd, bool grow)
            {
                byte[] active = new byte[512];
                byte[] standby = new byte[512];
                ValueTask write = ring.WriteAsync(fd, active, 0);
                (active, standby) = (standby, active);
                if (grow)
                {
                    active = ArrayPool<byte>.Shared.Rent(1024);
                }

                {|ASYS1005:active[0] = 1|};
                await write;
            }

            static async Task ByRef(IoRing ring, int fd)
            {
                byte[] active = new byte[512];
                byte[] standby = new byte[512];
                ValueTask write = ring.WriteAsync(fd, active, 0);
                (active, standby) = (standby, active);
                Swap(ref active, ref standby);
                {|ASYS1005:active[0] = 1|};
                await write;
            }

            static void Swap(ref byte[] a, ref byte[] b) => (a, b) = (b, a);
        }
        """);

    // Round 45: a send handed to a method of this compilation that keeps it in a field of its object (a tracker whose
    // DisposeAsync waits for what it keeps) stays in flight until the code uses that object again: a lease declared after
    // the tracker is disposed first, at the end of the scope, while the send runs.
    [Fact]
    public Task Lease_disposed_before_the_tracker_that_keeps_its_send_is_reported() => VerifyAsync("""
        sealed class SendTracker : IAsyncDisposable
        {
            private readonly System.Collections.Generic.List<Task<int>> _inFlight = new();

            public void Track(ValueTask<int> send) => _inFlight.Add(send.AsTask());

            public async ValueTask DisposeAsync() => await Task.WhenAll(_inFlight);
        }

        static class C
        {
            static async Task M(IoRing ring, int fd, int n)
            {
                await using var tracker = new SendTracker();
                using IMemoryOwner<byte> {|ASYS1005:lease = MemoryPool<byte>.Shared.Rent(n)|};
                tracker.Track(ring.SendAsync(fd, lease.Memory[..n]));
            }
        }
        """);

    // The nearest correct shape: the lease declared before the tracker, so the tracker's DisposeAsync (a use of the
    // tracker) comes first; and a second Track is no use that ends the first send.
    [Fact]
    public Task Lease_disposed_after_the_tracker_that_keeps_its_send_is_not_reported() => VerifyAsync("""
        sealed class SendTracker : IAsyncDisposable
        {
            private readonly System.Collections.Generic.List<Task<int>> _inFlight = new();

            public void Track(ValueTask<int> send) => _inFlight.Add(send.AsTask());

            public async ValueTask DisposeAsync() => await Task.WhenAll(_inFlight);
        }

        static class C
        {
            static async Task M(IoRing ring, int fd, int n)
            {
                using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(2 * n);
                await using var tracker = new SendTracker();
                tracker.Track(ring.SendAsync(fd, lease.Memory[..n]));
                tracker.Track(ring.SendAsync(fd, lease.Memory.Slice(n, n)));
            }
        }
        """);

    [Fact]
    public Task Buffer_written_while_a_forwarding_method_of_the_type_sends_it_is_reported() => VerifyAsync("""
        sealed class Connection(IoRing ring, int socket)
        {
            private readonly byte[] _frame = new byte[64];

            private ValueTask<int> SendAsync(byte[] frame, int length, CancellationToken ct) =>
                ring.SendAsync(socket, frame.AsMemory(0, length), MessageFlags.None, ct);

            public async Task M(CancellationToken ct)
            {
                ValueTask<int> parse = SendAsync(_frame, 10, ct);
                {|ASYS1005:_frame[0] = (byte)'S'|};
                await parse;
                _frame[0] = (byte)'P';
                await SendAsync(_frame, 5, ct);
            }
        }
        """);

    [Fact]
    public Task Forwarding_method_that_copies_its_argument_first_is_no_operation_on_it() => VerifyAsync("""
        sealed class Connection(IoRing ring, int socket)
        {
            private readonly byte[] _frame = new byte[64];

            private ValueTask<int> SendCopyAsync(byte[] frame, CancellationToken ct) =>
                ring.SendAsync(socket, frame.AsSpan().ToArray(), MessageFlags.None, ct);

            private static Memory<byte> Pick(byte[] a) => a;

            private ValueTask<int> SendPickedAsync(byte[] frame, CancellationToken ct) =>
                ring.SendAsync(socket, Pick(frame), MessageFlags.None, ct);

            public async Task M(CancellationToken ct)
            {
                ValueTask<int> copy = SendCopyAsync(_frame, ct);
                _frame[0] = 1;
                await copy;
            }
        }
        """);

    [Fact]
    public Task Pool_return_in_a_finally_after_a_forwarded_write_timed_out_is_reported() => VerifyAsync("""
        sealed class SstFile(IoRing ring, int fd)
        {
            public ValueTask WriteBlockAsync(ReadOnlyMemory<byte> block, long offset, CancellationToken ct) => ring.WriteAsync(fd, block, offset, ct);
        }

        static class C
        {
            static async Task M(SstFile file, TimeSpan timeout, CancellationToken ct)
            {
                byte[] block = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    await file.WriteBlockAsync(block.AsMemory(0, 100), 0, ct).AsTask().WaitAsync(timeout, ct);
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(block)|};
                }
            }

            static async Task Awaited(SstFile file, CancellationToken ct)
            {
                byte[] block = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    await file.WriteBlockAsync(block.AsMemory(0, 100), 0, ct);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(block);
                }
            }
        }
        """);

    [Fact]
    public Task Lease_disposed_after_a_tracker_whose_dispose_does_not_wait_is_reported() => VerifyAsync("""
        sealed class Forgetful : IAsyncDisposable
        {
            private readonly System.Collections.Generic.List<Task<int>> _inFlight = new();

            public void Track(ValueTask<int> send) => _inFlight.Add(send.AsTask());

            public ValueTask DisposeAsync()
            {
                _inFlight.Clear();
                return ValueTask.CompletedTask;
            }
        }

        sealed class Waiting : IAsyncDisposable
        {
            private readonly System.Collections.Generic.List<Task<int>> _inFlight = new();

            public void Track(ValueTask<int> send) => _inFlight.Add(send.AsTask());

            public async ValueTask DisposeAsync()
            {
                foreach (Task<int> send in _inFlight)
                {
                    await send;
                }
            }
        }

        static class C
        {
            static async Task Bad(IoRing ring, int fd, int n)
            {
                using IMemoryOwner<byte> {|ASYS1005:lease = MemoryPool<byte>.Shared.Rent(n)|};
                await using var tracker = new Forgetful();
                tracker.Track(ring.SendAsync(fd, lease.Memory[..n]));
            }

            static async Task Good(IoRing ring, int fd, int n)
            {
                using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(n);
                await using var tracker = new Waiting();
                tracker.Track(ring.SendAsync(fd, lease.Memory[..n]));
            }
        }
        """);
    // Round 47: memory of a sequence read from a PipeReader, given to a send, then AdvanceTo before the send is awaited:
    // the pipe recycles the segment while the kernel still reads it.
    [Fact]
    public Task Pipe_reader_memory_advanced_past_before_the_send_is_awaited_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task Pump(IoRing ring, int fd, System.IO.Pipelines.PipeReader output, CancellationToken ct)
            {
                System.IO.Pipelines.ReadResult result = await output.ReadAsync(ct).ConfigureAwait(false);
                System.Buffers.ReadOnlySequence<byte> buffer = result.Buffer;
                ReadOnlyMemory<byte> first = buffer.First;
                ValueTask<int> send = ring.SendAsync(fd, first, MessageFlags.None, ct);
                {|ASYS1005:output.AdvanceTo(buffer.GetPosition(first.Length))|};
                await send;
            }
        }
        """);

    // Its nearest correct shapes: AdvanceTo after the awaited send; AdvanceTo on another reader; memory not from the read.
    [Fact]
    public Task Pipe_reader_memory_advanced_past_after_the_send_or_on_another_reader_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task Awaited(IoRing ring, int fd, System.IO.Pipelines.PipeReader output, CancellationToken ct)
            {
                System.IO.Pipelines.ReadResult result = await output.ReadAsync(ct);
                System.Buffers.ReadOnlySequence<byte> buffer = result.Buffer;
                ReadOnlyMemory<byte> first = buffer.First;
                int sent = await ring.SendAsync(fd, first, MessageFlags.None, ct);
                output.AdvanceTo(buffer.GetPosition(sent));
            }

            static async Task OtherReader(IoRing ring, int fd, System.IO.Pipelines.PipeReader output, System.IO.Pipelines.PipeReader control, CancellationToken ct)
            {
                System.IO.Pipelines.ReadResult result = await output.ReadAsync(ct);
                System.IO.Pipelines.ReadResult command = await control.ReadAsync(ct);
                ReadOnlyMemory<byte> first = result.Buffer.First;
                System.Buffers.ReadOnlySequence<byte> commands = command.Buffer;
                ValueTask<int> send = ring.SendAsync(fd, first, MessageFlags.None, ct);
                control.AdvanceTo(commands.End);
                await send;
            }

            static async Task Copied(IoRing ring, int fd, System.IO.Pipelines.PipeReader output, CancellationToken ct)
            {
                System.IO.Pipelines.ReadResult result = await output.ReadAsync(ct);
                System.Buffers.ReadOnlySequence<byte> buffer = result.Buffer;
                byte[] copy = System.Buffers.BuffersExtensions.ToArray(buffer);
                ValueTask<int> send = ring.SendAsync(fd, copy, MessageFlags.None, ct);
                output.AdvanceTo(buffer.End);
                await send;
            }
        }
        """);

    // Round 52: one send per segment of the sequence read (a foreach over it), then AdvanceTo(buffer.End) before the sends
    // are awaited; quiet when the sends are awaited first, or when the loop runs over another reader's sequence.
    [Fact]
    public Task Pipe_reader_segments_sent_in_a_loop_and_advanced_past_before_the_sends_end_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task Pump(IoRing ring, int fd, System.IO.Pipelines.PipeReader output, CancellationToken ct)
            {
                var sends = new System.Collections.Generic.List<Task<int>>();
                System.IO.Pipelines.ReadResult result = await output.ReadAsync(ct);
                System.Buffers.ReadOnlySequence<byte> buffer = result.Buffer;
                foreach (ReadOnlyMemory<byte> segment in buffer)
                {
                    sends.Add(ring.SendAsync(fd, segment, MessageFlags.More, ct).AsTask());
                }

                {|ASYS1005:output.AdvanceTo(buffer.End)|};
                await Task.WhenAll(sends);
            }
        }
        """);

    [Fact]
    public Task Pipe_reader_segments_sent_in_a_loop_and_advanced_past_after_the_sends_end_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task Awaited(IoRing ring, int fd, System.IO.Pipelines.PipeReader output, CancellationToken ct)
            {
                var sends = new System.Collections.Generic.List<Task<int>>();
                System.IO.Pipelines.ReadResult result = await output.ReadAsync(ct);
                System.Buffers.ReadOnlySequence<byte> buffer = result.Buffer;
                foreach (ReadOnlyMemory<byte> segment in buffer)
                {
                    sends.Add(ring.SendAsync(fd, segment, MessageFlags.More, ct).AsTask());
                }

                await Task.WhenAll(sends);
                output.AdvanceTo(buffer.End);
            }

            static async Task OtherReader(IoRing ring, int fd, System.IO.Pipelines.PipeReader output, System.IO.Pipelines.PipeReader control, CancellationToken ct)
            {
                var sends = new System.Collections.Generic.List<Task<int>>();
                System.IO.Pipelines.ReadResult result = await output.ReadAsync(ct);
                System.IO.Pipelines.ReadResult command = await control.ReadAsync(ct);
                System.Buffers.ReadOnlySequence<byte> buffer = result.Buffer;
                foreach (ReadOnlyMemory<byte> segment in buffer)
                {
                    sends.Add(ring.SendAsync(fd, segment, MessageFlags.More, ct).AsTask());
                }

                control.AdvanceTo(command.Buffer.End);
                await Task.WhenAll(sends);
                output.AdvanceTo(buffer.End);
            }
        }
        """);

    // Round 47: an object pool's Return given the object whose buffer property a receive is filling.
    [Fact]
    public Task Pooled_object_returned_while_its_buffer_is_in_flight_is_reported() => VerifyAsync("""
        sealed class ReplyState { public byte[] Buffer { get; } = new byte[4096]; }
        sealed class StatePool<T> where T : class, new()
        {
            private readonly System.Collections.Concurrent.ConcurrentBag<T> _items = new();
            public T Get() => _items.TryTake(out T? item) ? item : new T();
            public void Return(T item) => _items.Add(item);
        }
        static class C
        {
            static async Task<int> M(IoRing ring, int fd, StatePool<ReplyState> pool, TimeSpan timeout, CancellationToken ct)
            {
                ReplyState state = pool.Get();
                try
                {
                    ValueTask<int> receive = ring.ReceiveAsync(fd, state.Buffer, MessageFlags.None, ct);
                    return await receive.AsTask().WaitAsync(timeout, ct);
                }
                finally
                {
                    {|ASYS1005:pool.Return(state)|};
                }
            }

            static async Task<int> Direct(IoRing ring, int fd, StatePool<ReplyState> pool, CancellationToken ct)
            {
                ReplyState state = pool.Get();
                ValueTask<int> receive = ring.ReceiveAsync(fd, state.Buffer, MessageFlags.None, ct);
                {|ASYS1005:pool.Return(state)|};
                return await receive;
            }
        }
        """);

    // Its nearest correct shapes: returned after the receive completed; another object returned; a pool of this name's
    // Return given something that holds no buffer in flight.
    [Fact]
    public Task Pooled_object_returned_after_its_receive_or_another_object_is_not_reported() => VerifyAsync("""
        sealed class ReplyState { public byte[] Buffer { get; } = new byte[4096]; }
        sealed class StatePool<T> where T : class, new()
        {
            private readonly System.Collections.Concurrent.ConcurrentBag<T> _items = new();
            public T Get() => _items.TryTake(out T? item) ? item : new T();
            public void Return(T item) => _items.Add(item);
        }
        static class C
        {
            static async Task<int> Completed(IoRing ring, int fd, StatePool<ReplyState> pool, TimeSpan timeout, CancellationToken ct)
            {
                ReplyState state = pool.Get();
                int n = await ring.ReceiveAsync(fd, state.Buffer, MessageFlags.None, ct).AsTask().WaitAsync(timeout, ct);
                pool.Return(state);
                return n;
            }

            static async Task<int> Other(IoRing ring, int fd, StatePool<ReplyState> pool, ReplyState spare, CancellationToken ct)
            {
                ReplyState state = pool.Get();
                ValueTask<int> receive = ring.ReceiveAsync(fd, state.Buffer, MessageFlags.None, ct);
                pool.Return(spare);
                return await receive;
            }
        }
        """);
    // Round 47: a forwarder of a forwarder (Kestrel's SocketSender layering) starts the operation on the caller's buffer;
    // a chain of methods that return each other's calls without reaching the ring starts nothing.
    [Fact]
    public Task Buffer_returned_while_a_forwarder_of_a_forwarder_sends_it_is_reported() => VerifyAsync("""
        sealed class Transport(IoRing ring, int socket)
        {
            public ValueTask<int> SendFrameAsync(byte[] frame, int length, CancellationToken ct) => SendAsync(frame.AsMemory(0, length), ct);

            public ValueTask<int> SendAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct) => ring.SendAsync(socket, buffer, MessageFlags.None, ct);

            public ValueTask<int> PingAsync(byte[] frame, CancellationToken ct) => PongAsync(frame, ct);

            public ValueTask<int> PongAsync(byte[] frame, CancellationToken ct) => PingAsync(frame, ct);
        }

        static class C
        {
            static async Task M(Transport transport, CancellationToken ct)
            {
                byte[] frame = ArrayPool<byte>.Shared.Rent(64);
                ValueTask<int> send = transport.SendFrameAsync(frame, 10, ct);
                {|ASYS1005:ArrayPool<byte>.Shared.Return(frame)|};
                await send;
            }

            static async Task Cycle(Transport transport, CancellationToken ct)
            {
                byte[] frame = ArrayPool<byte>.Shared.Rent(64);
                ValueTask<int> ping = transport.PingAsync(frame, ct);
                ArrayPool<byte>.Shared.Return(frame);
                await ping;
            }
        }
        """);

    [Fact]
    public Task Watchdog_continuation_armed_between_the_start_and_the_await_is_no_way_into_the_finally() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(int fd, TimeSpan timeout, CancellationTokenSource cts)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    Task<int> read = Native.ReadIntoAsync(fd, buffer, 0, cts.Token).AsTask();
                    _ = Task.Delay(timeout).ContinueWith(_ => cts.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                    return await read;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        """);

    [Fact]
    public Task A_call_of_the_code_between_the_start_and_the_await_still_reaches_the_finally() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(int fd, TimeSpan timeout, CancellationTokenSource cts)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
                try
                {
                    Task<int> read = Native.ReadIntoAsync(fd, buffer, 0, cts.Token).AsTask();
                    _ = Task.Delay(timeout).ContinueWith(_ => cts.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                    Native.Log("armed");
                    return await read;
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(buffer)|};
                }
            }
        }
        """);

    [Fact]
    public Task Watchdog_continuation_returning_the_buffer_of_a_read_still_in_flight_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(int fd, TimeSpan timeout, CancellationTokenSource cts)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
                Task<int> read = Native.ReadIntoAsync(fd, buffer, 0, cts.Token).AsTask();
                _ = Task.Delay(timeout).ContinueWith(_ =>
                {
                    cts.Cancel();
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(buffer)|};
                });
                ThreadPool.QueueUserWorkItem(_ => {|ASYS1005:Array.Clear(buffer)|});
                return await read;
            }
        }
        """);

    [Fact]
    public Task Continuation_of_the_read_itself_or_a_callback_after_its_await_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> M(int fd, TimeSpan timeout)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
                Task<int> read = Native.ReadIntoAsync(fd, buffer, 0).AsTask();
                _ = read.ContinueWith(_ => ArrayPool<byte>.Shared.Return(buffer), TaskScheduler.Default);
                int n = await read;
                byte[] second = ArrayPool<byte>.Shared.Rent(4096);
                Task<int> again = Native.ReadIntoAsync(fd, second, 0).AsTask();
                int m = await again;
                _ = Task.Delay(timeout).ContinueWith(_ => ArrayPool<byte>.Shared.Return(second));
                return n + m;
            }
        }
        """);

    [Fact]
    public Task Lock_released_while_the_send_of_the_field_its_section_wrote_is_in_flight_is_reported() => VerifyAsync("""
        class C
        {
            private readonly SemaphoreSlim _gate = new(1, 1);
            private readonly object _monitor = new();
            private readonly byte[] _frame = new byte[1024];

            public async Task<int> M(IoRing ring, int fd, ReadOnlyMemory<byte> payload)
            {
                ValueTask<int> send;
                await _gate.WaitAsync();
                try
                {
                    payload.Span.CopyTo(_frame);
                    send = ring.SendAsync(fd, _frame.AsMemory(0, payload.Length), MessageFlags.None);
                }
                finally
                {
                    {|ASYS1005:_gate.Release()|};
                }

                return await send;
            }

            public async Task<int> N(IoRing ring, int fd, ReadOnlyMemory<byte> payload)
            {
                ValueTask<int> send;
                Monitor.Enter(_monitor);
                try
                {
                    payload.Span.CopyTo(_frame);
                    send = ring.SendAsync(fd, _frame.AsMemory(0, payload.Length), MessageFlags.None);
                }
                finally
                {
                    {|ASYS1005:Monitor.Exit(_monitor)|};
                }

                return await send;
            }
        }
        """);

    [Fact]
    public Task Lock_released_after_the_await_or_over_a_buffer_of_the_caller_is_not_reported() => VerifyAsync("""
        class C
        {
            private readonly SemaphoreSlim _gate = new(1, 1);
            private readonly byte[] _frame = new byte[1024];

            public async Task<int> M(IoRing ring, int fd, ReadOnlyMemory<byte> payload)
            {
                await _gate.WaitAsync();
                try
                {
                    payload.Span.CopyTo(_frame);
                    return await ring.SendAsync(fd, _frame.AsMemory(0, payload.Length), MessageFlags.None);
                }
                finally
                {
                    _gate.Release();
                }
            }

            public async Task<int> N(IoRing ring, int fd, byte[] own)
            {
                ValueTask<int> send;
                await _gate.WaitAsync();
                try
                {
                    own[0] = 1;
                    send = ring.SendAsync(fd, own, MessageFlags.None);
                }
                finally
                {
                    _gate.Release();
                }

                return await send;
            }
        }
        """);

    [Fact]
    public Task Buffer_returned_between_an_apm_begin_over_a_write_and_its_end_is_reported() => VerifyAsync("""
        class Writer(IoRing ring, int fd)
        {
            public IAsyncResult BeginWrite(byte[] buffer, int count, AsyncCallback? callback, object? state) =>
                Wrap(ring.WriteAtMostAsync(fd, buffer.AsMemory(0, count), 0).AsTask(), callback, state);

            public int EndWrite(IAsyncResult result) => ((Task<int>)result).GetAwaiter().GetResult();

            private static IAsyncResult Wrap(Task<int> task, AsyncCallback? callback, object? state) => task;

            public void Export(int n)
            {
                byte[] chunk = ArrayPool<byte>.Shared.Rent(n);
                IAsyncResult pending = BeginWrite(chunk, n, null, null);
                {|ASYS1005:ArrayPool<byte>.Shared.Return(chunk)|};
                EndWrite(pending);
            }
        }
        """);

    [Fact]
    public Task Buffer_returned_after_the_apm_end_or_given_to_a_begin_that_copies_it_is_not_reported() => VerifyAsync("""
        class Writer(IoRing ring, int fd)
        {
            public IAsyncResult BeginWrite(byte[] buffer, int count, AsyncCallback? callback, object? state) =>
                Wrap(ring.WriteAtMostAsync(fd, buffer.AsMemory(0, count), 0).AsTask(), callback, state);

            public IAsyncResult BeginWriteCopy(byte[] buffer, int count, AsyncCallback? callback, object? state) =>
                Wrap(ring.WriteAtMostAsync(fd, buffer.AsSpan(0, count).ToArray(), 0).AsTask(), callback, state);

            public int EndWrite(IAsyncResult result) => ((Task<int>)result).GetAwaiter().GetResult();

            private static IAsyncResult Wrap(Task<int> task, AsyncCallback? callback, object? state) => task;

            public void Export(int n)
            {
                byte[] chunk = ArrayPool<byte>.Shared.Rent(n);
                IAsyncResult pending = BeginWrite(chunk, n, null, null);
                EndWrite(pending);
                ArrayPool<byte>.Shared.Return(chunk);
                byte[] copied = ArrayPool<byte>.Shared.Rent(n);
                IAsyncResult second = BeginWriteCopy(copied, n, null, null);
                ArrayPool<byte>.Shared.Return(copied);
                EndWrite(second);
            }
        }
        """);

    [Fact]
    public Task Slots_of_one_slab_held_in_view_locals_are_told_apart_by_their_constant_bounds() => VerifyAsync("""
        static class C
        {
            const int SlotSize = 1024;
            const int Half = 4096;

            // Round 49: a slab cut into constant slots, each in a view local; the send has a prefix of slot 0 (its end is
            // not constant, but it cannot go past the slot); the writes go to slot 1. Quiet.
            static async Task Slots(IoRing ring, int socket, byte[] slab, ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second)
            {
                Memory<byte> current = slab.AsMemory(0, SlotSize);
                Memory<byte> next = slab.AsMemory(SlotSize, SlotSize);
                ValueTask<int> send = ring.SendAsync(socket, current[..(8 + first.Length)], MessageFlags.None);
                System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(next.Span, 1);
                second.Span.CopyTo(next.Span.Slice(8));
                await send;
            }

            // A front and a back half of one view of an owner's memory: the read fills the back, the code clears the front.
            static async Task Halves(IoRing ring, int fd, IMemoryOwner<byte> owner)
            {
                Memory<byte> memory = owner.Memory;
                Memory<byte> front = memory.Slice(0, Half);
                Memory<byte> back = memory.Slice(Half, Half);
                ValueTask<int> next = ring.ReadAsync(fd, back, 0);
                front.Span.Clear();
                await next;
            }
        }
        """);

    [Fact]
    public Task Slot_of_one_slab_written_while_its_own_send_runs_is_still_reported() => VerifyAsync("""
        static class C
        {
            const int SlotSize = 1024;
            const int Half = 4096;

            static async Task Slots(IoRing ring, int socket, byte[] slab, ReadOnlyMemory<byte> first)
            {
                Memory<byte> current = slab.AsMemory(0, SlotSize);
                Memory<byte> next = slab.AsMemory(SlotSize, SlotSize);
                ValueTask<int> send = ring.SendAsync(socket, current[..(8 + first.Length)], MessageFlags.None);
                {|ASYS1005:System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(current.Span, 2)|};
                {|ASYS1005:slab.AsSpan(SlotSize - 4, 8).Clear()|};
                await send;
            }

            static async Task Halves(IoRing ring, int fd, IMemoryOwner<byte> owner)
            {
                Memory<byte> memory = owner.Memory;
                Memory<byte> back = memory.Slice(Half, Half);
                ValueTask<int> next = ring.ReadAsync(fd, back, 0);
                {|ASYS1005:memory.Span.Clear()|};
                await next;
            }

            // A view local given another value is not taken for the slot it was first made of.
            static async Task Reassigned(IoRing ring, int socket, byte[] slab, bool wrap)
            {
                Memory<byte> current = slab.AsMemory(0, SlotSize);
                Memory<byte> next = slab.AsMemory(SlotSize, SlotSize);
                if (wrap)
                {
                    next = current;
                }

                ValueTask<int> send = ring.SendAsync(socket, current, MessageFlags.None);
                {|ASYS1005:next.Span.Clear()|};
                await send;
            }
        }
        """);

    [Fact]
    public Task Buffer_released_after_the_kept_tasks_whenall_is_made_but_before_it_is_awaited_is_reported() => VerifyAsync("""
        static class C
        {
            // Round 49: Task.WhenAll of the kept tasks made into a local, the collection emptied, the buffer returned, then
            // the local awaited: the writes still run at the return.
            static async Task Batch(IoRing ring, int fd, ReadOnlyMemory<byte>[] records)
            {
                byte[] block = ArrayPool<byte>.Shared.Rent(1 << 16);
                var pending = new System.Collections.Generic.List<Task>();
                int used = 0;
                foreach (ReadOnlyMemory<byte> record in records)
                {
                    pending.Add(ring.WriteAsync(fd, block.AsMemory(used, record.Length), used).AsTask());
                    used += record.Length;
                }

                Task all = Task.WhenAll(pending);
                pending.Clear();
                {|ASYS1005:ArrayPool<byte>.Shared.Return(block)|};
                await all;
            }
        }
        """);

    [Fact]
    public Task Buffer_released_after_the_kept_tasks_whenall_is_awaited_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task Batch(IoRing ring, int fd, ReadOnlyMemory<byte>[] records)
            {
                byte[] block = ArrayPool<byte>.Shared.Rent(1 << 16);
                var pending = new System.Collections.Generic.List<Task>();
                int used = 0;
                foreach (ReadOnlyMemory<byte> record in records)
                {
                    pending.Add(ring.WriteAsync(fd, block.AsMemory(used, record.Length), used).AsTask());
                    used += record.Length;
                }

                Task all = Task.WhenAll(pending);
                await all.ConfigureAwait(false);
                pending.Clear();
                ArrayPool<byte>.Shared.Return(block);
            }

            static async Task InPlace(IoRing ring, int fd, ReadOnlyMemory<byte>[] records)
            {
                byte[] block = ArrayPool<byte>.Shared.Rent(1 << 16);
                var pending = new System.Collections.Generic.List<Task>();
                foreach (ReadOnlyMemory<byte> record in records)
                {
                    pending.Add(ring.WriteAsync(fd, block.AsMemory(0, record.Length), 0).AsTask());
                }

                await Task.WhenAll(pending);
                pending.Clear();
                ArrayPool<byte>.Shared.Return(block);
            }
        }
        """);

    [Fact]
    public Task Records_copied_past_an_append_cursor_while_earlier_slices_are_written_are_not_reported() => VerifyAsync("""
        sealed class Batch
        {
            public Memory<byte> Buffer { get; } = new byte[1 << 16];
        }

        static class C
        {
            // Round 49: each record is copied at the cursor, its slice written, the cursor moved past it: the writes in
            // flight all lie below the cursor.
            static async Task Append(IoRing ring, int fd, Batch batch, ReadOnlyMemory<byte>[] records)
            {
                var pending = new System.Collections.Generic.List<Task>();
                int used = 0;
                foreach (ReadOnlyMemory<byte> record in records)
                {
                    record.Span.CopyTo(batch.Buffer.Span.Slice(used));
                    pending.Add(ring.WriteAsync(fd, batch.Buffer.Slice(used, record.Length), used).AsTask());
                    used += record.Length;
                }

                batch.Buffer.Span.Slice(used).Clear();
                await Task.WhenAll(pending);
            }

            static async Task Array(IoRing ring, int fd, byte[] block, ReadOnlyMemory<byte>[] records)
            {
                var pending = new System.Collections.Generic.List<Task>();
                int used = 0;
                foreach (ReadOnlyMemory<byte> record in records)
                {
                    record.Span.CopyTo(block.AsSpan(used));
                    pending.Add(ring.WriteAsync(fd, block.AsMemory(used, record.Length), used).AsTask());
                    used += record.Length;
                }

                await Task.WhenAll(pending);
            }
        }
        """);

    [Fact]
    public Task Writes_at_an_append_cursor_that_has_not_moved_past_the_slice_in_flight_are_reported() => VerifyAsync("""
        static class C
        {
            // Between the start and the cursor's move: the slice in flight starts at the cursor.
            static async Task Between(IoRing ring, int fd, byte[] block, ReadOnlyMemory<byte>[] records)
            {
                var pending = new System.Collections.Generic.List<Task>();
                int used = 0;
                foreach (ReadOnlyMemory<byte> record in records)
                {
                    pending.Add(ring.WriteAsync(fd, block.AsMemory(used, record.Length), used).AsTask());
                    {|ASYS1005:block.AsSpan(used).Clear()|};
                    used += record.Length;
                }

                await Task.WhenAll(pending);
            }

            // A continue skips the move: the next pass copies over the slice still in flight.
            static async Task Skipped(IoRing ring, int fd, byte[] block, ReadOnlyMemory<byte>[] records)
            {
                var pending = new System.Collections.Generic.List<Task>();
                int used = 0;
                foreach (ReadOnlyMemory<byte> record in records)
                {
                    {|ASYS1005:record.Span.CopyTo(block.AsSpan(used))|};
                    pending.Add(ring.WriteAsync(fd, block.AsMemory(used, record.Length), used).AsTask());
                    if (record.Length == 0)
                    {
                        continue;
                    }

                    used += record.Length;
                }

                await Task.WhenAll(pending);
            }

            // The cursor moved by another amount than the slice's length.
            static async Task Short(IoRing ring, int fd, byte[] block, ReadOnlyMemory<byte>[] records)
            {
                var pending = new System.Collections.Generic.List<Task>();
                int used = 0;
                foreach (ReadOnlyMemory<byte> record in records)
                {
                    {|ASYS1005:record.Span.CopyTo(block.AsSpan(used))|};
                    pending.Add(ring.WriteAsync(fd, block.AsMemory(used, record.Length), used).AsTask());
                    used += 1;
                }

                await Task.WhenAll(pending);
            }
        }
        """);
    // Round 51: a body Parallel.ForEachAsync (or Task.WhenAll over Select) runs for several elements at once, sharing a
    // buffer declared outside it: one run's write races another run's operation on the same array.
    [Fact]
    public Task Buffer_shared_by_the_runs_of_a_fan_out_body_and_written_there_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task Parallel(IoRing ring, int socket, System.Collections.Generic.IReadOnlyList<long> ids, CancellationToken ct)
            {
                byte[] header = new byte[8];
                await System.Threading.Tasks.Parallel.ForEachAsync(ids, ct, async (id, token) =>
                {
                    {|ASYS1005:System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(header, id)|};
                    header[0] = 1;
                    await ring.SendAsync(socket, header, MessageFlags.None, token);
                });
            }

            static Task Selected(IoRing ring, int socket, byte[] scratch, System.Collections.Generic.IReadOnlyList<long> ids) =>
                Task.WhenAll(System.Linq.Enumerable.Select(ids, async id =>
                {
                    {|ASYS1005:scratch[0] = (byte)id|};
                    await ring.SendAsync(socket, scratch.AsMemory(0, 8), MessageFlags.None);
                }));
        }
        """);

    [Fact]
    public Task Fan_out_bodies_with_their_own_buffers_parts_or_one_run_at_a_time_are_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task Own(IoRing ring, int socket, System.Collections.Generic.IReadOnlyList<long> ids, CancellationToken ct)
            {
                await Parallel.ForEachAsync(ids, ct, async (id, token) =>
                {
                    byte[] header = new byte[8];
                    header[0] = (byte)id;
                    await ring.SendAsync(socket, header, MessageFlags.None, token);
                });
            }

            static Task Parts(IoRing ring, int fd, Memory<byte> destination, System.Collections.Generic.IReadOnlyList<int> chunks, CancellationToken ct) =>
                Parallel.ForEachAsync(chunks, ct, async (chunk, token) =>
                {
                    Memory<byte> part = destination.Slice(chunk * 4096, 4096);
                    int n = await ring.ReadAsync(fd, destination.Slice(chunk * 4096, 4096), chunk * 4096L, token);
                    destination.Span[chunk * 4096] ^= 1;
                });

            static async Task OneAtATime(IoRing ring, int socket, System.Collections.Generic.IReadOnlyList<long> ids, CancellationToken ct)
            {
                byte[] header = new byte[8];
                var options = new ParallelOptions { MaxDegreeOfParallelism = 1, CancellationToken = ct };
                await Parallel.ForEachAsync(ids, options, async (id, token) =>
                {
                    header[0] = (byte)id;
                    await ring.SendAsync(socket, header, MessageFlags.None, token);
                });
            }

            static async Task ReadOnly(IoRing ring, int socket, byte[] frame, System.Collections.Generic.IReadOnlyList<int> sockets, CancellationToken ct)
            {
                frame[0] = 1;
                await Parallel.ForEachAsync(sockets, ct, async (s, token) => await ring.SendAsync(s, frame, MessageFlags.None, token));
            }
        }
        """);

    [Fact]
    public Task Tick_buffer_written_before_the_previous_passes_send_is_awaited_through_a_null_check_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int socket, byte[] arena, int ticks)
            {
                Task<int>? inFlight = null;
                for (int tick = 0; tick < ticks; tick++)
                {
                    {|ASYS1005:arena[0] = (byte)tick|};
                    if (inFlight is not null)
                    {
                        await inFlight;
                    }

                    inFlight = ring.SendAsync(socket, arena, MessageFlags.None).AsTask();
                }

                if (inFlight != null)
                {
                    await inFlight;
                }
            }
        }
        """);

    [Fact]
    public Task Tick_buffer_written_after_a_null_check_awaits_the_previous_send_is_not_reported_unless_the_task_is_dropped() => VerifyAsync("""
        static class C
        {
            static async Task Awaited(IoRing ring, int socket, byte[] arena, int ticks)
            {
                Task<int>? inFlight = null;
                for (int tick = 0; tick < ticks; tick++)
                {
                    if (inFlight is not null)
                    {
                        await inFlight;
                    }

                    arena[0] = (byte)tick;
                    inFlight = ring.SendAsync(socket, arena, MessageFlags.None).AsTask();
                }

                if (null != inFlight)
                {
                    await inFlight;
                }
            }

            static async Task Dropped(IoRing ring, int socket, byte[] arena, int ticks)
            {
                Task<int>? inFlight = null;
                for (int tick = 0; tick < ticks; tick++)
                {
                    if (inFlight is not null)
                    {
                        await inFlight;
                    }

                    {|ASYS1005:arena[0] = (byte)tick|};
                    inFlight = ring.SendAsync(socket, arena, MessageFlags.None).AsTask();
                    if (tick % 7 == 0)
                    {
                        inFlight = null;
                    }
                }
            }
        }
        """);
    // Known misses, session 56: a producer handing a (buffer, task) pair to a Channel and returning the rental before the
    // consumer awaits the task. The channel only stores the task: the operation is still in flight at the return.
    [Fact]
    public Task Rental_returned_by_a_producer_after_handing_its_send_to_a_channel_is_reported() => VerifyAsync("""
        sealed class Producer(IoRing ring, int fd, System.Threading.Channels.ChannelWriter<(byte[] Frame, ValueTask<int> Send)> sent)
        {
            public async Task KeptAsync(int n)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(n);
                ValueTask<int> send = ring.SendAsync(fd, rented.AsMemory(0, n), MessageFlags.None);
                await sent.WriteAsync((rented, send));
                {|ASYS1005:ArrayPool<byte>.Shared.Return(rented)|};
            }

            public void Direct(int n)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(n);
                try
                {
                    sent.TryWrite((rented, ring.SendAsync(fd, rented.AsMemory(0, n), MessageFlags.None)));
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(rented)|};
                }
            }
        }
        """);

    [Fact]
    public Task Rental_handed_with_its_send_to_a_channel_and_returned_by_the_consumer_after_the_await_is_quiet() => VerifyAsync("""
        sealed class Producer(IoRing ring, int fd, System.Threading.Channels.Channel<(byte[] Frame, ValueTask<int> Send)> sent)
        {
            public async Task KeptAsync(int n)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(n);
                ValueTask<int> send = ring.SendAsync(fd, rented.AsMemory(0, n), MessageFlags.None);
                await sent.Writer.WriteAsync((rented, send));
            }

            public void Direct(int n)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(n);
                sent.Writer.TryWrite((rented, ring.SendAsync(fd, rented.AsMemory(0, n), MessageFlags.None)));
            }

            public async Task ConsumeAsync()
            {
                await foreach ((byte[] frame, ValueTask<int> send) in sent.Reader.ReadAllAsync())
                {
                    await send;
                    ArrayPool<byte>.Shared.Return(frame);
                }
            }
        }
        """);

    // Known misses, session 56: an expression-bodied starter method of the type, over a field of the same object; its
    // caller writes the field before awaiting the task it got back.
    [Fact]
    public Task Field_written_by_the_caller_of_an_expression_bodied_starter_before_its_await_is_reported() => VerifyAsync("""
        sealed class Link(IoRing ring, int fd)
        {
            private readonly byte[] _buffer = new byte[64];

            private ValueTask<int> StartSend() => ring.SendAsync(fd, _buffer, MessageFlags.None);

            public async Task PingAsync(byte sequence)
            {
                ValueTask<int> send = StartSend();
                {|ASYS1005:_buffer[0] = sequence|};
                await send;
            }
        }
        """);

    [Fact]
    public Task Field_written_by_the_caller_of_an_expression_bodied_starter_after_its_await_is_quiet() => VerifyAsync("""
        sealed class Link(IoRing ring, int fd)
        {
            private readonly byte[] _buffer = new byte[64];
            private readonly byte[] _other = new byte[64];

            private ValueTask<int> StartSend() => ring.SendAsync(fd, _buffer, MessageFlags.None);

            public async Task PingAsync(byte sequence, Link peer)
            {
                ValueTask<int> send = StartSend();
                _other[0] = sequence;
                await send;
                _buffer[0] = sequence;
            }
        }
        """);
    // Known misses, session 56: a Stream's WriteAsync override that starts the ring write of the caller's memory, keeps its
    // task in a field and returns. Stream's contract lets the caller reuse its buffer once the returned task ends, so the
    // caller's next fill of it races the write the override still runs.
    [Fact]
    public Task Buffer_refilled_after_a_stream_override_kept_its_write_in_flight_is_reported() => VerifyAsync("""

        abstract class WriteOnlyStream : System.IO.Stream
        {
            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, System.IO.SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }

        sealed class Pipelined(IoRing ring, int fd) : WriteOnlyStream
        {
            private Task _previous = Task.CompletedTask;
            private long _position;

            public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                await _previous;
                _previous = ring.WriteAsync(fd, buffer, _position, cancellationToken).AsTask();
                _position += buffer.Length;
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                _previous = ring.WriteAsync(fd, buffer.AsMemory(offset, count), _position, cancellationToken).AsTask();
                return Task.CompletedTask;
            }
        }

        static class Copier
        {
            public static async Task CopyAsync(System.IO.Stream source, Pipelined destination, CancellationToken ct)
            {
                byte[] chunk = new byte[8192];
                while (true)
                {
                    int n = await {|ASYS1005:source.ReadAsync(chunk, ct)|};
                    if (n == 0)
                    {
                        break;
                    }

                    await destination.WriteAsync(chunk.AsMemory(0, n), ct);
                }
            }

            public static async Task HeaderAsync(Pipelined destination, CancellationToken ct)
            {
                byte[] header = new byte[16];
                await destination.WriteAsync(header, 0, 16, ct);
                {|ASYS1005:header[0] = 1|};
            }
        }
        """);

    [Fact]
    public Task Buffer_refilled_after_a_stream_override_that_awaits_its_write_is_quiet() => VerifyAsync("""

        abstract class WriteOnlyStream : System.IO.Stream
        {
            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, System.IO.SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }

        sealed class Awaiting(IoRing ring, int fd) : WriteOnlyStream
        {
            private Task _previous = Task.CompletedTask;
            private long _position;

            public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                await ring.WriteAsync(fd, buffer, _position, cancellationToken);
                _position += buffer.Length;
            }

            public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                _previous = ring.WriteAsync(fd, buffer.AsMemory(offset, count), _position, cancellationToken).AsTask();
                await _previous;
            }
        }

        sealed class Copying(IoRing ring, int fd) : WriteOnlyStream
        {
            private readonly byte[] _staging = new byte[8192];
            private Task _previous = Task.CompletedTask;

            public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                await _previous;
                buffer.CopyTo(_staging);
                _previous = ring.WriteAsync(fd, _staging.AsMemory(0, buffer.Length), 0, cancellationToken).AsTask();
            }
        }

        static class Copier
        {
            public static async Task CopyAsync(System.IO.Stream source, Awaiting destination, Copying other, CancellationToken ct)
            {
                byte[] chunk = new byte[8192];
                while (true)
                {
                    int n = await source.ReadAsync(chunk, ct);
                    if (n == 0)
                    {
                        break;
                    }

                    await destination.WriteAsync(chunk.AsMemory(0, n), ct);
                    await other.WriteAsync(chunk.AsMemory(0, n), ct);
                    await destination.WriteAsync(chunk, 0, n, ct);
                }
            }
        }
        """);
    // Known misses, round 52: a producer writes a view of its rental to a Channel and returns the rental at once; the reader
    // (a sender's loop) takes the memory later, when the pool may have handed the array to someone else.
    [Fact]
    public Task Rental_returned_right_after_its_memory_was_written_to_a_channel_is_reported() => VerifyAsync("""
        sealed class Publisher(System.Threading.Channels.Channel<ReadOnlyMemory<byte>> outbox)
        {
            public async Task PublishAsync(int length, CancellationToken ct)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(length);
                rented[0] = 1;
                await outbox.Writer.WriteAsync(rented.AsMemory(0, length), ct);
                length = 0;
                {|ASYS1005:ArrayPool<byte>.Shared.Return(rented)|};
            }

            public async Task PublishOwnedAsync(int length)
            {
                IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(length);
                try
                {
                    if (!outbox.Writer.TryWrite(owner.Memory[..length]))
                    {
                        await outbox.Writer.WriteAsync(owner.Memory[..length]);
                    }
                }
                finally
                {
                    {|ASYS1005:owner.Dispose()|};
                }
            }
        }
        """);

    [Fact]
    public Task Rental_returned_after_the_reader_signals_or_handed_over_for_good_is_quiet() => VerifyAsync("""
        sealed class Publisher(System.Threading.Channels.Channel<ReadOnlyMemory<byte>> outbox, System.Threading.Channels.Channel<(byte[] Array, int Length)> owned)
        {
            public async Task AckedAsync(int length, TaskCompletionSource sent, CancellationToken ct)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(length);
                await outbox.Writer.WriteAsync(rented.AsMemory(0, length), ct);
                await sent.Task;
                ArrayPool<byte>.Shared.Return(rented);
            }

            public void Waited(int length, SemaphoreSlim taken)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(length);
                outbox.Writer.TryWrite(rented.AsMemory(0, length));
                taken.Wait();
                ArrayPool<byte>.Shared.Return(rented);
            }

            public async Task AckedInTheIfAsync(int length, TaskCompletionSource sent)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    if (outbox.Writer.TryWrite(rented.AsMemory(0, length)))
                    {
                        await sent.Task;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }

            public async Task HandedAsync(int length, CancellationToken ct)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(length);
                await owned.Writer.WriteAsync((rented, length), ct);
            }

            public async Task CopiedAsync(int length, CancellationToken ct)
            {
                byte[] rented = ArrayPool<byte>.Shared.Rent(length);
                await outbox.Writer.WriteAsync(rented.AsSpan(0, length).ToArray(), ct);
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        """);
    // Known misses, round 54: a memory-mapped view's pointer released in a finally while the returned send reads the pages
    // through a MemoryManager made over that pointer.
    [Fact]
    public Task Mapped_view_pointer_released_while_a_send_over_its_pages_runs_is_reported() => VerifyAsync("""

        sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
        {
            public override Span<byte> GetSpan() => new(pointer, length);
            public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
            public override void Unpin() { }
            protected override void Dispose(bool disposing) { }
        }

        sealed unsafe class Shipper(IoRing ring, int socket, System.IO.MemoryMappedFiles.MemoryMappedFile state)
        {
            public Task<int> ShipAsync(int length)
            {
                var view = state.CreateViewAccessor(0, length, System.IO.MemoryMappedFiles.MemoryMappedFileAccess.Read);
                byte* pointer = null;
                view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
                try
                {
                    var pages = new PointerMemory(pointer + view.PointerOffset, length);
                    return ring.SendAsync(socket, pages.Memory, MessageFlags.None).AsTask();
                }
                finally
                {
                    {|ASYS1005:view.SafeMemoryMappedViewHandle.ReleasePointer()|};
                    view.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task Mapped_view_pointer_released_after_the_send_over_its_pages_is_quiet() => VerifyAsync("""

        sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
        {
            public override Span<byte> GetSpan() => new(pointer, length);
            public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
            public override void Unpin() { }
            protected override void Dispose(bool disposing) { }
        }

        sealed unsafe class Shipper(IoRing ring, int socket, System.IO.MemoryMappedFiles.MemoryMappedFile state, System.IO.MemoryMappedFiles.MemoryMappedViewAccessor other)
        {
            public Task<int> ShipAsync(int length)
            {
                var view = state.CreateViewAccessor(0, length, System.IO.MemoryMappedFiles.MemoryMappedFileAccess.Read);
                byte* pointer = null;
                view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
                var pages = new PointerMemory(pointer + view.PointerOffset, length);
                return ring.SendAsync(socket, pages.Memory, MessageFlags.None).AsTask().ContinueWith(send =>
                {
                    view.SafeMemoryMappedViewHandle.ReleasePointer();
                    view.Dispose();
                    return send.Result;
                });
            }

            public Task<int> OtherAsync(int length)
            {
                var view = state.CreateViewAccessor(0, length, System.IO.MemoryMappedFiles.MemoryMappedFileAccess.Read);
                byte* pointer = null;
                view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
                try
                {
                    var pages = new PointerMemory(pointer, length);
                    return ring.SendAsync(socket, pages.Memory, MessageFlags.None).AsTask();
                }
                finally
                {
                    other.SafeMemoryMappedViewHandle.ReleasePointer();
                }
            }
        }
        """);

    // Round 58: native memory and pinned handles released under the operation made over them.
    [Fact]
    public Task Native_memory_freed_or_unpinned_while_an_operation_over_it_runs_is_reported() => VerifyAsync("""

        sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
        {
            public override Span<byte> GetSpan() => new(pointer, length);
            public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
            public override void Unpin() { }
            protected override void Dispose(bool disposing) { }
        }

        sealed class BlockPool
        {
            private readonly System.Collections.Generic.Stack<PointerMemory> _free = new();
            public PointerMemory Rent() => _free.Pop();
            public void Return(PointerMemory block) => _free.Push(block);
        }

        sealed class Reader(IoRing ring, int fd, BlockPool pool)
        {
            public unsafe ValueTask<int> PinnedAsync(byte[] page)
            {
                var handle = System.Runtime.InteropServices.GCHandle.Alloc(page, System.Runtime.InteropServices.GCHandleType.Pinned);
                try
                {
                    var memory = new PointerMemory((byte*)handle.AddrOfPinnedObject(), page.Length);
                    return ring.ReadAsync(fd, memory.Memory, 0);
                }
                finally
                {
                    {|ASYS1005:handle.Free()|};
                }
            }

            public async Task HGlobalAsync()
            {
                nint header = System.Runtime.InteropServices.Marshal.AllocHGlobal(16);
                Memory<byte> view = View(header, 16);
                ValueTask write = ring.WriteAsync(fd, view, 0);
                {|ASYS1005:System.Runtime.InteropServices.Marshal.FreeHGlobal(header)|};
                await write;
            }

            public async Task NativeAsync()
            {
                nint block = System.Runtime.InteropServices.Marshal.AllocHGlobal(4096);
                Memory<byte> memory = View(block + 64, 1024);
                ValueTask<int> read = ring.ReadAsync(fd, memory, 0);
                unsafe
                {
                    {|ASYS1005:System.Runtime.InteropServices.NativeMemory.Free((void*)block)|};
                }
                await read;
            }

            public async Task PoolAsync()
            {
                PointerMemory block = pool.Rent();
                ValueTask<int> send = ring.SendAsync(fd, block.Memory, MessageFlags.None);
                {|ASYS1005:pool.Return(block)|};
                await send;
            }

            private static unsafe Memory<byte> View(nint address, int length) => new PointerMemory((byte*)address, length).Memory;
        }
        """);

    [Fact]
    public Task Native_memory_freed_after_its_operation_or_other_memory_freed_is_quiet() => VerifyAsync("""

        sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
        {
            public override Span<byte> GetSpan() => new(pointer, length);
            public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
            public override void Unpin() { }
            protected override void Dispose(bool disposing) { }
        }

        sealed class BlockPool
        {
            private readonly System.Collections.Generic.Stack<PointerMemory> _free = new();
            public PointerMemory Rent() => _free.Pop();
            public void Return(PointerMemory block) => _free.Push(block);
        }

        sealed class Reader(IoRing ring, int fd, BlockPool pool)
        {
            public unsafe ValueTask<int> OtherHandleAsync(byte[] page, System.Runtime.InteropServices.GCHandle other)
            {
                var handle = System.Runtime.InteropServices.GCHandle.Alloc(page, System.Runtime.InteropServices.GCHandleType.Pinned);
                try
                {
                    var memory = new PointerMemory((byte*)handle.AddrOfPinnedObject(), page.Length);
                    return ring.ReadAsync(fd, memory.Memory, 0);
                }
                finally
                {
                    other.Free();
                }
            }

            public async Task HGlobalAsync()
            {
                nint header = System.Runtime.InteropServices.Marshal.AllocHGlobal(16);
                nint scratch = System.Runtime.InteropServices.Marshal.AllocHGlobal(16);
                Memory<byte> view = View(header, 16);
                ValueTask write = ring.WriteAsync(fd, view, 0);
                System.Runtime.InteropServices.Marshal.FreeHGlobal(scratch);
                await write;
                System.Runtime.InteropServices.Marshal.FreeHGlobal(header);
            }

            public async Task PoolAsync()
            {
                PointerMemory block = pool.Rent();
                PointerMemory spare = pool.Rent();
                ValueTask<int> send = ring.SendAsync(fd, block.Memory, MessageFlags.None);
                pool.Return(spare);
                await send;
                pool.Return(block);
            }

            private static unsafe Memory<byte> View(nint address, int length) => new PointerMemory((byte*)address, length).Memory;
        }
        """);

    [Fact]
    public Task Unmanaged_memory_stream_over_the_pointer_a_read_fills_is_reported_until_the_await() => VerifyAsync("""

        sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
        {
            public override Span<byte> GetSpan() => new(pointer, length);
            public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
            public override void Unpin() { }
            protected override void Dispose(bool disposing) { }
        }

        sealed class Loader(IoRing ring, int fd, nint block, nint other)
        {
            public async Task BeforeAsync()
            {
                Memory<byte> view = View(block, 4096);
                ValueTask<int> read = ring.ReadAsync(fd, view, 0);
                using (System.IO.UnmanagedMemoryStream trailer = Stream(block, 4096))
                {
                    {|ASYS1005:trailer.Write(new byte[8])|};
                }

                using (System.IO.UnmanagedMemoryStream elsewhere = Stream(other, 4096))
                {
                    elsewhere.Write(new byte[8]);
                }

                await read;
            }

            public async Task AfterAsync()
            {
                Memory<byte> view = View(block, 4096);
                await ring.ReadAsync(fd, view, 0);
                using System.IO.UnmanagedMemoryStream trailer = Stream(block, 4096);
                trailer.Write(new byte[8]);
            }

            private static unsafe Memory<byte> View(nint address, int length) => new PointerMemory((byte*)address, length).Memory;

            private static unsafe System.IO.UnmanagedMemoryStream Stream(nint address, int length) =>
                new((byte*)address, length, length, System.IO.FileAccess.Write);
        }
        """);

    // Known misses, round 53 (session 58): pooled packets kept in a list (or an array) in the loop that starts their sends,
    // returned to their pool by a later loop over that collection before the sends are awaited.
    [Fact]
    public Task Pooled_objects_returned_through_their_list_before_their_sends_end_are_reported() => VerifyAsync("""

        sealed class Packet
        {
            public byte[] Data { get; } = new byte[1200];
        }

        sealed class PacketPool
        {
            private readonly System.Collections.Generic.Stack<Packet> _free = new();
            public Packet Rent() => _free.Count > 0 ? _free.Pop() : new Packet();
            public void Return(Packet packet) => _free.Push(packet);
        }

        sealed class Broadcaster(IoRing ring, PacketPool pool)
        {
            public async Task ListAsync(int[] sockets)
            {
                var rented = new System.Collections.Generic.List<Packet>(sockets.Length);
                var sends = new System.Collections.Generic.List<Task<int>>(sockets.Length);
                foreach (int socket in sockets)
                {
                    Packet packet = pool.Rent();
                    packet.Data[0] = 1;
                    rented.Add(packet);
                    sends.Add(ring.SendAsync(socket, packet.Data.AsMemory(0, 20), MessageFlags.None).AsTask());
                }

                foreach (Packet done in rented)
                {
                    {|ASYS1005:pool.Return(done)|};
                }

                await Task.WhenAll(sends);
            }

            public async Task ArrayAsync(int[] sockets)
            {
                var rented = new Packet[sockets.Length];
                var sends = new Task<int>[sockets.Length];
                for (int i = 0; i < sockets.Length; i++)
                {
                    Packet packet = pool.Rent();
                    rented[i] = packet;
                    sends[i] = ring.SendAsync(sockets[i], packet.Data.AsMemory(0, 20), MessageFlags.None).AsTask();
                }

                for (int i = 0; i < rented.Length; i++)
                {
                    {|ASYS1005:pool.Return(rented[i])|};
                }

                await Task.WhenAll(sends);
            }
        }
        """);

    [Fact]
    public Task Pooled_objects_returned_through_their_list_after_their_sends_end_are_quiet() => VerifyAsync("""

        sealed class Packet
        {
            public byte[] Data { get; } = new byte[1200];
        }

        sealed class PacketPool
        {
            private readonly System.Collections.Generic.Stack<Packet> _free = new();
            public Packet Rent() => _free.Count > 0 ? _free.Pop() : new Packet();
            public void Return(Packet packet) => _free.Push(packet);
        }

        sealed class Broadcaster(IoRing ring, PacketPool pool)
        {
            public async Task ListAsync(int[] sockets)
            {
                var rented = new System.Collections.Generic.List<Packet>(sockets.Length);
                var sends = new System.Collections.Generic.List<Task<int>>(sockets.Length);
                foreach (int socket in sockets)
                {
                    Packet packet = pool.Rent();
                    rented.Add(packet);
                    sends.Add(ring.SendAsync(socket, packet.Data.AsMemory(0, 20), MessageFlags.None).AsTask());
                }

                await Task.WhenAll(sends);
                foreach (Packet done in rented)
                {
                    pool.Return(done);
                }
            }

            public async Task ArrayAsync(int[] sockets, Packet[] spare)
            {
                var rented = new Packet[sockets.Length];
                var sends = new Task<int>[sockets.Length];
                for (int i = 0; i < sockets.Length; i++)
                {
                    Packet packet = pool.Rent();
                    rented[i] = packet;
                    sends[i] = ring.SendAsync(sockets[i], packet.Data.AsMemory(0, 20), MessageFlags.None).AsTask();
                }

                for (int i = 0; i < spare.Length; i++)
                {
                    pool.Return(spare[i]);
                }

                await Task.WhenAll(sends);
                for (int i = 0; i < rented.Length; i++)
                {
                    pool.Return(rented[i]);
                }
            }
        }
        """);

    // Known misses, round 55 (session 58): a compressing stream over a MemoryStream over the array a write still sends
    // writes compressed bytes into that array (on Write, Flush and its Dispose).
    [Fact]
    public Task Compressor_over_a_memory_stream_over_an_array_in_flight_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task Deflate(IoRing ring, int fd, byte[] output, byte[] chunk)
            {
                ValueTask write = ring.WriteAsync(fd, output, 0);
                using (var {|ASYS1005:deflate = new System.IO.Compression.DeflateStream(new System.IO.MemoryStream(output), System.IO.Compression.CompressionLevel.Fastest)|})
                {
                    {|ASYS1005:deflate.Write(chunk)|};
                }
                await write;
            }

            static async Task Brotli(IoRing ring, int fd, byte[] output, byte[] chunk)
            {
                var staging = new System.IO.MemoryStream(output);
                var brotli = new System.IO.Compression.BrotliStream(staging, System.IO.Compression.CompressionMode.Compress, leaveOpen: true);
                ValueTask write = ring.WriteAsync(fd, output, 0);
                {|ASYS1005:brotli.Write(chunk, 0, chunk.Length)|};
                {|ASYS1005:brotli.Flush()|};
                await write;
            }
        }
        """);

    [Fact]
    public Task Compressor_over_another_array_or_decompressing_is_quiet() => VerifyAsync("""
        static class C
        {
            static async Task Deflate(IoRing ring, int fd, byte[] output, byte[] spare, byte[] chunk)
            {
                ValueTask write = ring.WriteAsync(fd, output, 0);
                using (var deflate = new System.IO.Compression.DeflateStream(new System.IO.MemoryStream(spare), System.IO.Compression.CompressionLevel.Fastest))
                {
                    deflate.Write(chunk);
                }
                await write;
            }

            static async Task<int> Inflate(IoRing ring, int fd, byte[] output, byte[] plain)
            {
                ValueTask write = ring.WriteAsync(fd, output, 0);
                int n;
                using (var inflate = new System.IO.Compression.DeflateStream(new System.IO.MemoryStream(output), System.IO.Compression.CompressionMode.Decompress))
                {
                    n = inflate.Read(plain);
                }
                await write;
                return n;
            }
        }
        """);

    // Known misses, round 55 (session 58): reads through a Span<T> (an argument, an element) of a buffer a read fills.
    [Fact]
    public Task Buffer_read_through_a_writable_span_or_element_while_a_read_fills_it_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task<int> Parse(IoRing ring, int fd)
            {
                byte[] block = new byte[4096];
                ValueTask<int> read = ring.ReadAsync(fd, block, 0);
                Span<byte> view = block.AsSpan();
                int newline = {|ASYS1005:view.IndexOf((byte)'\n')|};
                int kind = {|ASYS1005:view[0]|};
                int flags = {|ASYS1005:block[1]|};
                await read;
                return newline + kind + flags;
            }
        }
        """);

    [Fact]
    public Task Buffer_read_through_a_writable_span_after_the_read_or_while_sent_is_quiet() => VerifyAsync("""
        static class C
        {
            static async Task<int> Parse(IoRing ring, int fd)
            {
                byte[] block = new byte[4096];
                ValueTask<int> read = ring.ReadAsync(fd, block, 0);
                await read;
                Span<byte> view = block.AsSpan();
                return view.IndexOf((byte)'\n') + view[0] + block[1];
            }

            static async Task<int> Sent(IoRing ring, int fd, byte[] frame)
            {
                ValueTask<int> send = ring.SendAsync(fd, frame, MessageFlags.None);
                Span<byte> view = frame.AsSpan();
                int n = view.IndexOf((byte)'\n') + view[0] + frame[1];
                await send;
                return n;
            }

            static async Task<int> Half(IoRing ring, int fd, byte[] buffer)
            {
                ValueTask<int> read = ring.ReadAsync(fd, buffer.AsMemory(2048), 0);
                Span<byte> header = buffer.AsSpan(0, 2048);
                int n = header.IndexOf((byte)'\n') + header[0];
                await read;
                return n;
            }
        }
        """);

    // Round 56: a race against a delay whose winner is dropped only waited; the write may still run after it, until an
    // IsCompleted test or an await of its task says otherwise.
    [Fact]
    public Task Buffer_returned_after_a_dropped_race_while_the_write_may_run_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, byte[] batch, CancellationToken stop)
            {
                Task write = ring.WriteAsync(fd, batch, 0).AsTask();
                try
                {
                    await Task.WhenAny(write, Task.Delay(Timeout.Infinite, stop));
                    if (!write.IsCompleted)
                    {
                        return;
                    }

                    await write;
                }
                finally
                {
                    {|ASYS1005:ArrayPool<byte>.Shared.Return(batch)|};
                }
            }
        }
        """);

    [Fact]
    public Task Buffer_returned_after_a_dropped_race_once_the_write_ended_is_quiet() => VerifyAsync("""
        static class C
        {
            static async Task Loser(IoRing ring, int fd, byte[] batch, CancellationToken stop)
            {
                Task write = ring.WriteAsync(fd, batch, 0).AsTask();
                try
                {
                    await Task.WhenAny(write, Task.Delay(Timeout.Infinite, stop));
                    await write;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(batch);
                }
            }

            static async Task Completed(IoRing ring, int fd, byte[] batch, CancellationToken stop)
            {
                Task write = ring.WriteAsync(fd, batch, 0).AsTask();
                await Task.WhenAny(write, Task.Delay(1000, stop));
                if (write.IsCompleted)
                {
                    ArrayPool<byte>.Shared.Return(batch);
                    return;
                }

                await write;
                ArrayPool<byte>.Shared.Return(batch);
            }
        }
        """);

    // Round 56: a stop that cancels the receive a start kept in a field and returns its buffer before awaiting it; a null
    // test of the field says whether one was started, not whether it ended.
    [Fact]
    public Task Buffer_field_returned_by_stop_before_the_null_tested_task_is_awaited_is_reported() => VerifyAsync("""
        sealed class Listener(IoRing ring, int socket)
        {
            private readonly CancellationTokenSource _stopping = new();
            private readonly byte[] _datagram = ArrayPool<byte>.Shared.Rent(9000);
            private Task<int>? _receive;

            public void Start() => _receive = ring.ReceiveAsync(socket, _datagram, MessageFlags.None, _stopping.Token).AsTask();

            public async Task StopAsync()
            {
                _stopping.Cancel();
                {|ASYS1005:ArrayPool<byte>.Shared.Return(_datagram)|};
                try
                {
                    if (_receive is not null)
                    {
                        await _receive;
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
        """);

    [Fact]
    public Task Buffer_field_returned_by_stop_after_the_null_tested_task_is_awaited_is_quiet() => VerifyAsync("""
        sealed class Listener(IoRing ring, int socket)
        {
            private readonly CancellationTokenSource _stopping = new();
            private readonly byte[] _datagram = ArrayPool<byte>.Shared.Rent(9000);
            private Task<int>? _receive;

            public void Start() => _receive = ring.ReceiveAsync(socket, _datagram, MessageFlags.None, _stopping.Token).AsTask();

            public async Task StopAsync()
            {
                _stopping.Cancel();
                try
                {
                    if (_receive != null)
                    {
                        await _receive;
                    }
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(_datagram);
                }
            }
        }
        """);

    // Round 56: a loop that awaits its previous write, stores the next in a field and drains it after the loop leaves each
    // write in flight at the loop's next await; a timer callback writing the page then touches it.
    [Fact]
    public Task Buffer_field_written_by_a_callback_while_a_looping_writer_drains_after_its_loop_is_reported() => VerifyAsync("""
        sealed class Exporter(IoRing ring, int fd)
        {
            private readonly byte[] _page = new byte[4096];
            private Task _export = Task.CompletedTask;

            public void Sample(object? state)
            {
                {|ASYS1005:_page[0] = 1|};
            }

            public async Task RunAsync(CancellationToken stop)
            {
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
                while (await timer.WaitForNextTickAsync(stop))
                {
                    await _export;
                    _export = ring.WriteAsync(fd, _page, 0).AsTask();
                }

                await _export;
            }
        }
        """);

    [Fact]
    public Task Buffer_field_written_only_by_the_looping_writer_after_its_await_is_quiet() => VerifyAsync("""
        sealed class Exporter(IoRing ring, int fd)
        {
            private readonly byte[] _page = new byte[4096];
            private Task _export = Task.CompletedTask;
            private int _pending;

            public void Sample(object? state) => Interlocked.Increment(ref _pending);

            public async Task RunAsync(PeriodicTimer timer, CancellationToken stop)
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    await _export;
                    _page[0] = (byte)Interlocked.Exchange(ref _pending, 0);
                    _export = ring.WriteAsync(fd, _page, 0).AsTask();
                }

                await _export;
            }
        }
        """);

    // Round 56: a writer that keeps its task in a field written by its simple name and touches no buffer itself; another
    // member (a timer callback) writes the buffer while the write runs.
    [Fact]
    public Task Buffer_field_written_by_another_member_while_a_task_field_set_by_name_holds_its_write_is_reported() => VerifyAsync("""
        sealed class Exporter(IoRing ring, int fd)
        {
            private readonly byte[] _page = new byte[4096];
            private Task _export = Task.CompletedTask;

            public void Sample(object? state)
            {
                {|ASYS1005:_page[0] = 1|};
            }

            public async Task ExportAsync()
            {
                await _export;
                _export = ring.WriteAsync(fd, _page, 0).AsTask();
            }
        }
        """);

    [Fact]
    public Task Buffer_field_not_written_elsewhere_while_a_task_field_set_by_name_holds_its_write_is_quiet() => VerifyAsync("""
        sealed class Exporter(IoRing ring, int fd)
        {
            private readonly byte[] _page = new byte[4096];
            private Task _export = Task.CompletedTask;
            private int _samples;

            public void Sample(object? state)
            {
                _samples++;
            }

            public async Task ExportAsync()
            {
                await _export;
                _page[0] = (byte)_samples;
                _export = ring.WriteAsync(fd, _page, 0).AsTask();
            }
        }
        """);

    // Round 57: a Stream subclass's ReadAsync forwards to the ring, its offset advanced by the buffer's length (a number,
    // no memory handed on): its call through the subclass starts the read.
    [Fact]
    public Task Block_written_while_a_forwarding_stream_override_fills_it_is_reported() => VerifyAsync("""
        sealed class S(IoRing ring, int fd) : System.IO.Stream
        {
            private long _position;
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => _position; set => throw new NotSupportedException(); }
            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
                => ring.ReadAsync(fd, buffer, Interlocked.Add(ref _position, buffer.Length) - buffer.Length, cancellationToken);
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override void Flush() { }
            public override long Seek(long offset, System.IO.SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }

        static class C
        {
            static async Task M(S source)
            {
                byte[] block = new byte[4096];
                ValueTask<int> next = source.ReadAsync(block, default);
                {|ASYS1005:block[0] = 1|};
                await next;
            }
        }
        """);

    [Fact]
    public Task Block_written_after_the_forwarding_stream_override_is_awaited_is_quiet() => VerifyAsync("""
        sealed class S(IoRing ring, int fd) : System.IO.Stream
        {
            private long _position;
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => _position; set => throw new NotSupportedException(); }
            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
                => ring.ReadAsync(fd, buffer, Interlocked.Add(ref _position, buffer.Length) - buffer.Length, cancellationToken);
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override void Flush() { }
            public override long Seek(long offset, System.IO.SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }

        static class C
        {
            static async Task M(S source)
            {
                byte[] block = new byte[4096];
                ValueTask<int> next = source.ReadAsync(block, default);
                await next;
                block[0] = 1;
            }
        }
        """);

    // Round 57: an array given with an offset and a count to a library method (the form before spans) is read by it.
    [Fact]
    public Task Array_hashed_with_offset_and_count_while_a_read_fills_it_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, System.Security.Cryptography.IncrementalHash hash, int n)
            {
                byte[] block = new byte[4096];
                ValueTask<int> next = ring.ReadAsync(fd, block, 0);
                {|ASYS1005:hash.AppendData(block, 0, n)|};
                await next;
            }
        }
        """);

    [Fact]
    public Task Array_hashed_while_a_send_reads_it_or_kept_in_a_list_while_a_read_fills_it_is_quiet() => VerifyAsync("""
        static class C
        {
            static async Task M(IoRing ring, int fd, System.Security.Cryptography.IncrementalHash hash, System.Collections.Generic.List<byte[]> pending, int n)
            {
                byte[] block = new byte[4096];
                ValueTask<int> send = ring.SendAsync(fd, block.AsMemory(0, n), MessageFlags.None, default);
                hash.AppendData(block, 0, n);
                await send;
                ValueTask<int> next = ring.ReadAsync(fd, block, 0);
                pending.Add(block);
                await next;
            }
        }
        """);

    // Round 57: a ValueTask fast path whose slow side returns `new ValueTask<T>(helper(receive, owner.Memory))` leaves
    // with the receive in flight, and the `using` owner is disposed as it leaves.
    [Fact]
    public Task Owner_disposed_as_the_helper_task_is_returned_in_a_value_task_is_reported() => VerifyAsync("""
        static class C
        {
            static ValueTask<int> M(IoRing ring, int socket)
            {
                using IMemoryOwner<byte> {|ASYS1005:owner = MemoryPool<byte>.Shared.Rent(1024)|};
                ValueTask<int> receive = ring.ReceiveAsync(socket, owner.Memory, MessageFlags.None, default);
                if (receive.IsCompletedSuccessfully)
                {
                    return new ValueTask<int>(receive.Result);
                }

                return new ValueTask<int>(H(receive, owner.Memory));
            }

            static async Task<int> H(ValueTask<int> receive, Memory<byte> memory) => await receive + memory.Span[0];
        }
        """);

    [Fact]
    public Task Owner_handed_to_the_helper_returned_in_a_value_task_is_quiet() => VerifyAsync("""
        static class C
        {
            static ValueTask<int> M(IoRing ring, int socket)
            {
                IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(1024);
                ValueTask<int> receive = ring.ReceiveAsync(socket, owner.Memory, MessageFlags.None, default);
                return new ValueTask<int>(H(receive, owner));
            }

            static async Task<int> H(ValueTask<int> receive, IMemoryOwner<byte> owner)
            {
                using (owner)
                {
                    return await receive + owner.Memory.Span[0];
                }
            }
        }
        """);

    // Round 61: a record's `with` copy keeps every property its initializer does not set, the same array; clearing the copy's
    // block while the original's read fills it is a touch. A copy that sets the block gets its own (quiet), and so does a
    // clear after the await.
    [Fact]
    public Task Buffer_property_kept_by_a_with_copy_of_a_record_cleared_while_in_flight_is_reported() => VerifyAsync("""
        sealed record Chunk(byte[] Block, long Offset, int Length);

        static class C
        {
            static async Task<int> Kept(IoRing ring, int fd, Chunk current)
            {
                ValueTask<int> read = ring.ReadAsync(fd, current.Block.AsMemory(0, current.Length), current.Offset, default);
                Chunk next = current with { Offset = current.Offset + current.Length };
                {|ASYS1005:next.Block.AsSpan().Clear()|};
                return await read;
            }

            static async Task<int> Own(IoRing ring, int fd, Chunk current)
            {
                ValueTask<int> read = ring.ReadAsync(fd, current.Block.AsMemory(0, current.Length), current.Offset, default);
                Chunk next = current with { Block = new byte[current.Block.Length], Offset = current.Offset + current.Length };
                next.Block.AsSpan().Clear();
                return await read;
            }

            static async Task<int> After(IoRing ring, int fd, Chunk current)
            {
                ValueTask<int> read = ring.ReadAsync(fd, current.Block.AsMemory(0, current.Length), current.Offset, default);
                Chunk next = current with { Offset = current.Offset + current.Length };
                int n = await read;
                next.Block.AsSpan().Clear();
                return n;
            }
        }
        """);
}
