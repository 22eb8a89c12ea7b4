using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.PerThread.BuilderCache;

internal static class LineCache
{
    [ThreadStatic]
    private static StringBuilder? t_cached;

    public static StringBuilder Acquire()
    {
        StringBuilder? sb = t_cached;
        t_cached = null;
        return sb?.Clear() ?? new StringBuilder(256);
    }

    public static string Release(StringBuilder sb)
    {
        string text = sb.ToString();
        t_cached = sb;
        return text;
    }
}

internal static class CsvExport
{
    public static async Task<long> WriteAsync(IoRing ring, int fd, IEnumerable<(string Key, long Value)> rows)
    {
        long offset = 0;
        foreach (var (key, value) in rows)
        {
            StringBuilder sb = LineCache.Acquire();          // taken and given back on this thread, before the await
            sb.Append(key).Append(',').Append(value).Append('\n');
            byte[] line = Encoding.UTF8.GetBytes(LineCache.Release(sb));
            await ring.WriteAsync(fd, line, offset);
            offset += line.Length;
        }

        return offset;
    }
}
