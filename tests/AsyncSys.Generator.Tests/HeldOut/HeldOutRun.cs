using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>What a generated variant did: a value, an ErrnoException, or something else.</summary>
internal sealed record VariantOutcome(object? Result, long? Number, int? Errno, Exception? Other)
{
    /// <summary>In the probes' convention: the result, or -errno.</summary>
    public long? Normalized => Errno is int errno ? -errno : Number;

    public override string ToString() =>
        Other is not null ? "threw " + Other.GetType().Name + ": " + Other.Message
        : Errno is int e ? "ErrnoException " + AsyncSys.Errno.NameOf(e)
        : "returned " + (Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Result?.ToString() ?? "nothing");
}

/// <summary>One end-to-end run of one row's variant next to its synchronous wrapper; failures land in the row.</summary>
internal sealed class HeldOutRun
{
    public const int NotAnOpenFd = 999_999;

    private readonly HeldOutRunner _runner;
    private readonly IoRing _ring;
    private readonly List<IDisposable> _cleanup;

    public HeldOutRun(HeldOutRow row, HeldOutRunner runner, IoRing ring, string directory, List<IDisposable> cleanup)
    {
        Row = row;
        _runner = runner;
        _ring = ring;
        Directory = directory;
        _cleanup = cleanup;
    }

    public HeldOutRow Row { get; }

    public string Directory { get; }

    public long Sync(string probe, params object?[] arguments) => _runner.Probe(probe, arguments);

    /// <summary>Calls the row's variant with arguments named as the wrapper's parameters.</summary>
    public Task<VariantOutcome> Async(params (string Name, object? Value)[] arguments) => AsyncOn(null, arguments);

    /// <summary>Calls the row's variant on <paramref name="target"/> (an instance variant's object; null for a static one).</summary>
    public async Task<VariantOutcome> AsyncOn(object? target, params (string Name, object? Value)[] arguments)
    {
        var pins = new List<GCHandle>();
        bool stillRunning = false;
        try
        {
            (object? result, Exception? error) = await _runner.InvokeAsync(Row.VariantSymbols[0], _ring, arguments.ToDictionary(a => a.Name, a => a.Value), pins, target);
            stillRunning = error is VariantStillRunningException;
            return error switch
            {
                null => new VariantOutcome(result, HeldOutRunner.AsNumber(result), null, null),
                ErrnoException errno => new VariantOutcome(null, null, errno.Errno, null),
                _ => new VariantOutcome(null, null, null, error),
            };
        }
        finally
        {
            // A variant that did not end may still have the kernel write into its arguments: their pins are kept for the
            // rest of the process (the row is a problem anyway: every scenario compares the outcome).
            if (!stillRunning)
            {
                foreach (GCHandle pin in pins)
                {
                    pin.Free();
                }
            }
        }
    }

    /// <summary>
    /// The type of the variant's parameter of that name as C# shows it, or null: for runs whose argument must
    /// follow the shape the generator chose (a buffer of structs or of bytes), decided before the call, not guessed after.
    /// </summary>
    public string? ParameterType(string name) =>
        Row.VariantSymbols[0].Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.Type.ToDisplayString();

    /// <summary>A zeroed array of a struct declared in the case file.</summary>
    public Array NewArray(string typeFullName, int length) =>
        Array.CreateInstance(_runner.TypeNamed(typeFullName) ?? throw new InvalidOperationException("no type " + typeFullName + " in the case assembly; the run is wrong"), length);

    /// <summary>An object of a class declared in the case file (an owner of a descriptor whose instance variants run on it).</summary>
    public object NewObject(string typeFullName, params object?[] arguments) =>
        Activator.CreateInstance(_runner.TypeNamed(typeFullName) ?? throw new InvalidOperationException("no type " + typeFullName + " in the case assembly; the run is wrong"), arguments)!;

