using System.Collections.Generic;

namespace AsyncSys.Generator.Model;

/// <summary>One argument of a <c>RingRequest</c> factory: which value of the call goes there.</summary>
/// <param name="Role">
/// The role whose value is passed. A buffer is keyed <see cref="ParameterRole.InBuffer"/> and an address
/// <see cref="ParameterRole.InAddress"/> whichever direction the call gives them (the factory's type says it).
/// </param>
/// <param name="Type">The factory parameter's C# type, which a pass-through integer is converted to.</param>
/// <param name="WhenAbsent">What to pass when the wrapper has no parameter of that role.</param>
/// <param name="Meaning">What an integer passed there means: how a value the type cannot hold is narrowed.</param>
/// <param name="Refuses">The values the runtime's factory refuses with an exception (its Check* helpers), mirrored here.</param>
internal sealed record RequestArgument(ParameterRole Role, string Type, AbsentValue WhenAbsent = AbsentValue.Required, IntegerMeaning Meaning = IntegerMeaning.Exact, RingRefusal Refuses = RingRefusal.Nothing);

/// <summary>
/// Which values a <c>RingRequest</c> factory refuses with an exception before anything reaches the kernel (src/Runtime/
/// RingRequest.cs: CheckFd, CheckOffset, CheckNonNegative, CheckPositive, CheckPointer, CheckHandle, CheckAddress). The
/// synchronous call passes them to the kernel, which answers in its own order of checks; the generated method runs the
/// wrapper for them instead of submitting.
/// </summary>
internal enum RingRefusal
{
    /// <summary>Every value is taken.</summary>
    Nothing,

    /// <summary>A negative descriptor (CheckFd); a SafeHandle that is invalid but not closed (CheckHandle).</summary>
    NegativeDescriptor,

    /// <summary>An offset below -1, -1 being the file position (CheckOffset).</summary>
    BelowFilePosition,

    /// <summary>A negative value (CheckNonNegative).</summary>
    Negative,

    /// <summary>Zero or a negative value (CheckPositive).</summary>
    NotPositive,

    /// <summary>A null address (CheckPointer).</summary>
    NullAddress,

    /// <summary>A socket address shorter than 2 or longer than 128 bytes (CheckAddress).</summary>
    SocketAddressLength,

    /// <summary>A null or empty path, or one holding a NUL (CheckPath).</summary>
    EmptyPath,

    /// <summary>A null path (statx's ArgumentNullException).</summary>
    NullPath,

    /// <summary>A null buffer list, an empty one, or one of more than 1024 buffers (CheckBuffers; UIO_MAXIOV).</summary>
    VectorCount,
}

/// <summary>What a factory argument is when the wrapper has no parameter for it.</summary>
internal enum AbsentValue
{
    /// <summary>Nothing: the wrapper must have the parameter (the table's shapes guarantee it).</summary>
    Required,

    /// <summary>-1: the file position (read and write without an offset).</summary>
    FilePosition,

    /// <summary>0: no flags, no mode.</summary>
    Zero,

    /// <summary><c>IoRing.AtCurrentDirectory</c>: a path relative to the working directory (open without a dirfd).</summary>
    CurrentDirectory,
}

/// <summary>
/// The <c>RingRequest</c> factory of one ring operation, as the runtime declares it in src/Runtime/RingRequest.cs:
/// its arguments in order, and whether it has a <c>SafeHandle</c> overload. What an operation is (its syscall,
/// opcode, whether it carries a file offset or takes a descriptor) is the shared table's
/// (src/Shared/RingOperations.cs); a test keeps the two in step.
/// </summary>
internal sealed class RequestFactory
{
    private RequestFactory(RingOpKind op, bool takesSafeHandle, RequestArgument[] arguments, RequestFactory? overload = null)
    {
        Op = op;
        TakesSafeHandle = takesSafeHandle;
        Arguments = arguments;
        Overload = overload;
    }

    public RingOpKind Op { get; }

    /// <summary>The factory's name: the operation's.</summary>
    public string Name => Op.ToString();

    /// <summary>Whether an overload takes the descriptor as a <c>SafeHandle</c>, kept referenced while the kernel uses it.</summary>
    public bool TakesSafeHandle { get; }

    public IReadOnlyList<RequestArgument> Arguments { get; }

    /// <summary>
    /// A second overload of the same factory taking a role this one has no place for (accept's <c>socklen_t*</c>,
    /// which <c>RingRequest.Accept(fd, nint, nint, flags)</c> lets the kernel write), or <see langword="null"/>.
    /// </summary>
    public RequestFactory? Overload { get; }

    /// <summary>Whether this factory or its <see cref="Overload"/> takes <paramref name="role"/>.</summary>
    public bool AnyFormTakes(ParameterRole role) => Takes(role) || Overload?.Takes(role) == true;

