using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.PerThread.LineBuilder;

internal static class KeyValueLog
{
    private static readonly ThreadLocal<StringBuilder> s_line = new(() => new StringBuilder(256));

    public static async Task WriteRowsAsync(IoRing ring, int fd, IReadOnlyList<(string Key, long Value)> rows)
    {
        StringBuilder line = s_line.Value!;
        long offset = 0;
        foreach (var (key, value) in rows)
        {
            /*~ASYS1002*/line.Clear();   // after the first write this is another thread's builder
            line.Append(key).Append('=').Append(value).Append('\n');
            byte[] bytes = Encoding.UTF8.GetBytes(line.ToString());
            await ring.WriteAsync(fd, bytes, offset);
            offset += bytes.Length;
        }
    }
}
