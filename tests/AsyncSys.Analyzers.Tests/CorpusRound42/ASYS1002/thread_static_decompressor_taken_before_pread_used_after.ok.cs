// A per-thread chunk decompressor ([ThreadStatic]) is taken after the awaited pread of the compressed chunk, on the thread that uses it.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

/// <summary>A stateful block decompressor: one per thread, never shared.</summary>
public sealed class BlockInflater
{
    private readonly byte[] _window = new byte[32 * 1024];

    public int Inflate(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int n = Math.Min(source.Length, destination.Length);
        source[..n].CopyTo(_window);
        _window.AsSpan(0, n).CopyTo(destination);
        return n;
    }
}

public sealed class CompressedChunkReader(int fd)
{
    [ThreadStatic] private static BlockInflater? t_inflater;

    public async Task<int> ReadChunkAsync(long offset, int compressedLength, Memory<byte> destination, CancellationToken ct)
    {
        byte[] compressed = ArrayPool<byte>.Shared.Rent(compressedLength);
        try
        {
            nint n = await Native.PReadAsync(fd, compressed.AsMemory(0, compressedLength), offset, ct);
            BlockInflater inflater = t_inflater ??= new BlockInflater();
            return inflater.Inflate(compressed.AsSpan(0, (int)n), destination.Span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }
    }
}
