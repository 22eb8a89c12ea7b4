using System;
using System.Buffers.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Counters;

public static class CounterFile
{
    public static ValueTask WriteNumberAsync(this IoRing ring, int fd, long value, long offset)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out int length);
        byte[] copy = digits.Slice(0, length).ToArray();   // the write gets heap memory
        return ring.WriteAsync(fd, copy, offset);
    }
}
