namespace AsyncSys.Generator.Model;

/// <summary>
/// A call the generated method runs on a blocking-call worker: a state struct carries the arguments there and
/// the out-values back, and its <c>Invoke</c> pins what the call needs, calls the wrapper and returns at once,
/// so the worker reads errno with nothing in between.
/// </summary>
/// <param name="StateType">The state struct's name, such as <c>FlockAsyncState</c>.</param>
/// <param name="Fields">The state's fields.</param>
/// <param name="Initializers">How the generated method fills them.</param>
/// <param name="Wrapper">The wrapper to call: fully qualified for a static one, its bare name for an instance one.</param>
/// <param name="SelfField">For an instance wrapper, the field holding <c>this</c>; else <see langword="null"/>.</param>
/// <param name="Pins">The <c>fixed</c> statements around the call, outermost first.</param>
/// <param name="Arguments">The call's arguments, in order.</param>
/// <param name="Returns">How <c>Invoke</c> hands the call's result to the worker.</param>
/// <param name="Checks">The failure checks after the await, in order.</param>
/// <param name="Syscall">The name errors carry.</param>
/// <param name="CancelHook">The cancel hook (a method name, or <see cref="InterruptWorkerHook"/>), or <see langword="null"/>.</param>
/// <param name="Why">Why the call runs on a worker, which its docs say.</param>
/// <param name="VectorPins">Buffer lists pinned as iovecs before the call and let go after it (a ring variant's fallback).</param>
internal sealed record WorkerCallModel(
    string StateType,
    EquatableArray<ParameterModel> Fields,
    EquatableArray<StateInitializerModel> Initializers,
    string Wrapper,
    string? SelfField,
    EquatableArray<PinModel> Pins,
    EquatableArray<WorkerArgumentModel> Arguments,
    InvokeReturnModel Returns,
    EquatableArray<WorkerCheck> Checks,
    string Syscall,
    string? CancelHook,
    WhyOnWorker Why = WhyOnWorker.NoRingOperation,
    EquatableArray<VectorPinModel> VectorPins = default)
{
    /// <summary>The hook given to a P/Invoke that may wait for a peer when the user states none: interrupt the worker.</summary>
    public const string InterruptWorkerHook = "static call => call.InterruptWorker()";
}

/// <summary>Why a call runs on a worker instead of the ring: the generated docs say it.</summary>
internal enum WhyOnWorker
{
    /// <summary>The kernel has no ring operation for the call (or the call is outside the table).</summary>
    NoRingOperation,

    /// <summary>The wrapper states <c>RingOp.None</c>.</summary>
    Stated,

    /// <summary>
    /// The call has a ring operation, but the wrapper passes offsets by pointer that the kernel advances (splice's
    /// <c>loff_t*</c>): the ring's operation takes them by value and cannot return the advanced offsets.
    /// </summary>
    OffsetsTheKernelAdvances,

    /// <summary>The call has a ring operation, but the wrapper's parameters do not fit it.</summary>
    ParametersDoNotFit,

    /// <summary>
    /// poll(2) with its pollfd array, nfds and timeout: the ring polls one descriptor without a timeout, so only a
    /// wrapper stating <c>RingOp.Poll</c> goes there.
    /// </summary>
    PollArrayAndTimeout,
}

/// <summary>How a state field gets its value in the generated method.</summary>
internal enum StateValue
{
    /// <summary>The parameter of the same name.</summary>
    Parameter,

    /// <summary><c>this</c>: the instance an instance wrapper is called on.</summary>
    This,

    /// <summary>The length of the memory (or array) parameter <see cref="StateInitializerModel.Source"/>, as <see cref="StateInitializerModel.Type"/>.</summary>
    LengthOf,

    /// <summary>The length of the array parameter <see cref="StateInitializerModel.Source"/>, 0 for null, as <see cref="StateInitializerModel.Type"/>.</summary>
    LengthOfArray,

    /// <summary>A new <c>int[2]</c> for the call to fill.</summary>
    NewFdPair,

    /// <summary>Whether the nullable parameter <see cref="StateInitializerModel.Source"/> has a value.</summary>
    HasValue,

    /// <summary>The nullable parameter's value, or its default.</summary>
    ValueOrDefault,

    /// <summary>The iovecs of the <c>IoVectorPins</c> local <see cref="StateInitializerModel.Source"/>.</summary>
    PinnedVectors,

    /// <summary>
    /// A <c>struct pollfd</c> as one long: descriptor <see cref="StateInitializerModel.Source"/>, events
    /// <see cref="StateInitializerModel.Other"/>, revents 0.
    /// </summary>
    PollFd,

    /// <summary>
    /// The size of the value type <see cref="StateInitializerModel.Source"/> (fully qualified), as
    /// <see cref="StateInitializerModel.Type"/>: the capacity of an out struct a value-result length measures.
    /// </summary>
    SizeOf,
}

/// <summary>A buffer list pinned as the kernel's iovecs for the call: <c>using IoVectorPins Local = IoVectorPins.Pin(Parameter);</c></summary>
/// <param name="Local">The local holding the pins.</param>
/// <param name="Parameter">The buffer list.</param>
internal sealed record VectorPinModel(string Local, string Parameter);

