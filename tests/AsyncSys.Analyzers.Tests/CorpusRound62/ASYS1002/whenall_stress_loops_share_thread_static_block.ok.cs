// The same stress loops taking the [ThreadStatic] block into a local before each read: the local names the array the read filled wherever the loop resumes, so the check reads that array.
using System;
using System.Buffers.Binary;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus62.WhenAllThreadStaticOk;

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
            byte[] record = t_record ??= new byte[RecordSize];
            t_record = null;
            await ring.ReadAsync(recordFileFd, record, index * RecordSize, CancellationToken.None);
            Assert.Equal(index, BinaryPrimitives.ReadInt64LittleEndian(record));
        }
    }

    [Fact]
    public Task Sixteen_readers_see_their_records() =>
        Task.WhenAll(Enumerable.Range(0, 16).Select(loop => ReaderLoopAsync(loop, 1000)));
}
