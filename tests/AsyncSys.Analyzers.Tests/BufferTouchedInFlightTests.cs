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
                ValueTask<int> write = ring.WriteAsync(fd, owner.Memory, 0);
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
}
