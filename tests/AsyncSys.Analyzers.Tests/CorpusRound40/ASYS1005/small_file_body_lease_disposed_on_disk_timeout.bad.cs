// A small static file is read whole into a pooled lease (await using; its DisposeAsync returns the array to the pool) with pread; when the disk stalls past a timeout the handler answers 503 and leaves, with the pread still filling the lease.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace StaticFiles;

internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);
}

internal sealed class PooledBody : IAsyncDisposable
{
    private byte[]? _array;
    private readonly int _length;

    public PooledBody(int length)
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

internal sealed class SmallFileResponder(IoRing ring, TimeSpan diskTimeout)
{
    public async Task<int> ServeAsync(int socket, int file, int length, CancellationToken ct)
    {
        /*~ASYS1005*/await using var body = new PooledBody(length);
        Task<nint> read = Libc.PReadAsync(file, body.Memory, 0, ct).AsTask();
        if (await Task.WhenAny(read, Task.Delay(diskTimeout, ct)) != read)
        {
            return 503;
        }

        nint n = await read;
        await ring.SendAsync(socket, body.Memory[..(int)n], MessageFlags.NoSignal, ct);
        return 200;
    }
}
