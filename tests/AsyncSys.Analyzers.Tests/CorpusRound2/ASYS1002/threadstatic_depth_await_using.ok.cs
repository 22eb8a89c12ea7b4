// The nesting depth is an AsyncLocal, which flows with the async call across the `await using`.
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Round2;

internal static class Nesting
{
    private static readonly AsyncLocal<int> s_depth = new();

    public static async Task<long> MeasureAsync(string path)
    {
        s_depth.Value++;
        long length;
        await using (FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true))
        {
            length = stream.Length;
        }

        s_depth.Value--;
        return length;
    }
}
