using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Runtime.Tests.Reliability;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// Try first, then ring, under concurrency: a thread completing operation after operation on its own gives other
/// waiting loops a turn. Results, bytes and counts are those of the plain paths.
/// </summary>
public sealed class ImmediateAttemptTurnTests
{
    [Theory]
    [InlineData(IoBackend.IoUring)]
    [InlineData(IoBackend.LinuxAio)]
    public async Task Every_sixteenth_hit_in_a_row_resumes_after_waiting_work_with_its_own_bytes(IoBackend backend)
    {
        // Whether pool work waits is the pool's own business (measured in bench/: "loops" active); here it always
        // does, so the turn is taken at every 16th operation of a run and its contract checked each time.
        const int Loops = 8;
        const int ReadsPerLoop = 200;
        using var file = new TempFile(1024 * 1024);
        using SafeFileHandle handle = file.Open(FileAccess.Read);
        using var counts = new ImmediateAttemptTests.RingCounts("immediate-turns-" + backend);
        using IoRing ring = IoRing.Create(new IoRingOptions
        {
            Backend = backend,
            Capacity = 256,
            Name = counts.RingName,
            OtherWorkWaiting = () => true,
        });
        Assert.Equal(backend, ring.Backend);

        // One loop alone on a thread of its own: the 16th read of each run completes on the caller's thread but
        // resumes from the pool.
        var buffer = new byte[4096];
        var resumedFromPool = new bool[48];
        await Task.Factory.StartNew(
            async () =>
            {
                for (int i = 0; i < resumedFromPool.Length; i++)
                {
                    ValueTask<int> read = ring.ReadAsync(handle, buffer, i * 4096L);
                    resumedFromPool[i] = !read.IsCompleted;
                    Assert.Equal(4096, await read);
                    Assert.True(buffer.AsSpan().SequenceEqual(file.Content.AsSpan(i * 4096, 4096)), $"read {i}'s bytes");
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
        int[] turns = Enumerable.Range(0, resumedFromPool.Length).Where(i => resumedFromPool[i]).ToArray();
        Assert.All(turns, i => Assert.Equal(15, i % 16)); // never another one; and the others completed at once
        Assert.NotEmpty(turns);

        // Many loops at once: every read returns its bytes, each completes once, nothing stays counted.
        int wrong = 0;
        Task[] loops = Enumerable.Range(0, Loops).Select(loop => Task.Run(async () =>
        {
            var own = new byte[4096];
            var random = new Random(loop);
            for (int i = 0; i < ReadsPerLoop; i++)
            {
                long offset = random.Next(0, 256) * 4096L;
                if (await ring.ReadAsync(handle, own, offset) != 4096 || !own.AsSpan().SequenceEqual(file.Content.AsSpan((int)offset, 4096)))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })).ToArray();
        await ReliabilityAssert.Within(Task.WhenAll(loops), "8 loops of reads");

        Assert.Equal(0, wrong);
        Assert.Equal(resumedFromPool.Length + (Loops * ReadsPerLoop), counts["asyncsys.ops.completed"]);
        Assert.Equal(0, ring.InFlightCount);
    }
}
