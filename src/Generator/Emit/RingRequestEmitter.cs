using System.Collections.Generic;
using AsyncSys.Generator.Model;

namespace AsyncSys.Generator.Emit;

/// <summary>Writes a ring call: the checks before it, the <c>RingRequest</c> it submits and the buffer it rents.</summary>
internal static class RingRequestEmitter
{
    private const string Factories = "global::AsyncSys.RingRequest.";

    // if (flags != 0) throw new global::System.ArgumentOutOfRangeException(nameof(flags), "the ring form of preadv2 takes no RWF_ flags; pass 0");
    // byte[] statxbufBytes = global::System.Buffers.ArrayPool<byte>.Shared.Rent(global::System.Math.Max(256, global::System.Runtime.CompilerServices.Unsafe.SizeOf<global::AsyncSys.Statx>()));
    public static IEnumerable<string> Prelude(RingCallModel ring, bool wrapperRunsRefusals = false)
    {
        // With the wrapper run for them (Refusals), a non-zero value never gets here.
        foreach (string name in wrapperRunsRefusals ? new List<string>() : (IEnumerable<string>)ring.MustBeZero)
        {
            // The ring form has no place for the value: dropping it would change what the call does.
            yield return "if (" + name + " != 0) throw new global::System.ArgumentOutOfRangeException(nameof(" + name + "), \"the ring form of " + ring.EntryPoint + " takes no RWF_ flags; pass 0\");";
        }

        if (ring.Rented is { } rented)
        {
            // Returned only after the await: the ring keeps it pinned until the kernel is done with it.
            yield return "byte[] " + rented.Local + " = global::System.Buffers.ArrayPool<byte>.Shared.Rent(global::System.Math.Max(256, global::System.Runtime.CompilerServices.Unsafe.SizeOf<" + rented.StructType + ">()));";
        }
    }

    // global::System.Buffers.ArrayPool<byte>.Shared.Return(statxbufBytes);
    public static IEnumerable<string> Cleanup(RingCallModel ring)
    {
        if (ring.Rented is { } rented)
        {
            yield return "global::System.Buffers.ArrayPool<byte>.Shared.Return(" + rented.Local + ");";
        }
    }

    // ring.SubmitAsync(global::AsyncSys.RingRequest.Read(fd, buffer, -1), cancellationToken)
    // ring.SubmitRawAsync(...)                                   (ReturnNegativeErrno: the completion's -errno as it is)
    // (offset < 0 ? (cancellationToken.IsCancellationRequested ? global::System.Threading.Tasks.ValueTask.FromCanceled<int>(cancellationToken)
    //     : global::System.Threading.Tasks.ValueTask.FromException<int>(new global::AsyncSys.ErrnoException(global::AsyncSys.Errno.EINVAL, "pread")))
    //     : ring.SubmitAsync(...))                              (an answer the synchronous call gives without the kernel doing anything)
    public static string Start(RingCallModel ring, bool negativeErrno, bool wrapperRunsRefusals = false)
    {
        string submit = "ring." + (negativeErrno ? "SubmitRawAsync" : "SubmitAsync") + "(" + Request(ring) + ", cancellationToken)";
        if (ring.Answers.Count == 0 || wrapperRunsRefusals)
        {
            return submit;
        }

        // Tested before any argument is converted, in the order the synchronous call tests them; a token already
        // cancelled still cancels, as it would before a submission.
        var text = new System.Text.StringBuilder("(");
        foreach (AnswerWithoutRingModel answer in ring.Answers)
        {
            text.Append(Condition(answer)).Append(" ? (cancellationToken.IsCancellationRequested ? ").Append(Task).Append(".FromCanceled<int>(cancellationToken) : ")
                .Append(Answer(answer, ring.EntryPoint, negativeErrno)).Append(") : ");
        }

        return text.Append(submit).Append(")").ToString();
    }

    private const string Task = "global::System.Threading.Tasks.ValueTask";

    /// <summary>
    /// The conditions under which the request cannot be submitted as the wrapper's call: a value the synchronous call
    /// answers without the kernel acting (<see cref="RingCallModel.Answers"/>), one the ring form has no place for
    /// (<see cref="RingCallModel.MustBeZero"/>), one the narrowing to the factory's type or the factory itself refuses
    /// with an exception (<see cref="RingRefusal"/>). Each is C# text over the parameters, tested before anything is
    /// converted; any of them true, the wrapper runs instead, and the answer is the kernel's own.
    /// </summary>
    // fd < 0
    // !((long)fd >= int.MinValue && (long)fd <= int.MaxValue) || (int)((long)fd) < 0
    // offset < 0              (pread's answer, and RingRequest.Fallocate's refusal)
    // handle is { IsClosed: false, IsInvalid: true }
    public static List<string> Refusals(RingCallModel ring)
    {
        var conditions = new List<string>();
        foreach (AnswerWithoutRingModel answer in ring.Answers)
        {
            conditions.Add(Condition(answer));
        }

        foreach (string name in ring.MustBeZero)
        {
            conditions.Add(name + " != 0");
        }

        RequestFactory factory = (RequestFactory.Of(ring.Op)
            ?? throw new System.InvalidOperationException("RingOp." + ring.Op + " has no RingRequest factory")).FormFor(Roles(ring));
        foreach (RequestArgument argument in factory.Arguments)
        {
            if (Find(ring, argument.Role) is { } given && Refusal(given, argument.Refuses) is { } condition && !conditions.Contains(condition))
            {
                conditions.Add(condition);
            }
        }

        return conditions;
    }

