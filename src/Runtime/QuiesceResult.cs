using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace AsyncSys;

/// <summary>
/// The outcome of <see cref="IoRing.QuiesceAsync"/>. While it is not disposed the ring admits no operation:
/// take the checkpoint, then dispose it to reopen admission.
/// </summary>
public sealed class QuiesceResult : IDisposable, IAsyncDisposable
{
    private readonly IoRing _ring;
    private int _reopened;

    internal QuiesceResult(IoRing ring, bool drained, TimeSpan elapsed, IReadOnlyList<InFlightOperation> stillInFlight)
    {
        _ring = ring;
        Drained = drained;
        Elapsed = elapsed;
        StillInFlight = stillInFlight;
    }

    /// <summary>True if nothing was in flight when the quiesce returned: the ring is idle until this result is disposed.</summary>
    public bool Drained { get; }

    /// <summary>How long the quiesce waited.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>What was still in flight when the timeout passed (empty when <see cref="Drained"/>): the stuck operations.</summary>
    public IReadOnlyList<InFlightOperation> StillInFlight { get; }

    /// <summary>Reopens admission. Callers that waited meanwhile are admitted in order.</summary>
    public void Dispose()
    {
        if (System.Threading.Interlocked.Exchange(ref _reopened, 1) == 0)
        {
            _ring.Reopen();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Thrown by a submission while the ring is quiesced, when <see cref="IoRingOptions.WhileQuiesced"/> is <see cref="QuiescedSubmissions.FailFast"/>.</summary>
public sealed class IoRingQuiescedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public IoRingQuiescedException()
        : base("The ring is quiesced for a checkpoint and admits no operation until the QuiesceResult is disposed.")
    {
    }
}

/// <summary>What a submitter sees while the ring is quiesced.</summary>
public enum QuiescedSubmissions
{
    /// <summary>The submission waits (asynchronously) until the ring reopens, then runs. The default.</summary>
    Wait = 0,

    /// <summary>The submission throws <see cref="IoRingQuiescedException"/> at once.</summary>
    FailFast = 1,
}
