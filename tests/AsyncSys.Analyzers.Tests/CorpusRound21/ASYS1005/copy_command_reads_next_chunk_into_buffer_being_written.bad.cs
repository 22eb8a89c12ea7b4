// A copy CLI tool overlaps reading and writing to go faster: it starts the write of the chunk it has, reports
// progress, then reads the next chunk into the same array before awaiting the write. The read fills the array the
// write is still sending to disk, so the copy gets pieces of the next chunk in place of this one.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round21.InFlight.CopyOverlapSameBuffer;

public sealed class CopyCommand(IoRing ring, IProgress<long> progress)
{
    public async Task CopyAsync(string source, string destination, int bufferSize, CancellationToken ct)
    {
        using SafeFileHandle input = File.OpenHandle(source, options: FileOptions.SequentialScan);
        using SafeFileHandle output = File.OpenHandle(destination, FileMode.Create, FileAccess.Write);
        byte[] buffer = new byte[bufferSize];
        long offset = 0;
        int n = await ring.ReadAsync(input, buffer, offset, ct).ConfigureAwait(false);
        while (n > 0)
        {
            ValueTask write = ring.WriteAsync(output, buffer.AsMemory(0, n), offset, ct);
            offset += n;
            progress.Report(offset);
            /*~ASYS1005*/n = await ring.ReadAsync(input, buffer, offset, ct).ConfigureAwait(false);
            await write.ConfigureAwait(false);
        }
    }
}
