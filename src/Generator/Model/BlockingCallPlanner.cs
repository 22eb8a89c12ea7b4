using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncSys.Generator.Diagnostics;
using Microsoft.CodeAnalysis;

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
        var initializers = new List<string>();
        var setup = new List<string>();
        var pins = new List<string>();
        var arguments = new List<string>();
        string state = locals.State;
        string result = locals.Result;
        bool ok = true;

        string target;
        if (method.IsStatic)
        {
            target = TypeFacts.Qualified(method.ContainingType) + "." + TypeFacts.Escape(method.Name);
        }
        else
        {
            string self = locals.Claim("Self");
            fields.Add(new(TypeFacts.Qualified(method.ContainingType), self));
            initializers.Add(self + " = this,");
            target = "state." + self + "." + TypeFacts.Escape(method.Name);
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

            if (role is ParameterRole.BufferLength or ParameterRole.AddressLength && ownerIsRaw && parameter.RefKind == RefKind.None)
            {
                // The length of a buffer the generated method takes as memory: the memory's own length.
                arguments.Add(TypeFacts.FromInteger("state." + TypeFacts.Escape(ownerParameter!.Name) + ".Length", type));
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
                    string capacity = ownerIsArray ? ownerName + " is null ? 0 : " + ownerName + ".Length" : ownerName + ".Length";
                    initializers.Add(field + " = " + TypeFacts.FromInteger(capacity, lengthType) + ",");
                    if (parameter.RefKind != RefKind.None)
                    {
                        arguments.Add("ref state." + field);
                    }
                    else
                    {
                        string pointer = locals.Claim(parameter.Name + "Pointer");
                        pins.Add("fixed (" + TypeFacts.Qualified(lengthType) + "* " + pointer + " = &state." + field + ")");
                        // No address buffer, no length: NULL, as the synchronous call would be given.
                        arguments.Add((ownerIsArray ? "state." + ownerName + " is not { Length: > 0 }" : "state." + ownerName + ".IsEmpty") + " ? null : " + pointer);
                    }

                    plan.Values.Add(new(TypeFacts.Qualified(lengthType), TypeFacts.PascalCase(parameter.Name), result + ".State." + field));
                }
            }
            else if (parameter.RefKind == RefKind.Out)
            {
                if (type.IsRefLikeType || type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
                {
                    problem = "an out " + (type.IsRefLikeType ? "ref struct" : "pointer") + " cannot be returned asynchronously";
                }
                else
                {
                    fields.Add(new(TypeFacts.Qualified(type), name));
                    arguments.Add("out state." + name);
                    plan.Values.Add(new(TypeFacts.Qualified(type), TypeFacts.PascalCase(parameter.Name), result + ".State." + name));
                }
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
                        initializers.Add(name + " = " + name + ",");
                    }

                    arguments.Add((parameter.RefKind == RefKind.In ? "in" : "ref") + " state." + name);
                    if (role != ParameterRole.InValue)
                    {
                        plan.Values.Add(new(qualified, TypeFacts.PascalCase(parameter.Name), result + ".State." + name));
                    }
                }
                else
                {
                    problem = "a ref or in parameter cannot cross an await; take it by value, or make it out to return it";
                }
            }
            else if (TypeFacts.IsSpan(type, out ITypeSymbol? element, out bool readOnly))
            {
                // The span becomes memory, which can live in the state; the worker takes the span back out of it.
                // An input buffer is ReadOnlyMemory even when the wrapper takes a Span: the call only reads it.
                bool input = readOnly || role is ParameterRole.InBuffer or ParameterRole.InAddress;
                string memory = (input ? ReadOnlyMemory : Memory) + TypeFacts.Qualified(element!) + ">";
                plan.Parameters.Add(new(memory, name));
                fields.Add(new(memory, name));
                initializers.Add(name + " = " + name + ",");
                arguments.Add(input && !readOnly
                    ? "global::System.Runtime.InteropServices.MemoryMarshal.AsMemory(state." + name + ").Span"
                    : "state." + name + ".Span");
            }
            else if (type is IPointerTypeSymbol || TypeFacts.IsPointerLike(type) && role is { } pointerRole && IsPointerRole(pointerRole))
            {
                problem = PlanPointer(parameter, role, roles, plan, fields, initializers, pins, arguments, locals, result, out needsMark);
            }
            else if (role == ParameterRole.OutFdPair && type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Int32 })
            {
                // int[2] the call fills: allocated here, returned as the two descriptors.
                fields.Add(new("int[]", name));
                initializers.Add(name + " = new int[2],");
                arguments.Add("state." + name);
                plan.Values.Add(new("int", FdPairName(roles.EntryPoint, 0), result + ".State." + name + "[0]"));
                plan.Values.Add(new("int", FdPairName(roles.EntryPoint, 1), result + ".State." + name + "[1]"));
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
                initializers.Add(name + " = " + name + ",");
                arguments.Add("state." + name);
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

        string call = target + "(" + string.Join(", ", arguments) + ")";
        if (!PlanResult(method, roles, syscallName, negativeErrno, call, plan, fields, locals, out string invoke, problems))
        {
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        plan.State = new BlockingStateModel(stateTypeName, EquatableArray.From(fields), pins.Count > 0, EquatableArray.From(BuildInvokeBody(setup, pins, invoke)));
        plan.AwaitedType = "global::AsyncSys.BlockingResult<" + stateTypeName + ">";
        foreach (string initializer in initializers)
        {
            plan.StateInitializers.Add(initializer);
        }

        plan.Start = "ring.RunBlockingAsync(" + state + ", " + stateTypeName + ".Invoke, cancelHook: " + (cancelHook ?? "null") + ", cancellationToken: cancellationToken)";
        return plan;
    }

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
        List<string> initializers,
        List<string> pins,
        List<string> arguments,
        LocalNames locals,
        string result,
        out bool needsMark)
    {
        needsMark = false;
        ITypeSymbol type = parameter.Type;
        string name = TypeFacts.Escape(parameter.Name);
        ITypeSymbol? pointee = (type as IPointerTypeSymbol)?.PointedAtType;
        bool untyped = pointee is null || pointee.SpecialType is SpecialType.System_Void or SpecialType.System_Byte or SpecialType.System_SByte;
        string Cast(string pointer, string elementType) =>
            type is IPointerTypeSymbol { PointedAtType: var target } && TypeFacts.Qualified(target) == elementType ? pointer : "(" + TypeFacts.Qualified(type) + ")" + pointer;

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
                string bytes = locals.Claim(parameter.Name + "Utf8");
                string pointer = locals.Claim(parameter.Name + "Pointer");
                plan.Parameters.Add(new("string", name));
                fields.Add(new("string", name));
                initializers.Add(name + " = " + name + ",");
                pins.Add("fixed (byte* " + pointer + " = global::System.Text.Encoding.UTF8.GetBytes(state." + name + " + \"\\0\"))");
                _ = bytes;
                arguments.Add(Cast(pointer, "byte"));
                return null;
            }

            case ParameterRole.InBuffer:
            case ParameterRole.OutBuffer:
            case ParameterRole.OutElements:
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
                bool elements = role == ParameterRole.OutElements && !untyped;
                string element = elements ? TypeFacts.Qualified(pointee!) : "byte";
                if (elements && !pointee!.IsUnmanagedType)
                {
                    return "a buffer's element type must be unmanaged";
                }

                string memory = (input ? ReadOnlyMemory : Memory) + element + ">";
                string pointer = locals.Claim(parameter.Name + "Pointer");
                plan.Parameters.Add(new(memory, name));
                fields.Add(new(memory, name));
                initializers.Add(name + " = " + name + ",");
                pins.Add("fixed (" + element + "* " + pointer + " = state." + name + ".Span)");
                arguments.Add(Cast(pointer, element));
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

                // One value in the state, pinned for the call: returned (OutValue) or passed in (InValue).
                string qualified = TypeFacts.Qualified(pointee);
                string pointer = locals.Claim(parameter.Name + "Pointer");
                fields.Add(new(qualified, name));
                pins.Add("fixed (" + qualified + "* " + pointer + " = &state." + name + ")");
                arguments.Add(pointer);
                if (role == ParameterRole.OutValue)
                {
                    plan.Values.Add(new(qualified, TypeFacts.PascalCase(parameter.Name), result + ".State." + name));
                }
                else
                {
                    plan.Parameters.Add(new(qualified, name));
                    initializers.Add(name + " = " + name + ",");
                }

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
                pins.Add("fixed (long* " + pointer + " = &state." + name + ")");
                arguments.Add("(int*)" + pointer);
                string value = result + ".State." + name;
                plan.Values.Add(new("int", FdPairName(roles.EntryPoint, 0), "unchecked((int)(global::System.BitConverter.IsLittleEndian ? " + value + " : " + value + " >> 32))"));
                plan.Values.Add(new("int", FdPairName(roles.EntryPoint, 1), "unchecked((int)(global::System.BitConverter.IsLittleEndian ? " + value + " >> 32 : " + value + "))"));
                return null;
            }

            case ParameterRole.OffsetPointer:
            case ParameterRole.OffsetPointer2:
            {
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
                initializers.Add(has + " = " + name + ".HasValue,");
                initializers.Add(name + " = " + name + ".GetValueOrDefault(),");
                pins.Add("fixed (" + qualified + "* " + pointer + " = &state." + name + ")");
                arguments.Add("state." + has + " ? " + pointer + " : null");
                plan.Values.Add(new(qualified + "?", TypeFacts.PascalCase(parameter.Name), "(" + result + ".State." + has + " ? " + result + ".State." + name + " : (" + qualified + "?)null)"));
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
    private static bool PlanResult(
        IMethodSymbol method,
        WrapperRoles roles,
        string syscallName,
        bool negativeErrno,
        string call,
        CallPlan plan,
        List<ParameterModel> fields,
        LocalNames locals,
        out string invoke,
        ProblemSink problems)
    {
        ITypeSymbol returnType = method.ReturnType;
        string result = locals.Result;
        string qualifiedReturn = TypeFacts.Qualified(returnType);
        string name = "\"" + syscallName + "\"";
        ResultValue? returned = null;
        ReturnConvention convention = roles.Returns;
        ITypeSymbol? integer = TypeFacts.IntegerOf(returnType);
        bool signed = integer is not null && TypeFacts.IsSignedResult(integer);
        if (integer is not null && !roles.Known && !roles.Stated)
        {
            // Never guessed: the convention is the table's or the user's. Until stated, -1 and errno (the documented default).
            problems.Report(DiagnosticDescriptors.ErrorConventionNotStated, LocationOf(method), method.Name, roles.EntryPoint, returnType.ToDisplayString());
        }

        if (returnType.SpecialType == SpecialType.System_Void)
        {
            invoke = call + ";\nreturn 0;";
        }
        else if (integer is not null && convention == ReturnConvention.ErrorNumber)
        {
            // posix_fallocate, posix_fadvise, pthread_*: the error number is the result itself; errno is not set.
            invoke = "return " + TypeFacts.ToInteger(call, returnType, "long") + ";";
            if (negativeErrno)
            {
                returned = new(qualifiedReturn, "ReturnValue", TypeFacts.FromInteger("-" + result + ".Value", returnType));
            }
            else
            {
                plan.Checks.Add("if (" + result + ".Value != 0) throw new global::AsyncSys.ErrnoException(unchecked((int)" + result + ".Value), " + name + ");");
                returned = new(qualifiedReturn, "ReturnValue", TypeFacts.FromInteger(result + ".Value", returnType));
            }
        }
        else if (integer is not null && convention == ReturnConvention.NullAndErrno)
        {
            // A pointer or handle: NULL and errno on failure. The worker keeps errno only for a negative result, so
            // NULL travels as -1 (a comparison, which leaves errno alone); user-space pointers are never negative.
            string raw = locals.Claim("returned");
            invoke = "long " + raw + " = " + TypeFacts.ToInteger(call, returnType, "long") + ";\nreturn " + raw + " == 0 ? -1 : " + raw + ";";
            string errno = "(" + result + ".Errno != 0 ? " + result + ".Errno : global::AsyncSys.Errno.EIO)";
            if (negativeErrno)
            {
                returned = new(qualifiedReturn, "ReturnValue", TypeFacts.FromInteger(result + ".Value < 0 ? -" + errno + " : " + result + ".Value", returnType));
            }
            else
            {
                plan.Checks.Add("if (" + result + ".Value < 0) throw new global::AsyncSys.ErrnoException(" + errno + ", " + name + ");");
                returned = new(qualifiedReturn, "ReturnValue", TypeFacts.FromInteger(result + ".Value", returnType));
            }
        }
        else if (integer is not null && convention == ReturnConvention.NegativeErrno)
        {
            // Raw syscall shims: a negative result is -errno itself; errno is not set, so it is never read.
            invoke = "return " + TypeFacts.ToInteger(call, returnType, "long") + ";";
            if (!negativeErrno)
            {
                plan.Checks.Add("if (" + result + ".Value < 0) throw new global::AsyncSys.ErrnoException(unchecked((int)-" + result + ".Value), " + name + ");");
            }

            returned = new(qualifiedReturn, "ReturnValue", TypeFacts.FromInteger(result + ".Value", returnType));
        }
        else if (integer is not null && convention == ReturnConvention.NeverFails)
        {
            invoke = "return " + TypeFacts.ToInteger(call, returnType, "long") + ";";
            returned = new(qualifiedReturn, "ReturnValue", TypeFacts.FromInteger(result + ".Value", returnType));
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
            // A typedef struct or an enum (System.Native's Error) never converts implicitly: an explicit conversion.
            string raw = TypeFacts.TypedefField(returnType) is not null || returnType.TypeKind == TypeKind.Enum
                ? TypeFacts.ToInteger(call, returnType, signedType)
                : integer.ToDisplayString() == signedType ? call : "unchecked((" + signedType + ")" + call + ")";
            invoke = "return " + raw + ";";
            returned = negativeErrno
                ? new(qualifiedReturn, "ReturnValue", TypeFacts.FromInteger("(" + result + ".Value == -1 ? -" + result + ".Errno : " + result + ".Value)", returnType))
                : new(qualifiedReturn, "ReturnValue", TypeFacts.FromInteger(result + ".ThrowIfFailed(" + name + ")", returnType));
        }
        else if (integer is not null)
        {
            // An unsigned result of a call outside the table: returned as it is (its error convention is unknown).
            invoke = "return unchecked((long)" + call + ");";
            returned = new(qualifiedReturn, "ReturnValue", "unchecked((" + qualifiedReturn + ")" + result + ".Value)");
        }
        else
        {
            // Not a number the worker can hand back as its raw result: the state carries it.
            string field = locals.Claim("ReturnValue");
            fields.Add(new(qualifiedReturn, field));
            invoke = "state." + field + " = " + call + ";\nreturn 0;";
            if (convention == ReturnConvention.NullAndErrno && !returnType.IsValueType)
            {
                // null is the failure: -1 makes the worker keep errno.
                invoke = "state." + field + " = " + call + ";\nreturn state." + field + " is null ? -1 : 0;";
                plan.Checks.Add("if (" + result + ".State." + field + " is null) throw new global::AsyncSys.ErrnoException(" + result + ".Errno != 0 ? " + result + ".Errno : global::AsyncSys.Errno.EIO, " + name + ");");
            }

            returned = new(qualifiedReturn, "ReturnValue", result + ".State." + field);
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
                plan.Checks.Add(result + ".ThrowIfFailed(" + name + ");");
            }
        }
        else if (returned is not null)
        {
            plan.Values.Insert(0, returned);
        }

        return true;
    }

    /// <summary>Nests the pins around the call; leaving a <c>fixed</c> block runs no code, so errno is untouched.</summary>
    private static List<string> BuildInvokeBody(List<string> setup, List<string> pins, string invoke)
    {
        var lines = new List<string>(setup);
        string indent = "";
        foreach (string pin in pins)
        {
            lines.Add(indent + pin);
            lines.Add(indent + "{");
            indent += "    ";
        }

        foreach (string line in invoke.Split('\n'))
        {
            lines.Add(indent + line);
        }

        for (int i = pins.Count - 1; i >= 0; i--)
        {
            indent = indent.Substring(4);
            lines.Add(indent + "}");
        }

        return lines;
    }

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
