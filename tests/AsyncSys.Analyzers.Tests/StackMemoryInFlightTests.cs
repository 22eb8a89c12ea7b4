using System.Threading.Tasks;
using AsyncSys.Analyzers.Tests.Harness;

namespace AsyncSys.Analyzers.Tests;

public class StackMemoryInFlightTests
{
    private static Task VerifyAsync(string code) =>
        AnalyzerVerifier<StackMemoryInFlightAnalyzer>.VerifyAsync(TestSources.Native + code);

    // Round 55: the msghdr written whole with an initializer links the iovecs; a stack address stored in an iovec is
    // followed through that link as through a field store.
    [Fact]
    public Task Stack_address_in_an_iovec_linked_by_the_msghdr_initializer_is_reported_and_native_memory_is_quiet() => VerifyAsync("""
        struct IoVec { public nint Base; public nuint Length; }
        struct MsgHdr { public nint Name; public int NameLength; public nint Iov; public nuint IovLength; }

        sealed unsafe class C(IoRing ring, int fd)
        {
            private readonly byte* _block = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(256);

            public ValueTask<int> Stack()
            {
                IoVec* iov = (IoVec*)_block;
                MsgHdr* message = (MsgHdr*)(_block + 64);
                byte* header = stackalloc byte[16];
                iov[0] = new IoVec { Base = (nint)header, Length = 16 };
                *message = new MsgHdr { Iov = (nint)iov, IovLength = 1 };
                return ring.SubmitAsync(RingRequest.SendMsg(fd, {|ASYS1004:(nint)message|}, 0));
            }

            public ValueTask<int> Native()
            {
                IoVec* iov = (IoVec*)_block;
                MsgHdr* message = (MsgHdr*)(_block + 64);
                byte* header = _block + 128;
                iov[0] = new IoVec { Base = (nint)header, Length = 16 };
                *message = new MsgHdr { Iov = (nint)iov, IovLength = 1 };
                return ring.SubmitAsync(RingRequest.SendMsg(fd, (nint)message, 0));
            }
        }
        """);

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

    [Fact]
    public Task Address_of_a_local_given_to_an_extension_method_that_starts_the_sendmsg_is_reported() => VerifyAsync("""
        struct MsgHdr { public nint Name; public uint NameLength; }

        static unsafe class RingMessages
        {
            public static ValueTask<int> SendHeaderAsync(this IoRing ring, int fd, MsgHdr* header) =>
                ring.SubmitAsync(RingRequest.SendMsg(fd, (nint)header, 0));
        }

        static unsafe class C
        {
            static ValueTask<int> M(IoRing ring, int fd)
            {
                MsgHdr header = default;
                return ring.SendHeaderAsync(fd, {|ASYS1004:&header|});
            }
        }
        """);

    [Fact]
    public Task Stackalloc_given_to_a_static_helper_in_another_class_that_starts_the_read_is_reported() => VerifyAsync("""
        static unsafe class Reads
        {
            public static ValueTask<nint> StartReadAsync(int fd, byte* buffer, nuint length)
            {
                Native.Log("reading");
                return Native.readAsync(fd, buffer, length);
            }
        }

        static unsafe class C
        {
            static ValueTask<nint> M(int fd)
            {
                byte* buffer = stackalloc byte[64];
                return Reads.StartReadAsync(fd, {|ASYS1004:buffer|}, 64);
            }
        }
        """);

    [Fact]
    public Task Stack_memory_given_to_helpers_not_named_like_async_calls_that_start_the_operation_is_reported() => VerifyAsync("""
        struct MsgHdr { public nint Name; public uint NameLength; }

        sealed unsafe class StatsdClient(IoRing ring, int socket)
        {
            // An instance helper named as the user likes, starting the sendmsg with the header it is given.
            private ValueTask<int> SubmitSend(MsgHdr* header, CancellationToken ct) =>
                ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)header, 0), ct);

            // A static one taking the address as nint, in a block body.
            private static ValueTask<int> Receive(IoRing ring, int fd, nint header)
            {
                var request = RingRequest.RecvMsg(fd, header, 0);
                return ring.SubmitAsync(request);
            }

            public ValueTask<int> Flush(CancellationToken ct)
            {
                MsgHdr header = new() { Name = 1, NameLength = 16 };
                return SubmitSend({|ASYS1004:&header|}, ct);
            }

            public ValueTask<int> Poll(int fd)
            {
                MsgHdr header = default;
                return Receive(ring, fd, {|ASYS1004:(nint)(&header)|});
            }

            // Waits for the sendmsg it keeps in a local, but not on the path that returns early.
            private int SendUnlessBusy(MsgHdr* header, bool busy)
            {
                ValueTask<int> send = ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)header, 0));
                if (busy)
                {
                    return -1;
                }

                return send.AsTask().GetAwaiter().GetResult();
            }

            public int FlushUnlessBusy(bool busy)
            {
                MsgHdr header = default;
                return SendUnlessBusy({|ASYS1004:&header|}, busy);
            }
        }
        """);

    [Fact]
    public Task Stack_memory_given_to_helpers_not_named_like_async_calls_that_wait_or_start_nothing_with_it_is_not_reported() => VerifyAsync("""
        struct MsgHdr { public nint Name; public uint NameLength; }

        sealed unsafe class StatsdClient(IoRing ring, int socket)
        {
            // Waits for the sendmsg before returning: the caller's frame outlives it.
            private int SendNow(MsgHdr* header) =>
                ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)header, 0)).AsTask().GetAwaiter().GetResult();

            // The same with the task kept in a local, waited before anything leaves the method.
            private int SendKept(MsgHdr* header)
            {
                ValueTask<int> send = ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)header, 0));
                Native.Log("sending");
                return send.AsTask().GetAwaiter().GetResult();
            }

            // Takes an address but starts its operation with something else.
            private ValueTask<int> SyncAfter(MsgHdr* header) => ring.SubmitAsync(RingRequest.Fsync(socket));

            // Takes an address and starts nothing.
            private static uint Length(MsgHdr* header) => header->NameLength;

            public ValueTask<int> Flush()
            {
                MsgHdr header = default;
                SendNow(&header);
                SendKept(&header);
                _ = Length(&header);
                return SyncAfter(&header);
            }
        }
        """);

