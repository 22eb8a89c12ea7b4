// The same tar writer with the header in a pooled array, the write awaited before the array goes back.
using System;
using System.Buffers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.StackMemory.TarHeaderPooled;

public sealed class TarWriter(IoRing ring, int archiveFd)
{
    public async Task WriteHeaderAsync(string name, long size, long offset, CancellationToken ct)
    {
        byte[] header = ArrayPool<byte>.Shared.Rent(512);
        try
        {
            Array.Clear(header, 0, 512);
            Encoding.ASCII.GetBytes(name, 0, Math.Min(100, name.Length), header, 0);
            Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0'), 0, 11, header, 124);
            await ring.WriteAsync(archiveFd, header.AsMemory(0, 512), offset, ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(header);
        }
    }
}
