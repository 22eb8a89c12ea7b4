using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>
/// Fits a wrapper's parameters to a known syscall shape and, when they fit, plans a call that submits one
/// <c>RingRequest</c> to the ring.
/// </summary>
internal static class RingCallPlanner
{
    private const string Memory = "global::System.Memory<byte>";
    private const string ReadOnlyMemory = "global::System.ReadOnlyMemory<byte>";

    /// <summary>
    /// Why accept with a length beside a managed buffer, or a ref/out length, stays off the ring: the kernel writes the
    /// peer address's real length, and only a pointer the caller keeps fixed can take it after the generated method has returned.
    /// </summary>
    private const string AddressAndLengthAsPointers =
        "a pointer followed by a pointer to its length (sockaddr*, socklen_t*) to run on the ring: the length the kernel writes back"
        + " cannot reach a ref, out or array length after the await (without RingOp, a worker runs the wrapper as it is)";

    /// <summary>
    /// Why splice's offset pointers stay off the ring: the kernel writes the advanced offset back through them, which a
    /// ring request (offsets by value) cannot return. Without RingOp the wrapper runs on a worker, which returns them.
    /// </summary>
    private const string OffsetByValue =
        "an offset passed by value (long, -1 for none) to run on the ring: the kernel writes the advanced offset back through a pointer or ref,"
        + " and the ring cannot return it (without RingOp, or with RingOp.None, a worker runs the wrapper and returns the advanced offsets)";