    /// <summary>A static helper of the case file (not a wrapper), for runs whose arguments the case file builds itself (message vectors).</summary>
    public object? CallStatic(string typeFullName, string method, params object?[] arguments) =>
        (_runner.TypeNamed(typeFullName) ?? throw new InvalidOperationException("no type " + typeFullName + " in the case assembly; the run is wrong"))
            .GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);

    /// <summary>A new file with the given bytes, opened read-write; returns its descriptor (closed when the test ends).</summary>
    public int OpenFile(string name, byte[] content)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, content);
        return OpenExisting(path);
    }

    public int OpenExisting(string path)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        _cleanup.Add(handle);
        return (int)handle.DangerousGetHandle();
    }

    public void Track(IDisposable disposable) => _cleanup.Add(disposable);

    /// <summary>The sync call is the reference: a mismatch is written to the row as a problem.</summary>
    public void ExpectSame(string what, long sync, VariantOutcome variant)
    {
        Row.Runs.Add(what + ": sync " + Describe(sync) + ", async " + variant);
        if (variant.Other is not null)
        {
            Row.Problems.Add(what + ": the variant " + variant + " where the sync wrapper " + Describe(sync));
        }
        else if (variant.Normalized is null && sync == 0)
        {
            // A zero-on-success call whose variant returns its out-values, or nothing, instead of the 0: a success either way.
        }
        else if (variant.Normalized != sync)
        {
            Row.Problems.Add(what + ": the variant " + variant + " where the sync wrapper " + Describe(sync)
                + (sync < 0 && variant.Errno is null ? " (a failure returned as a success value)" : ""));
        }
    }

    /// <summary>
    /// The static check calls an output gone when nothing in the signature or the result is named or typed like it; when
    /// the output's type is also the wrapper's return type (getsockname's int* length beside its int result) the types
    /// cannot tell whether the result is the call's 0 or the value written. A run settles it: when the variant's result
    /// matches the value the sync call wrote (and that value is not the call's 0), the static verdict is replaced by a note.
    /// </summary>
    public void ExpectOutputInResult(string output, long sync, long? variant)
    {
        string gone = "output '" + output + "' is gone";
        if (sync > 0 && variant == sync && Row.Problems.RemoveWhere(p => p.Contains(gone, StringComparison.Ordinal)) > 0)
        {
            Row.Notes.Add("'" + output + "' comes back as the result (" + variant + ", as the sync call wrote): the static check could not tell it from the call's 0 by type");
        }
    }

    /// <summary>
    /// A value that makes the call act on the calling thread (a thread CPU-time clock, RUSAGE_THREAD, pid 0): the variant
    /// runs on a worker, so the right answer is no answer: ArgumentException naming <paramref name="parameter"/> at the call
    /// (docs/diagnostics/ASYS0016.md), never the worker's value.
    /// </summary>
    public void ExpectCallingThreadRefused(string what, VariantOutcome variant, string parameter)
    {
        Row.Runs.Add(what + ": async " + variant);
        if (variant.Other is ArgumentException refused && string.Equals(refused.ParamName, parameter, StringComparison.Ordinal))
        {
            Row.Notes.Add(what + ": refused at the call (ArgumentException naming '" + parameter + "'), as the calling thread's value must be");
            Row.RefusedCallingThreadParameters.Add(parameter);
        }
        else
        {
            Row.Problems.Add(what + ": the variant " + variant + " where it must throw ArgumentException naming '" + parameter + "' (the worker would answer for itself)");
        }
    }

    /// <summary>
    /// Nothing to read on a non-blocking descriptor: read(2) answers EAGAIN, and a ring variant waits until the descriptor
    /// is ready instead, as every ring read, write, recv, send or accept does (docs/declaring-wrappers.md; io_uring's own
    /// behaviour, which the other backends follow). A documented difference, checked as one: the variant must still be
    /// waiting (<paramref name="variant"/> null), and the run then checks what it returns once the descriptor is ready.
    /// </summary>
    public void ExpectWaitsForReadiness(string what, long sync, VariantOutcome? variant)
    {
        if (sync != -AsyncSys.Errno.EAGAIN)
        {
            throw new InvalidOperationException(Row.Case.Id + ": the sync probe gave " + sync + ", not -EAGAIN; nothing may be queued before this check, the run is wrong");
        }

        Row.Runs.Add(what + ": sync " + Describe(sync) + ", async " + (variant?.ToString() ?? "waiting"));
        if (variant is null)
        {
            Row.Notes.Add(what + ": the sync call answered EAGAIN, the variant waited until the descriptor was ready (documented: a ring read waits, also on a non-blocking descriptor)");
        }
        else
        {
            Row.Problems.Add(what + ": the variant " + variant + " where a ring variant waits until the descriptor is ready");
        }
    }

    /// <summary>A closed descriptor must end in ErrnoException(EBADF), as the sync call fails with EBADF.</summary>
    public void ExpectBadFd(long sync, VariantOutcome variant)
    {
        if (sync != -AsyncSys.Errno.EBADF)
        {
            throw new InvalidOperationException(Row.Case.Id + ": the sync probe on a closed fd gave " + sync + ", not -EBADF; the run is wrong");
        }

        ExpectSame("closed fd", sync, variant);
    }

    public void ExpectBytes(string what, byte[] sync, byte[] variant)
    {
        if (!sync.AsSpan().SequenceEqual(variant))
        {
            Row.Problems.Add(what + ": the variant's bytes differ from the sync wrapper's (sync "
                + Convert.ToHexString(sync.AsSpan(0, Math.Min(24, sync.Length))) + "…, async "
                + Convert.ToHexString(variant.AsSpan(0, Math.Min(24, variant.Length))) + "…)");
        }
    }

    /// <summary>A number-valued member of a result (or of a struct inside it), such as a stat buffer's Size.</summary>
    public static long? Member(object? result, string name)
    {
        if (result is null)
        {
            return null;
        }

        // Case-insensitive: a result record's property is the out-parameter's name in PascalCase ('value' -> Value).
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.IgnoreCase;
        Type type = result.GetType();
        object? direct = type.GetField(name, flags)?.GetValue(result) ?? type.GetProperty(name, flags)?.GetValue(result);
        if (direct is not null)
        {
            return HeldOutRunner.AsNumber(direct);
        }

        foreach (PropertyInfo property in type.GetProperties(flags).Where(p => p.GetIndexParameters().Length == 0 && p.PropertyType.IsValueType && !p.PropertyType.IsPrimitive))
        {
            object? inner = property.GetValue(result);
            // A field of the struct, or a property (a value the struct computes from what the kernel wrote).
            object? value = inner?.GetType().GetField(name, flags)?.GetValue(inner) ?? inner?.GetType().GetProperty(name, flags)?.GetValue(inner);
            if (value is not null)
            {
                return HeldOutRunner.AsNumber(value);
            }
        }

        return null;
    }

    private static string Describe(long sync) =>
        sync < 0 ? "failed with " + AsyncSys.Errno.NameOf((int)-sync) : "returned " + sync;
}
