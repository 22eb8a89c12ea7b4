using System;

namespace AsyncSys;

/// <summary>Where an in-flight operation is.</summary>
public enum InFlightState
{
    /// <summary>Admitted, not yet on the ring or on a worker.</summary>
    Queued,
    /// <summary>On the kernel ring.</summary>
    OnRing,
    /// <summary>Running (or waiting to run) on a blocking-call worker.</summary>
    OnWorker,
    /// <summary>Cancellation was requested; waiting for the kernel's (or the worker's) completion.</summary>
    Cancelling,
}

/// <summary>A snapshot of one operation in flight on an <see cref="IoRing"/>.</summary>
/// <param name="Id">The operation's id (slot index and generation), as carried in the kernel's user_data.</param>
/// <param name="Operation">What it does.</param>
/// <param name="Fd">The descriptor it works on, or -1.</param>
/// <param name="Offset">The file offset, or -1.</param>
/// <param name="Length">Bytes requested, or 0.</param>
/// <param name="Started">When it was admitted (UTC), to within a few milliseconds (read from the coarse clock unless the <c>asyncsys.op.duration</c> metric is listened to).</param>
/// <param name="Age">How long it has been in flight when the snapshot was taken, to within a few milliseconds (never less).</param>
/// <param name="State">Where it is.</param>
/// <param name="Backend">The backend running it.</param>
/// <param name="Tag">The caller's tag (<see cref="RingRequest.WithTag"/>), or null.</param>
public sealed record InFlightOperation(
    long Id,
    RingOp Operation,
    int Fd,
    long Offset,
    long Length,
    DateTimeOffset Started,
    TimeSpan Age,
    InFlightState State,
    IoBackend Backend,
    object? Tag);
