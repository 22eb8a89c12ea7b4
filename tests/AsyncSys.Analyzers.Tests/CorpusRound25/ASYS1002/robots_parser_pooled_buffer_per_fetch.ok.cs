// The same robots.txt fetcher, with a buffer rented per fetch from the shared ArrayPool and returned after the parse:
// the buffer belongs to this fetch, whichever thread the method resumes on.
using System.Buffers;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.PerThread.RobotsPooled;

public sealed class RobotsFetcher(IoRing ring)
{
    public async Task<List<string>> ReadDisallowsAsync(int fileFd)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int length = await ring.ReadAsync(fileFd, buffer, 0);
            return RobotsParser.Disallows(buffer, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

internal static class RobotsParser
{
    public static List<string> Disallows(byte[] text, int length)
    {
        var rules = new List<string>();
        foreach (string line in System.Text.Encoding.ASCII.GetString(text, 0, length).Split('\n'))
        {
            if (line.StartsWith("Disallow:", System.StringComparison.OrdinalIgnoreCase))
            {
                rules.Add(line.Substring(9).Trim());
            }
        }

        return rules;
    }
}