/// <summary>One field of the state, filled by the generated method.</summary>
/// <param name="Field">The field.</param>
/// <param name="Kind">Where its value comes from.</param>
/// <param name="Source">The parameter it comes from, if any.</param>
/// <param name="Type">The integer type a length becomes.</param>
/// <param name="Other">A second parameter the value is made of.</param>
internal sealed record StateInitializerModel(string Field, StateValue Kind, string Source = "", IntegerTypeModel? Type = null, string Other = "");

/// <summary>What a <c>fixed</c> statement pins.</summary>
internal enum PinSource
{
    /// <summary>The string field's UTF-8 bytes with a NUL after them.</summary>
    Utf8String,

    /// <summary>The memory field's span.</summary>
    MemorySpan,

    /// <summary>The field itself (its address).</summary>
    FieldAddress,

    /// <summary>The string field's UTF-8 bytes with a NUL after them, or NULL for a null string.</summary>
    Utf8StringOrNull,

    /// <summary>The array field's elements.</summary>
    Array,
}

/// <summary>One <c>fixed</c> statement around the worker's call.</summary>
/// <param name="ElementType">The pointer's element type.</param>
/// <param name="Pointer">The pointer's name.</param>
/// <param name="Source">What is pinned.</param>
/// <param name="Field">The state field pinned.</param>
internal sealed record PinModel(string ElementType, string Pointer, PinSource Source, string Field);

/// <summary>How one argument of the worker's call is passed.</summary>
internal enum WorkerArgument
{
    /// <summary>The state field.</summary>
    Field,

    /// <summary>The state field as an <c>out</c> argument.</summary>
    Out,

    /// <summary>The state field as a <c>ref</c> argument.</summary>
    Ref,

    /// <summary>The state field as an <c>in</c> argument.</summary>
    In,

    /// <summary>The length of memory field <see cref="WorkerArgumentModel.Name"/>, as <see cref="WorkerArgumentModel.Type"/>.</summary>
    MemoryLength,

    /// <summary>The memory field's span.</summary>
    Span,

    /// <summary>A read-only memory field's span, writable, for a wrapper that declares a <c>Span</c> it only reads.</summary>
    SpanOfReadOnly,

    /// <summary>The pinned pointer <see cref="WorkerArgumentModel.Name"/>, cast to <see cref="WorkerArgumentModel.Cast"/> when set.</summary>
    Pointer,

    /// <summary>The pinned pointer, or null when the state field <see cref="WorkerArgumentModel.Other"/> says no value was passed.</summary>
    PointerIfPassed,

    /// <summary>The pinned pointer, or null when the memory field <see cref="WorkerArgumentModel.Other"/> is empty.</summary>
    PointerUnlessEmpty,

    /// <summary>The pinned pointer, or null when the array field <see cref="WorkerArgumentModel.Other"/> is null or empty.</summary>
    PointerUnlessEmptyArray,

    /// <summary>The iovec field (<c>nint[]</c>) as a new array of the wrapper's iovec struct <see cref="WorkerArgumentModel.Cast"/>.</summary>
    VectorsAsArray,

    /// <summary>The iovec field as a span of the wrapper's iovec struct <see cref="WorkerArgumentModel.Cast"/>.</summary>
    VectorsAsSpan,

    /// <summary>How many iovecs the field holds, as <see cref="WorkerArgumentModel.Type"/>.</summary>
    VectorCount,

    /// <summary>The integer <see cref="WorkerArgumentModel.Name"/> as <see cref="WorkerArgumentModel.Type"/>.</summary>
    Constant,
}

/// <summary>One argument of the worker's call.</summary>
/// <param name="Kind">How it is passed.</param>
/// <param name="Name">The state field or pointer.</param>
/// <param name="Other">The field a pointer depends on.</param>
/// <param name="Type">The integer type a length becomes.</param>
/// <param name="Cast">The pointer type a pointer is cast to, or <see langword="null"/>.</param>
/// <param name="Meaning">
/// For <see cref="WorkerArgument.MemoryLength"/> into a type narrower than int: <see cref="IntegerMeaning.TransferLength"/>
/// (a buffer's length: capped at the type's maximum, a short transfer) or <see cref="IntegerMeaning.Exact"/> (an
/// address's length: a longer address throws <c>ArgumentOutOfRangeException</c> before the call, as a cut one is another address).
/// </param>
/// <param name="KernelWrites">
/// For a span the call writes a fixed number of bytes into whatever its length (statx's 256, pipe's two descriptors):
/// that number, checked against the memory's size before the call; 0 for none.
/// </param>
/// <param name="Element">
/// The element type of such a span, whose size times the length is the memory's size; for a
/// <see cref="WorkerArgument.MemoryLength"/>, the element type of a span wider than a byte whose length the call counts in
/// bytes (passed as the memory's size in bytes), or <see langword="null"/> to pass the memory's length.
/// </param>
/// <param name="Count">For an array: the parameter the wrapper passes as its count, checked against its length before the call; or <see langword="null"/>.</param>
/// <param name="CountType">The type of <paramref name="Count"/>.</param>
/// <param name="CountsElements">Whether <paramref name="Count"/> counts elements (<c>SizeParamIndex</c>, an array of structs) rather than bytes.</param>
/// <param name="OutSizeCount">
/// For an out value (<paramref name="Element"/> its type): the byte count the wrapper passes for it, checked against the
/// value's size before the call; or <see langword="null"/>.
/// </param>
/// <param name="OutSizeCountType">The type of <paramref name="OutSizeCount"/>.</param>
internal sealed record WorkerArgumentModel(WorkerArgument Kind, string Name, string Other = "", IntegerTypeModel? Type = null, string? Cast = null,
    IntegerMeaning Meaning = IntegerMeaning.Exact, int KernelWrites = 0, string? Element = null, string? Count = null, IntegerTypeModel? CountType = null,
    bool CountsElements = false, string? OutSizeCount = null, IntegerTypeModel? OutSizeCountType = null);

