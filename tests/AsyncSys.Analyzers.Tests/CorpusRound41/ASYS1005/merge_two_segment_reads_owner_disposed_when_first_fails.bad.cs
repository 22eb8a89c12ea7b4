// A two-way segment merge reads the heads of both segments with pread into halves of one pooled block owned by an IAsyncDisposable owner; if the first read fails, its await throws out of the await using, whose DisposeAsync gives the block back while the second read still fills it.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Search.Merge;

public static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

// Owns one pooled array for a merge step; gives it back when disposed asynchronously.
public sealed class MergeBlockOwner : IAsyncDisposable
{
    private byte[]? _array;
    private readonly int _length;

    public MergeBlockOwner(int length)
    {
        _array = ArrayPool<byte>.Shared.Rent(length);
        _length = length;
    }

    public Memory<byte> Memory => _array.AsMemory(0, _length);

    public ValueTask DisposeAsync()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class TwoWayMerge
{
    public async Task<(int Left, int Right)> ReadHeadsAsync(int left, int right, long leftOffset, long rightOffset, int half, CancellationToken ct)
    {
        /*~ASYS1005*/await using var owner = new MergeBlockOwner(2 * half);
        ValueTask<nint> first = Libc.PReadAsync(left, owner.Memory[..half], leftOffset, ct);
        ValueTask<nint> second = Libc.PReadAsync(right, owner.Memory[half..], rightOffset, ct);
        nint a = await first;
        nint b = await second;
        return (Decode(owner.Memory.Span[..(int)a]), Decode(owner.Memory.Span.Slice(half, (int)b)));
    }

    private static int Decode(ReadOnlySpan<byte> head) => head.Length >= 4 ? BitConverter.ToInt32(head) : -1;
}