    /// <summary>
    /// Plans the ring call, or returns <see langword="null"/> and says why the parameters do not fit. <paramref name="stated"/>
    /// says the wrapper names the operation itself (<c>[AsyncSyscall(RingOp.X)]</c>) rather than having it looked up.
    /// </summary>
    public static CallPlan? TryPlan(SyscallShape shape, IMethodSymbol method, bool negativeErrno, bool stated, LocalNames locals, out string whyNot)
    {
        RequestFactory factory = RequestFactory.Of(shape.Op)
            ?? throw new System.InvalidOperationException("the table maps " + shape.EntryPoint + " to RingOp." + shape.Op + ", which no wrapper can submit");
        var plan = new CallPlan();
        var arguments = new Dictionary<ParameterRole, RequestArgumentModel>();
        var mustBeZero = new List<string>();
        var answers = new List<AnswerWithoutRingModel>();
        RentedBufferModel? rented = null;
        ResultValueModel? outValue = null;
        ParameterRole[] roles = shape.Roles;
        var parameters = method.Parameters;
        var bound = new ParameterRole?[parameters.Length];
        int p = 0;
        for (int r = 0; r < roles.Length; r++)
        {
            ParameterRole role = roles[r];
            if (p >= parameters.Length)
            {
                whyNot = shape.EntryPoint + " takes " + roles.Length + " parameters";
                return null;
            }

            // The parameters a role takes with it (a buffer's count, poll's nfds and timeout) get the roles after it.
            for (int taken = 0; taken < roles.Length - r && p + taken < parameters.Length; taken++)
            {
                bound[p + taken] = roles[r + taken];
            }

            IParameterSymbol parameter = parameters[p];
            ITypeSymbol type = parameter.Type;
            string name = TypeFacts.Escape(parameter.Name);
            bool byValue = parameter.RefKind == RefKind.None;
            bool next = p + 1 < parameters.Length;
            string? problem = null;
            switch (role)
            {
                case ParameterRole.Fd:
                    if (byValue && TypeFacts.IsSafeHandle(type) && factory.TakesSafeHandle)
                    {
                        plan.Parameters.Add(new(TypeFacts.Qualified(type), name, DefaultOf(parameter)));
                        arguments[role] = new(role, RequestValue.Parameter, name, IsHandle: true);
                    }
                    else if (byValue && TypeFacts.IsIntegerOrTypedef(type))
                    {
                        // int as is; nint, IntPtr and typedef structs are the same descriptor, checked into an int.
                        plan.Parameters.Add(new(TypeFacts.Qualified(type), name, DefaultOf(parameter)));
                        arguments[role] = Descriptor(role, name, type);
                    }
                    else
                    {
                        problem = factory.TakesSafeHandle ? "an integer descriptor or a SafeHandle" : "an integer descriptor";
                    }

                    break;

                case ParameterRole.DirFd:
                case ParameterRole.Fd2:
                case ParameterRole.DirFd2:
                    problem = byValue && TypeFacts.IsIntegerOrTypedef(type) ? null : "an integer descriptor";
                    plan.Parameters.Add(new(TypeFacts.Qualified(type), name, DefaultOf(parameter)));
                    arguments[role] = Descriptor(role, name, type);
                    break;

                case ParameterRole.InBuffer:
                case ParameterRole.OutBuffer:
                case ParameterRole.InAddress:
                case ParameterRole.OutAddress:
                    bool writable = role is ParameterRole.OutBuffer or ParameterRole.OutAddress;
                    ParameterRole lengthRole = r + 1 < roles.Length ? roles[r + 1] : ParameterRole.Value;
                    bool lengthFollows = r + 1 < roles.Length && RoleBinder.IsLength(lengthRole);
                    // A buffer that carries its own length (span, array, Memory) may still be followed by a count:
                    // the parameter count says whether it is.
                    bool countGiven = lengthFollows && parameters.Length - (p + 1) > roles.Length - (r + 2);
                    // The factory takes a buffer (or an address) whichever way the kernel moves its bytes.
                    bool isBuffer = role is ParameterRole.InBuffer or ParameterRole.OutBuffer;
                    ParameterRole key = isBuffer ? ParameterRole.InBuffer : ParameterRole.InAddress;
                    if (byValue && TypeFacts.IsByteSpan(type, out bool readOnlySpan) && !(writable && readOnlySpan))
                    {
                        plan.Parameters.Add(new(writable ? Memory : ReadOnlyMemory, name));
                        arguments[key] = new(key, RequestValue.Parameter, name);
                        if (countGiven && lengthRole == ParameterRole.AddressLengthPointer)
                        {
                            problem = AddressAndLengthAsPointers;
                        }
                        else if (countGiven && !IsLengthOf(lengthRole, parameters[p + 1]))
                        {
                            problem = "followed by its length, or by nothing";
                        }
                        else if (lengthFollows)
                        {
                            r++;
                            p += countGiven ? 1 : 0;
                        }
                    }
                    else if (byValue && (TypeFacts.IsByteArray(type) || TypeFacts.IsByteMemory(type, out bool readOnlyMemory) && !(writable && readOnlyMemory)))
                    {
                        // Arrays and Memory cross the await as they are; the ring pins them for the kernel.
                        plan.Parameters.Add(new(TypeFacts.Qualified(type), name, DefaultOf(parameter)));
                        var memory = new RequestArgumentModel(key, RequestValue.Memory, name, To: writable ? Memory : ReadOnlyMemory);
                        if (lengthFollows && countGiven && lengthRole == ParameterRole.AddressLengthPointer)
                        {
                            // accept's socklen_t* (ref int) beside an array: the length the kernel writes back would be lost.
                            problem = AddressAndLengthAsPointers;
                        }
                        else if (lengthFollows && countGiven)
                        {
                            IParameterSymbol count = parameters[p + 1];
                            if (count.RefKind != RefKind.None || !TypeFacts.IsIntegerOrTypedef(count.Type))
                            {
                                problem = "followed by an integer count";
                            }
                            else
                            {
                                plan.Parameters.Add(new(TypeFacts.Qualified(count.Type), TypeFacts.Escape(count.Name), DefaultOf(count)));
                                memory = memory with { Count = TypeFacts.Escape(count.Name), CountType = IntegerTypeModel.Of(count.Type) };
                                p++;
                            }
                        }

                        r += lengthFollows ? 1 : 0;
                        arguments[key] = memory;
                    }
                    else if (byValue && TypeFacts.IsAnyPointer(type) && lengthRole == ParameterRole.AddressLengthPointer && countGiven)
                    {
                        // accept's sockaddr* and socklen_t*: both cross the await as addresses the caller keeps fixed, and
                        // the kernel writes the peer's address and its length through them (RingRequest.Accept(fd, nint, nint, flags)).
                        IParameterSymbol length = parameters[p + 1];
                        if (length.RefKind == RefKind.None && TypeFacts.IsAnyPointer(length.Type) && factory.AnyFormTakes(ParameterRole.AddressLengthPointer))
                        {
                            string lengthName = TypeFacts.Escape(length.Name);
                            plan.Parameters.Add(new("nint", name));
                            plan.Parameters.Add(new("nint", lengthName));
                            arguments[key] = new(key, RequestValue.Parameter, name);
                            arguments[lengthRole] = new(lengthRole, RequestValue.Parameter, lengthName);
                            r++;
                            p++;
                        }
                        else
                        {
                            problem = AddressAndLengthAsPointers;
                        }
                    }
                    else if (byValue && (TypeFacts.IsBytePointer(type) || !isBuffer && TypeFacts.IsAnyPointer(type)) && lengthFollows && p + 1 < parameters.Length && IsLengthOf(lengthRole, parameters[p + 1]))
                    {
                        plan.Parameters.Add(new(writable ? Memory : ReadOnlyMemory, name));
                        arguments[key] = new(key, RequestValue.Parameter, name);
                        r++;
                        p++;
                    }
                    else
                    {
                        problem = "a byte pointer followed by its length, a byte[], or a " + (writable ? "Span<byte>" : "ReadOnlySpan<byte>");
                    }

                    break;

                case ParameterRole.Vectors:
                    // The wrapper's iovecs point at memory it manages itself; the generated method takes the buffers
                    // instead, and the ring builds (and pins) the iovecs. Their count is then the list's.
                    bool vectorCountGiven = parameters.Length - (p + 1) > roles.Length - (r + 2);
                    if (byValue && TypeFacts.IsAnyPointer(type) && next && TypeFacts.IsInteger(parameters[p + 1].Type))
                    {
                        r++;
                        p++;
                    }
                    else if (byValue && IsVectorArray(type) && (!vectorCountGiven || TypeFacts.IsInteger(parameters[p + 1].Type)))
                    {
                        // An iovec[] or a span of them, with or without the count after it.
                        r++;
                        p += vectorCountGiven ? 1 : 0;
                    }
                    else
                    {
                        problem = "an iovec pointer, array or span, followed by its count";
                    }

                    // The list the factory takes: of Memory for readv, of ReadOnlyMemory for writev.
                    plan.Parameters.Add(new(factory.TypeOf(ParameterRole.Vectors), name));
                    arguments[role] = new(role, RequestValue.Parameter, name);
                    break;

                case ParameterRole.Offset:
                    problem = byValue && TypeFacts.IsIntegerOrTypedef(type) ? null : "an integer offset";
                    plan.Parameters.Add(new(TypeFacts.Qualified(type), name, DefaultOf(parameter)));
                    arguments[role] = new(role, RequestValue.Integer, name, IntegerTypeModel.Of(type), "long");
                    if (OffsetMinusOneIsFilePosition(shape.Op) && CanBeNegativeAsLong(type))
                    {
                        // The forms with RWF_ flags (preadv2, pwritev2) take -1 as the file position too (preadv2(2)).
                        answers.Add(new(
                            System.Array.IndexOf(roles, ParameterRole.Flags) > r ? AnswerWithoutRing.OffsetBelowFilePositionIsInvalid : AnswerWithoutRing.NegativeOffsetIsInvalid,
                            name,
                            IntegerTypeModel.Of(type)));
                    }

                    break;

                case ParameterRole.OffsetPointer:
                case ParameterRole.OffsetPointer2:
                    // loff_t* (splice): the kernel reads the offset through it and writes the advanced offset back.
                    // The ring takes the offset by value and writes nothing back, so a pointer (or ref) would lose
                    // the advance and turn NULL into offset 0: only an offset passed by value fits, -1 for none, and
                    // only when RingOp is stated (a libc import taking it by value passes a pointer's bits, 0 = NULL).
                    if (!byValue || TypeFacts.IsAnyPointer(type))
                    {
                        problem = OffsetByValue;
                    }
                    else if (!TypeFacts.IsIntegerOrTypedef(type))
                    {
                        problem = "an integer offset (-1 for none)";
                    }
                    else if (!stated)
                    {
                        problem = "a pointer to the offset, which the kernel advances: a worker runs the wrapper";
                    }

                    plan.Parameters.Add(new(TypeFacts.Qualified(type), name, DefaultOf(parameter)));
                    arguments[role] = new(role, RequestValue.Integer, name, IntegerTypeModel.Of(type), "long");
                    break;

                case ParameterRole.Path:
                case ParameterRole.Path2:
                    problem = byValue && (type.SpecialType == SpecialType.System_String || TypeFacts.IsBytePointer(type) && type is IPointerTypeSymbol)
                        ? null
                        : "a string (or a UTF-8 byte* path)";
                    if (problem is null && type.SpecialType == SpecialType.System_String && !PathEncoding.IsUtf8(method, parameter))
                    {
                        // The ring sends UTF-8; the wrapper sends UTF-16, which the kernel reads up to the first character.
                        problem = "a string the wrapper passes as UTF-8 (the kernel reads a path as bytes; CharSet.Unicode, StringMarshalling.Utf16"
                            + " and [MarshalAs(LPWStr)] pass UTF-16, so the ring would use another path than the wrapper: declare it UTF-8, or a worker runs the wrapper as it is)";
                    }

                    // A string keeps its annotation: `string? path` takes null as the wrapper does (the synchronous call
                    // passes NULL, EFAULT), and a null path is one the ring request refuses, so the wrapper runs for it.
                    // Its default too (`string path = "/dev/null"`): a call that left the path out of the wrapper leaves it out here.
                    // Not a pointer path's (only null can be): the variant's `string` would take null with a warning (CS8625), and
                    // the wrapper run for it would be given "" where a call leaving the path out passes NULL.
                    bool isString = type.SpecialType == SpecialType.System_String;
                    plan.Parameters.Add(new(isString ? TypeFacts.Qualified(type) : "string", name, isString ? DefaultOf(parameter) : null));
                    arguments[role] = new(role, RequestValue.Parameter, name);
                    break;

                case ParameterRole.Flags when shape.Op is RingOpKind.ReadV or RingOpKind.WriteV:
                    // preadv2/pwritev2's RWF_* flags: RingRequest.ReadV/WriteV have no place for them. Dropping them
                    // would change what the call does, so a non-zero value throws instead of being ignored.
                    problem = byValue && TypeFacts.IsIntegerLike(type) ? null : "an integer";
                    plan.Parameters.Add(new(TypeFacts.Qualified(type), name, DefaultOf(parameter)));
                    mustBeZero.Add(name);
                    break;

                case ParameterRole.Flags:
                case ParameterRole.Mode:
                case ParameterRole.Mask:
                case ParameterRole.Length:
                case ParameterRole.Advice:
                case ParameterRole.How:
                    problem = byValue && (TypeFacts.IsIntegerLike(type) || TypeFacts.IsIntegerOrTypedef(type)) ? null : "an integer";
                    plan.Parameters.Add(new(TypeFacts.Qualified(type), name, DefaultOf(parameter)));
                    arguments[role] = new(role, RequestValue.Integer, name, IntegerTypeModel.Of(type), factory.TypeOf(role), Meaning: factory.MeaningOf(role));
                    if (factory.MeaningOf(role) == IntegerMeaning.TransferLength && problem is null)
                    {
                        answers.Add(new(AnswerWithoutRing.ZeroLengthMovesNothing, name, IntegerTypeModel.Of(type)));
                    }

                    if (role == ParameterRole.Length && shape.Op == RingOpKind.Ftruncate && problem is null && CanBeNegativeAsLong(type))
                    {
                        // ftruncate(2) answers EINVAL for a negative length (a ulong of 2^63 and up is one, as its off_t),
                        // before it looks at the descriptor; RingRequest.Ftruncate would throw ArgumentOutOfRangeException.
                        answers.Add(new(AnswerWithoutRing.NegativeLengthIsInvalid, name, IntegerTypeModel.Of(type)));
                    }

                    break;

                case ParameterRole.PollFds:
                    problem = IsPollFds(parameter) && next && TypeFacts.IsInteger(parameters[p + 1].Type) ? null : "a struct pollfd pointer followed by nfds";
                    if (problem is null && !stated)
                    {
                        // The ring polls one descriptor and has no timeout (cancellation ends it): a wrapper taking a pollfd
                        // array, its count and a timeout would lose all but the first and wait where a timeout of 0 returns.
                        // Without RingOp.Poll a worker runs poll(2) as declared; with it, the one-descriptor form is asked for.
                        problem = "a pollfd array, nfds and a timeout, which the ring's poll (one descriptor, until ready or cancelled) does not take";
                    }

                    if (problem is null && r + 2 < roles.Length && roles[r + 2] == ParameterRole.PollTimeout)
                    {
                        if (p + 2 < parameters.Length && TypeFacts.IsInteger(parameters[p + 2].Type))
                        {
                            // nfds and the timeout: one descriptor is polled, and cancellation replaces the timeout.
                            r += 2;
                            p += 2;
                        }
                        else
                        {
                            problem = "poll takes a pollfd pointer, nfds and a timeout";
                        }
                    }

                    plan.Parameters.Add(new("int", "fd"));
                    plan.Parameters.Add(new("global::AsyncSys.PollEvents", "events"));
                    arguments[ParameterRole.Fd] = new(ParameterRole.Fd, RequestValue.Parameter, "fd");
                    arguments[ParameterRole.Flags] = new(ParameterRole.Flags, RequestValue.Parameter, "events");
                    break;

                case ParameterRole.MessageHeader:
                    problem = byValue && TypeFacts.IsAnyPointer(type) ? null : "a struct msghdr pointer";
                    plan.Parameters.Add(new("nint", name));
                    arguments[role] = new(role, RequestValue.Parameter, name);
                    break;

                case ParameterRole.StatxBuffer:
                    if (byValue && TypeFacts.MarkedOutputValueStruct(parameter) is { } marked)
                    {
                        // `[OutputValue] Statx*`: the mark asks for the struct back, as `out Statx` gets it. A struct under 256
                        // bytes is refused as an out one is (the wrapper, run as the fallback, would let statx write past it).
                        if (ValueSize.Of(marked) is int markedHolds && markedHolds < 256)
                        {
                            problem = "an [OutputValue] struct of at least 256 bytes (statx writes a struct statx there; '" + marked.ToDisplayString() + "' holds " + markedHolds + ")";
                        }
                        else
                        {
                            string bytes = locals.Claim(parameter.Name + "Bytes");
                            string qualified = TypeFacts.Qualified(marked);
                            rented = new RentedBufferModel(bytes, qualified);
                            arguments[role] = new(role, RequestValue.RentedBuffer, bytes);
                            outValue = new ResultValueModel(qualified, TypeFacts.PascalCase(parameter.Name), ResultSource.RentedStruct, bytes);
                        }
                    }
                    else if (parameter.RefKind == RefKind.Out && type.IsUnmanagedType && !type.IsRefLikeType && type.TypeKind == TypeKind.Struct
                        && ValueSize.Of(type) is int holds && holds < 256)
                    {
                        // The ring form would be safe (it lends the kernel 256 bytes of its own), but the wrapper is not: called
                        // synchronously, or run for arguments the request cannot take, statx writes 256 bytes into the caller's
                        // smaller struct. The worker planner refuses it the same way, naming the size.
                        problem = "an out struct of at least 256 bytes (statx writes a struct statx there; '" + type.ToDisplayString() + "' holds " + holds + ")";
                    }
                    else if (parameter.RefKind == RefKind.Out && type.IsUnmanagedType && !type.IsRefLikeType && type.TypeKind == TypeKind.Struct)
                    {
                        // An out struct: the generated method owns a buffer the kernel fills, and returns the struct.
                        string bytes = locals.Claim(parameter.Name + "Bytes");
                        string qualified = TypeFacts.Qualified(type);
                        // Rented, and returned only after the await: the ring keeps it pinned until the kernel is done with it.
                        rented = new RentedBufferModel(bytes, qualified);
                        arguments[role] = new(role, RequestValue.RentedBuffer, bytes);
                        outValue = new ResultValueModel(qualified, TypeFacts.PascalCase(parameter.Name), ResultSource.RentedStruct, bytes);
                    }
                    else if (byValue && (TypeFacts.IsAnyPointer(type) || TypeFacts.IsByteSpan(type, out bool readOnly) && !readOnly))
                    {
                        plan.Parameters.Add(new(Memory, name));
                        arguments[role] = new(role, RequestValue.Parameter, name);
                    }
                    else
                    {
                        problem = "an out struct, a pointer or a Span<byte> of at least 256 bytes";
                    }

                    break;

                default:
                    problem = "it has no place in RingRequest." + shape.Op;
                    break;
            }

            if (problem is not null)
            {
                whyNot = "parameter '" + parameter.Name + "' must be " + problem;
                return null;
            }

            p++;
        }

        if (p != parameters.Length)
        {
            whyNot = shape.EntryPoint + " takes " + roles.Length + " parameters";
            return null;
        }

        if (!AddReturnValue(plan, shape, method.ReturnType, negativeErrno, outValue is not null, out whyNot))
        {
            return null;
        }

        if (outValue is not null)
        {
            plan.Values.Add(outValue);
        }

        // The factory's arguments the wrapper provides, in the factory's order; the emitter fills in the rest.
        var given = new List<RequestArgumentModel>();
        foreach (RequestArgument argument in factory.FormFor(arguments.Keys).Arguments)
        {
            if (arguments.TryGetValue(argument.Role, out RequestArgumentModel? value))
            {
                given.Add(value);
            }
            else if (argument.WhenAbsent == AbsentValue.Required)
            {
                // A shape that lacks a role its factory needs is a bug in the table: ASYS0000, never a wrong request.
                throw new System.InvalidOperationException("RingRequest." + factory.Name + " needs a " + argument.Role + " argument, which " + shape.EntryPoint + "'s shape lacks");
            }
        }

        plan.WrapperRoles = bound;
        plan.Ring = new RingCallModel(shape.Op, EquatableArray.From(given), shape.EntryPoint, EquatableArray.From(mustBeZero), rented, EquatableArray.From(answers));
        whyNot = "";
        return plan;
    }

