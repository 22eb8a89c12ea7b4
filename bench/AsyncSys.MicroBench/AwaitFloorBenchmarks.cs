using System.Collections.Generic;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using BenchmarkDotNet.Attributes;

namespace AsyncSys.MicroBench;

/// <summary>
/// What .NET's await machinery alone costs for the ring-context pattern (docs/performance.md, "The floor of a Nop on
/// the ring thread"): 64 async loops, each awaiting a pooled value-task source that one thread completes, in order, with
/// continuations run inline on that thread. No kernel, no operation table, no clock: the floor under
/// <see cref="NopBenchmarks"/> on the ring's context, beside the kernel's (bench/native/uring_nop_floor.c).
/// </summary>
[MemoryDiagnoser]
public class AwaitFloorBenchmarks
{
    private const int Loops = 64;
    private const int PerLoop = 1000;

    private readonly Queue<Source> _ready = new();
    private int _left;

    [Benchmark(OperationsPerInvoke = Loops * PerLoop, Description = "64 loops awaiting a source one thread completes")]
    public void SixtyFourLoops()
    {
        _left = Loops;
        for (int i = 0; i < Loops; i++)
        {
            _ = LoopAsync(new Source());
        }

        while (_ready.TryDequeue(out Source? source))
        {
            source.Core.SetResult(1); // runs the loop's continuation here, which queues its next await
        }
    }

    private async Task LoopAsync(Source source)
    {
        int sum = 0;
        for (int i = 0; i < PerLoop; i++)
        {
            _ready.Enqueue(source);
            sum += await new ValueTask<int>(source, source.Core.Version);
        }

        _left -= sum == PerLoop ? 1 : throw new System.InvalidOperationException("a loop lost an answer");
    }

    private sealed class Source : IValueTaskSource<int>
    {
        public ManualResetValueTaskSourceCore<int> Core; // continuations run inline, where SetResult is called

        public int GetResult(short token)
        {
            int result = Core.GetResult(token);
            Core.Reset();
            return result;
        }

        public ValueTaskSourceStatus GetStatus(short token) => Core.GetStatus(token);

        public void OnCompleted(System.Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            Core.OnCompleted(continuation, state, token, flags);
    }
}
