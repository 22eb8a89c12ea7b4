using System;
using System.Buffers.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Stack.Formatted;

internal static class Counters
{
    public static ValueTask<int> AppendValue(IoRing ring, int fd, long value, long offset)
    {
        Span<byte> digits = stackalloc byte[24];
        Utf8Formatter.TryFormat(value, digits, out int written);
        digits[written++] = (byte)'\n';
        byte[] line = digits[..written].ToArray();   // the operation gets a heap copy
        return ring.WriteAtMostAsync(fd, line, offset);
    }
}
