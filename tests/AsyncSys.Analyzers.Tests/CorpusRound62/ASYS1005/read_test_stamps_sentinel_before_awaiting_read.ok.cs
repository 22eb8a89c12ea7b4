// The same short-read test done right: the sentinel is written before the read starts, and the buffer is asserted on after the await, when the kernel no longer writes it.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus62.SentinelBeforeAwaitOk;

[AttributeUsage(AttributeTargets.Method)]
internal sealed class FactAttribute : Attribute { }

internal static class Assert
{
    public static void Equal(int expected, int actual)
    {
        if (expected != actual) throw new InvalidOperationException($"expected {expected}, got {actual}");
    }
}

public sealed class ShortReadTests(IoRing ring, int fiveByteFileFd)
{
    [Fact]
    public async Task Short_read_leaves_the_tail_alone()
    {
        byte[] buffer = new byte[16];
        Array.Fill(buffer, (byte)0xCC);
        ValueTask<int> read = ring.ReadAsync(fiveByteFileFd, buffer, 0, CancellationToken.None);
        int n = await read;
        Assert.Equal(5, n);
        Assert.Equal(0xCC, buffer[15]);
    }
}