    /// <summary>The form that takes every role the call gives: this one, or its <see cref="Overload"/> (accept with a length pointer).</summary>
    public RequestFactory FormFor(IEnumerable<ParameterRole> given)
    {
        foreach (ParameterRole role in given)
        {
            if (!Takes(role))
            {
                return Overload is { } overload && overload.Takes(role)
                    ? overload
                    : throw new System.InvalidOperationException("RingRequest." + Name + " has no form taking a " + role + " argument");
            }
        }

        return this;
    }

    private bool Takes(ParameterRole role)
    {
        foreach (RequestArgument argument in Arguments)
        {
            if (argument.Role == role)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The C# type the factory takes for <paramref name="role"/>; <c>int</c> when it takes none.</summary>
    public string TypeOf(ParameterRole role)
    {
        foreach (RequestArgument argument in Arguments)
        {
            if (argument.Role == role)
            {
                return argument.Type;
            }
        }

        return Int;
    }

    /// <summary>What the integer the factory takes for <paramref name="role"/> means.</summary>
    public IntegerMeaning MeaningOf(ParameterRole role)
    {
        foreach (RequestArgument argument in Arguments)
        {
            if (argument.Role == role)
            {
                return argument.Meaning;
            }
        }

        return IntegerMeaning.Exact;
    }

    private const string Int = "int";
    private const string Long = "long";
    private const string Nint = "nint";
    private const string Memory = "global::System.Memory<byte>";
    private const string ReadOnlyMemory = "global::System.ReadOnlyMemory<byte>";
    private const string String = "string";

    private static readonly RequestFactory?[] ByOp = Describe();

    /// <summary>The factory of <paramref name="op"/>, or <see langword="null"/> for a value that is no wrapper's operation.</summary>
    public static RequestFactory? Of(RingOpKind op) => (uint)op < (uint)ByOp.Length ? ByOp[(int)op] : null;

    private static RequestFactory?[] Describe()
    {
        var all = (RingOpKind[])System.Enum.GetValues(typeof(RingOpKind));
        var byOp = new RequestFactory?[all.Length];
        foreach (RingOpKind op in all)
        {
            byOp[(int)op] = Describe(op);
        }

        return byOp;
    }

    // No default arm: a new RingOpKind without its factory here is a compile error (CS8509).
    private static RequestFactory? Describe(RingOpKind op) => op switch
    {
        // Attribute markers, and operations no libc call is: Nop measures the ring, Timeout is IoRing's own timer.
        RingOpKind.Auto or RingOpKind.None or RingOpKind.Nop or RingOpKind.Timeout => null,
        RingOpKind.Read => new(op, true, new[] { Fd(), Buffer(Memory), Offset() }),
        RingOpKind.Write => new(op, true, new[] { Fd(), Buffer(ReadOnlyMemory), Offset() }),
        RingOpKind.ReadV => new(op, true, new[] { Fd(), Vectors(Memory), Offset() }),
        RingOpKind.WriteV => new(op, true, new[] { Fd(), Vectors(ReadOnlyMemory), Offset() }),
        RingOpKind.Fsync => new(op, true, new[] { Fd() }),
        RingOpKind.Fdatasync => new(op, true, new[] { Fd() }),
        RingOpKind.SyncFileRange => new(op, false, new[] { Fd(), Range(), Pass(ParameterRole.Length, Long) with { Refuses = RingRefusal.Negative }, Pass(ParameterRole.Flags) }),
        // poll's pollfd becomes the generated method's own fd and events.
        RingOpKind.Poll => new(op, false, new[] { Fd(), Pass(ParameterRole.Flags, "global::AsyncSys.PollEvents") }),
        RingOpKind.OpenAt => new(op, false, new[]
        {
            new RequestArgument(ParameterRole.DirFd, Int, AbsentValue.CurrentDirectory), Path(ParameterRole.Path),
            Pass(ParameterRole.Flags), new RequestArgument(ParameterRole.Mode, Int, AbsentValue.Zero),
        }),
        RingOpKind.Close => new(op, false, new[] { Fd() }),
        RingOpKind.Statx => new(op, false, new[]
        {
            Pass(ParameterRole.DirFd), Path(ParameterRole.Path) with { Refuses = RingRefusal.NullPath }, Pass(ParameterRole.Flags), Pass(ParameterRole.Mask, "uint"),
            new RequestArgument(ParameterRole.StatxBuffer, Memory),
        }),
        RingOpKind.Fallocate => new(op, true, new[] { Fd(), Pass(ParameterRole.Mode), Range(), Pass(ParameterRole.Length, Long) with { Refuses = RingRefusal.NotPositive } }),
        RingOpKind.Fadvise => new(op, false, new[] { Fd(), Range(), Pass(ParameterRole.Length, Long) with { Refuses = RingRefusal.Negative }, Pass(ParameterRole.Advice) }),
        RingOpKind.Send => new(op, true, new[] { Fd(), Buffer(ReadOnlyMemory), Optional(ParameterRole.Flags) }),
        RingOpKind.Recv => new(op, true, new[] { Fd(), Buffer(Memory), Optional(ParameterRole.Flags) }),
        RingOpKind.SendMsg => new(op, false, new[] { Fd(), Pass(ParameterRole.MessageHeader, "nint") with { Refuses = RingRefusal.NullAddress }, Pass(ParameterRole.Flags) }),
        RingOpKind.RecvMsg => new(op, false, new[] { Fd(), Pass(ParameterRole.MessageHeader, "nint") with { Refuses = RingRefusal.NullAddress }, Pass(ParameterRole.Flags) }),
        // A pinned buffer whose length the runtime keeps; or the caller's sockaddr* and socklen_t*, which the kernel writes.
        RingOpKind.Accept => new(op, true, new[] { Fd(), Address(Memory), Optional(ParameterRole.Flags) },
            new(op, true, new[] { Fd(), Address(Nint), Pass(ParameterRole.AddressLengthPointer, Nint), Optional(ParameterRole.Flags) })),
        RingOpKind.Connect => new(op, true, new[] { Fd(), Address(ReadOnlyMemory) with { Refuses = RingRefusal.SocketAddressLength } }),
        RingOpKind.Shutdown => new(op, false, new[] { Fd(), Pass(ParameterRole.How) }),
        RingOpKind.RenameAt => new(op, false, new[]
        {
            Pass(ParameterRole.DirFd), Path(ParameterRole.Path), Pass(ParameterRole.DirFd2), Path(ParameterRole.Path2), Optional(ParameterRole.Flags),
        }),
        RingOpKind.UnlinkAt => new(op, false, new[] { Pass(ParameterRole.DirFd), Path(ParameterRole.Path), Pass(ParameterRole.Flags) }),
        RingOpKind.MkdirAt => new(op, false, new[] { Pass(ParameterRole.DirFd), Path(ParameterRole.Path), Pass(ParameterRole.Mode) }),
        RingOpKind.Splice => new(op, false, new[]
        {
            Fd(), Pass(ParameterRole.OffsetPointer, Long) with { Refuses = RingRefusal.BelowFilePosition }, Pass(ParameterRole.Fd2) with { Refuses = RingRefusal.NegativeDescriptor },
            Pass(ParameterRole.OffsetPointer2, Long) with { Refuses = RingRefusal.BelowFilePosition },
            Transfer(ParameterRole.Length) with { Refuses = RingRefusal.NotPositive }, Pass(ParameterRole.Flags),
        }),
        RingOpKind.Ftruncate => new(op, true, new[] { Fd(), Pass(ParameterRole.Length, Long) with { Refuses = RingRefusal.Negative } }),
    };

    private static RequestArgument Fd() => new(ParameterRole.Fd, Int, Refuses: RingRefusal.NegativeDescriptor);

    /// <summary>A file offset; -1 (the file position) when the wrapper has none, as for read and write.</summary>
    private static RequestArgument Offset() => new(ParameterRole.Offset, Long, AbsentValue.FilePosition, Refuses: RingRefusal.BelowFilePosition);

    /// <summary>The start of a byte range (fallocate, fadvise, sync_file_range): never negative.</summary>
    private static RequestArgument Range() => new(ParameterRole.Offset, Long, AbsentValue.FilePosition, Refuses: RingRefusal.Negative);

    private static RequestArgument Buffer(string type) => new(ParameterRole.InBuffer, type);

    private static RequestArgument Address(string type) => new(ParameterRole.InAddress, type);

    private static RequestArgument Vectors(string memory) =>
        new(ParameterRole.Vectors, "global::System.Collections.Generic.IReadOnlyList<" + memory + ">", Refuses: RingRefusal.VectorCount);

    /// <summary>A path: null, empty or holding a NUL is refused (CheckPath); statx takes an empty one (AT_EMPTY_PATH).</summary>
    private static RequestArgument Path(ParameterRole role) => new(role, String, Refuses: RingRefusal.EmptyPath);

    /// <summary>An integer passed through: flags and masks as bits, anything else (a mode, a length, advice) exactly.</summary>
    private static RequestArgument Pass(ParameterRole role, string type = Int) => new(role, type, Meaning: BitsOr(role));

    /// <summary>
    /// The most bytes a transfer moves, as an int: the kernel caps every transfer at MAX_RW_COUNT (fs/splice.c, as
    /// read and write), so a larger request is a short transfer, not a different one.
    /// </summary>
    private static RequestArgument Transfer(ParameterRole role) => new(role, Int, Meaning: IntegerMeaning.TransferLength);

    /// <summary>Flags the wrapper may leave out (send without MSG_ flags, accept without SOCK_ flags): 0.</summary>
    private static RequestArgument Optional(ParameterRole role) => new(role, Int, AbsentValue.Zero, BitsOr(role));

    private static IntegerMeaning BitsOr(ParameterRole role) =>
        role is ParameterRole.Flags or ParameterRole.Mask ? IntegerMeaning.Bits : IntegerMeaning.Exact;
}
