using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

public class StackMemoryInFlightTests
{
    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<StackMemoryInFlightAnalyzer>.VerifyAsync(TestSources.Native + code);

    [Fact]
    public Task Stackalloc_passed_to_a_generated_variant_is_reported() => VerifyAsync("""
        static unsafe class C
        {
            static ValueTask<nint> M(int fd)
            {
                byte* buffer = stackalloc byte[128];
                return Native.readAsync(fd, {|ASYS1004:buffer|}, 128);
            }
        }
        """);

    [Fact]
    public Task Fixed_pointer_passed_to_a_generated_variant_is_reported() => VerifyAsync("""
        static unsafe class C
        {
            static ValueTask<nint> M(int fd, byte[] array)
            {
                fixed (byte* pinned = array)
                {
                    return Native.readAsync(fd, {|ASYS1004:pinned + 4|}, 16);
                }
            }
        }
        """);

    [Fact]
    public Task Address_of_a_local_in_a_ring_request_is_reported() => VerifyAsync("""
        static unsafe class C
        {
            struct MessageHeader { public nint Name; public int NameLength; }

            static RingRequest M(int fd)
            {
                MessageHeader header = default;
                return RingRequest.SendMsg(fd, {|ASYS1004:(nint)(&header)|}, 0);
            }
        }
        """);

    [Fact]
    public Task Stack_address_kept_across_an_await_is_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(int fd)
            {
                int value = 42;
                nint address;
                unsafe
                {
                    address = (nint)(&value);
                }

                await Native.fsyncAsync(fd);
                Native.Log({|ASYS1004:address|}.ToString());
            }
        }
        """);

    [Fact]
    public Task Stackalloc_used_synchronously_is_not_reported() => VerifyAsync("""
        static unsafe class C
        {
            static nint M(int fd)
            {
                byte* buffer = stackalloc byte[128];
                return Native.read(fd, buffer, 128);
            }
        }
        """);

    [Fact]
    public Task Native_memory_passed_to_a_generated_variant_is_not_reported() => VerifyAsync("""
        static class C
        {
            static async Task M(int fd)
            {
                nint buffer = Alloc();
                try
                {
                    await Read(fd, buffer);
                }
                finally
                {
                    Free(buffer);
                }
            }

            static unsafe nint Alloc() => (nint)NativeMemory.Alloc(128);

            static unsafe void Free(nint buffer) => NativeMemory.Free((void*)buffer);

            static unsafe ValueTask<nint> Read(int fd, nint buffer) => Native.readAsync(fd, (byte*)buffer, 128);
        }
        """);

    [Fact]
    public Task Stack_memory_wrapped_in_a_memory_manager_is_reported() => VerifyAsync("""
        sealed unsafe class PointerMemory : MemoryManager<byte>
        {
            private readonly byte* _pointer;
            private readonly int _length;

            public PointerMemory(byte* pointer, int length)
            {
                _pointer = pointer;
                _length = length;
            }

            public override Span<byte> GetSpan() => new(_pointer, _length);
            public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);
            public override void Unpin() { }
            protected override void Dispose(bool disposing) { }
        }

        static unsafe class C
        {
            static ValueTask<int> M(IoRing ring, int fd)
            {
                byte* scratch = stackalloc byte[256];
                var manager = new PointerMemory(scratch, 256);
                return ring.ReadAsync(fd, {|ASYS1004:manager.Memory|}, 0);
            }
        }
        """);

    [Fact]
    public Task Fixed_pointer_waited_on_inside_the_fixed_block_is_not_reported() => VerifyAsync("""
        static unsafe class C
        {
            static nint M(int fd, byte[] array)
            {
                fixed (byte* pinned = array)
                {
                    return Native.readAsync(fd, pinned, 16).GetAwaiter().GetResult();
                }
            }
        }
        """);
}