    [Fact]
    public Task Stack_memory_given_to_a_helper_that_waits_for_the_operation_or_uses_it_synchronously_is_not_reported() => VerifyAsync("""
        struct MsgHdr { public nint Name; public uint NameLength; }

        static unsafe class Helpers
        {
            // Waits for the operation before returning: the caller's frame outlives it.
            public static int SendNow(this IoRing ring, int fd, MsgHdr* header) =>
                ring.SubmitAsync(RingRequest.SendMsg(fd, (nint)header, 0)).GetAwaiter().GetResult();

            // Uses the pointer with the blocking wrapper only.
            public static ValueTask<nint> ReadThenSync(int fd, byte* buffer) => new(Native.read(fd, buffer, 8));

            // Starts an operation, but not with the pointer it was given.
            public static ValueTask<int> SyncAfter(int fd, byte* scratch) => Native.fsyncAsync(fd);
        }

        static unsafe class C
        {
            static ValueTask<int> M(IoRing ring, int fd)
            {
                MsgHdr header = default;
                ring.SendNow(fd, &header);
                byte* buffer = stackalloc byte[8];
                _ = Helpers.ReadThenSync(fd, buffer);
                return Helpers.SyncAfter(fd, buffer);
            }
        }
        """);

    [Fact]
    public Task Fixed_pointer_into_a_pinned_heap_array_held_in_a_readonly_field_is_not_reported() => VerifyAsync("""
        sealed unsafe class C
        {
            private static readonly byte[] s_header = GC.AllocateArray<byte>(56, pinned: true);
            private readonly byte[] _body;

            public C() => _body = GC.AllocateUninitializedArray<byte>(4096, pinned: true);

            ValueTask<int> SendHeader(IoRing ring, int fd)
            {
                fixed (byte* header = s_header)
                {
                    return ring.SubmitAsync(RingRequest.SendMsg(fd, (nint)header, 0));
                }
            }

            ValueTask<nint> ReadBody(int fd)
            {
                fixed (byte* body = &_body[0])
                {
                    return Native.readAsync(fd, body, 4096);
                }
            }
        }
        """);

    [Fact]
    public Task Fixed_pointer_into_an_ordinary_or_replaceable_array_is_still_reported() => VerifyAsync("""
        sealed unsafe class C
        {
            private readonly byte[] _ordinary = new byte[56];
            private static byte[] s_replaceable = GC.AllocateArray<byte>(56, pinned: true);
            private readonly byte[] _sometimesPinned;
            private readonly byte[] _initSet = GC.AllocateArray<byte>(56, pinned: true);

            public C(bool pinned) => _sometimesPinned = pinned ? GC.AllocateArray<byte>(56, pinned: true) : new byte[56];

            public byte[] Header { init => _initSet = value; }

            ValueTask<int> Ordinary(IoRing ring, int fd)
            {
                fixed (byte* header = _ordinary)
                {
                    return ring.SubmitAsync(RingRequest.SendMsg(fd, {|ASYS1004:(nint)header|}, 0));
                }
            }

            ValueTask<nint> Replaceable(int fd)
            {
                fixed (byte* p = s_replaceable)
                {
                    return Native.readAsync(fd, {|ASYS1004:p|}, 56);
                }
            }

            ValueTask<nint> Sometimes(int fd)
            {
                fixed (byte* p = _sometimesPinned)
                {
                    return Native.readAsync(fd, {|ASYS1004:p|}, 56);
                }
            }

            ValueTask<nint> InitSet(int fd)
            {
                fixed (byte* p = _initSet)
                {
                    return Native.readAsync(fd, {|ASYS1004:p|}, 56);
                }
            }

            static ValueTask<nint> Local(int fd)
            {
                // Pinned, but held only by this frame: it may be collected once the method returns.
                byte[] local = GC.AllocateArray<byte>(56, pinned: true);
                fixed (byte* p = local)
                {
                    return Native.readAsync(fd, {|ASYS1004:p|}, 56);
                }
            }
        }
        """);

    [Fact]
    public Task AsPointer_of_a_local_or_a_ref_local_bound_to_one_is_reported() => VerifyAsync("""
        static unsafe class C
        {
            struct MessageHeader { public nint Name; public int NameLength; }

            static RingRequest Direct(int fd)
            {
                MessageHeader header = default;
                return RingRequest.SendMsg(fd, {|ASYS1004:(nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref header)|}, 0);
            }

            static RingRequest ThroughRef(int fd)
            {
                MessageHeader header = default;
                ref MessageHeader alias = ref header;
                alias.NameLength = 16;
                return RingRequest.SendMsg(fd, {|ASYS1004:(nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref alias)|}, 0);
            }

            static RingRequest RefIntoStackalloc(int fd)
            {
                MessageHeader* block = stackalloc MessageHeader[1];
                ref MessageHeader alias = ref System.Runtime.CompilerServices.Unsafe.AsRef<MessageHeader>(block);
                return RingRequest.SendMsg(fd, {|ASYS1004:(nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref alias)|}, 0);
            }
        }
        """);

    [Fact]
    public Task AsPointer_of_a_ref_local_bound_to_native_memory_is_not_reported() => VerifyAsync("""
        unsafe class C
        {
            struct MessageHeader { public nint Name; public int NameLength; }

            private readonly void* _block = NativeMemory.AllocZeroed(64);
            private readonly MessageHeader[] _headers = GC.AllocateArray<MessageHeader>(4, pinned: true);

            RingRequest Native(int fd)
            {
                ref MessageHeader header = ref System.Runtime.CompilerServices.Unsafe.AsRef<MessageHeader>(_block);
                header = default;
                header.NameLength = 16;
                return RingRequest.SendMsg(fd, (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref header), 0);
            }

            RingRequest PinnedElement(int fd)
            {
                ref MessageHeader header = ref _headers[0];
                return RingRequest.SendMsg(fd, (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref header), 0);
            }
        }
        """);

    [Fact]
    public Task Stack_address_stored_in_the_structure_an_operation_is_given_is_reported() => VerifyAsync("""
        unsafe class C
        {
            struct MessageHeader { public nint Name; public int NameLength; }

            private readonly MessageHeader* _header = (MessageHeader*)NativeMemory.AllocZeroed(64);

            RingRequest Field(int fd)
            {
                byte* address = stackalloc byte[16];
                _header->Name = (nint)address;
                _header->NameLength = 16;
                return RingRequest.SendMsg(fd, {|ASYS1004:(nint)_header|}, 0);
            }

            static RingRequest Local(int fd, MessageHeader* header)
            {
                int port = 7;
                (*header).Name = (nint)(&port);
                return RingRequest.SendMsg(fd, {|ASYS1004:(nint)header|}, 0);
            }
        }
        """);

