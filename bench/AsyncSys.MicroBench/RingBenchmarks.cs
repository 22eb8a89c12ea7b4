using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace AsyncSys.MicroBench;

/// <summary>
/// Awaited IoRing.NopAsync, and the cost of passing a live (uncancelled) token instead of CancellationToken.None.
/// Each invocation awaits <see cref="Batch"/> ops in a row, so BenchmarkDotNet's own wait per invocation and the
/// async method's one allocation are spread over the batch (under 0.2 B/op shown by the MemoryDiagnoser).
/// </summary>
[MemoryDiagnoser]
public class NopBenchmarks
{
    public const int Batch = 1000;

    private IoRing _ring = null!;
    private CancellationTokenSource _live = null!;

    /// <summary>Continuations on the completion thread (true) or the thread pool (false, the default).</summary>
    [Params(false, true)]
    public bool InlineContinuations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Auto: io_uring where the kernel allows it; the summary's column says nothing of that, the log line does.
        _ring = IoRing.Create(new IoRingOptions { InlineContinuations = InlineContinuations, Name = "micro" });
        System.Console.WriteLine($"// ring backend: {_ring.BackendDescription}");
        _live = new CancellationTokenSource();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ring.Dispose();
        _live.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "await NopAsync(CancellationToken.None)")]
    public async Task NopUncancellable()
    {
        for (int i = 0; i < Batch; i++)
        {
            await _ring.NopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>A token that can cancel but never does: the op registers a callback and unregisters it.</summary>
    [Benchmark(OperationsPerInvoke = Batch, Description = "await NopAsync(live token)")]
    public async Task NopCancellable()
    {
        CancellationToken token = _live.Token;
        for (int i = 0; i < Batch; i++)
        {
            await _ring.NopAsync(token).ConfigureAwait(false);
        }
    }
}

/// <summary>An offloaded call's round trip: RunBlockingAsync of a call that does nothing, on the ring's workers.</summary>
[MemoryDiagnoser]
public class OffloadBenchmarks
{
    public const int Batch = 200;

    private IoRing _ring = null!;

    [GlobalSetup]
    public void Setup() => _ring = IoRing.Create(new IoRingOptions { Name = "micro-offload" });

    [GlobalCleanup]
    public void Cleanup() => _ring.Dispose();

    [Benchmark(OperationsPerInvoke = Batch, Description = "await RunBlockingAsync(no-op call)")]
    public async Task<long> RunBlockingRoundTrip()
    {
        long sum = 0;
        for (int i = 0; i < Batch; i++)
        {
            BlockingResult<int> result = await _ring.RunBlockingAsync(i, static (ref int state) => state).ConfigureAwait(false);
            sum += result.Value;
        }

        return sum;
    }
}