    private static bool AddReturnValue(CallPlan plan, SyscallShape shape, ITypeSymbol returnType, bool negativeErrno, bool hasOutValue, out string whyNot)
    {
        whyNot = "";
        bool isVoid = returnType.SpecialType == SpecialType.System_Void;
        if (isVoid && !negativeErrno)
        {
            return true;
        }

        if (!TypeFacts.IsSignedOrTypedef(returnType))
        {
            whyNot = "the wrapper must return a signed integer (int, long, nint, or a typedef struct of one)" + (negativeErrno ? "" : " or void") + " to run on the ring";
            return false;
        }

        if (shape.Op == RingOpKind.Poll && !negativeErrno)
        {
            // poll's own result counts ready descriptors; with one descriptor, its revents are the useful answer.
            plan.Values.Add(new("global::AsyncSys.PollEvents", "Events", ResultSource.PollEvents, Other: shape.EntryPoint));
            return true;
        }

        if (shape.Op == RingOpKind.Poll)
        {
            // The same answer as a number, -errno for a failure: a descriptor that is not open is still POLLNVAL, as
            // poll(2) answers it, never the ring's own EBADF.
            plan.Values.Add(new(TypeFacts.Qualified(returnType), "ReturnValue", ResultSource.PollEventsOrNegativeErrno, As: IntegerTypeModel.Of(returnType)));
            return true;
        }

        if (shape.ZeroOnSuccess && hasOutValue && !negativeErrno)
        {
            // A failure throws, so a success's 0 says nothing next to the out-value.
            return true;
        }

        // int, long and nint take the ring's int as it is; anything else is converted.
        plan.Values.Add(returnType.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_IntPtr
            ? new(TypeFacts.Qualified(returnType), "ReturnValue", ResultSource.RingResult)
            : new(TypeFacts.Qualified(returnType), "ReturnValue", ResultSource.RingResultAs, As: IntegerTypeModel.Of(returnType)));
        return true;
    }

