using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncSys.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncSys.Generator.Model;

/// <summary>
/// Plans a call that runs the synchronous wrapper on one of the ring's blocking-call workers: a state struct
/// carries the arguments there and the out-values back, and the worker captures errno right after the call.
/// What a pointer parameter is comes from the table of known calls (<see cref="KnownSyscalls"/>) or from the
/// user's marks (<see cref="ParameterMarks"/>); an unmarked pointer of an unknown call is refused (ASYS0013).
/// </summary>
internal static class BlockingCallPlanner
{
    private const string Memory = "global::System.Memory<";
    private const string ReadOnlyMemory = "global::System.ReadOnlyMemory<";

    /// <summary>Plans the offloaded call; reports unsupported parameters and results to <paramref name="problems"/>.</summary>
    public static CallPlan? TryPlan(
        IMethodSymbol method,
        string syscallName,
        bool negativeErrno,
        ReturnConvention? statedErrors,
        string stateTypeName,
        string? cancelHook,
        LocalNames locals,
        ProblemSink problems)
    {
        var plan = new CallPlan();
        var fields = new List<ParameterModel>();
        var initializers = new List<StateInitializerModel>();
        var pins = new List<PinModel>();
        var arguments = new List<WorkerArgumentModel>();
        var checks = new List<WorkerCheck>();
        bool ok = true;

        // A static wrapper is called by its full name; an instance one on the instance the state carries.
        string wrapper = TypeFacts.Escape(method.Name);
        string? self = null;
        if (method.IsStatic)
        {
            wrapper = TypeFacts.Qualified(method.ContainingType) + "." + wrapper;
        }
        else
        {
            self = locals.Claim("Self");
            fields.Add(new(TypeFacts.Qualified(method.ContainingType), self));
            initializers.Add(new(self, StateValue.This));
        }

        ImmutableArray<IParameterSymbol> parameters = method.Parameters;
        WrapperRoles roles = WrapperRoles.Of(method, syscallName, statedErrors, problems);
        ok &= roles.MarksValid;
        for (int i = 0; i < parameters.Length; i++)
        {
            IParameterSymbol parameter = parameters[i];
            ITypeSymbol type = parameter.Type;
            string name = TypeFacts.Escape(parameter.Name);
            ParameterRole? role = roles.Roles[i];
            int owner = roles.LengthOwner[i];
            IParameterSymbol? ownerParameter = owner >= 0 ? parameters[owner] : null;
            bool ownerIsRaw = ownerParameter is not null && (TypeFacts.IsPointerLike(ownerParameter.Type) || TypeFacts.IsSpan(ownerParameter.Type, out _, out _));
            string? problem = null;
            bool needsMark = false;
            bool countsElements = false;

            if (KeepsAddress(i, roles, parameters) || owner >= 0 && role == ParameterRole.BufferLength && KeepsAddress(owner, roles, parameters))
            {
                // A buffer the C library allocates when it is NULL (getcwd(NULL, size)), declared as an address: the address
                // and its size cross as they are, so NULL with a size can be asked; memory would make NULL mean size 0.
                string qualified = TypeFacts.Qualified(type);
                plan.Parameters.Add(new(qualified, name, DefaultValues.Of(parameter)));
                fields.Add(new(qualified, name));
                initializers.Add(new(name, StateValue.Parameter, name));
                arguments.Add(new(WorkerArgument.Field, name));
            }
            else if ((role is ParameterRole.BufferLength or ParameterRole.AddressLength && ownerIsRaw
                || role == ParameterRole.PollCount && ownerParameter is not null && (ownerParameter.Type is IPointerTypeSymbol || TypeFacts.IsSpan(ownerParameter.Type, out _, out _)))
                && parameter.RefKind == RefKind.None)
            {
                // The length of a buffer the generated method takes as memory: the memory's own length, in what the call
                // counts. A buffer's or an address's length counts bytes, so a span of wider elements passes its size in
                // bytes (read's count beside a Span<ulong> of one is 8: its element count, 1, is EINVAL for an eventfd and a
                // short read elsewhere); poll's nfds and epoll_wait's maxevents count elements.
                arguments.Add(new(WorkerArgument.MemoryLength, TypeFacts.Escape(ownerParameter!.Name), Type: IntegerTypeModel.Of(type),
                    Meaning: role == ParameterRole.BufferLength ? IntegerMeaning.TransferLength : IntegerMeaning.Exact,
                    Element: WiderElementCountedInBytes(role, roles.Roles[owner], ownerParameter.Type)));
            }
            else if (role == ParameterRole.AddressLengthPointer && ownerParameter is { } outOwner && IsWrittenOnly(outOwner, roles.Roles[owner]) && IsOutValue(outOwner.Type))
            {
                // socklen_t* after an out struct (getsockname into `out sockaddr_storage`, getsockopt into `out linger`): the
                // capacity is the struct's size, the size the kernel wrote comes back beside the struct. Only where the
                // wrapper hands the kernel the struct at its C# size: bool and char fields are marshalled at another.
                ITypeSymbol lengthType = parameter.RefKind != RefKind.None ? type : (type as IPointerTypeSymbol)?.PointedAtType ?? type;
                if (!TypeFacts.IsIntegerOrTypedef(lengthType) || parameter.RefKind == RefKind.None && type is not IPointerTypeSymbol)
                {
                    problem = "the address length must be a pointer to (or ref) an integer";
                }
                else if (TypeFacts.NotBlittable(outOwner.Type) is { } why)
                {
                    problem = "it measures the out '" + outOwner.Type.ToDisplayString() + "', which " + why + ", so the struct's size in C# is not the "
                        + "capacity the wrapper hands the kernel; declare the struct with integer fields and fixed buffers, or take the address as a byte[]";
                }
                else
                {
                    string field = locals.Claim(parameter.Name);
                    fields.Add(new(TypeFacts.Qualified(lengthType), field));
                    initializers.Add(new(field, StateValue.SizeOf, TypeFacts.Qualified(outOwner.Type), IntegerTypeModel.Of(lengthType)));
                    if (parameter.RefKind != RefKind.None)
                    {
                        arguments.Add(new(WorkerArgument.Ref, field));
                    }
                    else
                    {
                        string pointer = locals.Claim(parameter.Name + "Pointer");
                        pins.Add(new(TypeFacts.Qualified(lengthType), pointer, PinSource.FieldAddress, field));
                        arguments.Add(new(WorkerArgument.Pointer, pointer));
                    }

                    plan.Values.Add(new(TypeFacts.Qualified(lengthType), TypeFacts.PascalCase(parameter.Name), ResultSource.StateField, field));
                }
            }
            else if (role == ParameterRole.AddressLengthPointer && ownerParameter is not null && (ownerIsRaw || ownerParameter.Type is IArrayTypeSymbol))
            {
                // socklen_t* (in: the address buffer's capacity, out: the address's size): kept in the state, returned.
                // The capacity is the memory's (or the array's) length.
                bool ownerIsArray = ownerParameter.Type is IArrayTypeSymbol;
                ITypeSymbol lengthType = parameter.RefKind != RefKind.None ? type : (type as IPointerTypeSymbol)?.PointedAtType ?? type;
                if (!TypeFacts.IsIntegerOrTypedef(lengthType) || parameter.RefKind == RefKind.None && type is not IPointerTypeSymbol)
                {
                    problem = "the address length must be a pointer to (or ref) an integer";
                }
                else
                {
                    string ownerName = TypeFacts.Escape(ownerParameter.Name);
                    string field = locals.Claim(parameter.Name);
                    fields.Add(new(TypeFacts.Qualified(lengthType), field));
                    initializers.Add(new(field, ownerIsArray ? StateValue.LengthOfArray : StateValue.LengthOf, ownerName, IntegerTypeModel.Of(lengthType)));
                    if (parameter.RefKind != RefKind.None)
                    {
                        arguments.Add(new(WorkerArgument.Ref, field));
                    }
                    else
                    {
                        string pointer = locals.Claim(parameter.Name + "Pointer");
                        pins.Add(new(TypeFacts.Qualified(lengthType), pointer, PinSource.FieldAddress, field));
                        // No address buffer, no length: NULL, as the synchronous call would be given.
                        arguments.Add(new(ownerIsArray ? WorkerArgument.PointerUnlessEmptyArray : WorkerArgument.PointerUnlessEmpty, pointer, ownerName));
                    }

                    plan.Values.Add(new(TypeFacts.Qualified(lengthType), TypeFacts.PascalCase(parameter.Name), ResultSource.StateField, field));
                }
            }
            else if (parameter.RefKind == RefKind.Out)
            {
                if (type.IsRefLikeType || type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
                {
                    problem = "an out " + (type.IsRefLikeType ? "ref struct" : "pointer") + " cannot be returned asynchronously";
                }
                else if (KernelWrites(role) is int writes and > 0 && ValueSize.Of(type) is int holds && holds < writes)
                {
                    // The kernel writes the whole size through the pointer the wrapper passes: past this value, into the
                    // state beside it (the synchronous call overwrites its caller's stack the same way).
                    problem = "the kernel writes " + writes + " bytes through it (" + WhatTheKernelWrites(role) + "), and '" + type.ToDisplayString()
                        + "' holds " + holds + "; declare " + FixedSizeHint(role);
                }
                else if (StructTooSmall(role, roles.EntryPoint, type) is { } tooSmall)
                {
                    problem = tooSmall;
                }
                else
                {
                    fields.Add(new(TypeFacts.Qualified(type), name));
                    // An out value with a byte count of its own (fgetxattr's value and size, a read of one siginfo and its
                    // count): a count larger than the value would let the kernel write past it, into the state beside it.
                    // The variant refuses it before the call, naming the count, rather than cut it down to the value's size,
                    // which would change what the call does (a read of two siginfos would quietly become a read of one).
                    int count = LengthOf(i, roles, ParameterRole.BufferLength);
                    IParameterSymbol? size = count >= 0 && parameters[count].RefKind == RefKind.None && TypeFacts.IsIntegerOrTypedef(parameters[count].Type) ? parameters[count] : null;
                    arguments.Add(new(WorkerArgument.Out, name, Element: TypeFacts.Qualified(type),
                        OutSizeCount: size is null ? null : TypeFacts.Escape(size.Name), OutSizeCountType: size is null ? null : IntegerTypeModel.Of(size.Type)));
                    plan.Values.Add(new(TypeFacts.Qualified(type), TypeFacts.PascalCase(parameter.Name), ResultSource.StateField, name));
                }
            }
            else if (parameter.RefKind == RefKind.Ref && IsWrittenOnly(parameter, role) && IsOutValue(type) && HasLengthPointer(i, roles))
            {
                // `ref` where the kernel only writes (accept's and getsockname's address, getsockopt's option value: the call
                // ignores what it holds): as `out`, a zeroed value in the state whose size is the capacity, returned.
                fields.Add(new(TypeFacts.Qualified(type), name));
                arguments.Add(new(WorkerArgument.Ref, name));
                plan.Values.Add(new(TypeFacts.Qualified(type), TypeFacts.PascalCase(parameter.Name), ResultSource.StateField, name));
            }
            else if (parameter.RefKind != RefKind.None)
            {
                if (role is ParameterRole.OffsetPointer or ParameterRole.OffsetPointer2 or ParameterRole.OutValue or ParameterRole.InValue && !type.IsRefLikeType)
                {
                    // ref/in T: the value crosses in the state; an offset or a value the call updates comes back.
                    string qualified = TypeFacts.Qualified(type);
                    fields.Add(new(qualified, name));
                    if (role != ParameterRole.OutValue)
                    {
                        plan.Parameters.Add(new(qualified, name));
                        initializers.Add(new(name, StateValue.Parameter, name));
                    }

                    arguments.Add(new(parameter.RefKind == RefKind.In ? WorkerArgument.In : WorkerArgument.Ref, name));
                    if (role != ParameterRole.InValue)
                    {
                        plan.Values.Add(new(qualified, TypeFacts.PascalCase(parameter.Name), ResultSource.StateField, name));
                    }
                }
                else if (parameter.RefKind == RefKind.Ref && !roles.Known && TypeFacts.IsIntegerOrTypedef(type)
                    && HasBuffer(parameters))
                {
                    // A ref length beside a buffer, in a wrapper the table does not know (an ordinary method, a call outside
                    // it): it may be a value-result length (getpeername's), an input, or an output, and no mark says which.
                    problem = "a ref integer beside a buffer may be read, written or both (a value-result length), and '" + method.Name
                        + "' is not a call in the table, where that is known; no mark states it: take the capacity by value and return the "
                        + "written length as an out parameter (int " + method.Name + "(..., int capacity, out int " + parameter.Name + ")), or mark "
                        + "[DllImport]/[LibraryImport] of the libc call itself (getpeername, getsockname, getsockopt, accept, recvfrom), whose length the table knows";
                }
                else if (role is ParameterRole.InBuffer or ParameterRole.OutBuffer && type.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte)
                {
                    // The table knows the direction (write's buf is read, read's is written): what cannot cross is the
                    // reference to the buffer's first element (`ref byte`, `in byte`, `ref readonly byte`), not a value.
                    problem = "it is the buffer '" + roles.EntryPoint + "' " + (role == ParameterRole.InBuffer ? "reads" : "writes")
                        + " given as a reference to its first element, which cannot cross an await and carries no length; declare it a pointer, an array or a "
                        + (role == ParameterRole.InBuffer ? "ReadOnlySpan<byte>" : "Span<byte>") + " (the variant takes "
                        + (role == ParameterRole.InBuffer ? "ReadOnlyMemory<byte>" : "Memory<byte>") + ")";
                }
                else
                {
                    problem = RefParameterProblem(method, parameter, roles.EntryPoint);
                }
            }
            else if (i == 0 && type.SpecialType == SpecialType.System_String && parameter.RefKind == RefKind.None && IsTemplateCall(roles.EntryPoint)
                && !RingPlacement.IsOrdinary(method))
            {
                // mkdtemp(3), mkstemp(3) and their kin rewrite the template's X's in place: the caller reads the name back from
                // it (and mkdtemp returns its address). A string is marshalled as a temporary copy that is dropped after the call.
                problem = "it is the template '" + roles.EntryPoint + "' rewrites in place (the X's replaced by the name it made), declared string: the marshaller "
                    + "hands the call a temporary copy and drops it, so the name is lost" + (roles.EntryPoint == "mkdtemp" ? " and the address returned is the copy's" : "")
                    + "; declare it byte[], Span<byte> or byte* (the variant takes Memory<byte>), or a StringBuilder, holding the template and its NUL";
            }
            else if (role == ParameterRole.OutBuffer && type.SpecialType == SpecialType.System_String)
            {
                // The marshaller passes a copy of the string's text and drops it after the call: what the kernel writes never
                // reaches the caller (and goes past the copy's end when the length says more than the text holds).
                problem = "it is the buffer '" + roles.EntryPoint + "' writes, declared string: the marshaller hands the call a temporary copy of the "
                    + "text and drops it, so what the kernel writes is lost (and written past the copy when the length is larger than the text); "
                    + "declare it byte[], Span<byte> or byte* (the variant takes Memory<byte>), or a StringBuilder with that capacity";
            }
            else if (TypeFacts.IsSpan(type, out ITypeSymbol? element, out bool readOnly))
            {
                // The span becomes memory, which can live in the state; the worker takes the span back out of it.
                // An input buffer is ReadOnlyMemory even when the wrapper takes a Span: the call only reads it.
                bool input = readOnly || role is ParameterRole.InBuffer or ParameterRole.InAddress;
                string memory = (input ? ReadOnlyMemory : Memory) + TypeFacts.Qualified(element!) + ">";
                plan.Parameters.Add(new(memory, name));
                fields.Add(new(memory, name));
                initializers.Add(new(name, StateValue.Parameter, name));
                arguments.Add(new(input && !readOnly ? WorkerArgument.SpanOfReadOnly : WorkerArgument.Span, name,
                    KernelWrites: KernelWrites(role), Element: TypeFacts.Qualified(element!)));
            }
            else if (type is IPointerTypeSymbol || TypeFacts.IsPointerLike(type) && role is { } pointerRole && IsPointerRole(pointerRole))
            {
                problem = PlanPointer(parameter, role, roles, plan, fields, initializers, pins, arguments, locals, out needsMark);
            }
            else if (role == ParameterRole.OutFdPair && type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Int32 })
            {
                // int[2] the call fills: allocated here, returned as the two descriptors.
                fields.Add(new("int[]", name));
                initializers.Add(new(name, StateValue.NewFdPair));
                arguments.Add(new(WorkerArgument.Field, name));
                plan.Values.Add(new("int", FdPairName(roles.EntryPoint, 0), ResultSource.StateElement, name, Index: 0));
                plan.Values.Add(new("int", FdPairName(roles.EntryPoint, 1), ResultSource.StateElement, name, Index: 1));
            }
            else if (type is IFunctionPointerTypeSymbol)
            {
                problem = "a function pointer cannot cross an await";
            }
            else if (type.IsRefLikeType)
            {
                problem = "a ref struct cannot cross an await";
            }
            else
            {
                string qualified = TypeFacts.Qualified(type);
                plan.Parameters.Add(new(qualified, name, DefaultValues.Of(parameter)));
                fields.Add(new(qualified, name));
                initializers.Add(new(name, StateValue.Parameter, name));
                // An array where the kernel writes a fixed size (statx's struct) is checked as a span is; null stays NULL.
                // An array with a count the wrapper passes beside it is checked as the ring checks its buffers' counts.
                int count = type is IArrayTypeSymbol ? CountOf(i, parameter, roles, parameters, out countsElements) : -1;
                arguments.Add(type is IArrayTypeSymbol array
                    ? new(WorkerArgument.Field, name, KernelWrites: KernelWrites(role), Element: TypeFacts.Qualified(array.ElementType),
                        Count: count >= 0 ? TypeFacts.Escape(parameters[count].Name) : null,
                        CountType: count >= 0 ? IntegerTypeModel.Of(parameters[count].Type) : null,
                        CountsElements: countsElements)
                    : new(WorkerArgument.Field, name));
            }

            if (problem is not null && needsMark && roles.BadMark == i)
            {
                // Its mark is malformed and already reported (ASYS0005): one message per cause.
                ok = false;
            }
            else if (problem is not null)
            {
                ok = false;
                if (needsMark)
                {
                    problems.Report(DiagnosticDescriptors.PointerNeedsMark, LocationOf(parameter), parameter.Name, method.Name, problem);
                }
                else
                {
                    problems.Report(DiagnosticDescriptors.ParameterNotSupported, LocationOf(parameter), parameter.Name, method.Name, problem);
                }

                if (!problems.WantsAll)
                {
                    return null;
                }
            }
        }

        if (!PlanResult(method, roles, syscallName, negativeErrno, plan, fields, checks, locals, out InvokeReturnModel? returns, problems))
        {
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        plan.Worker = new WorkerCallModel(
            stateTypeName,
            EquatableArray.From(fields),
            EquatableArray.From(initializers),
            wrapper,
            self,
            EquatableArray.From(pins),
            EquatableArray.From(arguments),
            returns!,
            EquatableArray.From(checks),
            syscallName,
            cancelHook);
        return plan;
    }

    /// <summary>
    /// The element type of a span wider than a byte whose length the call counts in bytes (the length of a buffer or
    /// an address: read's count, getsockname's addrlen), as C# text; <see langword="null"/> for a byte span, for a length
    /// that counts elements (poll's nfds, epoll_wait's maxevents beside its events) and for anything not a span.
    /// </summary>
    private static string? WiderElementCountedInBytes(ParameterRole? length, ParameterRole? owner, ITypeSymbol ownerType) =>
        length is ParameterRole.BufferLength or ParameterRole.AddressLength
        && owner is ParameterRole.InBuffer or ParameterRole.OutBuffer or ParameterRole.InAddress or ParameterRole.OutAddress
        && TypeFacts.IsSpan(ownerType, out ITypeSymbol? element, out _) && element!.SpecialType is not (SpecialType.System_Byte or SpecialType.System_SByte)
            ? TypeFacts.Qualified(element)
            : null;

    /// <summary>
    /// A worker call of the wrapper taking the ring variant's own parameters (<paramref name="given"/>), for the ring
    /// variant's arguments its request cannot take: each wrapper parameter gets the value the ring would have used, by
    /// its role in the shape the ring planner fitted (<paramref name="roles"/>): the same value; an <c>nint</c> address
    /// or a memory's pinned span cast back to the wrapper's pointer; a string path as UTF-8 with its NUL (NULL for
    /// null); a buffer list as the kernel's iovecs (pointer, array or span) with their count; poll's one descriptor and
    /// events as a one-entry pollfd array, nfds 1 and no timeout (the ring form waits until ready or cancelled). The
    /// result is planned as for any worker call. <see langword="null"/> for any shape it cannot pass on exactly.
    /// </summary>
    public static CallPlan? TryPlanPassingThrough(
        IMethodSymbol method,
        IReadOnlyList<ParameterModel> given,
        IReadOnlyList<ResultValueModel> ringValues,
        ParameterRole?[]? roles,
        string syscallName,
        bool negativeErrno,
        ReturnConvention? statedErrors,
        string stateTypeName,
        string? cancelHook,
        LocalNames locals)
    {
        if (roles is null || roles.Length != method.Parameters.Length)
        {
            return null;
        }

        var fields = new List<ParameterModel>();
        var initializers = new List<StateInitializerModel>();
        var arguments = new List<WorkerArgumentModel>();
        var pins = new List<PinModel>();
        var vectorPins = new List<VectorPinModel>();
        var used = new HashSet<string>();
        string? self = null;
        if (!method.IsStatic)
        {
            self = locals.Claim("Self");
            fields.Add(new(TypeFacts.Qualified(method.ContainingType), self));
            initializers.Add(new(self, StateValue.This));
        }

        ParameterModel? Given(string name)
        {
            foreach (ParameterModel parameter in given)
            {
                if (parameter.Name == name)
                {
                    used.Add(name);
                    return parameter;
                }
            }

            return null;
        }

        void Carry(ParameterModel parameter)
        {
            fields.Add(new(parameter.Type, parameter.Name));
            initializers.Add(new(parameter.Name, StateValue.Parameter, parameter.Name));
        }

        string? pollCell = null;
        string? vectors = null;
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            IParameterSymbol parameter = method.Parameters[i];
            ITypeSymbol type = parameter.Type;
            string name = TypeFacts.Escape(parameter.Name);
            string qualified = TypeFacts.Qualified(type);
            ParameterRole? role = roles[i];
            if (parameter.RefKind != RefKind.None)
            {
                return null;
            }

            if (Given(name) is { } value)
            {
                bool pointer = TypeFacts.IsPointerLike(type);
                if (qualified == value.Type)
                {
                    Carry(value);
                    arguments.Add(new(WorkerArgument.Field, name));
                }
                else if (pointer && value.Type == "nint")
                {
                    Carry(value);
                    arguments.Add(new(WorkerArgument.Pointer, "state." + name, Cast: qualified));
                }
                else if (pointer && role is ParameterRole.Path or ParameterRole.Path2 && value.Type == "string")
                {
                    // The path as the synchronous call would get it: UTF-8 with its NUL, NULL for null.
                    Carry(value);
                    string pinned = locals.Claim(parameter.Name + "Pointer");
                    pins.Add(new("byte", pinned, PinSource.Utf8StringOrNull, name));
                    arguments.Add(new(WorkerArgument.Pointer, pinned, Cast: qualified == "byte*" ? null : qualified));
                }
                else if (value.Type is "global::System.Memory<byte>" or "global::System.ReadOnlyMemory<byte>" && (pointer || TypeFacts.IsByteSpan(type, out _)))
                {
                    Carry(value);
                    if (TypeFacts.IsByteSpan(type, out bool readOnlySpan))
                    {
                        arguments.Add(new(!readOnlySpan && value.Type.Contains("ReadOnly") ? WorkerArgument.SpanOfReadOnly : WorkerArgument.Span, name));
                    }
                    else
                    {
                        string pinned = locals.Claim(parameter.Name + "Pointer");
                        pins.Add(new("byte", pinned, PinSource.MemorySpan, name));
                        arguments.Add(new(WorkerArgument.Pointer, pinned, Cast: qualified == "byte*" ? null : qualified));
                    }
                }
                else if (role == ParameterRole.Vectors && value.Type.StartsWith("global::System.Collections.Generic.IReadOnlyList<", System.StringComparison.Ordinal)
                    && IovecElement(type) is { } element)
                {
                    // The buffers as the kernel's iovecs (base, length), pinned until the call has returned.
                    string pinsLocal = locals.Claim(parameter.Name + "Pins");
                    vectorPins.Add(new(pinsLocal, name));
                    fields.Add(new("nint[]", name));
                    initializers.Add(new(name, StateValue.PinnedVectors, pinsLocal));
                    vectors = name;
                    if (type is IPointerTypeSymbol)
                    {
                        string pinned = locals.Claim(parameter.Name + "Pointer");
                        pins.Add(new("nint", pinned, PinSource.Array, name));
                        arguments.Add(new(WorkerArgument.Pointer, pinned, Cast: qualified));
                    }
                    else
                    {
                        arguments.Add(new(type is IArrayTypeSymbol ? WorkerArgument.VectorsAsArray : WorkerArgument.VectorsAsSpan, name, Cast: TypeFacts.Qualified(element)));
                    }
                }
                else
                {
                    return null;
                }
            }
            else if (role == ParameterRole.VectorCount && vectors is not null && TypeFacts.IsIntegerOrTypedef(type))
            {
                arguments.Add(new(WorkerArgument.VectorCount, vectors, Type: IntegerTypeModel.Of(type)));
            }
            else if (role is ParameterRole.BufferLength && i > 0 && used.Contains(TypeFacts.Escape(method.Parameters[i - 1].Name)) && TypeFacts.IsIntegerOrTypedef(type)
                && given[IndexOf(given, TypeFacts.Escape(method.Parameters[i - 1].Name))].Type is "global::System.Memory<byte>" or "global::System.ReadOnlyMemory<byte>")
            {
                arguments.Add(new(WorkerArgument.MemoryLength, TypeFacts.Escape(method.Parameters[i - 1].Name), Type: IntegerTypeModel.Of(type), Meaning: IntegerMeaning.TransferLength));
            }
            else if (role == ParameterRole.PollFds && type is IPointerTypeSymbol && Given("fd") is { Type: "int" } fd && Given("events") is { } events)
            {
                // struct pollfd { int fd; short events; short revents; } in one long, pinned for the call; revents comes back.
                pollCell = locals.Claim(parameter.Name);
                fields.Add(new("long", pollCell));
                initializers.Add(new(pollCell, StateValue.PollFd, fd.Name, Other: events.Name));
                string pinned = locals.Claim(parameter.Name + "Pointer");
                pins.Add(new("long", pinned, PinSource.FieldAddress, pollCell));
                arguments.Add(new(WorkerArgument.Pointer, pinned, Cast: qualified));
            }
            else if (role == ParameterRole.PollCount && pollCell is not null && TypeFacts.IsIntegerOrTypedef(type))
            {
                arguments.Add(new(WorkerArgument.Constant, "1", Type: IntegerTypeModel.Of(type)));
            }
            else if (role == ParameterRole.PollTimeout && pollCell is not null && TypeFacts.IsIntegerOrTypedef(type))
            {
                // No timeout: the ring form waits until the descriptor is ready or the token is cancelled.
                arguments.Add(new(WorkerArgument.Constant, "-1", Type: IntegerTypeModel.Of(type)));
            }
            else
            {
                return null;
            }
        }

        if (used.Count != given.Count)
        {
            return null;
        }

        var problems = new ProblemSink(collect: false);
        var plan = new CallPlan();
        var checks = new List<WorkerCheck>();
        WrapperRoles wrapperRoles = WrapperRoles.Of(method, syscallName, statedErrors, problems);
        if (!PlanResult(method, wrapperRoles, syscallName, negativeErrno, plan, fields, checks, locals, out InvokeReturnModel? returns, problems) || returns is null || problems.HasProblems)
        {
            return null;
        }

        if (pollCell is not null)
        {
            // The ring form's answer is the descriptor's ready events: revents, once the call has not failed (in
            // ReturnNegativeErrno mode, its -1 is -errno instead of a throw).
            if (ringValues.Count != 1 || plan.Values.Count != 1)
            {
                return null;
            }

            if (!negativeErrno && ringValues[0].Source == ResultSource.PollEvents && plan.Values[0].Source is ResultSource.WorkerValueOrThrow or ResultSource.WorkerValueOrThrowWhenErrnoSet)
            {
                plan.Values.Clear();
                checks.Add(new(WorkerFailure.MinusOneAndErrno));
                plan.Values.Add(new(ringValues[0].Type, ringValues[0].PropertyName, ResultSource.PollRevents, pollCell));
            }
            else if (negativeErrno && ringValues[0].Source == ResultSource.PollEventsOrNegativeErrno && plan.Values[0].Source == ResultSource.WorkerMinusOneAsNegativeErrno)
            {
                plan.Values.Clear();
                plan.Values.Add(new(ringValues[0].Type, ringValues[0].PropertyName, ResultSource.PollReventsOrNegativeErrno, pollCell, As: ringValues[0].As));
            }
            else
            {
                return null;
            }
        }

        if (pollCell is not null && cancelHook is null)
        {
            // The timeout this plan passes (-1) is the generator's, not the caller's: the wait it starts ends only when the
            // descriptor is ready, never for a negative one (poll(2) ignores it). An ordinary method gets no default hook,
            // so without this one the token could not end that wait and the worker would be held for good.
            cancelHook = WorkerCallModel.InterruptWorkerHook;
        }

        plan.Parameters.AddRange(given);
        string wrapper = TypeFacts.Escape(method.Name);
        plan.Worker = new WorkerCallModel(
            stateTypeName,
            EquatableArray.From(fields),
            EquatableArray.From(initializers),
            method.IsStatic ? TypeFacts.Qualified(method.ContainingType) + "." + wrapper : wrapper,
            self,
            EquatableArray.From(pins),
            EquatableArray.From(arguments),
            returns,
            EquatableArray.From(checks),
            syscallName,
            cancelHook,
            VectorPins: EquatableArray.From(vectorPins));
        return plan;
    }

