// A per-thread cached StringBuilder holds the header while the body is written, and is appended to after the await.
using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class AccessLog
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static async Task<string> WriteEntryAsync(IoRing ring, int fd, string method, string path, CancellationToken cancellationToken)
    {
        StringBuilder line = t_builder ??= new StringBuilder(256);
        line.Clear().Append(method).Append(' ').Append(path);
        await ring.WriteAsync(fd, Encoding.ASCII.GetBytes(line.ToString()), cancellationToken);
        /*~ASYS1002*/line.Append(" done");
        return line.ToString();
    }
}
