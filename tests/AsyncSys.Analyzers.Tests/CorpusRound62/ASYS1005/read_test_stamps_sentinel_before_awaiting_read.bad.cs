// An xUnit test checks that a short file read leaves the tail of the buffer alone. It starts the ring read, then fills the buffer with a 0xCC sentinel "so untouched bytes show", and only then awaits the read: the kernel may already be copying the file into the same bytes, so the sentinel overwrites data the read delivered (or the read lands under the sentinel), and the assertion tests a race, not the read.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus62.SentinelBeforeAwaitBad;

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
        ValueTask<int> read = ring.ReadAsync(fiveByteFileFd, buffer, 0, CancellationToken.None);
        /*~ASYS1005*/Array.Fill(buffer, (byte)0xCC);
        int n = await read;
        Assert.Equal(5, n);
        Assert.Equal(0xCC, buffer[15]);
    }
}
