namespace AsyncSys.Generator.Model;

/// <summary>
/// A call the generated method submits to the ring as one <c>RingRequest</c>: the operation and, by role, the
/// values its factory takes (<see cref="RequestFactory"/> gives their order and what a missing role becomes).
/// </summary>
/// <param name="Op">The operation.</param>
/// <param name="Arguments">The values the wrapper provides, by role.</param>
/// <param name="EntryPoint">The libc call, named when a parameter is refused.</param>
/// <param name="MustBeZero">Parameters the ring form has no place for (preadv2's RWF_ flags): a non-zero value throws.</param>
/// <param name="Rented">statx's buffer for an <c>out</c> struct, rented for the call; <see langword="null"/> otherwise.</param>
/// <param name="Answers">
/// Values the ring would take to mean something else (a negative pread offset: -1 is the file position there; a splice
/// of 0 bytes, which <c>RingRequest.Splice</c> refuses): the generated method gives the synchronous call's answer
/// without submitting, tested in order.
/// </param>
internal sealed record RingCallModel(
    RingOpKind Op,
    EquatableArray<RequestArgumentModel> Arguments,
    string EntryPoint,
    EquatableArray<string> MustBeZero,
    RentedBufferModel? Rented,
    EquatableArray<AnswerWithoutRingModel> Answers);

/// <summary>What the synchronous call answers for a value the ring would take to mean something else.</summary>
internal enum AnswerWithoutRing
{
    /// <summary>
    /// pread, pwrite, preadv, pwritev (and the 64 forms) fail with EINVAL for a negative offset, while the ring reads
    /// -1 as "the file position" and refuses other negative values: the call's EINVAL, by the wrapper's convention.
    /// </summary>
    NegativeOffsetIsInvalid,

    /// <summary>
    /// preadv2 and pwritev2 (and the 64 forms) read -1 as the file position themselves, as the ring does, and fail with
    /// EINVAL below it, where <c>RingRequest</c> refuses the value: the call's EINVAL for an offset below -1.
    /// </summary>
    OffsetBelowFilePositionIsInvalid,

    /// <summary>splice(2) of 0 bytes returns 0 before looking at anything, while <c>RingRequest.Splice</c> refuses 0: 0.</summary>
    ZeroLengthMovesNothing,

    /// <summary>
    /// ftruncate(2) fails with EINVAL for a negative length before it looks at the descriptor, while
    /// <c>RingRequest.Ftruncate</c> refuses the value with ArgumentOutOfRangeException: the call's EINVAL.
    /// </summary>
    NegativeLengthIsInvalid,
}

/// <summary>One value answered without the ring.</summary>
/// <param name="Kind">Which value, and the answer.</param>
/// <param name="Name">The parameter tested.</param>
/// <param name="From">Its type.</param>
internal sealed record AnswerWithoutRingModel(AnswerWithoutRing Kind, string Name, IntegerTypeModel From);

/// <summary>How a wrapper's parameter becomes a factory argument.</summary>
internal enum RequestValue
{
    /// <summary>The parameter as it is (an int descriptor, a span turned into memory, a string path).</summary>
    Parameter,

    /// <summary>An nint, IntPtr or typedef descriptor, checked into an int.</summary>
    Descriptor,

    /// <summary>An integer, enum or typedef converted to the factory's integer type.</summary>
    Integer,

    /// <summary>A byte[], ArraySegment or Memory cast to the factory's memory type, sliced to a count when one follows it.</summary>
    Memory,

    /// <summary>The rented buffer (<see cref="RingCallModel.Rented"/>).</summary>
    RentedBuffer,
}

/// <summary>
/// What an integer passed to the ring means, which decides what happens to a value the factory's type cannot hold
/// (a <c>nuint</c> length for splice's <c>int</c>, an <c>nint</c> descriptor): never a silent truncation.
/// </summary>
internal enum IntegerMeaning
{
    /// <summary>
    /// A value the call must get as it is (a descriptor, an offset, a mode, a size): one of the factory type's width
    /// keeps its bits, as the synchronous call passes them (a <c>uint</c> dirfd of 0xFFFFFF9C is AT_FDCWD); a wider one
    /// outside the factory's type throws <c>ArgumentOutOfRangeException</c> naming the parameter.
    /// </summary>
    Exact,

    /// <summary>
    /// How many bytes of a managed buffer the call uses (it slices the buffer, never reaches the kernel as bits): a value
    /// outside the factory's type throws <c>ArgumentOutOfRangeException</c> naming the parameter, whatever its width.
    /// </summary>
    Count,

    /// <summary>A bit pattern (flags, a mask, and any enum): cast as it is.</summary>
    Bits,

    /// <summary>
    /// The most bytes a transfer may move (splice's <c>len</c>): the kernel moves at most MAX_RW_COUNT (0x7FFFF000)
    /// bytes whatever is asked, so a larger value becomes the type's maximum, a short transfer as the synchronous call
    /// would make. A negative one is passed on, and the factory refuses it.
    /// </summary>
    TransferLength,
}

/// <summary>One factory argument the wrapper provides.</summary>
/// <param name="Role">The role it fills (a buffer is keyed InBuffer and an address InAddress whichever their direction).</param>
/// <param name="Kind">How the parameter becomes the argument.</param>
/// <param name="Name">The parameter (or local).</param>
/// <param name="From">The parameter's type, for <see cref="RequestValue.Descriptor"/> and <see cref="RequestValue.Integer"/>.</param>
/// <param name="To">The factory's type for it: an integer keyword, or the memory type of <see cref="RequestValue.Memory"/>.</param>
/// <param name="Count">For <see cref="RequestValue.Memory"/>: the count parameter that slices it, if any.</param>
/// <param name="CountType">The count's type.</param>
/// <param name="Meaning">For <see cref="RequestValue.Integer"/>: how a value outside <paramref name="To"/> is narrowed.</param>
/// <param name="IsHandle">Whether the parameter is a <c>SafeHandle</c> passed to the factory's handle overload.</param>
internal sealed record RequestArgumentModel(
    ParameterRole Role,
    RequestValue Kind,
    string Name,
    IntegerTypeModel? From = null,
    string To = "",
    string? Count = null,
    IntegerTypeModel? CountType = null,
    IntegerMeaning Meaning = IntegerMeaning.Exact,
    bool IsHandle = false);

/// <summary>A pooled byte buffer the kernel fills with a struct, returned to the pool once the kernel is done.</summary>
/// <param name="Local">The local holding it.</param>
/// <param name="StructType">The struct's fully qualified type: the buffer holds at least its size (and 256 bytes).</param>
internal sealed record RentedBufferModel(string Local, string StructType);
