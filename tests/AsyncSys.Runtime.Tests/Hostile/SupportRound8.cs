using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>The raw calls round 8 adds: the durability calls as a user makes them without a ring, for comparison.</summary>
internal static unsafe partial class Sys
{
    public const int FALLOC_FL_KEEP_SIZE = 1, FALLOC_FL_PUNCH_HOLE = 2;
    public const int SYNC_FILE_RANGE_WAIT_BEFORE = 1, SYNC_FILE_RANGE_WRITE = 2, SYNC_FILE_RANGE_WAIT_AFTER = 4;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fdatasync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sync_file_range(int fd, long offset, long length, uint flags);

    /// <summary>0, or the errno the plain call set.</summary>
    public static int ErrnoOf(int result) => result == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>The O_DIRECT pattern byte at <paramref name="i"/>: never <see cref="Round8.Sentinel"/>, so a sentinel found in a file or buffer always came from the test.</summary>
    public static byte DirectPattern(long i, int seed)
    {
        byte b = (byte)((i * 13) + (i >> 12) + seed);
        return b == Round8.Sentinel ? (byte)0x11 : b;
    }

    public static byte[] DirectPatternBytes(int length, int seed)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = DirectPattern(i, seed);
        }

        return bytes;
    }
}

internal static class Round8
{
    /// <summary>Written into a buffer the moment the ring lets go of it: a kernel that still wrote into it, or read from it, shows.</summary>
    public const byte Sentinel = 0xEE;

    /// <summary>The address of a rented buffer.</summary>
    public static unsafe nint AddressOf(IMemoryOwner<byte> owner)
    {
        using MemoryHandle pin = owner.Memory.Pin();
        return (nint)pin.Pointer;
    }

    /// <summary>Ids distinct, states and backends defined values: what every snapshot of the in-flight listing must be.</summary>
    public static string? Inconsistency(IReadOnlyList<InFlightOperation> snapshot)
    {
        var ids = new HashSet<long>();
        foreach (InFlightOperation op in snapshot)
        {
            if (!ids.Add(op.Id))
            {
                return $"id 0x{op.Id:x} listed twice in one snapshot";
            }

            if (!Enum.IsDefined(op.State) || !Enum.IsDefined(op.Backend) || !Enum.IsDefined(op.Operation))
            {
                return $"undefined state, backend or operation: {op}";
            }

            if (op.Operation == RingOp.Auto)
            {
                // The docs: the operation, or None for a blocking call. Auto is no operation: a slot not filled yet.
                return $"a slot listed before its operation was filled in: {op}";
            }

            // Age only: Started is the snapshot's wall time less the age, so a Started after the wall clock read here is
            // either a negative age or the wall clock set back meanwhile (NTP), which is no fault of the listing.
            if (op.Age < TimeSpan.Zero)
            {
                return $"negative age: {op}";
            }
        }

        return null;
    }
}

/// <summary>
/// Native memory aligned for O_DIRECT that counts its pins and unpins and runs a check at each unpin (the moment the
/// ring says the kernel is done with it), like <see cref="CountingBuffer"/> for direct I/O. Freed only on dispose, after
/// the test, so a late kernel access lands in memory the test still owns and can see.
/// </summary>
internal sealed unsafe class AlignedCountingBuffer : MemoryManager<byte>
{
    private readonly byte* _memory;
    private readonly int _length;
    private int _pins, _unpins;

    public AlignedCountingBuffer(int length, int alignment = 4096)
    {
        _length = length;
        _memory = (byte*)NativeMemory.AlignedAlloc((nuint)length, (nuint)alignment);
        new Span<byte>(_memory, length).Clear();
    }

    /// <summary>Runs at every unpin, before the count moves.</summary>
    public Action<AlignedCountingBuffer>? OnUnpin { get; set; }

    public int Pins => Volatile.Read(ref _pins);

    public int Unpins => Volatile.Read(ref _unpins);

    public override Span<byte> GetSpan() => new(_memory, _length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        Interlocked.Increment(ref _pins);
        return new MemoryHandle(_memory + elementIndex, default, this);
    }

    public override void Unpin()
    {
        OnUnpin?.Invoke(this);
        Interlocked.Increment(ref _unpins);
    }

    protected override void Dispose(bool disposing) => NativeMemory.AlignedFree(_memory);
}