    [Fact]
    public Task Native_address_or_a_copy_stored_in_the_structure_is_not_reported() => VerifyAsync("""
        unsafe class C
        {
            struct MessageHeader { public nint Name; public int NameLength; }

            private readonly MessageHeader* _header = (MessageHeader*)NativeMemory.AllocZeroed(64);
            private readonly MessageHeader* _other = (MessageHeader*)NativeMemory.AllocZeroed(64);
            private readonly byte* _address = (byte*)NativeMemory.AllocZeroed(16);

            RingRequest Copied(int fd)
            {
                byte* address = stackalloc byte[16];
                address[0] = 2;
                new Span<byte>(address, 16).CopyTo(new Span<byte>(_address, 16));
                _header->Name = (nint)_address;
                _header->NameLength = 16;
                return RingRequest.SendMsg(fd, (nint)_header, 0);
            }

            RingRequest OtherHeader(int fd)
            {
                byte* address = stackalloc byte[16];
                _other->Name = (nint)address;
                return RingRequest.SendMsg(fd, (nint)_header, 0);
            }
        }
        """);

    [Fact]
    public Task Stack_address_stored_in_a_structure_the_header_points_at_is_reported() => VerifyAsync("""
        unsafe class C
        {
            struct IoVec { public nint Base; public nint Length; }
            struct MessageHeader { public nint Name; public IoVec* Iov; public nint IovLength; }

            private readonly MessageHeader* _header = (MessageHeader*)NativeMemory.AllocZeroed(64);
            private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed(16);
            private readonly byte[] _chunk = new byte[4096];

            RingRequest FixedInsideTheBlock(int fd)
            {
                fixed (byte* body = _chunk)
                {
                    _iov->Base = (nint)body;
                    _iov->Length = _chunk.Length;
                    _header->Iov = _iov;
                    _header->IovLength = 1;
                    return RingRequest.RecvMsg(fd, {|ASYS1004:(nint)_header|}, 0);
                }
            }

            static RingRequest StackPayload(int fd, MessageHeader* header, IoVec* iov)
            {
                byte* payload = stackalloc byte[64];
                iov->Base = (nint)payload;
                header->Iov = iov;
                return RingRequest.SendMsg(fd, {|ASYS1004:(nint)header|}, 0);
            }
        }
        """);

    [Fact]
    public Task Stack_address_stored_in_an_element_of_an_iovec_array_the_constructor_linked_is_reported() => VerifyAsync("""
        unsafe class C
        {
            struct IoVec { public nint Base; public nuint Length; }
            struct MessageHeader { public nint Name; public nint Iov; public nuint IovLength; }

            private readonly MessageHeader* _header = (MessageHeader*)NativeMemory.AllocZeroed(64);
            private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed(32);

            C()
            {
                _header->Iov = (nint)_iov;
                _header->IovLength = 2;
            }

            RingRequest LinkedOnce(int fd, nint payload)
            {
                byte* prefix = stackalloc byte[12];
                _iov[0].Base = (nint)prefix;
                _iov[0].Length = 12;
                _iov[1].Base = payload;
                return RingRequest.SendMsg(fd, {|ASYS1004:(nint)_header|}, 0);
            }

            static RingRequest LinkedHere(int fd, MessageHeader* header, IoVec* iov, nint payload)
            {
                byte* prefix = stackalloc byte[12];
                iov[1].Base = (nint)prefix;
                iov[0].Base = payload;
                header->Iov = (nint)iov;
                return RingRequest.SendMsg(fd, {|ASYS1004:(nint)header|}, 0);
            }
        }
        """);

    // The store made through a ref local bound to the iovec (round 44's WAL shipper): the same element of the linked array.
    [Fact]
    public Task Stack_address_stored_through_a_ref_local_to_a_linked_iovec_is_reported() => VerifyAsync("""
        unsafe class C
        {
            struct IoVec { public nint Base; public nuint Length; }
            struct MessageHeader { public nint Name; public nint Iov; public nuint IovLength; }

            private readonly MessageHeader* _header = (MessageHeader*)NativeMemory.AllocZeroed(64);
            private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed(32);

            C()
            {
                _header->Iov = (nint)_iov;
                _header->IovLength = 1;
            }

            RingRequest Ship(int fd)
            {
                byte* prefix = stackalloc byte[12];
                ref IoVec vector = ref _iov[0];
                vector.Base = (nint)prefix;
                vector.Length = 12;
                return RingRequest.SendMsg(fd, {|ASYS1004:(nint)_header|}, 0);
            }
        }
        """);

    // The nearest correct shapes: native memory stored through the ref local, and a ref local bound to a structure of
    // this frame's own that the operation is not given.
    [Fact]
    public Task Native_memory_stored_through_a_ref_local_to_the_iovec_is_not_reported() => VerifyAsync("""
        unsafe class C
        {
            struct IoVec { public nint Base; public nuint Length; }
            struct MessageHeader { public nint Name; public nint Iov; public nuint IovLength; }

            private readonly MessageHeader* _header = (MessageHeader*)NativeMemory.AllocZeroed(64);
            private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed(32);
            private readonly byte* _payload = (byte*)NativeMemory.AllocZeroed(4096);

            C()
            {
                _header->Iov = (nint)_iov;
                _header->IovLength = 1;
            }

            RingRequest Ship(int fd)
            {
                byte* prefix = stackalloc byte[12];
                IoVec scratch = default;
                ref IoVec local = ref scratch;
                local.Base = (nint)prefix;
                ref IoVec vector = ref _iov[0];
                vector.Base = (nint)_payload;
                vector.Length = 12;
                return RingRequest.SendMsg(fd, (nint)_header, 0);
            }
        }
        """);

