using System;
using System.Threading.Tasks;

namespace AsyncSys.Bench.Measurement;

/// <summary>
/// What one loop does per operation. Exactly one of the three shapes is set: the shapes exist only because
/// RandomAccess.WriteAsync returns a non-generic ValueTask, and adapting it would add work to the baseline alone.
/// </summary>
internal sealed class IoStep
{
    private IoStep(
        Func<Memory<byte>, long, ValueTask<int>>? counted,
        Func<Memory<byte>, long, ValueTask>? uncounted,
        Func<Memory<byte>, long, int>? blocking,
        bool checkLength)
    {
        Counted = counted;
        Uncounted = uncounted;
        Blocking = blocking;
        CheckLength = checkLength;
    }

    /// <summary>An async call that returns the bytes transferred.</summary>
    internal Func<Memory<byte>, long, ValueTask<int>>? Counted { get; }

    /// <summary>An async call with no result (RandomAccess.WriteAsync, NopAsync).</summary>
    internal Func<Memory<byte>, long, ValueTask>? Uncounted { get; }

    /// <summary>A synchronous call, run on dedicated threads.</summary>
    internal Func<Memory<byte>, long, int>? Blocking { get; }

    /// <summary>
    /// Where each loop runs: null for the thread pool (awaits with ConfigureAwait(false)); else a launcher such as
    /// IoRing.RunOnRingAsync, and the loops' awaits keep the context they start on.
    /// </summary>
    internal Func<Func<Task>, Task>? RunLoopsOn { get; init; }

    /// <summary>Whether a result other than the block size is an error (short read: the measurement would lie).</summary>
    internal bool CheckLength { get; }

    internal static IoStep Async(Func<Memory<byte>, long, ValueTask<int>> call) => new(call, null, null, checkLength: true);

    internal static IoStep AsyncVoid(Func<Memory<byte>, long, ValueTask> call) => new(null, call, null, checkLength: false);

    internal IoStep OnLoops(Func<Func<Task>, Task> launcher) => new(Counted, Uncounted, Blocking, CheckLength) { RunLoopsOn = launcher };

    internal static IoStep Sync(Func<Memory<byte>, long, int> call) => new(null, null, call, checkLength: true);
}
