// The per-thread StringBuilder is used and released inside a synchronous local function, before the await.
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
        string text = Format();
        await ring.WriteAsync(fd, Encoding.ASCII.GetBytes(text), cancellationToken);
        return text + " done";

        string Format()
        {
            StringBuilder line = t_builder ??= new StringBuilder(256);
            return line.Clear().Append(method).Append(' ').Append(path).ToString();
        }
    }
}
