using System;

namespace AsyncSys.Operations;

/// <summary>Something a blocking-call worker runs.</summary>
internal interface IWorkerJob
{
    /// <summary>Runs the job on the calling worker thread.</summary>
    /// <param name="workerThreadId">The worker's Linux thread id, for cancel hooks that interrupt it.</param>
    void Execute(int workerThreadId);

    /// <summary>The job will never run (no worker could be started, or the pool is stopping): end it with <paramref name="error"/>.</summary>
    void Reject(Exception error);

    /// <summary>What the job is, for the message of a worker that fails while running it.</summary>
    string Description { get; }
}
