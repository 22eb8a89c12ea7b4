// The viewer's status line made right: the [ThreadStatic] builder is used only before the await, to make a string;
// the string (an ordinary immutable value) is what crosses the await.
using System;
using System.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.PerThread.StatusCaptionBeforeRead;

public sealed class FileViewer(IoRing ring)
{
    [ThreadStatic] private static StringBuilder? t_status;

    public async Task<string> LoadChunkAsync(int fd, Memory<byte> page, long offset)
    {
        StringBuilder status = t_status ??= new StringBuilder(128);
        string caption = status.Clear().Append("Read ").Append(offset).Append(": ").ToString();
        int n = await ring.ReadAsync(fd, page, offset).ConfigureAwait(false);
        return caption + n + " bytes";
    }
}