    // An ioctl's argument may be an array the kernel reads whole: SPI_IOC_MESSAGE(2) reads two spi_ioc_transfer structs,
    // so a stack address in the second one's rx_buf is written by the worker after this frame has returned the task.
    [Fact]
    public Task Stack_address_stored_in_any_element_of_an_array_given_to_a_generated_variant_is_reported() => VerifyAsync("""
        unsafe class C
        {
            struct SpiTransfer { public ulong TxBuf; public ulong RxBuf; public uint Length; }

            static class Spi
            {
                [DllImport("libc", SetLastError = true)]
                [AsyncSyscall]
                public static extern int ioctl(int fd, nuint request, nint argument);
                public static ValueTask<int> ioctlAsync(int fd, nuint request, nint argument, CancellationToken cancellationToken = default) => default;
            }

            private readonly SpiTransfer* _transfers = (SpiTransfer*)NativeMemory.AllocZeroed(64);
            private readonly byte* _command = (byte*)NativeMemory.AllocZeroed(1);

            ValueTask<int> SecondRx(int fd)
            {
                byte* status = stackalloc byte[1];
                _transfers[0].TxBuf = (ulong)_command;
                _transfers[1].RxBuf = (ulong)status;
                return Spi.ioctlAsync(fd, 0x40406B00, {|ASYS1004:(nint)_transfers|});
            }

            static ValueTask<int> AnyIndex(int fd, SpiTransfer* transfers, int last)
            {
                byte* status = stackalloc byte[1];
                transfers[last].RxBuf = (ulong)status;
                return Spi.ioctlAsync(fd, 0x40406B00, {|ASYS1004:(nint)transfers|});
            }
        }
        """);

    // The same array with native memory in every element, and a ring request's msghdr, which is one structure: a stack
    // address in the element after it is in memory the sendmsg never reads.
    [Fact]
    public Task Native_memory_in_every_element_or_a_stack_address_past_a_single_msghdr_is_not_reported() => VerifyAsync("""
        unsafe class C
        {
            struct SpiTransfer { public ulong TxBuf; public ulong RxBuf; public uint Length; }
            struct MessageHeader { public nint Name; public nint Iov; public nuint IovLength; }

            static class Spi
            {
                [DllImport("libc", SetLastError = true)]
                [AsyncSyscall]
                public static extern int ioctl(int fd, nuint request, nint argument);
                public static ValueTask<int> ioctlAsync(int fd, nuint request, nint argument, CancellationToken cancellationToken = default) => default;
            }

            private readonly SpiTransfer* _transfers = (SpiTransfer*)NativeMemory.AllocZeroed(64);
            private readonly byte* _command = (byte*)NativeMemory.AllocZeroed(1);
            private readonly byte* _status = (byte*)NativeMemory.AllocZeroed(1);
            private readonly MessageHeader* _headers = (MessageHeader*)NativeMemory.AllocZeroed(64);

            ValueTask<int> NativeRx(int fd)
            {
                _transfers[0].TxBuf = (ulong)_command;
                _transfers[1].RxBuf = (ulong)_status;
                return Spi.ioctlAsync(fd, 0x40406B00, (nint)_transfers);
            }

            RingRequest NextHeader(int fd)
            {
                byte* address = stackalloc byte[16];
                _headers[1].Name = (nint)address;
                return RingRequest.SendMsg(fd, (nint)_headers, 0);
            }
        }
        """);

    [Fact]
    public Task Stack_address_in_an_iovec_array_the_header_is_not_linked_to_is_not_reported() => VerifyAsync("""
        unsafe class C
        {
            struct IoVec { public nint Base; public nuint Length; }
            struct MessageHeader { public nint Name; public nint Iov; public nuint IovLength; }

            private readonly MessageHeader* _header = (MessageHeader*)NativeMemory.AllocZeroed(64);
            private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed(32);
            private readonly IoVec* _spare = (IoVec*)NativeMemory.AllocZeroed(32);
            private readonly byte* _prefix = (byte*)NativeMemory.AllocZeroed(12);

            C()
            {
                _header->Iov = (nint)_iov;
            }

            RingRequest OtherArray(int fd)
            {
                byte* prefix = stackalloc byte[12];
                _spare[0].Base = (nint)prefix;
                return RingRequest.SendMsg(fd, (nint)_header, 0);
            }

            RingRequest RelinkedHere(int fd)
            {
                byte* prefix = stackalloc byte[12];
                _iov[0].Base = (nint)prefix;
                _header->Iov = (nint)_spare;
                return RingRequest.SendMsg(fd, (nint)_header, 0);
            }

            RingRequest NativePrefix(int fd)
            {
                _iov[0].Base = (nint)_prefix;
                return RingRequest.SendMsg(fd, (nint)_header, 0);
            }
        }
        """);

    [Fact]
    public Task Native_or_pinned_heap_address_in_a_structure_the_header_points_at_is_not_reported() => VerifyAsync("""
        unsafe class C
        {
            struct IoVec { public nint Base; public nint Length; }
            struct MessageHeader { public nint Name; public IoVec* Iov; public nint IovLength; }

            private readonly MessageHeader* _header = (MessageHeader*)NativeMemory.AllocZeroed(64);
            private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed(16);
            private readonly IoVec* _otherIov = (IoVec*)NativeMemory.AllocZeroed(16);
            private readonly byte* _payload = (byte*)NativeMemory.AllocZeroed(64);
            private readonly byte[] _chunk = GC.AllocateArray<byte>(4096, pinned: true);

            RingRequest PinnedHeap(int fd)
            {
                fixed (byte* body = _chunk)
                {
                    _iov->Base = (nint)body;
                    _header->Iov = _iov;
                    return RingRequest.RecvMsg(fd, (nint)_header, 0);
                }
            }

            RingRequest Native(int fd)
            {
                _iov->Base = (nint)_payload;
                _header->Iov = _iov;
                return RingRequest.SendMsg(fd, (nint)_header, 0);
            }

            RingRequest AnotherVector(int fd)
            {
                byte* payload = stackalloc byte[64];
                _otherIov->Base = (nint)payload;
                _header->Iov = _iov;
                return RingRequest.SendMsg(fd, (nint)_header, 0);
            }
        }
        """);

