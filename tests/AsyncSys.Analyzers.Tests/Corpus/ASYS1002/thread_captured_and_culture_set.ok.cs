// The culture is passed to the formatting call; no thread object is kept.
using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Report
{
    public static async Task<string> RenderAsync(IoRing ring, int fd, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int n = await ring.ReadAsync(fd, buffer, 0, cancellationToken);
        return n.ToString(CultureInfo.InvariantCulture);
    }
}
