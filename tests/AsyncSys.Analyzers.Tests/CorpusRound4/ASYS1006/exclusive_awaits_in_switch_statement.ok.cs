using System.IO;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Observed.SwitchStatement;

public enum ReadMode
{
    Lenient,
    Strict,
}

internal static class Blocks
{
    public static async Task<int> ReadAsync(IoRing ring, int fd, byte[] buffer, long offset, ReadMode mode)
    {
        ValueTask<int> read = ring.ReadAsync(fd, buffer, offset);
        switch (mode)
        {
            case ReadMode.Strict:
                int n = await read;
                if (n != buffer.Length)
                {
                    throw new EndOfStreamException();
                }

                return n;
            default:
                return await read;
        }
    }
}
