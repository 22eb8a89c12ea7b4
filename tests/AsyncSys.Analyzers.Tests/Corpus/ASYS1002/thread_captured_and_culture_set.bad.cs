// Thread.CurrentThread captured before the await; after it, the culture of that (other) thread is changed.
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
        Thread current = Thread.CurrentThread;
        int n = await ring.ReadAsync(fd, buffer, 0, cancellationToken);
        /*~ASYS1002*/current.CurrentCulture = CultureInfo.InvariantCulture;
        return n.ToString(CultureInfo.CurrentCulture);
    }
}
