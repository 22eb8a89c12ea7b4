namespace AsyncSys.Generator.Model;

/// <summary>Where one value the generated method returns comes from, once the awaited result is known.</summary>
internal enum ResultSource
{
    /// <summary>The ring's result as it is.</summary>
    RingResult,

    /// <summary>The ring's result converted to the wrapper's result type (<see cref="ResultValueModel.As"/>).</summary>
    RingResultAs,

    /// <summary>
    /// poll's result read as the descriptor's ready events; the ring's EBADF (a descriptor not open) is poll(2)'s POLLNVAL,
    /// any other failure throws ErrnoException naming <see cref="ResultValueModel.Other"/>.
    /// </summary>
    PollEvents,

    /// <summary>The revents of the <c>struct pollfd</c> kept as one long in the worker state's field <see cref="ResultValueModel.Name"/>.</summary>
    PollRevents,

    /// <summary>
    /// poll's result in ReturnNegativeErrno mode, converted to <see cref="ResultValueModel.As"/>: the ready events, the
    /// ring's EBADF read as POLLNVAL (as <see cref="PollEvents"/> does), any other failure as -errno.
    /// </summary>
    PollEventsOrNegativeErrno,

    /// <summary>
    /// The wrapper's poll on a worker in ReturnNegativeErrno mode: -errno for its -1, else the revents of field
    /// <see cref="ResultValueModel.Name"/>, converted to <see cref="ResultValueModel.As"/>.
    /// </summary>
    PollReventsOrNegativeErrno,

    /// <summary>The struct the kernel wrote into the rented buffer <see cref="ResultValueModel.Name"/>.</summary>
    RentedStruct,

    /// <summary>The worker state's field <see cref="ResultValueModel.Name"/>.</summary>
    StateField,

    /// <summary>Element <see cref="ResultValueModel.Index"/> of the worker state's array field <see cref="ResultValueModel.Name"/>.</summary>
    StateElement,

    /// <summary>Half <see cref="ResultValueModel.Index"/> (0 or 1) of <c>int fds[2]</c> kept as one long in field <see cref="ResultValueModel.Name"/>.</summary>
    FdPairHalf,

    /// <summary>An offset the call advanced in field <see cref="ResultValueModel.Name"/>, or null when field <see cref="ResultValueModel.Other"/> says none was passed.</summary>
    OptionalOffset,

    /// <summary>The worker's raw result converted to <see cref="ResultValueModel.As"/>.</summary>
    WorkerValue,

    /// <summary>The error number a call returned, negated (ReturnNegativeErrno mode).</summary>
    WorkerErrorNumberNegated,

    /// <summary>A NULL result (travelling as -1) replaced by <c>-errno</c> (ReturnNegativeErrno mode).</summary>
    WorkerNullAsNegativeErrno,

    /// <summary>A -1 result replaced by <c>-errno</c> (ReturnNegativeErrno mode).</summary>
    WorkerMinusOneAsNegativeErrno,

    /// <summary>The result after the worker's failure check, which throws ErrnoException naming <see cref="ResultValueModel.Other"/>.</summary>
    WorkerValueOrThrow,

    /// <summary>
    /// As <see cref="WorkerValueOrThrow"/>, but a negative result with errno left 0 comes back as it is: a libc function
    /// outside the table (sysconf's indeterminate limits, an ordinary method's own -1) may return -1 without reporting an
    /// error, and its caller sees -1 with errno 0; throwing would invent an error number the call never set.
    /// </summary>
    WorkerValueOrThrowWhenErrnoSet,

    /// <summary>The result of a call outside the table with an unsigned type: returned as it is, unchecked.</summary>
    WorkerValueUnchecked,
}

/// <summary>One value the generated method returns.</summary>
/// <param name="Type">The fully qualified type.</param>
/// <param name="PropertyName">Its name in a result record.</param>
/// <param name="Source">Where it comes from.</param>
/// <param name="Name">The field or local it is read from, where <paramref name="Source"/> has one.</param>
/// <param name="As">The type a raw integer is converted to, where <paramref name="Source"/> converts.</param>
/// <param name="Index">The element or half, where <paramref name="Source"/> picks one.</param>
/// <param name="Other">The second name a source needs (a has-value field, the syscall in an error).</param>
internal sealed record ResultValueModel(
    string Type,
    string PropertyName,
    ResultSource Source,
    string Name = "",
    IntegerTypeModel? As = null,
    int Index = 0,
    string Other = "")
{
    /// <summary>Whether computing it reads the awaited result (a rented buffer is read directly).</summary>
    public bool UsesResult => Source != ResultSource.RentedStruct;
}
