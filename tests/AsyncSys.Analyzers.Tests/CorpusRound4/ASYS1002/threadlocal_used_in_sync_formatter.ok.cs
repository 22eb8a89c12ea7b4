using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.PerThread.SyncFormatter;

internal static class KeyValueLog
{
    private static readonly ThreadLocal<StringBuilder> s_line = new(() => new StringBuilder(256));

    // Takes and gives back the builder without awaiting: always the current thread's.
    private static byte[] Encode(string key, long value)
    {
        StringBuilder line = s_line.Value!;
        line.Clear();
        line.Append(key).Append('=').Append(value).Append('\n');
        return Encoding.UTF8.GetBytes(line.ToString());
    }

    public static async Task WriteRowsAsync(IoRing ring, int fd, IReadOnlyList<(string Key, long Value)> rows)
    {
        long offset = 0;
        foreach (var (key, value) in rows)
        {
            byte[] bytes = Encode(key, value);
            await ring.WriteAsync(fd, bytes, offset);
            offset += bytes.Length;
        }
    }
}
