// The same scan CLI tool, written right: on timeout it cancels the read and awaits it (ignoring the cancellation)
// before throwing, so the owner is disposed only after the read has ended.
using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round21.InFlight.ScanTimeoutCancelsFirst;

public sealed record ScanOptions(int BlockSize, TimeSpan ReadTimeout, int Parallelism);

public sealed class ScanCommand(IoRing ring, ScanOptions options)
{
    public async Task<IReadOnlyDictionary<string, byte>> RunAsync(IEnumerable<string> files, CancellationToken ct)
    {
        var firstBytes = new ConcurrentDictionary<string, byte>();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct }, async (path, token) =>
        {
            try
            {
                firstBytes[path] = await ReadFirstByteAsync(path, token);
            }
            catch (TimeoutException)
            {
                firstBytes[path] = 0;
            }
        });
        return firstBytes;
    }

    private async Task<byte> ReadFirstByteAsync(string path, CancellationToken ct)
    {
        using SafeFileHandle handle = File.OpenHandle(path);
        using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(options.BlockSize);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<int> read = ring.ReadAsync(handle, owner.Memory, 0, cancel.Token).AsTask();
        if (await Task.WhenAny(read, Task.Delay(options.ReadTimeout, ct)) != read)
        {
            cancel.Cancel();
            try
            {
                await read;
            }
            catch (OperationCanceledException)
            {
            }

            throw new TimeoutException($"reading {path} took longer than {options.ReadTimeout}");
        }

        int n = await read;
        return n > 0 ? owner.Memory.Span[0] : (byte)0;
    }
}
