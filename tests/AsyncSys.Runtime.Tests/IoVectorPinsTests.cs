using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// IoVectorPins: the iovec array generated fallbacks hand to a readv/writev wrapper. Checked through the real
/// kernel (writev and readv on a pipe read the addresses and lengths exactly as a wrapper's call would).
/// </summary>
public sealed unsafe partial class IoVectorPinsTests
{
    [LibraryImport("libc", EntryPoint = "writev", SetLastError = true)]
    private static partial nint Writev(int fd, nint* iov, int count);

    [LibraryImport("libc", EntryPoint = "readv", SetLastError = true)]
    private static partial nint Readv(int fd, nint* iov, int count);

    [Fact]
    public void Writev_through_the_vectors_sends_every_buffer_in_order()
    {
        using var pipe = new Pipe();
        byte[] first = "abc"u8.ToArray();
        byte[] second = "defgh"u8.ToArray();
        var buffers = new List<ReadOnlyMemory<byte>> { first, second.AsMemory(1, 3) };

        nint written;
        using (IoVectorPins pins = IoVectorPins.Pin(buffers))
        {
            Assert.Equal(2, pins.Count);
            Assert.Equal(4, pins.Vectors.Length);
            Assert.Equal(3, pins.Vectors[1]);
            Assert.Equal(3, pins.Vectors[3]);
            fixed (nint* iov = pins.Vectors)
            {
                written = Writev(pipe.WriteFd, iov, pins.Count);
            }
        }

        Assert.Equal(6, written);
        Assert.Equal("abcefg"u8.ToArray(), pipe.Read(64));
    }

    [Fact]
    public void Readv_through_the_vectors_fills_each_buffer_at_its_own_offset()
    {
        using var pipe = new Pipe();
        pipe.Write("0123456789"u8.ToArray());
        byte[] head = new byte[4];
        byte[] backing = new byte[10];
        var buffers = new List<Memory<byte>> { head, backing.AsMemory(2, 6) };

        nint read;
        using (IoVectorPins pins = IoVectorPins.Pin(buffers))
        {
            fixed (nint* iov = pins.Vectors)
            {
                read = Readv(pipe.ReadFd, iov, pins.Count);
            }
        }

        Assert.Equal(10, read);
        Assert.Equal("0123"u8.ToArray(), head);
        Assert.Equal("\0\0456789\0\0"u8.ToArray(), backing);
    }

    [Fact]
    public void Native_memory_keeps_its_own_address()
    {
        using var native = new NativeBlock(16);
        using IoVectorPins pins = IoVectorPins.Pin(new[] { native.Memory });

        Assert.Equal(native.Address, pins.Vectors[0]);
        Assert.Equal(16, pins.Vectors[1]);
    }

    [Fact]
    public void A_null_or_empty_list_is_no_vectors_so_the_wrapper_gets_its_own_answer_for_zero()
    {
        using IoVectorPins none = IoVectorPins.Pin((IReadOnlyList<Memory<byte>>?)null);
        using IoVectorPins empty = IoVectorPins.Pin(Array.Empty<ReadOnlyMemory<byte>>());

        Assert.Equal(0, none.Count);
        Assert.Empty(none.Vectors);
        Assert.Equal(0, empty.Count);
        Assert.Empty(empty.Vectors);
    }

    [Fact]
    public void Dispose_unpins_every_buffer_once()
    {
        var first = new CountingMemory(8);
        var second = new CountingMemory(8);
        IoVectorPins pins = IoVectorPins.Pin(new[] { first.Memory, second.Memory });
        Assert.Equal((1, 0), (first.Pins, first.Unpins));
        Assert.Equal((1, 0), (second.Pins, second.Unpins));

        pins.Dispose();
        pins.Dispose();

        Assert.Equal((1, 1), (first.Pins, first.Unpins));
        Assert.Equal((1, 1), (second.Pins, second.Unpins));
    }

    [Fact]
    public void A_buffer_that_cannot_be_pinned_lets_go_of_the_ones_before_it_and_throws()
    {
        var first = new CountingMemory(8);
        var refusing = new CountingMemory(8, refusePin: true);
        var never = new CountingMemory(8);

        var error = Assert.Throws<InvalidOperationException>(() => IoVectorPins.Pin(new[] { first.Memory, refusing.Memory, never.Memory }));

        Assert.Equal("cannot pin", error.Message);
        Assert.Equal((1, 1), (first.Pins, first.Unpins));
        Assert.Equal(0, never.Pins);
    }

    /// <summary>Memory from NativeMemory: pinning it must not move or copy it.</summary>
    private sealed class NativeBlock : MemoryManager<byte>
    {
        private readonly int _length;

        public NativeBlock(int length)
        {
            _length = length;
            Address = (nint)NativeMemory.AllocZeroed((nuint)length);
        }

        public nint Address { get; }

        public override Span<byte> GetSpan() => new((void*)Address, _length);

        public override MemoryHandle Pin(int elementIndex = 0) => new((byte*)Address + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing) => NativeMemory.Free((void*)Address);
    }
}
