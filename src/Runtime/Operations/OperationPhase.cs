namespace AsyncSys.Operations;

/// <summary>Where an operation is in its life. Stored as an int so it can be read without a lock.</summary>
internal enum OperationPhase
{
    /// <summary>In the table's free list.</summary>
    Free = 0,

    /// <summary>Admitted (it has an id) and waiting to be put on the ring or picked up by a worker.</summary>
    Queued = 1,

    /// <summary>Its entry is on the kernel ring; the kernel owns its buffers.</summary>
    OnRing = 2,

    /// <summary>A blocking-call worker is running it.</summary>
    OnWorker = 3,

    /// <summary>Its completion arrived; the awaiter has not taken the result yet.</summary>
    Completed = 4,
}
