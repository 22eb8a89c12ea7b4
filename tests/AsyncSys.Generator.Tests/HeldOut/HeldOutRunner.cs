using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>A path argument: a string where the variant takes a string, NUL-terminated UTF-8 bytes where it takes bytes.</summary>
internal sealed record PathArg(string Path);

/// <summary>A zeroed array of <paramref name="Count"/> structs (epoll_event[]): as an array, a span or a Memory of them.</summary>
internal sealed record ElementsArg(int Count);

/// <summary>Buffers for an iovec list: the wrapper gets iovecs over them (pinned), the variant the list of memories.</summary>
internal sealed record VectorsArg(byte[][] Buffers);

/// <summary>
/// Compiles a case file with its generated code and a probe class of synchronous calls into a real assembly,
/// loads it, and calls generated variants by reflection with arguments matched to their parameters by name,
/// so the runs do not depend on the exact signatures the generator chooses.
/// (LibraryImport partials are left out of these assemblies: their bodies come from the runtime's own
/// generator, which does not run in this in-memory build.)
/// </summary>
internal sealed record HeldOutRunner
{
    private readonly Assembly _assembly;

    private HeldOutRunner(Assembly assembly) => _assembly = assembly;

    /// <summary>Arguments matched by type when no parameter of the variant has their name.</summary>
    private static readonly Type[] BufferTypes = { typeof(Memory<byte>), typeof(ReadOnlyMemory<byte>), typeof(ArraySegment<byte>), typeof(byte[]) };

    /// <summary>How the [LibraryImport] wrappers were built: by the runtime's generator, or left out.</summary>
    public string LibraryImportMode { get; private init; } = "";

    /// <summary>Whether the [LibraryImport] wrappers (and their probes) are in the assembly.</summary>
    public bool HasLibraryImports { get; private init; }

    public static HeldOutRunner Build(HeldOutGroup group, string probeSource, string libraryImportProbeSource)
    {
        string why = LibraryImportGeneratorLoader.Why;
        if (LibraryImportGeneratorLoader.Generator is { } libraryImport)
        {
            Compilation input = GeneratorHarness.Compile(group.Source, probeSource, libraryImportProbeSource);
            GeneratorDriver driver = CSharpGeneratorDriver.Create(
                new[] { new AsyncSyscallGenerator().AsSourceGenerator(), libraryImport },
                parseOptions: GeneratorHarness.ParseOptions);
            driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
            if (TryLoad(group, output, out HeldOutRunner? runner, out string errors))
            {
                return runner with { LibraryImportMode = "[LibraryImport] bodies from the runtime's generator", HasLibraryImports = true };
            }

            why = "with the runtime's LibraryImport generator the assembly did not build: " + errors;
        }

        // Without the runtime's generator, LibraryImport partials have no body: leave them out of this assembly.
        SyntaxTree tree = CSharpSyntaxTree.ParseText(group.Source, GeneratorHarness.ParseOptions);
        SyntaxNode root = tree.GetRoot();
        var libraryImports = root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(m => m.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "LibraryImport" or "LibraryImportAttribute"))
            .ToList();
        string source = root.RemoveNodes(libraryImports, SyntaxRemoveOptions.KeepNoTrivia)!.ToFullString();
        (_, Compilation stripped) = GeneratorHarness.Run(GeneratorHarness.Compile(source, probeSource));
        if (!TryLoad(group, stripped, out HeldOutRunner? fallback, out string fallbackErrors))
        {
            throw new InvalidOperationException("The end-to-end assembly for " + group.Name + " does not compile: " + fallbackErrors);
        }

