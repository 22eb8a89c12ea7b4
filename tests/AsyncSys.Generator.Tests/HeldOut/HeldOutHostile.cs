using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using AsyncSys.Generator.Model;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The hostile-argument run: for every row with a variant whose wrapper takes a descriptor (or, for an instance method,
/// whose object is made from one), the variant and the wrapper itself (called by reflection, or through a dynamic method
/// for spans and ref-like parameters; no probe) with fd = -1 and with a descriptor number that is not open, and, where the
/// signature has them, negative offsets and lengths beside those descriptors. What a parameter is comes from the
/// generator's own roles (the table shape the ring planner fitted, else the table's or the marks' roles); names are the
/// fallback only where neither says. The variant must answer as the wrapper does: same result, same errno, in the
/// kernel's own order of checks (a bad descriptor before a bad offset). Every descriptor passed is one that is not open,
/// so no call can act on a file.
/// </summary>
internal static class HeldOutHostile
{
    /// <summary>An offset the wrapper takes by pointer (off_t*) and the variant by value.</summary>
    private sealed record PointedValue(long Value);

    private static readonly ParameterRole[] DescriptorRoles = { ParameterRole.Fd, ParameterRole.DirFd, ParameterRole.Fd2, ParameterRole.DirFd2 };

    /// <summary>
    /// Each parameter's role as the generator sees it: the ring planner's (its table shape, a count folded into its
    /// buffer included) when the wrapper goes to the ring, else the table's or the marks' (<see cref="WrapperRoles"/>).
    /// </summary>
    public static ParameterRole?[] RolesOf(IMethodSymbol symbol)
    {
        string entryPoint = RingPlacement.EntryPointOf(symbol);
        AttributeData? attribute = symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.Name == "AsyncSyscallAttribute");
        if (attribute is not null && WrapperOptions.TryRead(attribute, out WrapperOptions options)
            && RingPlacement.TryPlan(symbol, options.Op, entryPoint, options.NegativeErrno, new LocalNames(symbol), out _, out _)?.WrapperRoles is { } ring)
        {
            return ring;
        }

        return WrapperRoles.Of(symbol, entryPoint, null, new ProblemSink(collect: false)).Roles;
    }

    private static readonly string[] OffsetNames = { "offset", "off", "pos", "position", "fileoffset", "file_offset" };
    private static readonly string[] LengthNames = { "len", "length", "nbytes" };

    /// <summary>
    /// Whether a parameter is a descriptor passed by value (dirfd included; pipe's int[2] is no descriptor argument): by
    /// its role, or by its name where the generator knows no role for it.
    /// </summary>
    private static bool IsDescriptor(IParameterSymbol parameter, ParameterRole?[] roles) =>
        parameter.RefKind == RefKind.None && parameter.Type is not (IArrayTypeSymbol or IPointerTypeSymbol)
        && (roles[parameter.Ordinal] is { } role ? DescriptorRoles.Contains(role) : IsDescriptor(parameter.Name) && !IsOpaqueHandle(parameter));

    // By name only: an 'nint handle' of a call outside the table is a library's pointer (dlopen's, dlsym's first argument),
    // not a descriptor; a made-up 999999 there is an address the call dereferences (round 16's first run crashed on it).
    // So is an 'nint s' (tmpnam's buffer: round 17's first run crashed the test host when -1 went there as a "socket");
    // no held-out socket is declared 'nint s'.
    private static bool IsOpaqueHandle(IParameterSymbol parameter) =>
        parameter.Name.TrimStart('@').ToLowerInvariant() is "handle" or "s"
        && parameter.Type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr;

    // An offset (off_t, or off_t* the kernel reads) or a length passed through (fallocate's, ftruncate's): by role, else by name.
    private static bool IsOffsetOrLength(IMethodSymbol symbol, IParameterSymbol parameter, ParameterRole?[] roles) =>
        roles[parameter.Ordinal] is { } role
            ? role is ParameterRole.Offset or ParameterRole.OffsetPointer or ParameterRole.OffsetPointer2 or ParameterRole.Length
            : IsOffset(parameter.Name) || IsLength(parameter.Name) && !CountsABuffer(symbol, parameter);

    private static bool IsDescriptor(string name)
    {
        string n = name.TrimStart('@').ToLowerInvariant();
        return n is "fd" or "fildes" or "filedes" or "sockfd" or "socket" or "sock" or "s" or "handle" or "sockethandle"
            || n.EndsWith("fd", StringComparison.Ordinal) || n.StartsWith("fd", StringComparison.Ordinal) && n.Length <= 6;
    }

    private static bool IsOffset(string name)
    {
        string n = name.TrimStart('@', '_').ToLowerInvariant();
        return OffsetNames.Contains(n) || n.StartsWith("off", StringComparison.Ordinal) || n.Contains("offset", StringComparison.Ordinal) || n.EndsWith("off", StringComparison.Ordinal);
    }

    private static bool IsLength(string name) => LengthNames.Contains(name.TrimStart('@').ToLowerInvariant());

    /// <summary>Runs the row's hostile calls; returns how many calls it compared (0: the row takes no descriptor, or could not be called).</summary>
    public static async Task<int> RunAsync(HeldOutRun run, HeldOutRunner runner)
    {
        HeldOutRow row = run.Row;
        if (row.WrapperSymbol is not { } symbol)
        {
            return 0;
        }

        if (RingPlacement.IsStub(symbol))
        {
            // A body that only throws is not the call: there is no synchronous answer to compare with.
            row.Runs.Add("hostile: not run (a stub whose body only throws: not the call)");
            return 0;
        }

        ParameterRole?[] roles = RolesOf(symbol);
        bool takesDescriptor = symbol.Parameters.Any(p => IsDescriptor(p, roles));
        if (!takesDescriptor && symbol.IsStatic)
        {
            return 0;
        }

        MethodInfo? wrapper = runner.FindWrapper(symbol);
        if (wrapper is null || wrapper.DeclaringType is { IsByRefLike: true } or { ContainsGenericParameters: true })
        {
            row.Runs.Add("hostile: not run (" + (wrapper is null ? "the wrapper was not found by reflection"
                : wrapper.DeclaringType!.IsByRefLike ? "a member of a ref struct, which reflection cannot make" : "a member of an open generic type") + ")");
            return 0;
        }

        // An instance wrapper works on its object's descriptor: the object is made from the hostile one.
        ConstructorInfo? made = wrapper.IsStatic ? null : DescriptorConstructor(wrapper.DeclaringType!);
        if (!wrapper.IsStatic && made is null)
        {
            if (takesDescriptor || symbol.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => !f.IsStatic && IsDescriptor(f.Name.TrimStart('_', '<'))))
            {
                row.Runs.Add("hostile: not run (an instance method whose type has no constructor taking a descriptor)");
            }

            return 0;
        }

        var sets = new List<(string What, long Fd, Dictionary<string, object?> Values)>();
        foreach (long fd in new long[] { -1, HeldOutRun.NotAnOpenFd })
        {
            sets.Add(("fd " + fd, fd, Baseline(symbol, roles, fd, null, 0)));
            foreach (IParameterSymbol p in symbol.Parameters.Where(p => IsOffsetOrLength(symbol, p, roles)))
            {
                foreach (long negative in new long[] { -1, -4096 })
                {
                    sets.Add(("fd " + fd + ", " + p.Name + " " + negative, fd, Baseline(symbol, roles, fd, p.Name, negative)));
                }
            }
        }

        int compared = 0;
        foreach ((string what, long fd, Dictionary<string, object?> values) in sets)
        {
            if (values.Any(v => v.Value is not null && !CanPass(wrapper, v.Key, v.Value)))
            {
                // A parameter this run has no hostile value for (a byte[][], a Memory<pollfd>, a struct array): the row's
                // own run stands; only the hostile comparison is not made.
                row.Runs.Add("hostile: not run (no hostile value for every parameter of the wrapper)");
                return compared;
            }

            // The wrapper and the variant each get an object of their own, made from the same hostile descriptor.
            Dictionary<long, string> openBefore = OpenDescriptors();
            (long? sync, Exception? syncError) = CallWrapper(wrapper, made is null ? null : Make(made, fd), values, StatesNullAndErrno(symbol), StatesNeverFails(symbol));
            if (sync > 0 && (ReturnsErrorNumber(wrapper) || ReturnsErrorNumber(RingPlacement.EntryPointOf(symbol)) || StatesErrorNumber(symbol)))
            {
                // posix_fallocate and posix_fadvise return the error number itself: in the probes' convention, -errno.
                sync = -sync;
            }

            // The variant takes an offset the wrapper passes by pointer (off_t*) as the value itself.
            VariantOutcome variant = await run.AsyncOn(made is null ? null : Make(made, fd), values.Select(v => (v.Key, v.Value is PointedValue pointed ? pointed.Value : v.Value)).ToArray());
            compared++;
            string label = "hostile (" + (made is null ? "" : "object of ") + what + ")";
            if (syncError is not null)
            {
                run.Row.Runs.Add(label + ": sync threw " + syncError.GetType().Name + ", async " + variant);
                if (variant.Other?.GetType() != syncError.GetType())
                {
                    row.Problems.Add(label + ": the variant " + variant + " where the sync wrapper threw " + syncError.GetType().Name + ": " + syncError.Message);
                }

                continue;
            }

            if (fd == -1 && sync > 2 && variant.Number is long created && created > 2 && created != sync
                && OpenDescriptors() is var openAfter && openAfter.TryGetValue(sync.Value, out string? syncTarget)
                && openAfter.TryGetValue(created, out string? createdTarget) && Kind(syncTarget) == Kind(createdTarget)
                && IsNew(openBefore, sync.Value, syncTarget) && IsNew(openBefore, created, createdTarget))
            {
                // fd -1 can mean "a new descriptor" (signalfd(2), and a name-matched 'fd' of an ordinary method): both calls
                // made one, each its own number; the same answer. Closed here, as the run makes no descriptor it keeps.
                run.Row.Runs.Add(label + ": sync created descriptor " + sync + ", async created descriptor " + created + " (both closed)");
                Close((int)sync.Value);
                Close((int)created);
                continue;
            }

            if (sync is null)
            {
                // A struct returned by value (round 25's wrappers that report failure inside it): no number to compare; the
                // variant must answer too, not throw. Their own runs compare the members.
                run.Row.Runs.Add(label + ": the wrapper returned a struct by value, async " + variant);
                if (variant.Other is not null)
                {
                    row.Problems.Add(label + ": the variant " + variant + " where the sync wrapper returned a struct");
                }

                continue;
            }

            run.ExpectSame(label, sync.Value, variant);
        }

        return compared;
    }

    /// <summary>The descriptors this process has open now, with what each names (its /proc/self/fd link).</summary>
    private static Dictionary<long, string> OpenDescriptors()
    {
        var open = new Dictionary<long, string>();
        foreach (string entry in System.IO.Directory.GetFiles("/proc/self/fd"))
        {
            if (long.TryParse(System.IO.Path.GetFileName(entry), out long number))
            {
                try
                {
                    open[number] = new System.IO.FileInfo(entry).LinkTarget ?? "";
                }
                catch (System.IO.IOException)
                {
                    // Closed while listed (the listing's own descriptor, or another thread's).
                }
            }
        }

        return open;
    }

    /// <summary>
    /// Whether <paramref name="number"/> names something the call made: not open before, or open then as something else.
    /// A number can be taken and given back meanwhile by another thread (a thread start opens a pipe and closes it once
    /// the thread runs): a CI run saw the variant's new signalfd get 443, which such a pipe held when the run looked first.
    /// </summary>
    private static bool IsNew(Dictionary<long, string> before, long number, string target) =>
        !before.TryGetValue(number, out string? was) || was != target;

    // What a descriptor is, without the inode that tells two sockets or two pipes apart ("socket:[123]" -> "socket:").
    private static string Kind(string target) =>
        target.StartsWith("socket:[", StringComparison.Ordinal) || target.StartsWith("pipe:[", StringComparison.Ordinal)
            ? target[..(target.IndexOf('[', StringComparison.Ordinal) + 1)] : target;

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);

    /// <summary>A constructor taking one descriptor (an integer or a SafeHandle): the object an instance wrapper works on.</summary>
    private static ConstructorInfo? DescriptorConstructor(Type type) =>
        type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .FirstOrDefault(c => c.GetParameters() is [{ ParameterType: var p } only] && (p == typeof(int) || p == typeof(long) || typeof(SafeHandle).IsAssignableFrom(p)
                // An IntPtr only when named as a descriptor: iconv's 'nint cd' is a library's pointer, and a made-up 999999 there
                // is an address the call dereferences (round 16's first run crashed on it).
                || p == typeof(IntPtr) && IsDescriptor(only.Name ?? "")));

    private static object Make(ConstructorInfo constructor, long fd) =>
        constructor.Invoke(new[] { HeldOutRunner.ConvertTo(fd, constructor.GetParameters()[0].ParameterType, new List<GCHandle>(), "fd") });

    /// <summary>
    /// A length right after a buffer counts that buffer's bytes: a negative one is refused before any call (the variant
    /// would otherwise let the kernel write past the managed buffer), so it is no hostile argument here.
    /// </summary>
    private static bool CountsABuffer(IMethodSymbol symbol, IParameterSymbol length) =>
        length.Ordinal > 0 && (symbol.Parameters[length.Ordinal - 1].Type is IArrayTypeSymbol or IPointerTypeSymbol || symbol.Parameters[length.Ordinal - 1].Type.IsRefLikeType)
            || length.Ordinal > 0 && symbol.Parameters[length.Ordinal - 1].Type.SpecialType == SpecialType.System_IntPtr && !IsOffset(symbol.Parameters[length.Ordinal - 1].Name);

    // Every descriptor is the hostile one; buffers are real and large enough for the counts; other integers are 0.
    // An iovec list is one 8-byte buffer, its count 1; a span is an array of its elements.
    private static Dictionary<string, object?> Baseline(IMethodSymbol symbol, ParameterRole?[] roles, long fd, string? negativeName, long negative)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (IParameterSymbol p in symbol.Parameters)
        {
            string name = p.Name;
            ITypeSymbol type = p.Type;
            ParameterRole? role = roles[p.Ordinal];
            bool pointsAtOffset = type is IPointerTypeSymbol { PointedAtType: var pointedAt }
                && (role is ParameterRole.OffsetPointer or ParameterRole.OffsetPointer2
                    || role is null && (IsOffset(name) || name.StartsWith("off", StringComparison.OrdinalIgnoreCase))
                        && (pointedAt.SpecialType is SpecialType.System_Int64 or SpecialType.System_IntPtr || pointedAt.TypeKind == TypeKind.Struct && pointedAt.Name.Contains("off", StringComparison.OrdinalIgnoreCase)));
            bool byteSpan = type.IsRefLikeType && type is INamedTypeSymbol { TypeArguments: [{ SpecialType: SpecialType.System_Byte }] };
            values[name] =
                pointsAtOffset ? new PointedValue(name == negativeName ? negative : 0)
                : name == negativeName ? negative
                : role == ParameterRole.Vectors ? new VectorsArg(new[] { new byte[8] })
                : role == ParameterRole.VectorCount ? 1L
                : (role is ParameterRole.Path or ParameterRole.Path2 || role is null && name.Contains("path", StringComparison.OrdinalIgnoreCase))
                    && (type.SpecialType == SpecialType.System_String || type is IPointerTypeSymbol)
                    ? new PathArg("asyncsys-hostile-path")
                : IsDescriptor(p, roles) ? fd
                : byteSpan ? new byte[4096]
                : type is IArrayTypeSymbol { ElementType: { TypeKind: TypeKind.Struct, SpecialType: SpecialType.None } }
                    || role == ParameterRole.OutElements && type is IPointerTypeSymbol { PointedAtType.TypeKind: TypeKind.Struct } ? new ElementsArg(8)
                : type is INamedTypeSymbol { TypeKind: TypeKind.Struct, SpecialType: SpecialType.None, IsRefLikeType: false } record
                    && record.GetMembers().OfType<IFieldSymbol>().Count(f => !f.IsStatic) > 1 ? null
                : name.Contains("addr", StringComparison.OrdinalIgnoreCase) && !name.Contains("len", StringComparison.OrdinalIgnoreCase) && (type is IArrayTypeSymbol or IPointerTypeSymbol || type.SpecialType == SpecialType.System_IntPtr || type.ToDisplayString().Contains("Memory", StringComparison.Ordinal))
                    ? new byte[16]
                : type.SpecialType == SpecialType.System_String ? "asyncsys-hostile-path"
                : type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte } || type is IPointerTypeSymbol || type.SpecialType is SpecialType.System_IntPtr && !IsOffset(name) && !IsLength(name) && !IsCount(name)
                    ? new byte[4096]
                // A count right after an out value counts the value's bytes: 1 is within any value ("buffers large enough").
                : IsCount(name) && p.Ordinal > 0 && symbol.Parameters[p.Ordinal - 1].RefKind == RefKind.Out ? 1L
                : IsCount(name) ? 8L
                : (object)0L;
        }

        return values;
    }

    /// <summary>Whether the baseline's value for a parameter converts to its type (the wrapper's and, by name, the variant's).</summary>
    private static bool CanPass(MethodInfo wrapper, string name, object value)
    {
        ParameterInfo? parameter = wrapper.GetParameters().FirstOrDefault(p => p.Name == name);
        if (parameter is null || parameter.ParameterType.IsByRef || parameter.ParameterType.IsPointer || value is PathArg or PointedValue)
        {
            return true;
        }

        try
        {
            HeldOutRunner.ConvertTo(value, parameter.ParameterType, new List<GCHandle>(), name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // The entry point as the declaration names it ([LibraryImport]'s EntryPoint too, which reflection does not show).
    private static bool ReturnsErrorNumber(string entryPoint) =>
        entryPoint.Contains("posix_fallocate", StringComparison.Ordinal) || entryPoint.Contains("posix_fadvise", StringComparison.Ordinal);

    private static bool ReturnsErrorNumber(MethodInfo wrapper)
    {
        string entry = wrapper.GetCustomAttribute<DllImportAttribute>()?.EntryPoint ?? wrapper.Name;
        return entry.Contains("posix_fallocate", StringComparison.Ordinal) || entry.Contains("posix_fadvise", StringComparison.Ordinal)
            || wrapper.Name.Contains("posix_fallocate", StringComparison.Ordinal) || wrapper.Name.Contains("posix_fadvise", StringComparison.Ordinal);
    }

    // [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)]: the wrapper returns the error number.
    private static bool StatesErrorNumber(IMethodSymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.Name == "AsyncSyscallAttribute"
            && a.NamedArguments.Any(n => n.Key == "Errors" && n.Value.Value is int value && value == (int)SyscallErrors.ReturnsErrorNumber));

    // [AsyncSyscall(Errors = SyscallErrors.NullAndErrno)]: NULL is the failure, and every other value (-1 included) an answer.
    private static bool StatesNullAndErrno(IMethodSymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.Name == "AsyncSyscallAttribute"
            && a.NamedArguments.Any(n => n.Key == "Errors" && n.Value.Value is int value && value == (int)SyscallErrors.NullAndErrno));

    // [AsyncSyscall(Errors = SyscallErrors.NeverFails)]: every result is the wrapper's answer (a body that returns -1 and puts
    // the errno in an out parameter, as Mono.Posix-style wrappers do), never a failure to read errno for.
    private static bool StatesNeverFails(IMethodSymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.Name == "AsyncSyscallAttribute"
            && a.NamedArguments.Any(n => n.Key == "Errors" && n.Value.Value is int value && value == (int)SyscallErrors.NeverFails));

    private static bool IsCount(string name) =>
        name.TrimStart('@').ToLowerInvariant() is "count" or "size" or "nbyte" or "bufsize" or "bufsiz" or "buflen" or "len" or "length" or "n";

    // The wrapper's own answer: the result, or -errno when it failed (-1, a null or invalid handle, or an ErrnoException).
    // A wrapper stating NullAndErrno fails only with NULL: errno says why (EIO when the call left it 0, as the variant reads it).
    // A wrapper stating NeverFails does not fail: its number is returned as it is.
    private static (long? Result, Exception? Error) CallWrapper(MethodInfo wrapper, object? target, Dictionary<string, object?> values, bool nullAndErrno, bool neverFails)
    {
        var pins = new List<GCHandle>();
        try
        {
            ParameterInfo[] parameters = wrapper.GetParameters();
            object?[] arguments = new object?[parameters.Length];
            for (int i = 0; i < parameters.Length; i++)
            {
                arguments[i] = Argument(parameters[i], values, pins);
            }

            Marshal.SetLastPInvokeError(0);
            Marshal.SetLastSystemError(0);
            object? result;
            try
            {
                result = NeedsDynamicCall(wrapper) ? DynamicCall.Of(wrapper)(target, arguments) : wrapper.Invoke(target, arguments);
            }
            catch (TargetInvocationException e) when (e.InnerException is ErrnoException errno)
            {
                return (-errno.Errno, null);
            }
            catch (TargetInvocationException e)
            {
                return (null, e.InnerException);
            }
            catch (ErrnoException errno)
            {
                // Thrown by a wrapper called through a dynamic method (no TargetInvocationException around it).
                return (-errno.Errno, null);
            }

            int error = Marshal.GetLastPInvokeError() is int set and not 0 ? set : Marshal.GetLastSystemError();
            if (result is SafeHandle handle)
            {
                // The low 32 bits: a descriptor call's int -1 may arrive zero-extended (as the generated code compares it).
                return (handle.IsInvalid || unchecked((int)handle.DangerousGetHandle()) == -1 ? -error : (long)handle.DangerousGetHandle(), null);
            }

            if (nullAndErrno && result is not null && HeldOutRunner.AsNumber(result) is long pointer)
            {
                return (pointer == 0 ? -(error != 0 ? error : AsyncSys.Errno.EIO) : pointer, null);
            }

            // An unsigned result of all ones is the call's -1 seen through the wrapper's type.
            long? number = result is null ? 0 : result is uint and uint.MaxValue ? -1 : HeldOutRunner.AsNumber(result);
            // A C int -1 declared as a 64-bit result can arrive zero-extended (4294967295); with errno set (it was cleared
            // before the call) it is the call's failure, as the generated code reads a 0-or--1 call.
            return (!neverFails && (number == -1 || number == uint.MaxValue && error != 0) ? -error : number, null);
        }
        finally
        {
            foreach (GCHandle pin in pins)
            {
                pin.Free();
            }
        }
    }

    // Reflection cannot pass a span (a ref struct): those wrappers are called through a dynamic method.
    private static bool NeedsDynamicCall(MethodInfo wrapper) =>
        wrapper.GetParameters().Any(p => (p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType).IsByRefLike);

    private static unsafe object? Argument(ParameterInfo parameter, Dictionary<string, object?> values, List<GCHandle> pins)
    {
        Type type = parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
        object? value = values.TryGetValue(parameter.Name!, out object? given) ? given : null;
        if (value is VectorsArg vectors)
        {
            // The kernel's struct iovec (base, length) over the pinned buffers, as the wrapper's pointer, array or span.
            nint[] iovecs = new nint[2 * vectors.Buffers.Length];
            for (int i = 0; i < vectors.Buffers.Length; i++)
            {
                GCHandle pin = GCHandle.Alloc(vectors.Buffers[i], GCHandleType.Pinned);
                pins.Add(pin);
                iovecs[2 * i] = pin.AddrOfPinnedObject();
                iovecs[(2 * i) + 1] = vectors.Buffers[i].Length;
            }

            GCHandle pinnedIovecs = GCHandle.Alloc(iovecs, GCHandleType.Pinned);
            pins.Add(pinnedIovecs);
            if (type.IsPointer)
            {
                return Pointer.Box((void*)pinnedIovecs.AddrOfPinnedObject(), type);
            }

            Type element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            Array structs = Array.CreateInstance(element, vectors.Buffers.Length);
            GCHandle pinnedStructs = GCHandle.Alloc(structs, GCHandleType.Pinned);
            pins.Add(pinnedStructs);
            Buffer.MemoryCopy((void*)pinnedIovecs.AddrOfPinnedObject(), (void*)pinnedStructs.AddrOfPinnedObject(), (long)Marshal.SizeOf(element) * structs.Length, iovecs.Length * sizeof(nint));
            return structs;
        }

        if (value is ElementsArg elements && (type.IsArray || type.IsByRefLike))
        {
            return Array.CreateInstance(type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0], elements.Count);
        }

        if (type.IsByRefLike)
        {
            // A span: its array, which the dynamic call wraps.
            return value ?? Array.CreateInstance(type.GetGenericArguments()[0], 0);
        }

        if (type.IsPointer && value is PathArg path)
        {
            // A relative path: with the hostile dirfd beside it the kernel never resolves it.
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(path.Path + "\0");
            GCHandle pinned = GCHandle.Alloc(bytes, GCHandleType.Pinned);
            pins.Add(pinned);
            return Pointer.Box((void*)pinned.AddrOfPinnedObject(), type);
        }

        if (type.IsPointer && value is PointedValue offset)
        {
            long[] cell = { offset.Value };
            GCHandle pinned = GCHandle.Alloc(cell, GCHandleType.Pinned);
            pins.Add(pinned);
            return Pointer.Box((void*)pinned.AddrOfPinnedObject(), type);
        }

        if (type.IsPointer)
        {
            byte[] buffer = value as byte[] ?? new byte[4096];
            GCHandle pin = GCHandle.Alloc(buffer, GCHandleType.Pinned);
            pins.Add(pin);
            return Pointer.Box((void*)pin.AddrOfPinnedObject(), type);
        }

        if (type.IsArray && value is byte[] && type != typeof(byte[]))
        {
            return Array.CreateInstance(type.GetElementType()!, 8);
        }

        if (value is byte[] && (type.IsValueType && type != typeof(IntPtr) && type != typeof(UIntPtr) && !type.IsGenericType))
        {
            return Activator.CreateInstance(type);
        }

        if (parameter.ParameterType.IsByRef && parameter.IsOut || value is null)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        if (typeof(SafeHandle).IsAssignableFrom(type) && value is long number && type.IsAssignableFrom(typeof(SafeFileHandle)))
        {
            return new SafeFileHandle((IntPtr)number, ownsHandle: false);
        }

        return HeldOutRunner.ConvertTo(value, type, pins, parameter.Name!);
    }
}
