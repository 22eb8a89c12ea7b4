// A stress test runs sixteen reader loops with Task.WhenAll; to avoid allocating per read, the loops share a [ThreadStatic] block, "one per thread, so no two loops collide". Each loop reads a record into the block, awaits, and then checks the block: after the await the loop may run on another pool thread, whose [ThreadStatic] block is a different array (or one another loop's read is filling), not the one its read filled.
using System;
using System.Buffers.Binary;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus62.WhenAllThreadStaticBad;

[AttributeUsage(AttributeTargets.Method)]
internal sealed class FactAttribute : Attribute { }

internal static class Assert
{
    public static void Equal(long expected, long actual)
    {
        if (expected != actual) throw new InvalidOperationException($"expected {expected}, got {actual}");
    }
}

public sealed class RecordStressTests(IoRing ring, int recordFileFd)
{
    private const int RecordSize = 512;

    [ThreadStatic]
    private static byte[]? t_record;

    private async Task ReaderLoopAsync(int loop, int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            long index = (long)loop * rounds + i;
            t_record ??= new byte[RecordSize];
            await ring.ReadAsync(recordFileFd, t_record, index * RecordSize, CancellationToken.None);
            Assert.Equal(index, BinaryPrimitives.ReadInt64LittleEndian(/*~ASYS1002*/t_record));
        }
    }

    [Fact]
    public Task Sixteen_readers_see_their_records() =>
        Task.WhenAll(Enumerable.Range(0, 16).Select(loop => ReaderLoopAsync(loop, 1000)));
}