    private static bool IsLengthOf(ParameterRole lengthRole, IParameterSymbol candidate)
    {
        if (lengthRole == ParameterRole.AddressLengthPointer)
        {
            return candidate.RefKind != RefKind.None || TypeFacts.IsAnyPointer(candidate.Type);
        }

        return candidate.RefKind == RefKind.None && TypeFacts.IsIntegerOrTypedef(candidate.Type);
    }

    /// <summary>An array or span of the wrapper's own iovec struct.</summary>
    private static bool IsVectorArray(ITypeSymbol type)
    {
        ITypeSymbol? element = type is IArrayTypeSymbol { Rank: 1 } array ? array.ElementType : TypeFacts.IsSpan(type, out ITypeSymbol? spanned, out _) ? spanned : null;
        return element is { TypeKind: TypeKind.Struct, IsUnmanagedType: true } && !TypeFacts.IsInteger(element);
    }

    private static bool IsPollFds(IParameterSymbol parameter) =>
        parameter.RefKind is RefKind.Ref or RefKind.In
            ? parameter.Type.TypeKind == TypeKind.Struct
            : TypeFacts.IsAnyPointer(parameter.Type) || TypeFacts.IsSpan(parameter.Type, out _, out _);

    /// <summary>
    /// Whether the operation's offset -1 means "the file position" (read, write, readv, writev: the table names a call at
    /// the file position apart from the one at an offset), which the positional synchronous calls refuse with EINVAL.
    /// </summary>
    private static bool OffsetMinusOneIsFilePosition(RingOpKind op)
    {
        AsyncSys.Shared.RingOpInfo info = AsyncSys.Shared.RingOperations.Of(op);
        return info.Has(AsyncSys.Shared.RingOpTraits.CarriesFileOffset) && info.SyscallAtFilePosition != info.Syscall;
    }

    /// <summary>Whether the value, as the ring's long, can be negative: a signed integer, or a 64-bit unsigned one (its bits).</summary>
    private static bool CanBeNegativeAsLong(ITypeSymbol type) =>
        TypeFacts.IntegerOf(type)?.SpecialType is SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_Int32 or
            SpecialType.System_Int64 or SpecialType.System_IntPtr or SpecialType.System_UInt64 or SpecialType.System_UIntPtr;

    /// <summary>A parameter's default value as C# source (<c> = 0</c>), or <see langword="null"/>.</summary>
    internal static string? DefaultOf(IParameterSymbol parameter) => DefaultValues.Of(parameter);

    /// <summary>An int descriptor as it is; nint, IntPtr and typedef structs checked into an int.</summary>
    private static RequestArgumentModel Descriptor(ParameterRole role, string name, ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Int32
            ? new(role, RequestValue.Parameter, name)
            : new(role, RequestValue.Descriptor, name, IntegerTypeModel.Of(type));
}
