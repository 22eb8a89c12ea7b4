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
}