    private static string? Refusal(RequestArgumentModel given, RingRefusal refuses)
    {
        if (given.IsHandle)
        {
            // Null and closed handles fail alike both ways (ArgumentNullException, ObjectDisposedException from the
            // marshaller); an invalid one reaches the kernel from the synchronous call.
            return refuses == RingRefusal.NegativeDescriptor ? given.Name + " is { IsClosed: false, IsInvalid: true }" : null;
        }

        if (given.Kind is RequestValue.Memory or RequestValue.RentedBuffer)
        {
            if (refuses != RingRefusal.SocketAddressLength)
            {
                return null;
            }

            if (given.Count is { } count && given.CountType is { } countType)
            {
                // An address length the request refuses (0, 1, over 128) but inside the buffer: the synchronous call passes
                // it to the kernel, which answers (EBADF before EINVAL). One past the buffer keeps its
                // ArgumentOutOfRangeException from the slice: the kernel would read past the buffer, into other memory.
                string length = IntegerConversions.ToInteger(count, countType, "long");
                return "(" + length + " is >= 0 and (< 2 or > 128) && " + length + " <= ((" + given.To + ")" + given.Name + ").Length)";
            }

            return "((" + given.To + ")" + given.Name + ").Length is < 2 or > 128";
        }

        if (given.Kind == RequestValue.Parameter && refuses == RingRefusal.SocketAddressLength)
        {
            return given.Name + ".Length is < 2 or > 128";
        }

        if (refuses is RingRefusal.EmptyPath or RingRefusal.NullPath)
        {
            // The synchronous call passes NULL (EFAULT), "" (ENOENT) or the path up to its NUL to the kernel.
            return refuses == RingRefusal.NullPath ? given.Name + " is null" : given.Name + " is null || " + given.Name + ".Length == 0 || " + given.Name + ".IndexOf('\\0') >= 0";
        }

        string? failure = null;
        string value = given.Name;
        if (given.Kind is RequestValue.Descriptor or RequestValue.Integer && given.From is { } from)
        {
            string to = given.Kind == RequestValue.Descriptor ? "int" : given.To;
            IntegerMeaning meaning = given.Kind == RequestValue.Descriptor ? IntegerMeaning.Exact : given.Meaning;
            failure = IntegerConversions.NarrowRefusal(given.Name, from, to, meaning);
            value = IntegerConversions.Narrowed(given.Name, from, to, meaning);
        }

        string? refused = refuses switch
        {
            RingRefusal.NegativeDescriptor or RingRefusal.Negative => value + " < 0",
            RingRefusal.BelowFilePosition => value + " < -1",
            RingRefusal.NotPositive => value + " <= 0",
            RingRefusal.NullAddress => value + " == 0",
            _ => null,
        };
        return failure is null ? refused : refused is null ? failure : failure + " || " + refused;
    }

    // unchecked((long)offset) < 0   |   offset < -1 (preadv2)   |   length == 0
    private static string Condition(AnswerWithoutRingModel answer) => answer.Kind switch
    {
        AnswerWithoutRing.NegativeOffsetIsInvalid or AnswerWithoutRing.NegativeLengthIsInvalid => IntegerConversions.ToInteger(answer.Name, answer.From, "long") + " < 0",
        AnswerWithoutRing.OffsetBelowFilePositionIsInvalid => IntegerConversions.ToInteger(answer.Name, answer.From, "long") + " < -1",
        AnswerWithoutRing.ZeroLengthMovesNothing => IntegerConversions.ToInteger(answer.Name, answer.From, "long") + " == 0",
    };

