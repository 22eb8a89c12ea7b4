// A scan CLI tool reads the first block of each file (Parallel.ForEachAsync) into memory rented with a `using`
// declaration, and gives up on a file whose read does not finish within the configured timeout (slow NFS mounts) by
// throwing. The throw leaves the scope: the owner is disposed and its memory rented again while the read is still
// posted, so a later file's block is overwritten by the late read.
using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round21.InFlight.ScanTimeoutDisposesOwner;

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
        /*~ASYS1005*/using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(options.BlockSize);
        Task<int> read = ring.ReadAsync(handle, owner.Memory, 0, ct).AsTask();
        if (await Task.WhenAny(read, Task.Delay(options.ReadTimeout, ct)) != read)
        {
            throw new TimeoutException($"reading {path} took longer than {options.ReadTimeout}");
        }

        int n = await read;
        return n > 0 ? owner.Memory.Span[0] : (byte)0;
    }
}
