namespace AsyncSys.Generator.Model;

/// <summary>How the generated method runs the call, as the statements the emitter lays out.</summary>
/// <param name="RingOp">The ring operation, or <see langword="null"/> for a call offloaded to a worker.</param>
/// <param name="ReturnsNegativeErrno">Whether failures come back as <c>-errno</c> instead of an <c>ErrnoException</c>.</param>
/// <param name="IsAsync">Whether the method awaits (an <c>async</c> method) or returns the ring's task as it is.</param>
/// <param name="Body">The statements of the method taking a ring, after the ring's null check.</param>
/// <param name="State">The state struct of an offloaded call, or <see langword="null"/> on the ring.</param>
/// <param name="CancelHook">The cancel hook's name, or <see langword="null"/>.</param>
internal sealed record CallModel(
    RingOpKind? RingOp,
    bool ReturnsNegativeErrno,
    bool IsAsync,
    EquatableArray<string> Body,
    BlockingStateModel? State,
    string? CancelHook);

/// <summary>
/// The state struct of an offloaded call: it holds the arguments and out-values, and its static
/// <c>Invoke</c> method makes the synchronous call on the worker.
/// </summary>
/// <param name="TypeName">The struct's name, such as <c>FlockAsyncState</c>.</param>
/// <param name="Fields">The arguments and out-values.</param>
/// <param name="IsUnsafe">Whether <c>Invoke</c> pins buffers to pass pointers.</param>
/// <param name="InvokeBody">The body of <c>Invoke</c>: the call and nothing after it but the return.</param>
internal sealed record BlockingStateModel(
    string TypeName,
    EquatableArray<ParameterModel> Fields,
    bool IsUnsafe,
    EquatableArray<string> InvokeBody);