    [Fact]
    public Task Stack_address_carried_by_a_structure_copied_into_the_header_is_reported() => VerifyAsync("""
        unsafe class C
        {
            struct IoVec { public nint Base; public nuint Length; }
            struct MessageHeader { public nint Name; public int NameLength; public IoVec Vector; public nint Control; }

            private readonly MessageHeader* _header = (MessageHeader*)NativeMemory.AllocZeroed(64);
            private readonly byte* _peer = (byte*)NativeMemory.AllocZeroed(16);

            RingRequest Initializer(int fd)
            {
                byte* control = stackalloc byte[32];
                MessageHeader template = new() { Name = (nint)_peer, NameLength = 16, Control = (nint)control };
                *_header = template;
                return RingRequest.SendMsg(fd, {|ASYS1004:(nint)_header|}, 0);
            }

            RingRequest FieldStore(int fd)
            {
                int port = 7;
                MessageHeader template = default;
                template.Name = (nint)(&port);
                MessageHeader copy = template;
                *_header = copy;
                return RingRequest.SendMsg(fd, {|ASYS1004:(nint)_header|}, 0);
            }

            static RingRequest With(int fd, MessageHeader* header, MessageHeader template)
            {
                byte* control = stackalloc byte[32];
                *header = template with { Control = (nint)control };
                return RingRequest.SendMsg(fd, {|ASYS1004:(nint)header|}, 0);
            }

            RingRequest Nested(int fd)
            {
                byte* payload = stackalloc byte[64];
                var vector = new IoVec { Base = (nint)payload, Length = 64 };
                _header->Vector = vector;
                return RingRequest.SendMsg(fd, {|ASYS1004:(nint)_header|}, 0);
            }
        }
        """);

    [Fact]
    public Task Structure_copied_into_the_header_with_only_native_addresses_is_not_reported() => VerifyAsync("""
        unsafe class C
        {
            struct MessageHeader { public nint Name; public int NameLength; public nint Control; }

            private readonly MessageHeader* _header = (MessageHeader*)NativeMemory.AllocZeroed(64);
            private readonly byte* _peer = (byte*)NativeMemory.AllocZeroed(16);
            private readonly byte* _control = (byte*)NativeMemory.AllocZeroed(32);

            RingRequest Native(int fd)
            {
                MessageHeader template = new() { Name = (nint)_peer, NameLength = 16, Control = (nint)_control };
                *_header = template;
                return RingRequest.SendMsg(fd, (nint)_header, 0);
            }

            RingRequest Replaced(int fd)
            {
                byte* control = stackalloc byte[32];
                MessageHeader template = new() { Control = (nint)control };
                template.Control = (nint)_control;
                *_header = template;
                return RingRequest.SendMsg(fd, (nint)_header, 0);
            }

            RingRequest CopiedAfterTheStart(int fd, MessageHeader* spare)
            {
                byte* control = stackalloc byte[32];
                MessageHeader template = new() { Control = (nint)control };
                *spare = template;
                RingRequest request = RingRequest.SendMsg(fd, (nint)_header, 0);
                *_header = template;
                return request;
            }
        }
        """);

    [Fact]
    public Task Stack_header_given_to_an_async_local_function_that_awaits_the_sendmsg_is_reported() => VerifyAsync("""
        struct MsgHdr { public nint Name; public uint NameLength; }

        sealed class Shipper(IoRing ring, int fd)
        {
            // ShipAsync returns at Send's first await: its frame, and the header, are gone while the kernel reads it.
            public ValueTask<int> ShipAsync()
            {
                MsgHdr header = default;
                nint message;
                unsafe
                {
                    message = (nint)(&header);
                }

                return Send({|ASYS1004:message|});

                async ValueTask<int> Send(nint m)
                {
                    Native.Log("sending");
                    int sent = await ring.SubmitAsync(RingRequest.SendMsg(fd, m, 0));
                    return sent;
                }
            }

            // An async caller that awaits the local function leaves its frame at that await just the same.
            public async Task<int> ShipAndWaitAsync()
            {
                MsgHdr header = default;
                nint message;
                unsafe
                {
                    message = (nint)(&header);
                }

                return await Send({|ASYS1004:message|});

                async ValueTask<int> Send(nint m)
                {
                    await Task.Yield();
                    return await ring.SubmitAsync(RingRequest.SendMsg(fd, m, 0));
                }
            }

            // A helper of this compilation that starts the sendmsg after an await of its own.
            public ValueTask<int> ShipLaterAsync()
            {
                MsgHdr header = default;
                nint message;
                unsafe
                {
                    message = (nint)(&header);
                }

                return Later.SendAsync(ring, fd, {|ASYS1004:message|});
            }
        }

        static class Later
        {
            public static async ValueTask<int> SendAsync(IoRing ring, int fd, nint header)
            {
                await Task.Yield();
                return await ring.SubmitAsync(RingRequest.SendMsg(fd, header, 0));
            }
        }
        """);

    [Fact]
    public Task Stack_header_given_to_a_local_function_that_finishes_with_it_is_not_reported() => VerifyAsync("""
        struct MsgHdr { public nint Name; public uint NameLength; }

        sealed class Shipper(IoRing ring, int fd)
        {
            private readonly nint _native = Alloc();

            private static unsafe nint Alloc() => (nint)NativeMemory.AllocZeroed(64);

            public int ShipNow()
            {
                MsgHdr header = default;
                nint message;
                unsafe
                {
                    message = (nint)(&header);
                }

                // Waited for here: the frame outlives the sendmsg.
                return Send(message).GetAwaiter().GetResult();

                async ValueTask<int> Send(nint m) => await ring.SubmitAsync(RingRequest.SendMsg(fd, m, 0));
            }

            public ValueTask<int> CopyFirst()
            {
                MsgHdr header = default;
                nint message;
                unsafe
                {
                    message = (nint)(&header);
                }

                return Send(message);

                // The header is copied into native memory before the first await; the sendmsg is given the copy.
                async ValueTask<int> Send(nint m)
                {
                    unsafe
                    {
                        *(MsgHdr*)_native = *(MsgHdr*)m;
                    }

                    return await ring.SubmitAsync(RingRequest.SendMsg(fd, _native, 0));
                }
            }

            public unsafe ValueTask<nint> ReadSync()
            {
                byte* scratch = stackalloc byte[16];
                return Read(scratch);

                // Uses the pointer with the blocking wrapper only.
                ValueTask<nint> Read(byte* p)
                {
                    nint n = Native.read(fd, p, 16);
                    return new(n);
                }
            }
        }
        """);