/// <summary>How <c>Invoke</c> hands the call's result to the worker: a long, negative for a failure whose errno the worker keeps.</summary>
internal enum InvokeReturn
{
    /// <summary>A void call: 0.</summary>
    Nothing,

    /// <summary>The integer result as a long.</summary>
    Integer,

    /// <summary>A pointer or handle result as a long, NULL as -1 (so the worker keeps errno).</summary>
    NullAsMinusOne,

    /// <summary>The result read through the signed integer of its size (<see cref="InvokeReturnModel.Signed"/>), so -1 is a failure.</summary>
    Signed,

    /// <summary>An unsigned result of a call outside the table, unchecked.</summary>
    Unchecked,

    /// <summary>A result that is not a number, kept in the state field <see cref="InvokeReturnModel.Field"/>; 0.</summary>
    InState,

    /// <summary>A reference result kept in the state field; -1 when it is null (the failure), else 0.</summary>
    InStateNullMeansFailure,

    /// <summary>
    /// A pointer or handle result kept in the state field; -1 when it is NULL (the failure, so the worker keeps errno), else 0.
    /// The result itself never passes through the worker's long, so any value but NULL is an answer, -1 included.
    /// </summary>
    InStateIntegerNullMeansFailure,

    /// <summary>A SafeHandle result kept in the state field; -1 when it wraps -1 (the failure; an int's -1 read as 32 bits), else 0.</summary>
    InStateHandleMinusOne,

    /// <summary>A SafeHandle result kept in the state field; -1 when it wraps NULL (the failure), else 0.</summary>
    InStateHandleNull,
}

/// <summary>How <c>Invoke</c> returns.</summary>
/// <param name="Kind">The shape.</param>
/// <param name="Type">The wrapper's result type, where it is converted.</param>
/// <param name="Signed">For <see cref="InvokeReturn.Signed"/>: the signed integer keyword of the result's size.</param>
/// <param name="SignedAlready">For <see cref="InvokeReturn.Signed"/>: the result is that integer already.</param>
/// <param name="Field">The state field (<see cref="InvokeReturn.InState"/> and the other InState forms) or local (<see cref="InvokeReturn.NullAsMinusOne"/>, <see cref="Interrupted"/>).</param>
/// <param name="Interrupted">
/// For a call that reports failure in its result rather than in errno (the error number, or -errno): the result that says
/// the call was interrupted (<c>global::AsyncSys.Errno.EINTR</c>, or its negation). After a cancel, <c>Invoke</c> tells it
/// to the worker as -1 and errno EINTR, which is how a cancelled call ends (the worker only reads errno); null otherwise.
/// </param>
/// <param name="UnsignedWhenNoError">
/// For <see cref="InvokeReturn.Signed"/>: an unsigned result narrower than 64 bits of an import that saves errno; when it
/// reads as negative and the saved error is 0 (the call did not fail), it is returned unsigned, a success.
/// </param>
internal sealed record InvokeReturnModel(InvokeReturn Kind, IntegerTypeModel? Type = null, string Signed = "", bool SignedAlready = false, string Field = "", string? Interrupted = null, bool UnsignedWhenNoError = false);

/// <summary>A failure check after the await, by the call's return convention.</summary>
/// <param name="Kind">What fails.</param>
/// <param name="Field">The state field a reference result is in.</param>
internal sealed record WorkerCheck(WorkerFailure Kind, string Field = "");

/// <summary>What a failed call looks like.</summary>
internal enum WorkerFailure
{
    /// <summary>A non-zero result: the error number itself.</summary>
    ErrorNumber,

    /// <summary>A negative result standing for NULL: errno (EIO if the call left it 0).</summary>
    NullAndErrno,

    /// <summary>A negative result: -errno itself.</summary>
    NegativeErrno,

    /// <summary>A null reference in the state field: errno (EIO if 0).</summary>
    NullReference,

    /// <summary>-1 and errno, checked by the worker's result.</summary>
    MinusOneAndErrno,

    /// <summary>A SafeHandle result wrapping the failure value: errno (EIO if 0); the handle is marked invalid so it never closes it.</summary>
    InvalidHandle,
}
