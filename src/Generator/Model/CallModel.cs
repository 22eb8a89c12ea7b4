namespace AsyncSys.Generator.Model;

/// <summary>
/// How the generated method runs the call: on the ring (<see cref="Ring"/>) or on a worker (<see cref="Worker"/>),
/// and what it returns. Data only: the emitters in Emit/ write the statements.
/// </summary>
/// <param name="Ring">The ring request, or <see langword="null"/> for a call offloaded to a worker.</param>
/// <param name="Worker">The worker call, or <see langword="null"/> on the ring.</param>
/// <param name="ReturnsNegativeErrno">Whether failures come back as <c>-errno</c> instead of an <c>ErrnoException</c>.</param>
/// <param name="Values">The values the method returns, in order: none, one, or a result record's properties.</param>
/// <param name="ResultLocal">The local holding the awaited result (no parameter has its name).</param>
/// <param name="StateLocal">The local holding a worker call's state.</param>
/// <param name="WhenRingCannot">
/// For a ring call: the wrapper itself on a worker, run instead of submitting when an argument is one the ring request
/// cannot take (a negative descriptor, a negative range, a value the factory or the narrowing refuses), so the answer is
/// the kernel's own, in its own order of checks. <see langword="null"/> when the worker's variant would not have the
/// ring's parameters and results, or on a worker.
/// </param>
/// <param name="ThreadGuards">
/// Parameters whose value decides whether the call acts on the calling thread: checked first, an <c>ArgumentException</c>
/// for a value that would make it answer for the worker.
/// </param>
internal sealed record CallModel(
    RingCallModel? Ring,
    WorkerCallModel? Worker,
    bool ReturnsNegativeErrno,
    EquatableArray<ResultValueModel> Values,
    string ResultLocal,
    string StateLocal,
    WrapperFallbackModel? WhenRingCannot = null,
    EquatableArray<ThreadArgumentGuard> ThreadGuards = default)
{
    /// <summary>The ring operation, or <see langword="null"/> on a worker.</summary>
    public RingOpKind? RingOp => Ring?.Op;

    /// <summary>The cancel hook of a worker call, or <see langword="null"/>.</summary>
    public string? CancelHook => Worker?.CancelHook;
}

/// <summary>The wrapper run on a worker by a ring variant, for arguments the ring request cannot take.</summary>
/// <param name="Worker">The worker call, with its state type.</param>
/// <param name="Values">What it returns: the same types, in the same order, as the ring variant's values.</param>
/// <param name="FunctionName">The local function that runs it (free of every parameter's name).</param>
internal sealed record WrapperFallbackModel(WorkerCallModel Worker, EquatableArray<ResultValueModel> Values, string FunctionName);