    [Fact]
    public Task Stack_struct_given_to_a_generic_helper_that_copies_it_into_an_array_before_the_send_is_not_reported() => VerifyAsync("""
        struct Update { public int Player; public float X; }

        static unsafe class Sends
        {
            public static ValueTask<int> SendValueAsync<T>(this IoRing ring, int socket, T* value) where T : unmanaged =>
                ring.SendAsync(socket, new ReadOnlySpan<byte>(value, sizeof(T)).ToArray());

            public static ValueTask<int> SendIntAsync(IoRing ring, int socket, int* value) =>
                ring.SendAsync(socket, BitConverter.GetBytes(*value));

            public static ValueTask<int> SendCopyAsync<T>(IoRing ring, int socket, T* value) where T : unmanaged
            {
                byte[] copy = new ReadOnlySpan<byte>(value, sizeof(T)).ToArray();
                return ring.SendAsync(socket, copy);
            }
        }

        static unsafe class C
        {
            static ValueTask<int> M(IoRing ring, int socket)
            {
                Update update = new() { Player = 1, X = 2 };
                int count = 3;
                _ = Sends.SendCopyAsync(ring, socket, &update);
                _ = Sends.SendIntAsync(ring, socket, &count);
                return ring.SendValueAsync(socket, &update);
            }
        }
        """);

    [Fact]
    public Task Stack_struct_given_to_a_generic_helper_that_wraps_the_pointer_in_memory_for_the_send_is_reported() => VerifyAsync("""
        struct Update { public int Player; public float X; }

        sealed unsafe class PointerMemory : System.Buffers.MemoryManager<byte>
        {
            private readonly byte* _pointer; private readonly int _length;
            public PointerMemory(byte* pointer, int length) { _pointer = pointer; _length = length; }
            public override Span<byte> GetSpan() => new(_pointer, _length);
            public override System.Buffers.MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);
            public override void Unpin() { }
            protected override void Dispose(bool disposing) { }
        }

        static unsafe class Sends
        {
            // The array is only the length's: the pointer itself reaches the send.
            public static ValueTask<int> SendValueAsync<T>(this IoRing ring, int socket, T* value) where T : unmanaged =>
                ring.SendAsync(socket, new PointerMemory((byte*)value, new byte[sizeof(T)].Length).Memory);
        }

        static unsafe class C
        {
            static ValueTask<int> M(IoRing ring, int socket)
            {
                Update update = new() { Player = 1, X = 2 };
                return ring.SendValueAsync(socket, {|ASYS1004:&update|});
            }
        }
        """);

    [Fact]
    public Task Stack_memory_given_to_a_helper_that_makes_memory_over_it_in_a_local_before_starting_the_send_is_reported() => VerifyAsync("""
        struct MsgHdr { public nint Name; public nint Iov; }

        sealed unsafe class PointerMemory : System.Buffers.MemoryManager<byte>
        {
            private readonly byte* _pointer; private readonly int _length;
            public PointerMemory(byte* pointer, int length) { _pointer = pointer; _length = length; }
            public override Span<byte> GetSpan() => new(_pointer, _length);
            public override System.Buffers.MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);
            public override void Unpin() { }
            protected override void Dispose(bool disposing) { }
        }

        sealed unsafe class Connection(IoRing ring, int fd)
        {
            public ValueTask<int> SendCommand(byte[] command, int length)
            {
                fixed (byte* p = command)
                {
                    return SendRaw({|ASYS1004:p|}, length);
                }
            }

            public ValueTask<int> SendHeader()
            {
                MsgHdr header = default;
                return SubmitHeader({|ASYS1004:&header|});
            }

            // The pointer reaches the send through locals: a MemoryManager made over it, then its Memory.
            private ValueTask<int> SendRaw(byte* data, int length)
            {
                var manager = new PointerMemory(data, length);
                Memory<byte> memory = manager.Memory;
                return ring.SendAsync(fd, memory);
            }

            private ValueTask<int> SubmitHeader(MsgHdr* header)
            {
                nint address = (nint)header;
                return ring.SubmitAsync(RingRequest.SendMsg(fd, address, 0));
            }
        }
        """);

    [Fact]
    public Task Stack_memory_given_to_a_helper_whose_locals_copy_or_read_it_or_that_waits_is_not_reported() => VerifyAsync("""
        sealed unsafe class PointerMemory : System.Buffers.MemoryManager<byte>
        {
            private readonly byte* _pointer; private readonly int _length;
            public PointerMemory(byte* pointer, int length) { _pointer = pointer; _length = length; }
            public override Span<byte> GetSpan() => new(_pointer, _length);
            public override System.Buffers.MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);
            public override void Unpin() { }
            protected override void Dispose(bool disposing) { }
        }

        sealed unsafe class Connection(IoRing ring, int fd, byte[] frame)
        {
            public int Send(byte[] command, int length)
            {
                fixed (byte* p = command)
                {
                    _ = SendCopy(p, length);
                    _ = SendCounted(p);
                    return SendNow(p, length);
                }
            }

            // A Memory local over a copy: the array is the operation's, the pinned bytes are done with before it starts.
            private ValueTask<int> SendCopy(byte* data, int length)
            {
                Memory<byte> copy = new ReadOnlySpan<byte>(data, length).ToArray();
                return ring.SendAsync(fd, copy);
            }

            // Only a number read through the pointer reaches the send.
            private ValueTask<int> SendCounted(byte* data)
            {
                int length = *(int*)data;
                return ring.SendAsync(fd, frame.AsMemory(0, length));
            }

            // The send over the pointer is waited for before the helper returns.
            private int SendNow(byte* data, int length)
            {
                var manager = new PointerMemory(data, length);
                return ring.SendAsync(fd, manager.Memory).AsTask().GetAwaiter().GetResult();
            }
        }
        """);

    [Fact]
    public Task Stack_header_address_carried_in_a_record_struct_property_to_the_sendmsg_is_reported() => VerifyAsync("""
        struct MsgHdr { public nint Name; public nint Iov; }
        readonly record struct PreparedSend(int Socket, nint Header, int Length);
        sealed class Envelope { public nint Header { get; init; } public nint Spare { get; set; } }

        static unsafe class C
        {
            static ValueTask<int> M(IoRing ring, int socket)
            {
                MsgHdr header = default;
                PreparedSend send = new(socket, (nint)(&header), 16);
                var envelope = new Envelope { Header = (nint)(&header) };
                _ = ring.SubmitAsync(RingRequest.SendMsg(socket, {|ASYS1004:envelope.Header|}, 0));
                return ring.SubmitAsync(RingRequest.SendMsg(send.Socket, {|ASYS1004:send.Header|}, 0));
            }
        }
        """);

