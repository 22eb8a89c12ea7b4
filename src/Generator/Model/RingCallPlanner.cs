using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AsyncSys.Generator.Model;

/// <summary>
/// Fits a wrapper's parameters to a known syscall shape and, when they fit, plans a call that submits one
/// <c>RingRequest</c> to the ring.
/// </summary>
internal static class RingCallPlanner
{
    private const string Request = "global::AsyncSys.RingRequest.";
    private const string Memory = "global::System.Memory<byte>";
    private const string ReadOnlyMemory = "global::System.ReadOnlyMemory<byte>";

    /// <summary>Plans the ring call, or returns <see langword="null"/> and says why the parameters do not fit.</summary>
    public static CallPlan? TryPlan(SyscallShape shape, IMethodSymbol method, bool negativeErrno, LocalNames locals, out string whyNot)
    {
        var plan = new CallPlan { RingOp = shape.Op.ToString() };
        var arguments = new Dictionary<ParameterRole, string>();
        ResultValue? outValue = null;
        ParameterRole[] roles = shape.Roles;
        var parameters = method.Parameters;
        int p = 0;
        for (int r = 0; r < roles.Length; r++)
        {
            ParameterRole role = roles[r];
            if (p >= parameters.Length)
            {
                whyNot = shape.EntryPoint + " takes " + roles.Length + " parameters";
                return null;
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
                    if (byValue && type.SpecialType == SpecialType.System_Int32)
                    {
                        plan.Parameters.Add(new("int", name));
                    }
                    else if (byValue && TypeFacts.IsSafeHandle(type) && AcceptsSafeHandle(shape.Op))
                    {
                        plan.Parameters.Add(new(TypeFacts.Qualified(type), name));
                    }
                    else
                    {
                        problem = AcceptsSafeHandle(shape.Op) ? "an int or a SafeHandle" : "an int";
                    }

                    arguments[role] = name;
                    break;

                case ParameterRole.DirFd:
                case ParameterRole.Fd2:
                case ParameterRole.DirFd2:
                    problem = byValue && type.SpecialType == SpecialType.System_Int32 ? null : "an int";
                    plan.Parameters.Add(new("int", name));
                    arguments[role] = name;
                    break;

                case ParameterRole.Buffer:
                case ParameterRole.Address:
                    bool writable = role == ParameterRole.Buffer
                        ? shape.Op is RingOpKind.Read or RingOpKind.Recv
                        : shape.Op == RingOpKind.Accept;
                    ParameterRole lengthRole = r + 1 < roles.Length ? roles[r + 1] : ParameterRole.Dropped;
                    if (byValue && TypeFacts.IsByteSpan(type, out bool readOnlySpan) && !(writable && readOnlySpan))
                    {
                        // A span carries its own length: a count parameter after it, if any, is redundant.
                        r++;
                        if (next && TypeFacts.IsInteger(parameters[p + 1].Type))
                        {
                            p++;
                        }
                    }
                    else if (byValue && TypeFacts.IsBytePointer(type) && next && IsLengthOf(lengthRole, parameters[p + 1]))
                    {
                        r++;
                        p++;
                    }
                    else
                    {
                        problem = "a byte pointer followed by its length, or a " + (writable ? "Span<byte>" : "ReadOnlySpan<byte>");
                    }

                    plan.Parameters.Add(new(writable ? Memory : ReadOnlyMemory, name));
                    arguments[role] = name;
                    break;

                case ParameterRole.Vectors:
                    bool readVectors = shape.Op == RingOpKind.ReadV;
                    if (byValue && TypeFacts.IsAnyPointer(type) && next && TypeFacts.IsInteger(parameters[p + 1].Type))
                    {
                        r++;
                        p++;
                    }
                    else
                    {
                        problem = "an iovec pointer followed by its count";
                    }

                    plan.Parameters.Add(new(
                        "global::System.Collections.Generic.IReadOnlyList<" + (readVectors ? Memory : ReadOnlyMemory) + ">",
                        name));
                    arguments[role] = name;
                    break;

                case ParameterRole.Offset:
                    problem = byValue && type.SpecialType is SpecialType.System_Int64 or SpecialType.System_Int32 or SpecialType.System_IntPtr
                        ? null
                        : "a long offset";
                    plan.Parameters.Add(new(TypeFacts.Qualified(type), name));
                    arguments[role] = name;
                    break;

                case ParameterRole.OffsetPointer:
                case ParameterRole.OffsetPointer2:
                    // loff_t*: the generated method takes the offset itself, -1 standing for a null pointer.
                    problem = byValue && TypeFacts.IsAnyPointer(type) ? null : "a long* offset";
                    plan.Parameters.Add(new("long", name));
                    arguments[role] = name;
                    break;

                case ParameterRole.Path:
                case ParameterRole.Path2:
                    problem = byValue && (type.SpecialType == SpecialType.System_String || TypeFacts.IsBytePointer(type) && type is IPointerTypeSymbol)
                        ? null
                        : "a string (or a UTF-8 byte* path)";
                    plan.Parameters.Add(new("string", name));
                    arguments[role] = name;
                    break;

                case ParameterRole.Flags:
                case ParameterRole.Mode:
                case ParameterRole.Mask:
                case ParameterRole.Length:
                case ParameterRole.Advice:
                case ParameterRole.How:
                    problem = byValue && TypeFacts.IsIntegerLike(type) ? null : "an integer";
                    plan.Parameters.Add(new(TypeFacts.Qualified(type), name));
                    arguments[role] = TypeFacts.ConvertTo(name, type, FactoryType(shape.Op, role));
                    break;

                case ParameterRole.PollFds:
                    problem = IsPollFds(parameter) && next && TypeFacts.IsInteger(parameters[p + 1].Type) ? null : "a struct pollfd pointer followed by nfds";
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
                    arguments[ParameterRole.Fd] = "fd";
                    arguments[ParameterRole.Flags] = "events";
                    break;

                case ParameterRole.MessageHeader:
                    problem = byValue && TypeFacts.IsAnyPointer(type) ? null : "a struct msghdr pointer";
                    plan.Parameters.Add(new("nint", name));
                    arguments[role] = name;
                    break;

                case ParameterRole.StatxBuffer:
                    if (parameter.RefKind == RefKind.Out && type.IsUnmanagedType && !type.IsRefLikeType && type.TypeKind == TypeKind.Struct)
                    {
                        // An out struct: the generated method owns a buffer the kernel fills, and returns the struct.
                        string bytes = locals.Claim(parameter.Name + "Bytes");
                        string qualified = TypeFacts.Qualified(type);
                        // Rented, and returned only after the await: the ring keeps it pinned until the kernel is done with it.
                        plan.Prelude.Add("byte[] " + bytes + " = global::System.Buffers.ArrayPool<byte>.Shared.Rent(global::System.Math.Max(256, global::System.Runtime.CompilerServices.Unsafe.SizeOf<" + qualified + ">()));");
                        plan.Cleanup.Add("global::System.Buffers.ArrayPool<byte>.Shared.Return(" + bytes + ");");
                        arguments[role] = bytes;
                        outValue = new ResultValue(qualified, TypeFacts.PascalCase(parameter.Name), "global::System.Runtime.InteropServices.MemoryMarshal.Read<" + qualified + ">(" + bytes + ")");
                    }
                    else if (byValue && (TypeFacts.IsAnyPointer(type) || TypeFacts.IsByteSpan(type, out bool readOnly) && !readOnly))
                    {
                        plan.Parameters.Add(new(Memory, name));
                        arguments[role] = name;
                    }
                    else
                    {
                        problem = "an out struct, a pointer or a Span<byte> of at least 256 bytes";
                    }

                    break;

                case ParameterRole.Dropped:
                    plan.Dropped.Add(parameter.Name);
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

        if (!AddReturnValue(plan, shape, method.ReturnType, negativeErrno, outValue is not null, locals, out whyNot))
        {
            return null;
        }

        if (outValue is not null)
        {
            plan.Values.Add(outValue);
        }

        plan.AwaitedType = "int";
        plan.Start = "ring." + (negativeErrno ? "SubmitRawAsync" : "SubmitAsync") + "(" + BuildRequest(shape.Op, arguments) + ", cancellationToken)";
        whyNot = "";
        return plan;
    }

    private static bool AddReturnValue(CallPlan plan, SyscallShape shape, ITypeSymbol returnType, bool negativeErrno, bool hasOutValue, LocalNames locals, out string whyNot)
    {
        whyNot = "";
        bool isVoid = returnType.SpecialType == SpecialType.System_Void;
        if (isVoid && !negativeErrno)
        {
            return true;
        }

        if (returnType.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_IntPtr))
        {
            whyNot = "the wrapper must return int, long, nint" + (negativeErrno ? "" : " or void") + " to run on the ring";
            return false;
        }

        if (shape.Op == RingOpKind.Poll && !negativeErrno)
        {
            // poll's own result counts ready descriptors; with one descriptor, its revents are the useful answer.
            plan.Values.Add(new("global::AsyncSys.PollEvents", "Events", "(global::AsyncSys.PollEvents)" + locals.Result));
            return true;
        }

        if (shape.ZeroOnSuccess && hasOutValue && !negativeErrno)
        {
            // A failure throws, so a success's 0 says nothing next to the out-value.
            return true;
        }

        plan.Values.Add(new(TypeFacts.Qualified(returnType), "ReturnValue", locals.Result));
        return true;
    }

    private static bool IsLengthOf(ParameterRole lengthRole, IParameterSymbol candidate)
    {
        if (lengthRole == ParameterRole.AddressLengthPointer)
        {
            return candidate.RefKind != RefKind.None || TypeFacts.IsAnyPointer(candidate.Type);
        }

        return candidate.RefKind == RefKind.None && TypeFacts.IsInteger(candidate.Type);
    }

    private static bool IsPollFds(IParameterSymbol parameter) =>
        parameter.RefKind is RefKind.Ref or RefKind.In
            ? parameter.Type.TypeKind == TypeKind.Struct
            : TypeFacts.IsAnyPointer(parameter.Type) || TypeFacts.IsSpan(parameter.Type, out _, out _);

    private static bool AcceptsSafeHandle(RingOpKind op) => op is
        RingOpKind.Read or RingOpKind.Write or RingOpKind.ReadV or RingOpKind.WriteV or RingOpKind.Fsync or
        RingOpKind.Fdatasync or RingOpKind.Fallocate or RingOpKind.Send or RingOpKind.Recv or RingOpKind.Accept or
        RingOpKind.Connect;

    /// <summary>The type the request factory takes for a pass-through integer.</summary>
    private static string FactoryType(RingOpKind op, ParameterRole role) => role switch
    {
        ParameterRole.Mask => "uint",
        ParameterRole.Length when op != RingOpKind.Splice => "long",
        _ => "int",
    };

    private static string BuildRequest(RingOpKind op, Dictionary<ParameterRole, string> a)
    {
        string Get(ParameterRole role, string otherwise) => a.TryGetValue(role, out string? value) ? value : otherwise;
        string fd = Get(ParameterRole.Fd, "");
        string offset = Get(ParameterRole.Offset, "-1");
        return op switch
        {
            RingOpKind.Read => Request + "Read(" + fd + ", " + a[ParameterRole.Buffer] + ", " + offset + ")",
            RingOpKind.Write => Request + "Write(" + fd + ", " + a[ParameterRole.Buffer] + ", " + offset + ")",
            RingOpKind.ReadV => Request + "ReadV(" + fd + ", " + a[ParameterRole.Vectors] + ", " + offset + ")",
            RingOpKind.WriteV => Request + "WriteV(" + fd + ", " + a[ParameterRole.Vectors] + ", " + offset + ")",
            RingOpKind.Fsync => Request + "Fsync(" + fd + ")",
            RingOpKind.Fdatasync => Request + "Fdatasync(" + fd + ")",
            RingOpKind.SyncFileRange => Request + "SyncFileRange(" + fd + ", " + offset + ", " + a[ParameterRole.Length] + ", " + a[ParameterRole.Flags] + ")",
            RingOpKind.Poll => Request + "Poll(" + fd + ", " + a[ParameterRole.Flags] + ")",
            RingOpKind.OpenAt => Request + "OpenAt(" + Get(ParameterRole.DirFd, "global::AsyncSys.IoRing.AtCurrentDirectory") + ", " + a[ParameterRole.Path] + ", " + a[ParameterRole.Flags] + ", " + Get(ParameterRole.Mode, "0") + ")",
            RingOpKind.Close => Request + "Close(" + fd + ")",
            RingOpKind.Statx => Request + "Statx(" + a[ParameterRole.DirFd] + ", " + a[ParameterRole.Path] + ", " + a[ParameterRole.Flags] + ", " + a[ParameterRole.Mask] + ", " + a[ParameterRole.StatxBuffer] + ")",
            RingOpKind.Fallocate => Request + "Fallocate(" + fd + ", " + a[ParameterRole.Mode] + ", " + offset + ", " + a[ParameterRole.Length] + ")",
            RingOpKind.Fadvise => Request + "Fadvise(" + fd + ", " + offset + ", " + a[ParameterRole.Length] + ", " + a[ParameterRole.Advice] + ")",
            RingOpKind.Send => Request + "Send(" + fd + ", " + a[ParameterRole.Buffer] + ", " + Get(ParameterRole.Flags, "0") + ")",
            RingOpKind.Recv => Request + "Recv(" + fd + ", " + a[ParameterRole.Buffer] + ", " + Get(ParameterRole.Flags, "0") + ")",
            RingOpKind.SendMsg => Request + "SendMsg(" + fd + ", " + a[ParameterRole.MessageHeader] + ", " + a[ParameterRole.Flags] + ")",
            RingOpKind.RecvMsg => Request + "RecvMsg(" + fd + ", " + a[ParameterRole.MessageHeader] + ", " + a[ParameterRole.Flags] + ")",
            RingOpKind.Accept => Request + "Accept(" + fd + ", " + a[ParameterRole.Address] + ", " + Get(ParameterRole.Flags, "0") + ")",
            RingOpKind.Connect => Request + "Connect(" + fd + ", " + a[ParameterRole.Address] + ")",
            RingOpKind.Shutdown => Request + "Shutdown(" + fd + ", " + a[ParameterRole.How] + ")",
            RingOpKind.RenameAt => Request + "RenameAt(" + a[ParameterRole.DirFd] + ", " + a[ParameterRole.Path] + ", " + a[ParameterRole.DirFd2] + ", " + a[ParameterRole.Path2] + ", " + Get(ParameterRole.Flags, "0") + ")",
            RingOpKind.UnlinkAt => Request + "UnlinkAt(" + a[ParameterRole.DirFd] + ", " + a[ParameterRole.Path] + ", " + a[ParameterRole.Flags] + ")",
            RingOpKind.MkdirAt => Request + "MkdirAt(" + a[ParameterRole.DirFd] + ", " + a[ParameterRole.Path] + ", " + a[ParameterRole.Mode] + ")",
            RingOpKind.Splice => Request + "Splice(" + fd + ", " + a[ParameterRole.OffsetPointer] + ", " + a[ParameterRole.Fd2] + ", " + a[ParameterRole.OffsetPointer2] + ", " + a[ParameterRole.Length] + ", " + a[ParameterRole.Flags] + ")",
            _ => Request + "Nop()",
        };
    }
}