        return fallback with { LibraryImportMode = "[LibraryImport] wrappers left out (" + why + ")" };
    }

    private static bool TryLoad(HeldOutGroup group, Compilation output, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HeldOutRunner? runner, out string errors)
    {
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(image);
        errors = string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5));
        runner = null;
        if (!emitted.Success)
        {
            return false;
        }

        image.Position = 0;

        // Not collectible: the test host keeps every case assembly until it exits. With collectible contexts, which the GC
        // unloaded once a group's runner was unreachable, the host crashed in about one CI run in four with a corrupted
        // heap (README, "Test host crashes": a standalone program reproduces it with pooled async methods awaiting
        // RunBlockingAsync in an unloaded context, and not without the pooling or without the unloading).
        var context = new AssemblyLoadContext("heldout-" + group.Name, isCollectible: false);
        runner = new HeldOutRunner(context.LoadFromStream(image));
        return true;
    }

    /// <summary>A type of the case file's assembly (for arrays of its structs), or null.</summary>
    public Type? TypeNamed(string fullName) => _assembly.GetType(fullName);

    /// <summary>Calls a probe method: a synchronous call written by hand, returning its result or -errno.</summary>
    public long Probe(string method, params object?[] arguments)
    {
        MethodInfo probe = _assembly.GetTypes()
            .Select(t => t.GetMethod(method, BindingFlags.Public | BindingFlags.Static))
            .SingleOrDefault(m => m is not null)
            ?? throw new InvalidOperationException("no probe " + method);
        return Convert.ToInt64(probe.Invoke(null, arguments));
    }

    /// <summary>
    /// Calls a generated variant (the overload with an IoRing when there is one) with arguments given by the
    /// wrapper's parameter names; returns the awaited result, or the exception the task ended with.
    /// </summary>
    public async Task<(object? Result, Exception? Error)> InvokeAsync(IMethodSymbol variant, IoRing ring, IReadOnlyDictionary<string, object?> arguments, List<GCHandle> pins, object? target = null)
    {
        MethodInfo method = Find(variant);

        // An instance variant (a wrapper on a class that owns its descriptor) runs on the object given as the target (the
        // hostile run) or passed by the run as "this".
        object? instance = method.IsStatic ? null
            : target ?? (arguments.TryGetValue("this", out object? self) && self is not null ? self
            : throw new ArgumentException("the run gives no object for the instance variant " + method.Name));

        if (method.DeclaringType is { IsByRefLike: true })
        {
            // Reflection cannot invoke members of a ref struct (NotSupportedException): the run says so, no verdict from it.
            throw new ArgumentException("reflection cannot call " + method.Name + ", a member of the ref struct " + method.DeclaringType.Name);
        }

        ParameterInfo[] parameters = method.GetParameters();
        object?[] values = new object?[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            values[i] = ArgumentFor(parameters[i], ring, arguments, pins);
        }

        object? awaitable;
        try
        {
            awaitable = method.Invoke(instance, values);
        }
        catch (TargetInvocationException e)
        {
            return (null, e.InnerException);
        }

        Task task = AsTask(awaitable!);
        try
        {
            await task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException e) when (!task.IsCompleted)
        {
            // The call is still running: what it was given must stay pinned (the caller keeps the pins, see
            // VariantStillRunningException), or the kernel would write into memory the GC has moved or reused.
            return (null, new VariantStillRunningException(e));
        }
        catch (Exception e)
        {
            return (null, e);
        }

        PropertyInfo? result = task.GetType().GetProperty("Result");
        return (result?.GetValue(task), null);
    }

    /// <summary>The wrapper itself, found by its containing type, name and parameter count.</summary>
    public MethodInfo? FindWrapper(IMethodSymbol wrapper)
    {
        Type? type = _assembly.GetType(MetadataName(wrapper.ContainingType), throwOnError: false);
        return type?.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .FirstOrDefault(m => m.Name == wrapper.MetadataName && m.GetParameters().Length == wrapper.Parameters.Length);
    }

    private MethodInfo Find(IMethodSymbol variant)
    {
        Type type = _assembly.GetType(MetadataName(variant.ContainingType), throwOnError: true)!;
        MethodInfo[] candidates = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name == variant.Name && m.IsStatic == variant.IsStatic)
            .ToArray();
        // Overloads of one name (write with a pointer, an array, a span): the one whose parameters are the variant's.
        MethodInfo[] same = candidates.Where(m => SameParameters(m, variant)).ToArray();
        candidates = same.Length > 0 ? same : candidates;
        MethodInfo? withRing = candidates.FirstOrDefault(m => m.GetParameters().Any(p => p.ParameterType == typeof(IoRing)));
        return withRing ?? candidates.FirstOrDefault()
            ?? throw new InvalidOperationException("no method " + variant.Name + " in " + type.FullName);
    }

    /// <summary>Parameter types by name, the IoRing left out: enough to tell overloads of one variant name apart.</summary>
    private static bool SameParameters(MethodInfo method, IMethodSymbol variant)
    {
        string[] reflected = method.GetParameters().Where(p => p.ParameterType != typeof(IoRing)).Select(p => p.ParameterType.Name).ToArray();
        string[] declared = variant.Parameters.Where(p => p.Type.Name != "IoRing").Select(p => TypeName(p.Type)).ToArray();
        return reflected.SequenceEqual(declared);
    }

    private static string TypeName(ITypeSymbol type) =>
        type is IArrayTypeSymbol array ? TypeName(array.ElementType) + "[]"
        : type is IPointerTypeSymbol pointer ? TypeName(pointer.PointedAtType) + "*"
        : type.MetadataName;

    private static string MetadataName(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
            type = outer;
        }

        string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString() + ".";
        return ns + name;
    }

    private static object? ArgumentFor(ParameterInfo parameter, IoRing ring, IReadOnlyDictionary<string, object?> arguments, List<GCHandle> pins)
    {
        Type type = parameter.ParameterType;
        if (type == typeof(IoRing))
        {
            return ring;
        }

        if (type == typeof(CancellationToken))
        {
            // A run may pass its own token (a wait the variant should end only when cancelled); else none.
            return arguments.TryGetValue("cancellationToken", out object? token) && token is CancellationToken passed ? passed : CancellationToken.None;
        }

        KeyValuePair<string, object?> given = arguments.FirstOrDefault(a => string.Equals(a.Key, parameter.Name, StringComparison.OrdinalIgnoreCase));
        if (given.Key is null && BufferTypes.Contains(type) && arguments.Count(a => a.Value is byte[]) == 1)
        {
            // A renamed buffer parameter: the one byte buffer of the run is unambiguous.
            given = arguments.First(a => a.Value is byte[]);
        }

        if (given.Key is null)
        {
            if (parameter.HasDefaultValue)
            {
                // A number as the parameter's type: an nuint's default comes back from metadata as a uint, which Invoke refuses.
                return parameter.DefaultValue is int or long or uint or ulong ? ConvertTo(parameter.DefaultValue, type, pins, parameter.Name!) : parameter.DefaultValue;
            }

            throw new ArgumentException("the run gives no value for parameter '" + parameter.Name + "' (" + type + ") of the variant");
        }

        return ConvertTo(given.Value, type, pins, parameter.Name!);
    }

    internal static object? ConvertTo(object? value, Type type, List<GCHandle> pins, string name)
    {
        if (value is null)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        if (type.IsInstanceOfType(value) && value is not PathArg)
        {
            return value;
        }

        if (value is PathArg path)
        {
            if (type == typeof(string))
            {
                return path.Path;
            }

            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(path.Path + "\0");
            return ConvertTo(bytes, type, pins, name);
        }

        if (value is VectorsArg vectors && type.IsGenericType && type.GetGenericArguments()[0] is { IsGenericType: true } memory)
        {
            // IReadOnlyList<Memory<byte>> (readv) or IReadOnlyList<ReadOnlyMemory<byte>> (writev): the same buffers.
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(memory))!;
            foreach (byte[] buffer in vectors.Buffers)
            {
                list.Add(Activator.CreateInstance(memory, buffer));
            }

            return list;
        }

        if (value is ElementsArg elements)
        {
            Type element = type.IsArray ? type.GetElementType()! : type.IsGenericType ? type.GetGenericArguments()[0] : typeof(byte);
            value = Array.CreateInstance(element, elements.Count);
            if (type.IsInstanceOfType(value))
            {
                return value;
            }
        }

        if (value is Array array)
        {
            Type element = array.GetType().GetElementType()!;
            if (type.IsGenericType && type.GetGenericArguments()[0] == element
                && type.GetGenericTypeDefinition() is var definition
                && (definition == typeof(Memory<>) || definition == typeof(ReadOnlyMemory<>) || definition == typeof(ArraySegment<>)))
            {
                return Activator.CreateInstance(type, array);
            }

            if (type == typeof(IntPtr) || type == typeof(UIntPtr))
            {
                GCHandle pin = GCHandle.Alloc(array, GCHandleType.Pinned);
                pins.Add(pin);
                return type == typeof(IntPtr) ? pin.AddrOfPinnedObject() : (object)(UIntPtr)(ulong)pin.AddrOfPinnedObject();
            }

            throw new ArgumentException("the run cannot pass an array as '" + name + "' of type " + type);
        }

        if (value is int or long or uint or ulong && Nullable.GetUnderlyingType(type) is { } underlying)
        {
            // An optional offset (long?, nint?): the number as the underlying type.
            return ConvertTo(value, underlying, pins, name);
        }

        if (value is int or long or uint or ulong)
        {
            long number = System.Convert.ToInt64(value);
            if (type.IsEnum)
            {
                return Enum.ToObject(type, number);
            }

            if (type == typeof(IntPtr))
            {
                return (IntPtr)number;
            }

            if (type == typeof(UIntPtr))
            {
                return (UIntPtr)(ulong)number;
            }

            if (type.IsPrimitive && number < 0 && (type == typeof(ulong) || type == typeof(uint) || type == typeof(ushort) || type == typeof(byte)))
            {
                // A negative number for an unsigned parameter (the hostile-argument run): its bits, as a C caller passes them.
                return System.Convert.ChangeType(unchecked((ulong)number) & (type == typeof(ulong) ? ulong.MaxValue : (1UL << (Marshal.SizeOf(type) * 8)) - 1), type, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (type.IsPrimitive)
            {
                return System.Convert.ChangeType(number, type, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (typeof(SafeHandle).IsAssignableFrom(type) && type.IsAssignableFrom(typeof(SafeFileHandle)))
            {
                return new SafeFileHandle((IntPtr)number, ownsHandle: false);
            }

            if (typeof(SafeHandle).IsAssignableFrom(type) && type.GetConstructor(new[] { typeof(IntPtr), typeof(bool) }) is { } wraps)
            {
                // A SafeHandle subclass of the case file with the usual (IntPtr handle, bool ownsHandle) constructor.
                return wraps.Invoke(new object[] { (IntPtr)number, false });
            }

            FieldInfo[] fields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            if (type.IsValueType && fields.Length == 1)
            {
                object typedef = Activator.CreateInstance(type)!;
                fields[0].SetValue(typedef, ConvertTo(number, fields[0].FieldType, pins, name));
                return typedef;
            }
        }

        throw new ArgumentException("the run cannot pass " + value.GetType().Name + " as '" + name + "' of type " + type);
    }

    private static Task AsTask(object awaitable)
    {
        if (awaitable is Task task)
        {
            return task;
        }

        MethodInfo? asTask = awaitable.GetType().GetMethod("AsTask", Type.EmptyTypes);
        return asTask?.Invoke(awaitable, null) as Task
            ?? throw new InvalidOperationException("the variant returned " + awaitable.GetType() + ", which the run cannot await");
    }

    /// <summary>A result as a number: the value, the single field of a typedef struct, or a record's ReturnValue.</summary>
    public static long? AsNumber(object? result)
    {
        switch (result)
        {
            case null:
                return null;
            case IntPtr p:
                return (long)p;
            case UIntPtr u:
                return unchecked((long)(ulong)u);
            case ulong wide:
                // An unsigned 64-bit result (lseek declared as ulong): its bits, so all ones is the call's -1.
                return unchecked((long)wide);
            case Enum e:
                return System.Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture);
        }

        Type type = result.GetType();
        if (type.IsPrimitive)
        {
            return System.Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
        }

        FieldInfo[] fields = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        if (type.IsValueType && fields.Length == 1)
        {
            return AsNumber(fields[0].GetValue(result));
        }

        PropertyInfo? returnValue = type.GetProperty("ReturnValue") ?? type.GetProperty("Result");
        return returnValue is null ? null : AsNumber(returnValue.GetValue(result));
    }
}

/// <summary>A variant that had not ended 10 s after it was called: it may still use what it was given.</summary>
internal sealed class VariantStillRunningException(TimeoutException inner)
    : Exception("the variant did not end within 10 s; its arguments stay pinned", inner);