    [Fact]
    public Task Native_header_carried_in_a_record_struct_or_a_settable_property_set_later_is_not_reported() => VerifyAsync("""
        struct MsgHdr { public nint Name; public nint Iov; }
        readonly record struct PreparedSend(int Socket, nint Header, int Length);
        sealed class Envelope { public nint Header { get; set; } }

        static unsafe class C
        {
            static readonly MsgHdr* s_header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));

            static ValueTask<int> M(IoRing ring, int socket)
            {
                MsgHdr header = default;
                PreparedSend send = new(socket, (nint)s_header, sizeof(MsgHdr));
                var envelope = new Envelope { Header = (nint)(&header) };
                envelope.Header = (nint)s_header;
                _ = ring.SubmitAsync(RingRequest.SendMsg(socket, envelope.Header, 0));
                return ring.SubmitAsync(RingRequest.SendMsg(send.Socket, send.Header, 0));
            }
        }
        """);

    [Fact]
    public Task Stack_memory_given_to_a_forwarding_method_that_takes_memory_is_reported() => VerifyAsync("""
        sealed unsafe class Frame : MemoryManager<byte>
        {
            private readonly byte* _pointer;
            private readonly int _length;

            public Frame(byte* pointer, int length)
            {
                _pointer = pointer;
                _length = length;
            }

            public override Span<byte> GetSpan() => new(_pointer, _length);

            public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

            public override void Unpin()
            {
            }

            protected override void Dispose(bool disposing)
            {
            }
        }

        sealed unsafe class Sender(IoRing ring, int socket)
        {
            private ValueTask<int> SendFrame(ReadOnlyMemory<byte> frame, CancellationToken ct) => ring.SendAsync(socket, frame, MessageFlags.None, ct);

            public ValueTask<int> M(CancellationToken ct)
            {
                byte* ack = stackalloc byte[4];
                var frame = new Frame(ack, 4);
                return SendFrame({|ASYS1004:frame.Memory|}, ct);
            }

            public ValueTask<int> Heap(CancellationToken ct) => SendFrame(new byte[4], ct);
        }
        """);
    // Round 47: a helper that hands its pointer parameter, as it got it, to another helper of the compilation that starts
    // the operation with it: two levels from the caller. A second helper that waits for the operation, or a first one that
    // copies the memory before handing it on, starts nothing that outlives the caller's frame.
    [Fact]
    public Task Stack_memory_given_to_a_helper_two_levels_above_the_operation_is_reported() => VerifyAsync("""
        sealed unsafe class Frame : MemoryManager<byte>
        {
            private readonly byte* _pointer;
            private readonly int _length;

            public Frame(byte* pointer, int length)
            {
                _pointer = pointer;
                _length = length;
            }

            public override Span<byte> GetSpan() => new(_pointer, _length);

            public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

            public override void Unpin()
            {
            }

            protected override void Dispose(bool disposing)
            {
            }
        }

        sealed unsafe class Transport(IoRing ring, int socket)
        {
            private long _sent;

            public ValueTask<int> SendProbeAsync(byte* frame, int length, CancellationToken ct)
            {
                _sent++;
                return SendRawAsync(frame, length, ct);
            }

            public ValueTask<int> SendCopyAsync(byte* frame, int length, CancellationToken ct)
            {
                byte[] copy = new ReadOnlySpan<byte>(frame, length).ToArray();
                return ring.SendAsync(socket, copy, MessageFlags.None, ct);
            }

            public ValueTask<int> SendWaitedAsync(byte* frame, int length, CancellationToken ct)
            {
                _sent++;
                return new ValueTask<int>(SendNowAsync(frame, length, ct));
            }

            private ValueTask<int> SendRawAsync(byte* frame, int length, CancellationToken ct) =>
                ring.SendAsync(socket, new Frame(frame, length).Memory, MessageFlags.None, ct);

            private int SendNowAsync(byte* frame, int length, CancellationToken ct) =>
                ring.SendAsync(socket, new Frame(frame, length).Memory, MessageFlags.None, ct).AsTask().GetAwaiter().GetResult();
        }

        static unsafe class C
        {
            static ValueTask<int> Probe(Transport transport, CancellationToken ct)
            {
                byte* probe = stackalloc byte[16];
                return transport.SendProbeAsync({|ASYS1004:probe|}, 16, ct);
            }

            static ValueTask<int> Copied(Transport transport, CancellationToken ct)
            {
                byte* probe = stackalloc byte[16];
                return transport.SendCopyAsync(probe, 16, ct);
            }

            static ValueTask<int> Waited(Transport transport, CancellationToken ct)
            {
                byte* probe = stackalloc byte[16];
                return transport.SendWaitedAsync(probe, 16, ct);
            }
        }
        """);

    // Round 58: a fixed pointer made into `new Span<byte>(p, n)` and taken back to a pointer for an operation whose task
    // leaves after the fixed block; the same over an array on the pinned object heap is quiet.
    [Fact]
    public Task Fixed_pointer_through_a_span_back_to_a_pointer_is_reported_unless_the_array_is_pinned() => VerifyAsync("""

        sealed class C(IoRing ring, int fd)
        {
            private readonly byte[] _header = new byte[56];
            private readonly byte[] _pinned = GC.AllocateArray<byte>(56, pinned: true);

            public unsafe ValueTask<int> Moving()
            {
                ValueTask<int> pending;
                fixed (byte* p = _header)
                {
                    var span = new Span<byte>(p, 56);
                    pending = ring.SubmitAsync(RingRequest.SendMsg(fd, {|ASYS1004:(nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(span))|}, MessageFlags.None));
                }

                return pending;
            }

            public unsafe ValueTask<int> Pinned()
            {
                ValueTask<int> pending;
                fixed (byte* p = _pinned)
                {
                    var span = new ReadOnlySpan<byte>(p, 56);
                    pending = ring.SubmitAsync(RingRequest.SendMsg(fd, (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(span)), MessageFlags.None));
                }

                return pending;
            }
        }
        """);