    // global::System.Threading.Tasks.ValueTask.FromException<int>(new global::AsyncSys.ErrnoException(global::AsyncSys.Errno.EINVAL, "pread"))
    // new global::System.Threading.Tasks.ValueTask<int>(-global::AsyncSys.Errno.EINVAL)        (ReturnNegativeErrno)
    // new global::System.Threading.Tasks.ValueTask<int>(0)
    private static string Answer(AnswerWithoutRingModel answer, string call, bool negativeErrno) => answer.Kind switch
    {
        AnswerWithoutRing.NegativeOffsetIsInvalid or AnswerWithoutRing.OffsetBelowFilePositionIsInvalid or AnswerWithoutRing.NegativeLengthIsInvalid => negativeErrno
            ? "new " + Task + "<int>(-global::AsyncSys.Errno.EINVAL)"
            : Task + ".FromException<int>(new global::AsyncSys.ErrnoException(global::AsyncSys.Errno.EINVAL, \"" + call + "\"))",
        AnswerWithoutRing.ZeroLengthMovesNothing => "new " + Task + "<int>(0)",
    };

    // global::AsyncSys.RingRequest.Read(fd, ((global::System.Memory<byte>)buffer).Slice(0, count), offset)
    private static string Request(RingCallModel ring)
    {
        RequestFactory factory = (RequestFactory.Of(ring.Op)
            ?? throw new System.InvalidOperationException("RingOp." + ring.Op + " has no RingRequest factory")).FormFor(Roles(ring));
        var values = new List<string>();
        foreach (RequestArgument argument in factory.Arguments)
        {
            values.Add(Find(ring, argument.Role) is { } given ? Value(given, ring.EntryPoint) : Absent(argument, factory));
        }

        return Factories + factory.Name + "(" + string.Join(", ", values) + ")";
    }

    /// <summary>
    /// The parameters passed to the factory as raw addresses (<c>nint</c>: accept's sockaddr* and socklen_t*, a msghdr*),
    /// as <c>&lt;c&gt;name&lt;/c&gt;</c>: the ring pins nothing for them, so the docs tell the caller to.
    /// </summary>
    public static List<string> AddressesPassedThrough(RingCallModel ring)
    {
        var names = new List<string>();
        RequestFactory? factory = RequestFactory.Of(ring.Op)?.FormFor(Roles(ring));
        if (factory is null)
        {
            return names;
        }

        foreach (RequestArgument argument in factory.Arguments)
        {
            if (argument.Type == "nint" && Find(ring, argument.Role) is { Kind: RequestValue.Parameter } given)
            {
                names.Add("<c>" + given.Name.TrimStart('@') + "</c>");
            }
        }

        return names;
    }

    private static IEnumerable<ParameterRole> Roles(RingCallModel ring)
    {
        foreach (RequestArgumentModel argument in ring.Arguments)
        {
            yield return argument.Role;
        }
    }

    private static RequestArgumentModel? Find(RingCallModel ring, ParameterRole role)
    {
        foreach (RequestArgumentModel argument in ring.Arguments)
        {
            if (argument.Role == role)
            {
                return argument;
            }
        }

        return null;
    }

    private static string Value(RequestArgumentModel argument, string call) => argument.Kind switch
    {
        // fd
        RequestValue.Parameter or RequestValue.RentedBuffer => argument.Name,
        // ((long)fd >= int.MinValue && (long)fd <= int.MaxValue ? (int)((long)fd) : throw new ...ArgumentOutOfRangeException(nameof(fd), ...))
        // (an nint descriptor; a typedef one is bit-cast first): a descriptor is an int, and another one must not be used.
        // unchecked((int)dirfd)   (a uint: the same 32 bits the synchronous call passes, AT_FDCWD included)
        RequestValue.Descriptor => IntegerConversions.Narrow(argument.Name, argument.From!, "int", IntegerMeaning.Exact, call),
        // unchecked((int)flags)   or   (int)global::System.Math.Min((ulong)len, (ulong)int.MaxValue)   or a range check (IntegerConversions.Narrow)
        RequestValue.Integer => IntegerConversions.Narrow(argument.Name, argument.From!, argument.To, argument.Meaning, call),
        // ((global::System.Memory<byte>)buffer)   or, with a count:   ((global::System.Memory<byte>)buffer).Slice(0, <count, exactly, as an int>)
        RequestValue.Memory => "((" + argument.To + ")" + argument.Name + ")"
            + (argument.Count is { } count ? ".Slice(0, " + IntegerConversions.Narrow(count, argument.CountType!, "int", IntegerMeaning.Count, call) + ")" : ""),
    };

    // -1 (the file position), 0, global::AsyncSys.IoRing.AtCurrentDirectory
    private static string Absent(RequestArgument argument, RequestFactory factory) => argument.WhenAbsent switch
    {
        AbsentValue.FilePosition => "-1",
        AbsentValue.Zero => "0",
        AbsentValue.CurrentDirectory => "global::AsyncSys.IoRing.AtCurrentDirectory",
        // The planner refuses a shape without it, so this is a generator bug: ASYS0000, never a wrong request.
        AbsentValue.Required => throw new System.InvalidOperationException("RingRequest." + factory.Name + " needs a " + argument.Role + " argument"),
    };
}
