// A file viewer formats its status line with a [ThreadStatic] StringBuilder. It takes the builder, starts the caption,
// awaits the read with ConfigureAwait(false) and appends the byte count afterwards: the continuation runs on a pool
// thread, which may be formatting its own status line in that same builder (one per thread, not per call).
using System;
using System.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.PerThread.StatusBuilderAcrossRead;

public sealed class FileViewer(IoRing ring)
{
    [ThreadStatic] private static StringBuilder? t_status;

    public async Task<string> LoadChunkAsync(int fd, Memory<byte> page, long offset)
    {
        StringBuilder status = t_status ??= new StringBuilder(128);
        status.Clear().Append("Read ").Append(offset).Append(": ");
        int n = await ring.ReadAsync(fd, page, offset).ConfigureAwait(false);
        /*~ASYS1002*/status.Append(n).Append(" bytes");
        return status.ToString();
    }
}
