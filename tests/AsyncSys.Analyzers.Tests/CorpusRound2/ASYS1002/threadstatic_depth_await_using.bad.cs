// A [ThreadStatic] nesting depth is raised before an `await using` and lowered after its hidden DisposeAsync await.
using System;
using System.IO;
using System.Threading.Tasks;

namespace Round2;

internal static class Nesting
{
    [ThreadStatic]
    private static int t_depth;

    public static async Task<long> MeasureAsync(string path)
    {
        t_depth++;
        long length;
        await using (FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true))
        {
            length = stream.Length;
        }

        /*~ASYS1002*/t_depth--;
        return length;
    }
}
