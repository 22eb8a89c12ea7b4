// A crawler parses robots.txt files into rules with a per-thread scratch buffer (ThreadLocal<byte[]>) to avoid an
// allocation per host. The buffer is taken once, before the ring read; after the await the parse runs on another thread
// while the first thread's next crawl job takes "its" same scratch array and reads another host's robots.txt into it:
// one host gets the other's Disallow rules.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.PerThread.RobotsScratch;

public sealed class RobotsFetcher(IoRing ring)
{
    private static readonly ThreadLocal<byte[]> s_scratch = new(() => new byte[64 * 1024]);

    public async Task<List<string>> ReadDisallowsAsync(int fileFd)
    {
        byte[] scratch = s_scratch.Value!;
        int length = await ring.ReadAsync(fileFd, scratch, 0);
        return RobotsParser.Disallows(/*~ASYS1002*/scratch, length);
    }
}

internal static class RobotsParser
{
    public static List<string> Disallows(byte[] text, int length)
    {
        var rules = new List<string>();
        int start = 0;
        for (int i = 0; i < length; i++)
        {
            if (text[i] == (byte)'\n')
            {
                string line = System.Text.Encoding.ASCII.GetString(text, start, i - start);
                if (line.StartsWith("Disallow:", System.StringComparison.OrdinalIgnoreCase))
                {
                    rules.Add(line.Substring(9).Trim());
                }

                start = i + 1;
            }
        }

        return rules;
    }
}