    private static int IndexOf(IReadOnlyList<ParameterModel> parameters, string name)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The wrapper's iovec struct, from its pointer, array or span of them.</summary>
    private static ITypeSymbol? IovecElement(ITypeSymbol type)
    {
        ITypeSymbol? element = type is IPointerTypeSymbol pointer ? pointer.PointedAtType
            : type is IArrayTypeSymbol { Rank: 1 } array ? array.ElementType
            : TypeFacts.IsSpan(type, out ITypeSymbol? spanned, out _) ? spanned : null;
        return element is { TypeKind: TypeKind.Struct, IsUnmanagedType: true } && !TypeFacts.IsInteger(element) ? element : null;
    }

    /// <summary>
    /// The bytes the kernel writes for a role whatever the length of the memory given: struct statx (256 bytes, as
    /// RingRequest.Statx requires), pipe's and socketpair's two descriptors. A span shorter than that would let the
    /// kernel write past it; 0 for a role whose length the call is told.
    /// </summary>
    /// <summary>
    /// The parameter the wrapper passes as the count of array <paramref name="index"/>, or -1: its
    /// <c>[MarshalAs(LPArray, SizeParamIndex = n)]</c> (a count of elements, unless it is the table's byte length of a
    /// buffer: read's and write's count), else the length the table puts after it (a count of bytes, or of elements for an
    /// array of structs the call fills). A count larger than the array would let the
    /// kernel read or write past its end; only an integer taken by value is checked.
    /// </summary>
    private static int CountOf(int index, IParameterSymbol array, WrapperRoles roles, ImmutableArray<IParameterSymbol> parameters, out bool elements)
    {
        elements = false;
        int count = -1;
        foreach (AttributeData attribute in array.GetAttributes())
        {
            if (attribute.AttributeClass is { } type && TypeFacts.IsNamed(type, "System.Runtime.InteropServices", "MarshalAsAttribute"))
            {
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "SizeParamIndex" && named.Value.Value is short sizeParamIndex)
                    {
                        count = sizeParamIndex;
                        elements = true;
                    }
                }
            }
        }

        if (elements && roles.FromTable && roles.Roles[index] is ParameterRole.InBuffer or ParameterRole.OutBuffer
            && count == System.Array.IndexOf(roles.LengthOwner, index))
        {
            // The table's unit wins over the marshaller's: read(fd, [Out, MarshalAs(LPArray, SizeParamIndex = 2)] js_event[] ev,
            // count) reads count bytes, as the synchronous call does, so the array holds Length * sizeof(js_event) of them.
            // Taken as elements, 16 bytes into two 8-byte events were refused as past the end (round 25).
            elements = false;
        }

        if (count < 0)
        {
            count = System.Array.IndexOf(roles.LengthOwner, index);
            // epoll_wait's maxevents and poll's nfds count structs; a buffer's length counts bytes. Counted in bytes, poll's
            // nfds of two beside an array of one pollfd (8 bytes) passed the check and the kernel went 8 bytes past the array.
            elements = count >= 0 && roles.Roles[index] is ParameterRole.OutElements or ParameterRole.PollFds;
        }

        return count >= 0 && count < parameters.Length && count != index && parameters[count].RefKind == RefKind.None && TypeFacts.IsInteger(parameters[count].Type)
            ? count
            : -1;
    }

    /// <summary>
    /// What an <c>out</c> address or option value can be: a value the state can hold (a struct, an integer, an enum:
    /// getsockopt's <c>out int optval</c> is the same shape as <c>out linger</c>), not a ref struct.
    /// </summary>
    /// <summary>
    /// An address or option value the kernel only writes: an <c>out</c> one, or a <c>ref</c> one whose role is an output
    /// address (accept, getsockname, getpeername, recvfrom's source, getsockopt's value: the call ignores what it holds). A
    /// <c>ref</c> address the call reads (bind, connect, sendto) is not one.
    /// </summary>
    private static bool IsWrittenOnly(IParameterSymbol parameter, ParameterRole? role) =>
        parameter.RefKind == RefKind.Out || parameter.RefKind == RefKind.Ref && role == ParameterRole.OutAddress;

    /// <summary>Whether a parameter is a buffer by value: an array, a pointer or a span.</summary>
    private static bool HasBuffer(ImmutableArray<IParameterSymbol> parameters)
    {
        foreach (IParameterSymbol p in parameters)
        {
            if (p.RefKind == RefKind.None && (p.Type is IArrayTypeSymbol or IPointerTypeSymbol || TypeFacts.IsSpan(p.Type, out _, out _)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The parameter of role <paramref name="lengthRole"/> that measures parameter <paramref name="index"/>, or -1.</summary>
    private static int LengthOf(int index, WrapperRoles roles, ParameterRole lengthRole)
    {
        for (int j = 0; j < roles.Roles.Length; j++)
        {
            if (roles.Roles[j] == lengthRole && roles.LengthOwner[j] == index)
            {
                return j;
            }
        }

        return -1;
    }

    /// <summary>Whether a value-result length (socklen_t*) measures parameter <paramref name="index"/>.</summary>
    private static bool HasLengthPointer(int index, WrapperRoles roles)
    {
        for (int j = 0; j < roles.Roles.Length; j++)
        {
            if (roles.Roles[j] == ParameterRole.AddressLengthPointer && roles.LengthOwner[j] == index)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether parameter <paramref name="index"/> is the buffer of a call that allocates one when it is NULL (the table's
    /// <see cref="KnownSyscalls.AllocatesWhenNull"/>), declared as an address (<c>nint</c>/<c>nuint</c>, not a pointer): it
    /// stays an address, and its length a number.
    /// </summary>
    private static bool KeepsAddress(int index, WrapperRoles roles, ImmutableArray<IParameterSymbol> parameters) =>
        roles.Known && roles.Roles[index] == ParameterRole.OutBuffer && KnownSyscalls.AllocatesWhenNull(roles.EntryPoint)
        && parameters[index].RefKind == RefKind.None && parameters[index].Type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr;

    private static bool IsOutValue(ITypeSymbol type) =>
        type is { TypeKind: TypeKind.Struct or TypeKind.Enum, IsRefLikeType: false };

    private static int KernelWrites(ParameterRole? role) => role switch
    {
        ParameterRole.StatxBuffer => 256,
        ParameterRole.OutFdPair => 2 * sizeof(int),
        _ => 0,
    };

    /// <summary>
    /// The struct a stat or statfs call writes through its OutValue pointer, whatever the type declared there: struct stat is
    /// 144 bytes on x86_64 and 128 on arm64 (the 64 forms and glibc's __xstat family are the same on both), struct statfs
    /// 120 on both. A struct laid out for another ABI (i386's 88-byte stat) lets the kernel write past it, into the state
    /// beside it, as the synchronous call writes past its caller's variable. What every 64-bit ABI writes at least is asked
    /// for (128 for stat): the platform the assembly runs on is not known here, and arm64's layout is right there, so a struct
    /// of 128 to 143 bytes is not refused (on x86_64 it is still too small). Sizes are read from the declaration
    /// (<see cref="ValueSize"/>); one it cannot read is not judged.
    /// </summary>
    private static string? StructTooSmall(ParameterRole? role, string entryPoint, ITypeSymbol? type)
    {
        if (role != ParameterRole.OutValue || type is null)
        {
            return null;
        }

        (int writes, string what) = entryPoint switch
        {
            "stat" or "lstat" or "fstat" or "fstatat" or "stat64" or "lstat64" or "fstat64" or "fstatat64" or "newfstatat"
                or "__xstat" or "__lxstat" or "__fxstat" or "__xstat64" or "__lxstat64" or "__fxstat64" or "__fxstatat" or "__fxstatat64"
                => (128, "a struct stat (144 bytes on x86_64, 128 on arm64)"),
            "statfs" or "fstatfs" or "statfs64" or "fstatfs64" => (120, "a struct statfs (120 bytes)"),
            _ => (0, ""),
        };
        return writes > 0 && ValueSize.Of(type) is int holds && holds < writes
            ? "the kernel writes " + what + " through it, and '" + type.ToDisplayString() + "' holds " + holds
                + "; declare the struct with the kernel's layout for the platform (x86_64's when the assembly may run there)"
            : null;
    }

    private static string WhatTheKernelWrites(ParameterRole? role) => role == ParameterRole.OutFdPair ? "two descriptors" : "a struct statx";

    private static string FixedSizeHint(ParameterRole? role) => role == ParameterRole.OutFdPair
        ? "an int[] (or an int*, a Span<int> of two, an out struct of two ints)"
        : "an out struct of 256 bytes, a byte* or a Span<byte> of 256 bytes";

    private static bool IsPointerRole(ParameterRole role) => role is
        ParameterRole.Path or ParameterRole.Path2 or ParameterRole.InBuffer or ParameterRole.OutBuffer or ParameterRole.OutElements or ParameterRole.InAddress or
        ParameterRole.OutAddress or ParameterRole.OutValue or ParameterRole.InValue or ParameterRole.OutFdPair or
        ParameterRole.OffsetPointer or ParameterRole.OffsetPointer2 or ParameterRole.Vectors or ParameterRole.StatxBuffer;

    /// <summary>A pointer parameter, mapped by its role. Returns the problem, or <see langword="null"/>.</summary>
    private static string? PlanPointer(
        IParameterSymbol parameter,
        ParameterRole? role,
        WrapperRoles roles,
        CallPlan plan,
        List<ParameterModel> fields,
        List<StateInitializerModel> initializers,
        List<PinModel> pins,
        List<WorkerArgumentModel> arguments,
        LocalNames locals,
        out bool needsMark)
    {
        needsMark = false;
        ITypeSymbol type = parameter.Type;
        string name = TypeFacts.Escape(parameter.Name);
        ITypeSymbol? pointee = (type as IPointerTypeSymbol)?.PointedAtType;
        bool untyped = pointee is null || pointee.SpecialType is SpecialType.System_Void or SpecialType.System_Byte or SpecialType.System_SByte;
        // The pinned pointer, cast to the declared pointer type when that is not a pointer to the pinned element.
        WorkerArgumentModel Pointer(string pointer, string elementType) =>
            new(WorkerArgument.Pointer, pointer, Cast: type is IPointerTypeSymbol { PointedAtType: var target } && TypeFacts.Qualified(target) == elementType ? null : TypeFacts.Qualified(type));

        switch (role)
        {
            case ParameterRole.Path:
            case ParameterRole.Path2:
            {
                if (!untyped)
                {
                    return "a path must be a byte*, sbyte*, void* or string";
                }

                // A NUL-terminated string the call only reads: the caller passes a string, encoded as UTF-8 on the worker.
                // (The "Utf8" name stays claimed, as it was when the bytes had a local, so the other names do not move.)
                locals.Claim(parameter.Name + "Utf8");
                string pointer = locals.Claim(parameter.Name + "Pointer");
                // A default text is kept (`string path = "/dev/null"`); a null one is not: the variant's string is encoded as
                // it is ("" for null, where the wrapper passes NULL), and `string path = null` warns (CS8625) in the
                // generated code. A pointer path's default can only be null.
                plan.Parameters.Add(new("string", name, parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is null ? null : DefaultValues.Of(parameter)));
                fields.Add(new("string", name));
                initializers.Add(new(name, StateValue.Parameter, name));
                pins.Add(new("byte", pointer, PinSource.Utf8String, name));
                arguments.Add(Pointer(pointer, "byte"));
                return null;
            }

            case ParameterRole.InBuffer:
            case ParameterRole.OutBuffer:
            case ParameterRole.OutElements:
            case ParameterRole.PollFds:
            case ParameterRole.InAddress:
            case ParameterRole.OutAddress:
            {
                if (System.Array.IndexOf(roles.LengthOwner, parameter.Ordinal) < 0)
                {
                    return "a buffer needs its length parameter";
                }

                // Memory the call reads (ReadOnlyMemory) or writes (Memory), pinned on the worker only for the call.
                // Its length counts bytes (a typed pointer is still measured in bytes), except for an array of
                // elements such as epoll_wait's events.
                bool input = role is ParameterRole.InBuffer or ParameterRole.InAddress;
                // poll's pollfd array is one too: the kernel reads each events and writes each revents, nfds counts them.
                bool elements = role is ParameterRole.OutElements or ParameterRole.PollFds && !untyped;
                string element = elements ? TypeFacts.Qualified(pointee!) : "byte";
                if (elements && !pointee!.IsUnmanagedType)
                {
                    return "a buffer's element type must be unmanaged";
                }

                string memory = (input ? ReadOnlyMemory : Memory) + element + ">";
                string pointer = locals.Claim(parameter.Name + "Pointer");
                plan.Parameters.Add(new(memory, name));
                fields.Add(new(memory, name));
                initializers.Add(new(name, StateValue.Parameter, name));
                pins.Add(new(element, pointer, PinSource.MemorySpan, name));
                arguments.Add(Pointer(pointer, element));
                return null;
            }

            case ParameterRole.OutValue:
            case ParameterRole.InValue:
            {
                if (untyped || !pointee!.IsUnmanagedType)
                {
                    return role == ParameterRole.OutValue
                        ? "the call writes one value here: declare the parameter as a pointer to that struct (Stat* buf) or as 'out Stat buf'"
                        : "the call reads one value here: declare the parameter as a pointer to that struct";
                }

                if (StructTooSmall(role, roles.EntryPoint, pointee) is { } tooSmall)
                {
                    return tooSmall;
                }

                // One value in the state, pinned for the call: returned (OutValue) or passed in (InValue). A value that is itself
                // an address (getpwnam_r's `struct passwd **result`, declared `[OutputValue] Passwd**`) is held as nint, since a
                // record or an async method cannot carry a pointer type; the call gets the slot's address cast to its own type.
                bool address = pointee is IPointerTypeSymbol or IFunctionPointerTypeSymbol;
                string qualified = address ? "nint" : TypeFacts.Qualified(pointee);
                string pointer = locals.Claim(parameter.Name + "Pointer");
                fields.Add(new(qualified, name));
                pins.Add(new(qualified, pointer, PinSource.FieldAddress, name));
                arguments.Add(new(WorkerArgument.Pointer, pointer, Cast: address ? TypeFacts.Qualified(parameter.Type) : null));
                if (role == ParameterRole.OutValue)
                {
                    plan.Values.Add(new(qualified, TypeFacts.PascalCase(parameter.Name), ResultSource.StateField, name));
                }
                else
                {
                    plan.Parameters.Add(new(qualified, name));
                    initializers.Add(new(name, StateValue.Parameter, name));
                }

                return null;
            }

            case ParameterRole.StatxBuffer when TypeFacts.MarkedOutputValueStruct(parameter) is { } marked:
            {
                // `[OutputValue] Statx*`: one struct statx in the state, pinned for the call and returned, as for `out Statx`.
                // The kernel writes 256 bytes through the pointer, so a smaller struct would let it write past the field.
                if (ValueSize.Of(marked) is int holds && holds < 256)
                {
                    return "the kernel writes 256 bytes through it (a struct statx), and '" + marked.ToDisplayString() + "' holds " + holds + "; declare " + FixedSizeHint(role);
                }

                string qualified = TypeFacts.Qualified(marked);
                string pointer = locals.Claim(parameter.Name + "Pointer");
                fields.Add(new(qualified, name));
                pins.Add(new(qualified, pointer, PinSource.FieldAddress, name));
                arguments.Add(new(WorkerArgument.Pointer, pointer));
                plan.Values.Add(new(qualified, TypeFacts.PascalCase(parameter.Name), ResultSource.StateField, name));
                return null;
            }

            case ParameterRole.OutFdPair:
            {
                if (pointee is not { SpecialType: SpecialType.System_Int32 })
                {
                    return "the descriptor pair must be an int* (or int[])";
                }

                // int fds[2] as one long in the state, pinned for the call; the halves are the two descriptors.
                string pointer = locals.Claim(parameter.Name + "Pointer");
                fields.Add(new("long", name));
                pins.Add(new("long", pointer, PinSource.FieldAddress, name));
                arguments.Add(new(WorkerArgument.Pointer, pointer, Cast: "int*"));
                plan.Values.Add(new("int", FdPairName(roles.EntryPoint, 0), ResultSource.FdPairHalf, name, Index: 0));
                plan.Values.Add(new("int", FdPairName(roles.EntryPoint, 1), ResultSource.FdPairHalf, name, Index: 1));
                return null;
            }

            case ParameterRole.OffsetPointer:
            case ParameterRole.OffsetPointer2:
            {
                if (pointee is null && type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr)
                {
                    // The variant reads the offset before the call and returns the advanced one after it: it must know
                    // the pointee. An address (or NULL) in a nint says neither.
                    return "an offset pointer must point to an integer; an address in '" + type.ToDisplayString() + "' does not say what it points to, so declare it long*: the variant then takes a long? (null uses and advances the file position, as NULL does)";
                }

                if (pointee is null || !TypeFacts.IsIntegerOrTypedef(pointee))
                {
                    return "an offset pointer must point to an integer (long*, off_t*)";
                }

                // off_t*: the caller passes the offset or null (NULL: use and advance the file position); the
                // offset the call advanced comes back.
                string qualified = TypeFacts.Qualified(pointee);
                string has = locals.Claim("Has" + TypeFacts.PascalCase(parameter.Name));
                string pointer = locals.Claim(parameter.Name + "Pointer");
                plan.Parameters.Add(new(qualified + "?", name));
                fields.Add(new(qualified, name));
                fields.Add(new("bool", has));
                initializers.Add(new(has, StateValue.HasValue, name));
                initializers.Add(new(name, StateValue.ValueOrDefault, name));
                pins.Add(new(qualified, pointer, PinSource.FieldAddress, name));
                arguments.Add(new(WorkerArgument.PointerIfPassed, pointer, has));
                plan.Values.Add(new(qualified + "?", TypeFacts.PascalCase(parameter.Name), ResultSource.OptionalOffset, name, Other: has));
                return null;
            }

            case ParameterRole.Vectors:
                return "an iovec array runs only on the ring (readv/writev and their p- forms); keep the table's parameter order so it maps there";

            case null when roles.Known:
                needsMark = true;
                return "the wrapper's parameters do not line up with " + roles.EntryPoint + "'s in the table of known calls; " + MarkHint;

            case null:
                needsMark = true;
                return "'" + roles.EntryPoint + "' is not in the table of known libc calls; " + MarkHint;

            case ParameterRole.Argument:
                needsMark = true;
                return roles.EntryPoint + "'s last argument can point to anything; " + MarkHint;

            case ParameterRole.MessageHeader:
                // The ring planner did not take the wrapper (a SafeHandle socket, RingOp.None): say what the ring needs.
                return "this is " + roles.EntryPoint + "'s struct msghdr pointer, which only the ring's request takes (an address the caller keeps fixed "
                    + "until the task completes), not a worker; the ring takes " + roles.EntryPoint + " with an integer descriptor (int or nint, not a SafeHandle) "
                    + "and integer flags, and without [AsyncSyscall(RingOp.None)]";

            default:
                return "the table of known calls says this is " + roles.EntryPoint + "'s " + role + " parameter, an integer, not a pointer";
        }
    }

    private const string MarkHint =
        "mark it [InputBuffer(nameof(length))] or [OutputBuffer(nameof(length))] (memory and its length), [InputPath] (a string the call reads) or [OutputValue] (one value the call writes)";

    private static string FdPairName(string entryPoint, int index) =>
        entryPoint.StartsWith("pipe", System.StringComparison.Ordinal)
            ? (index == 0 ? "ReadFd" : "WriteFd")
            : (index == 0 ? "Fd0" : "Fd1");

    /// <summary>Plans how the worker's raw result becomes the generated method's value, by the call's return convention.</summary>
    /// <summary>
    /// Why a ref or in parameter the table gives no role to is refused, and what to declare instead. A ref may be read,
    /// written or both (fcntl F_GETLK's flock, a pollfd, select's timeout are read and written back), or its address may be
    /// what counts (a futex word): nothing says which, so the message names a shape for each, and none that drops the value
    /// the call writes back or the value it reads. "Take it by value" is no answer for an import: a struct by value is
    /// passed in registers, not by address.
    /// </summary>
    private static string RefParameterProblem(IMethodSymbol method, IParameterSymbol parameter, string entryPoint)
    {
        string reference = parameter.RefKind == RefKind.In ? "an in parameter" : parameter.RefKind == RefKind.RefReadOnlyParameter ? "a ref readonly parameter" : "a ref parameter";
        if (RingPlacement.IsOrdinary(method))
        {
            return reference + " is the caller's variable, which cannot cross an await, and nothing says whether '" + method.Name + "' reads it, "
                + "writes it or both: if it only reads it, take it by value; if it only writes it, make it out (it comes back in the result); "
                + "if it reads and writes it (an in-out value), take the value in by value and return the new one as an out parameter; if its address "
                + "is what counts (a futex word), take the address as nint, from memory kept fixed until the task completes";
        }

        return reference + " is the address of the caller's variable, which cannot cross an await, and nothing says whether '" + entryPoint
            + "' reads it, writes it or both (an in-out value, such as fcntl F_GETLK's flock, a pollfd or select's timeout): if the call only "
            + "writes it, declare it out (it comes back in the result); if it reads it, or reads and writes it, pass its address as nint, "
            + "from memory kept fixed until the task completes, or call the import from an ordinary method that takes the value and returns "
            + "what the call wrote back as an out parameter";
    }

    /// <summary>
    /// A parameter whose value the call writes and the variant returns as a copy (an out value, an [OutputValue] pointer):
    /// the value lives in the variant's storage while the call runs, not in the caller's variable. For an ordinary method,
    /// only one whose address its body lends out (a body that copies the value out cannot return an address into it).
    /// </summary>
    private static IParameterSymbol? ValueCopiedBack(IMethodSymbol method, WrapperRoles roles)
    {
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            IParameterSymbol parameter = method.Parameters[i];
            ParameterRole? role = i < roles.Roles.Length ? roles.Roles[i] : null;
            if ((role is ParameterRole.OutValue || (parameter.RefKind == RefKind.Out && parameter.Type.IsValueType))
                && (!RingPlacement.IsOrdinary(method) || BodyLendsAddressOf(method, parameter)))
            {
                return parameter;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether an ordinary method's body lends out the address of <paramref name="parameter"/>: passes it by reference
    /// (<c>out tm</c>, <c>ref tm</c>, <c>in tm</c>) or takes it (<c>&amp;tm</c>), so an address the body returns may point
    /// into it. A body that only assigns the parameter (<c>tm = local;</c>) cannot return an address into it.
    /// </summary>
    private static bool BodyLendsAddressOf(IMethodSymbol method, IParameterSymbol parameter)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            foreach (SyntaxNode node in reference.GetSyntax().DescendantNodes())
            {
                ExpressionSyntax? lent = node switch
                {
                    ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument => argument.Expression,
                    PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.AddressOfExpression } address => address.Operand,
                    _ => null,
                };
                if (lent is IdentifierNameSyntax name && name.Identifier.ValueText == parameter.Name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>EINTR as a call that returns its error number reports it.</summary>
    private const string InterruptedErrorNumber = "global::AsyncSys.Errno.EINTR";

    private static bool PlanResult(
        IMethodSymbol method,
        WrapperRoles roles,
        string syscallName,
        bool negativeErrno,
        CallPlan plan,
        List<ParameterModel> fields,
        List<WorkerCheck> checks,
        LocalNames locals,
        out InvokeReturnModel? returns,
        ProblemSink problems)
    {
        ITypeSymbol returnType = method.ReturnType;
        string qualifiedReturn = TypeFacts.Qualified(returnType);
        ResultValueModel? returned = null;
        ReturnConvention convention = roles.Returns;
        ITypeSymbol? integer = TypeFacts.IntegerOf(returnType);
        IntegerTypeModel resultType = IntegerTypeModel.Of(returnType);
        bool signed = integer is not null && TypeFacts.IsSignedResult(integer);
        bool handle = TypeFacts.IsSafeHandle(returnType);
        if ((integer is not null || handle) && !roles.Known && !roles.Stated)
        {
            // Never guessed: the convention is the table's or the user's. Until stated, -1 and errno (the documented default).
            // An ordinary method's entry point is its own name: say what it is rather than name it twice.
            bool ordinary = RingPlacement.IsOrdinary(method) && roles.EntryPoint == method.Name;
            string what = ordinary
                ? "is an ordinary method, whose body the generator does not read for how it reports failure"
                : method.Name == roles.EntryPoint ? "is a call that is not in the generator's table"
                : "calls '" + roles.EntryPoint + "', which is not in the generator's table";
            string how = ordinary ? "its body reports failure" : "the call's documentation says";
            problems.Report(DiagnosticDescriptors.ErrorConventionNotStated, LocationOf(method), method.Name, what, returnType.ToDisplayString(), how);
        }
        else if (integer is not null && roles.Stated && convention is ReturnConvention.NegativeErrno or ReturnConvention.MinusOneAndErrno
            && !RingPlacement.IsOrdinary(method) && OwnErrorCodeLibraries.Of(RingPlacement.LibraryOf(method)) is { } own)
        {
            // A stated convention wins over the table, but not over the library's own manual: its negative results are not
            // errno values, so the variant would throw an unrelated ErrnoException (and drop what the call wrote beside it).
            string stated = convention == ReturnConvention.NegativeErrno ? "NegativeErrno" : "MinusOneAndErrno";
            string what = "calls '" + roles.EntryPoint + "', whose negative results are " + own.Codes + ", not errno values: Errors = SyscallErrors." + stated + " would report them as unrelated errno values";
            string how = "that library says: NeverFails, so the code comes back as it is (read it with " + own.Read + ")";
            problems.Report(DiagnosticDescriptors.ErrorConventionNotStated, LocationOf(method), method.Name, what, returnType.ToDisplayString(), how);
        }
        else if (integer is not null && roles.Stated && convention != ReturnConvention.NeverFails && !RingPlacement.IsOrdinary(method)
            && SuccessOutsideConvention(roles.EntryPoint) is { } success)
        {
            // A stated convention that would read one of the call's successes as a failure.
            string what = "calls '" + roles.EntryPoint + "', " + success + ", which Errors = SyscallErrors." + StatedName(convention) + " would report as a failure";
            string how = roles.EntryPoint is "pathconf" or "fpathconf"
                ? "its manual says: NeverFails, so -1 comes back as it is (set errno to 0 before the call, in an ordinary method, to tell the two apart)"
                : "its manual says: NeverFails, so every result comes back as it is (0, that value, or the error number)";
            problems.Report(DiagnosticDescriptors.ErrorConventionNotStated, LocationOf(method), method.Name, what, returnType.ToDisplayString(), how);
        }

        ResultValueModel Returned(ResultSource source) => new(qualifiedReturn, "ReturnValue", source, As: resultType, Other: syscallName);

        if (returnType.SpecialType == SpecialType.System_Void)
        {
            returns = new(InvokeReturn.Nothing);
        }
        else if (integer is not null && convention == ReturnConvention.ErrorNumber)
        {
            // posix_fallocate, posix_fadvise, pthread_*: the error number is the result itself; errno is not set. An
            // interrupted wait (clock_nanosleep woken by a cancel hook) is the result EINTR.
            returns = new(InvokeReturn.Integer, resultType, Field: locals.Claim("returned"), Interrupted: InterruptedErrorNumber);
            if (negativeErrno)
            {
                returned = Returned(ResultSource.WorkerErrorNumberNegated);
            }
            else
            {
                checks.Add(new(WorkerFailure.ErrorNumber));
                returned = Returned(ResultSource.WorkerValue);
            }
        }
        else if (integer is { SpecialType: SpecialType.System_IntPtr or SpecialType.System_UIntPtr } && convention == ReturnConvention.NullAndErrno
            && ValueCopiedBack(method, roles) is { } copied)
        {
            // gmtime_r and localtime_r return their result argument, crypt_r an address inside its crypt_data: the address
            // the call returns may point into a value it wrote, and the variant's copy of that value lives in storage it
            // reuses, so the address would dangle after the await (held-out round 26, crypt_r).
            problems.Report(DiagnosticDescriptors.ResultInReusedStorage, LocationOf(method), method.Name, RingPlacement.IsOrdinary(method) ? "is the ordinary method" : "is", roles.EntryPoint,
                "the variant's own storage (an address, NULL on failure, that may point into '" + copied.Name + "', the value the call writes, as gmtime_r's and crypt_r's do; the variant keeps that value in its own storage and hands a copy back, so such an address would dangle once the task completes)",
                "return the value only (make the call in an ordinary method that checks the address for NULL and returns the value written into '" + copied.Name + "'), or pass the value's address as nint, from memory kept fixed until the task completes");
            returns = null;
            return false;
        }
        else if (integer is not null && convention == ReturnConvention.NullAndErrno)
        {
            // A pointer or handle: NULL and errno on failure. The worker keeps errno only for a negative result, so NULL
            // travels as -1 (a comparison, which leaves errno alone).
            if (negativeErrno)
            {
                // The variant answers -errno for NULL, so its results share one number line with the errors anyway.
                returns = new(InvokeReturn.NullAsMinusOne, resultType, Field: locals.Claim("returned"));
                returned = Returned(ResultSource.WorkerNullAsNegativeErrno);
            }
            else
            {
                // The value itself stays in the state: a handle or sentinel of -1 (uselocale's LC_GLOBAL_LOCALE, a body that
                // returns (nint)(-1) as an answer) is a result, not a failure with no errno.
                string field = locals.Claim("ReturnValue");
                fields.Add(new(qualifiedReturn, field));
                returns = new(InvokeReturn.InStateIntegerNullMeansFailure, resultType, Field: field);
                checks.Add(new(WorkerFailure.NullAndErrno));
                returned = new(qualifiedReturn, "ReturnValue", ResultSource.StateField, field);
            }
        }
        else if (integer is not null && convention == ReturnConvention.NegativeErrno)
        {
            // Raw syscall shims: a negative result is -errno itself; errno is not set, so it is never read. An interrupted
            // wait is the result -EINTR.
            returns = new(InvokeReturn.Integer, resultType, Field: locals.Claim("returned"), Interrupted: "-" + InterruptedErrorNumber);
            if (!negativeErrno)
            {
                checks.Add(new(WorkerFailure.NegativeErrno));
            }

            returned = Returned(ResultSource.WorkerValue);
        }
        else if (integer is not null && convention == ReturnConvention.NeverFails)
        {
            returns = new(InvokeReturn.Integer, resultType);
            returned = Returned(ResultSource.WorkerValue);
        }
        else if (integer is not null && (signed || roles.Known || roles.Stated))
        {
            // -1 and errno. An unsigned or typedef result of a known call is read through the signed integer of
            // its size, so -1 is seen as a failure rather than returned as a huge success value.
            string signedType = integer.SpecialType switch
            {
                SpecialType.System_Byte or SpecialType.System_SByte => "sbyte",
                SpecialType.System_UInt16 or SpecialType.System_Int16 => "short",
                SpecialType.System_UInt32 or SpecialType.System_Int32 => "int",
                SpecialType.System_UIntPtr or SpecialType.System_IntPtr => "nint",
                _ => "long",
            };
            if (roles.Known && roles.ZeroOnSuccess && convention == ReturnConvention.MinusOneAndErrno && signedType is "long" or "nint")
            {
                // A call that returns 0 or -1 returns a C int; declared wider (long, nint, ulong), its -1 can arrive
                // zero-extended (4294967295), which read as a long would be a success. Its low 32 bits are the answer.
                signedType = "int";
            }

            // An unsigned result narrower than 64 bits (lseek declared uint) holds a success whose bits read as -1 (a position
            // of 4294967295 truncated to 32 bits): an import that saves errno tells them apart, as its caller can, because the
            // worker clears the saved error before the call and a failing call always sets it. Such a success stays a success.
            bool unsignedWhenNoError = integer.SpecialType is SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32
                && !RingPlacement.IsOrdinary(method) && WrapperInspector.SetsLastError(method);
            returns = new(InvokeReturn.Signed, resultType, signedType, integer.ToDisplayString() == signedType, Field: unsignedWhenNoError ? locals.Claim("returned") : "", UnsignedWhenNoError: unsignedWhenNoError);
            // A call of the table is a system call, which sets errno whenever it fails; a function outside it may return -1
            // and leave errno alone (sysconf(3) for an indeterminate limit), which its caller does not see as a failure.
            returned = Returned(negativeErrno ? ResultSource.WorkerMinusOneAsNegativeErrno
                : roles.Known ? ResultSource.WorkerValueOrThrow : ResultSource.WorkerValueOrThrowWhenErrnoSet);
        }
        else if (integer is not null)
        {
            // An unsigned result of a call outside the table: returned as it is (its error convention is unknown).
            returns = new(InvokeReturn.Unchecked);
            returned = Returned(ResultSource.WorkerValueUnchecked);
        }
        else if (integer is null && !handle && returnType.IsValueType && (roles.Known || roles.Stated) && convention != ReturnConvention.NeverFails)
        {
            // A bool (or any value that is not an integer) cannot hold the failure the call reports: [return: MarshalAs(Bool)]
            // makes fsync's -1 and its 0-or-1 siblings all true, and the caller would never see errno. Returning it as a
            // value would hand a failure back as an answer; the C result lets the variant throw.
            problems.Report(DiagnosticDescriptors.ReturnTypeNotSupported, LocationOfReturn(method), method.Name, returnType.ToDisplayString(),
                "cannot carry the failure '" + roles.EntryPoint + "' reports (" + FailureOf(convention) + "): declare the call's C result (int, long or nint) so the "
                + "variant can throw ErrnoException, or state Errors = SyscallErrors.NeverFails if the value is the method's own answer and its failures throw");
            returns = null;
            return false;
        }
        else
        {
            // Not a number the worker can hand back as its raw result: the state carries it.
            string field = locals.Claim("ReturnValue");
            fields.Add(new(qualifiedReturn, field));
            returns = new(InvokeReturn.InState, Field: field);
            if (handle && convention is ReturnConvention.MinusOneAndErrno or ReturnConvention.NullAndErrno)
            {
                // A SafeHandle wraps whatever the call returned, -1 (or NULL) included: the handle is the failure.
                bool minusOne = convention == ReturnConvention.MinusOneAndErrno;
                returns = new(minusOne ? InvokeReturn.InStateHandleMinusOne : InvokeReturn.InStateHandleNull, Field: field);
                checks.Add(new(WorkerFailure.InvalidHandle, field));
            }
            else if (convention == ReturnConvention.NullAndErrno && !returnType.IsValueType)
            {
                // null is the failure: -1 makes the worker keep errno.
                returns = new(InvokeReturn.InStateNullMeansFailure, Field: field);
                checks.Add(new(WorkerFailure.NullReference, field));
            }

            returned = new(qualifiedReturn, "ReturnValue", ResultSource.StateField, field);
        }

        if (negativeErrno && !signed)
        {
            problems.Report(DiagnosticDescriptors.NegativeErrnoNeedsSignedResult, LocationOfReturn(method), method.Name, returnType.ToDisplayString());
            return false;
        }

        if (returned is not null && roles.ZeroOnSuccess && plan.Values.Count > 0 && !negativeErrno)
        {
            // A call that returns only 0 on success: with out-values, its 0 says nothing, but its failure still throws.
            if (convention == ReturnConvention.MinusOneAndErrno && integer is not null)
            {
                checks.Add(new(WorkerFailure.MinusOneAndErrno));
            }
        }
        else if (returned is not null)
        {
            plan.Values.Insert(0, returned);
        }

        return true;
    }

    /// <summary>The calls whose first parameter is a template they rewrite in place (mkdtemp(3), mkstemp(3), mkostemp(3), mkstemps(3)).</summary>
    private static bool IsTemplateCall(string entryPoint) => entryPoint is "mkdtemp" or "mkstemp" or "mkostemp" or "mkstemps" or "mkostemps" or "mkstemp64" or "mkostemp64";

    private static string FailureOf(ReturnConvention convention) => convention switch
    {
        ReturnConvention.ErrorNumber => "a non-zero error number",
        ReturnConvention.NullAndErrno => "NULL and errno",
        ReturnConvention.NegativeErrno => "a negative errno",
        _ => "-1 and errno",
    };

    /// <summary>
    /// For a call one of whose successes reads as a failure under every convention but NeverFails, what that success is; else
    /// null. pthread_barrier_wait(3p): "Upon successful completion, the pthread_barrier_wait() function shall return
    /// PTHREAD_BARRIER_SERIAL_THREAD [-1 in glibc] for a single (arbitrary) thread synchronized at the barrier and zero for each
    /// of the other threads. Otherwise, an error number shall be returned". pathconf(3)/fpathconf(3): "If name corresponds to
    /// an option ... with no limit, -1 is returned, and errno is not changed"; on failure -1 with errno set.
    /// </summary>
    private static string? SuccessOutsideConvention(string entryPoint) => entryPoint switch
    {
        "pthread_barrier_wait" => "which returns PTHREAD_BARRIER_SERIAL_THREAD (-1) to one of the threads the barrier lets through: a success",
        "pathconf" or "fpathconf" => "which returns -1 with errno unchanged when the limit is not set (no limit, a success), and -1 with errno set on failure",
        _ => null,
    };

    private static string StatedName(ReturnConvention convention) => convention switch
    {
        ReturnConvention.ErrorNumber => "ReturnsErrorNumber",
        ReturnConvention.NullAndErrno => "NullAndErrno",
        ReturnConvention.NegativeErrno => "NegativeErrno",
        _ => "MinusOneAndErrno",
    };

    private static Location? LocationOf(ISymbol symbol) => symbol.Locations.Length > 0 ? symbol.Locations[0] : null;

    private static Location? LocationOfReturn(IMethodSymbol method)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax declaration)
            {
                return declaration.ReturnType.GetLocation();
            }
        }

        return LocationOf(method);
    }
}
