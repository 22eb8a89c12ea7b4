// The same overlapping copy, written right: two arrays, one being written while the next chunk is read into the
// other, swapped with a tuple after the write is awaited. The read never targets the array the write sends.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round21.InFlight.CopyOverlapTwoBuffers;

public sealed class CopyCommand(IoRing ring, IProgress<long> progress)
{
    public async Task CopyAsync(string source, string destination, int bufferSize, CancellationToken ct)
    {
        using SafeFileHandle input = File.OpenHandle(source, options: FileOptions.SequentialScan);
        using SafeFileHandle output = File.OpenHandle(destination, FileMode.Create, FileAccess.Write);
        byte[] current = new byte[bufferSize];
        byte[] next = new byte[bufferSize];
        long offset = 0;
        int n = await ring.ReadAsync(input, current, offset, ct).ConfigureAwait(false);
        while (n > 0)
        {
            ValueTask write = ring.WriteAsync(output, current.AsMemory(0, n), offset, ct);
            offset += n;
            progress.Report(offset);
            int following = await ring.ReadAsync(input, next, offset, ct).ConfigureAwait(false);
            await write.ConfigureAwait(false);
            (current, next) = (next, current);
            n = following;
        }
    }
}