    // Round 59: stack memory chosen by a switch expression or a conditional (either arm) for a returned operation; the same
    // choice between native blocks is quiet.
    [Fact]
    public Task Stack_memory_chosen_by_a_switch_expression_or_conditional_is_reported() => VerifyAsync("""
        sealed unsafe class C(IoRing ring, int fd)
        {
            private readonly byte* _small = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc(16);
            private readonly byte* _large = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc(128);

            public ValueTask<int> Switched(int format)
            {
                byte* v1 = stackalloc byte[16];
                byte* v2 = stackalloc byte[128];
                byte* target = format switch { 1 => v1, _ => v2 };
                return ring.SubmitAsync(RingRequest.SendMsg(fd, {|ASYS1004:(nint)target|}, MessageFlags.None));
            }

            public ValueTask<int> Conditional(bool small)
            {
                byte* v1 = stackalloc byte[16];
                byte* target = small ? v1 : _large;
                return ring.SubmitAsync(RingRequest.SendMsg(fd, {|ASYS1004:(nint)target|}, MessageFlags.None));
            }

            public ValueTask<int> Native(int format)
            {
                byte* target = format switch { 1 => _small, _ => _large };
                return ring.SubmitAsync(RingRequest.SendMsg(fd, (nint)target, MessageFlags.None));
            }
        }
        """);

    // Round 60: stack memory without stackalloc, & or fixed in sight: an [InlineArray] local seen as a span, an element of
    // one in a struct local, MemoryMarshal.CreateSpan/AsBytes(new Span<T>(ref x)) over a struct local, Unsafe.AsRef(in ...)
    // of a ref readonly local bound to one, a fixed-size buffer field of a struct local. The same shapes over native memory
    // the object owns stay quiet.
    [Fact]
    public Task Stack_memory_in_disguise_through_inline_arrays_spans_over_references_and_fixed_size_buffers_is_reported() => VerifyAsync("""
        [System.Runtime.CompilerServices.InlineArray(16)]
        struct Block16 { private byte _element0; }
        struct Holder { public Block16 Block; public long Stamp; }
        struct Header { public long A; public long B; }
        unsafe struct Scratch { public fixed byte Data[32]; public int Length; }

        sealed unsafe class C(IoRing ring, int fd)
        {
            private readonly Holder* _holder = (Holder*)NativeMemory.AllocZeroed((nuint)sizeof(Holder));
            private readonly Scratch* _scratch = (Scratch*)NativeMemory.AllocZeroed((nuint)sizeof(Scratch));

            public ValueTask<int> InlineSpan()
            {
                Block16 block = default;
                Span<byte> span = block;
                nint address = (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
                return ring.SubmitAsync(RingRequest.SendMsg(fd, {|ASYS1004:address|}, MessageFlags.None));
            }

            public ValueTask<int> InlineElement()
            {
                Holder holder = default;
                return ring.SubmitAsync(RingRequest.SendMsg(fd, {|ASYS1004:(nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref holder.Block[0])|}, MessageFlags.None));
            }

            public ValueTask<int> InlineElementNative() =>
                ring.SubmitAsync(RingRequest.SendMsg(fd, (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _holder->Block[0]), MessageFlags.None));

            public ValueTask<int> CreateSpanOverLocal()
            {
                Header header = default;
                Span<byte> bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref header, 1));
                nint address = (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetReference(bytes));
                return ring.SubmitAsync(RingRequest.SendMsg(fd, {|ASYS1004:address|}, MessageFlags.None));
            }

            public ValueTask<int> SpanOverReference()
            {
                Header header = default;
                Span<byte> bytes = MemoryMarshal.AsBytes(new Span<Header>(ref header));
                nint address = (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetReference(bytes));
                return ring.SubmitAsync(RingRequest.SendMsg(fd, {|ASYS1004:address|}, MessageFlags.None));
            }

            public ValueTask<int> SpanOverArrayElement(Header[] headers)
            {
                Span<byte> bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref headers[0], 1));
                nint address = (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetReference(bytes));
                return ring.SubmitAsync(RingRequest.SendMsg(fd, address, MessageFlags.None));
            }

            public ValueTask<int> AsRefOfReadonly()
            {
                Holder holder = default;
                ref readonly long stamp = ref holder.Stamp;
                return ring.SubmitAsync(RingRequest.SendMsg(fd, {|ASYS1004:(nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.CompilerServices.Unsafe.AsRef(in stamp))|}, MessageFlags.None));
            }

            public ValueTask<int> FixedSizeBuffer()
            {
                Scratch scratch = default;
                byte* data = scratch.Data;
                return ring.SubmitAsync(RingRequest.SendMsg(fd, {|ASYS1004:(nint)data|}, MessageFlags.None));
            }

            public ValueTask<int> FixedSizeBufferNative()
            {
                byte* data = _scratch->Data;
                return ring.SubmitAsync(RingRequest.SendMsg(fd, (nint)data, MessageFlags.None));
            }
        }
        """);

    // Round 60: a helper taking `ref T` that takes the reference's address for the operation it returns starts it over the
    // caller's storage; one that reads through the reference (an array held in a field) or waits for the operation does not.
    [Fact]
    public Task Stack_struct_given_by_reference_to_a_helper_that_starts_an_operation_over_its_address_is_reported() => VerifyAsync("""
        struct Header { public long A; public long B; }
        struct Lease { public byte[] Buffer; }

        static unsafe class Reads
        {
            public static ValueTask<int> StartSend<T>(IoRing ring, int fd, ref T header) where T : unmanaged =>
                ring.SubmitAsync(RingRequest.SendMsg(fd, (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref header), MessageFlags.None));

            public static int SendNow<T>(IoRing ring, int fd, ref T header) where T : unmanaged =>
                ring.SubmitAsync(RingRequest.SendMsg(fd, (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref header), MessageFlags.None)).AsTask().GetAwaiter().GetResult();

            public static ValueTask<int> SendLease(IoRing ring, int fd, ref Lease lease) =>
                ring.SendAsync(fd, lease.Buffer, MessageFlags.None);
        }

        sealed class C(IoRing ring, int fd)
        {
            public ValueTask<int> Started()
            {
                Header header = default;
                return Reads.StartSend(ring, fd, {|ASYS1004:ref header|});
            }

            public int Waited()
            {
                Header header = default;
                return Reads.SendNow(ring, fd, ref header);
            }

            public ValueTask<int> Leased(byte[] buffer)
            {
                Lease lease = new() { Buffer = buffer };
                return Reads.SendLease(ring, fd, ref lease);
            }
        }
        """);
}
