using System.Collections.Generic;
using AsyncSys.Generator.Model;

namespace AsyncSys.Generator.Emit;

/// <summary>Writes a worker call: how the state is filled, how the call starts, its failure checks, and <c>Invoke</c>'s body.</summary>
internal static class WorkerCallEmitter
{
    private const string Errno = "global::AsyncSys.Errno.EIO";

    // fd = fd,
    // Self = this,
    // addrlen = unchecked((uint)(addr.Length)),
    public static string Initializer(StateInitializerModel initializer, string call) => initializer.Field + " = " + initializer.Kind switch
    {
        StateValue.Parameter => initializer.Source,
        StateValue.This => "this",
        // An address buffer's capacity: one its length type cannot hold throws, naming the buffer.
        StateValue.LengthOf => IntegerConversions.LengthAs(initializer.Source + ".Length", initializer.Type!, IntegerMeaning.Exact, initializer.Source, call),
        StateValue.LengthOfArray => IntegerConversions.LengthAs(initializer.Source + " is null ? 0 : " + initializer.Source + ".Length", initializer.Type!, IntegerMeaning.Exact, initializer.Source, call),
        // An out struct's capacity, capped at a length type narrower than int (the kernel then writes fewer bytes, never more):
        // unchecked((int)(global::System.Runtime.CompilerServices.Unsafe.SizeOf<global::Demo.SockaddrStorage>()))
        StateValue.SizeOf => IntegerConversions.LengthAs("global::System.Runtime.CompilerServices.Unsafe.SizeOf<" + initializer.Source + ">()", initializer.Type!,
            IntegerMeaning.TransferLength, initializer.Source, call),
        StateValue.NewFdPair => "new int[2]",
        StateValue.HasValue => initializer.Source + ".HasValue",
        StateValue.ValueOrDefault => initializer.Source + ".GetValueOrDefault()",
        // iovPins.Vectors
        StateValue.PinnedVectors => initializer.Source + ".Vectors",
        // struct pollfd { int fd; short events; short revents; } in memory order, revents 0
        // global::System.BitConverter.IsLittleEndian ? (long)(uint)fd | (long)(ushort)events << 32 : (long)fd << 32 | (long)(ushort)events << 16
        StateValue.PollFd => "global::System.BitConverter.IsLittleEndian ? (long)unchecked((uint)" + initializer.Source + ") | (long)unchecked((ushort)" + initializer.Other
            + ") << 32 : (long)" + initializer.Source + " << 32 | (long)unchecked((ushort)" + initializer.Other + ") << 16",
    } + ",";

    /// <summary>
    /// Checks made before the call, in the generated method: an address longer than its length type can say would reach
    /// the kernel cut to another address; an array's count past its end (<paramref name="countsChecked"/>: a ring variant
    /// running its wrapper has checked them already).
    /// </summary>
    // if (addr.Length > byte.MaxValue) throw new global::System.ArgumentOutOfRangeException(nameof(addr), addr.Length, "its length must fit in the byte that bind takes");
    // if ((long)buffer.Length * global::System.Runtime.CompilerServices.Unsafe.SizeOf<global::Demo.StatxHead>() < 256) throw new global::System.ArgumentException("statx writes 256 bytes there; the memory given holds fewer", nameof(buffer));
    // if (unchecked((ulong)(long)size) > (ulong)(((global::System.ReadOnlySpan<uint>)list).Length)) throw new global::System.ArgumentOutOfRangeException(nameof(size), size, "size is larger than list, " + ((global::System.ReadOnlySpan<uint>)list).Length + " elements: the kernel would go past its end");
    public static IEnumerable<string> Prelude(WorkerCallModel worker, bool countsChecked = false)
    {
        foreach (VectorPinModel vectors in worker.VectorPins)
        {
            // Let go only once the call has returned: the awaited worker call does not end before.
            yield return "using global::AsyncSys.IoVectorPins " + vectors.Local + " = global::AsyncSys.IoVectorPins.Pin(" + vectors.Parameter + ");";
        }

        foreach (WorkerArgumentModel argument in worker.Arguments)
        {
            if (argument.KernelWrites > 0)
            {
                // The call writes that many bytes whatever the span's length: a shorter one would let the kernel write past it.
                string size = argument.Element == "byte" ? argument.Name + ".Length"
                    : "(long)" + argument.Name + ".Length * global::System.Runtime.CompilerServices.Unsafe.SizeOf<" + argument.Element + ">()";
                // An array passes as it is: a null one is the synchronous call's NULL (EFAULT), not a short buffer.
                string present = argument.Kind == WorkerArgument.Field ? argument.Name + " is not null && " : "";
                yield return "if (" + present + size + " < " + argument.KernelWrites + ") throw new global::System.ArgumentException(\"" + worker.Syscall + " writes "
                    + argument.KernelWrites + " bytes there; the memory given holds fewer\", nameof(" + argument.Name + "));";
            }

            if (argument is { Kind: WorkerArgument.Out, OutSizeCount: { } outCount, OutSizeCountType: { } outCountType })
            {
                // if (unchecked((ulong)(long)size) > (ulong)global::System.Runtime.CompilerServices.Unsafe.SizeOf<int>()) throw new global::System.ArgumentOutOfRangeException(nameof(size), size, "...");
                string holds = "global::System.Runtime.CompilerServices.Unsafe.SizeOf<" + argument.Element + ">()";
                yield return "if (unchecked((ulong)" + IntegerConversions.ToInteger(outCount, outCountType, "long") + ") > (ulong)" + holds
                    + ") throw new global::System.ArgumentOutOfRangeException(nameof(" + outCount + "), " + outCount + ", \"" + outCount.TrimStart('@') + " is larger than the out value '"
                    + argument.Name.TrimStart('@') + "', \" + " + holds + " + \" bytes: the kernel would write past it\");";
            }

            if (argument is { Count: { } count, CountType: { } countType } && !countsChecked)
            {
                // As on the ring: a count past the array's end (or negative) would let the kernel go past it. The array is
                // read as a span (null: length 0, as the ring's memory reads it), which leaves its nullable state alone.
                string elements = "((global::System.ReadOnlySpan<" + argument.Element + ">)" + argument.Name + ").Length";
                string length = argument.CountsElements || argument.Element == "byte" ? elements
                    : "(long)" + elements + " * global::System.Runtime.CompilerServices.Unsafe.SizeOf<" + argument.Element + ">()";
                string unit = argument.CountsElements && argument.Element != "byte" ? " elements" : " bytes";
                yield return "if (unchecked((ulong)" + IntegerConversions.ToInteger(count, countType, "long") + ") > (ulong)(" + length
                    + ")) throw new global::System.ArgumentOutOfRangeException(nameof(" + count + "), " + count + ", \"" + count.TrimStart('@') + " is larger than "
                    + argument.Name.TrimStart('@') + ", \" + " + length + " + \"" + unit + ": the kernel would go past its end\");";
            }

            if (argument is { Kind: WorkerArgument.MemoryLength, Meaning: IntegerMeaning.Exact } && IntegerConversions.MaxOfNarrow(argument.Type!) is { } max)
            {
                string length = MemoryLength(argument, argument.Name);
                yield return "if (" + length + " > " + max + ") " + IntegerConversions.TooLong(length, argument.Type!, argument.Name, worker.Syscall) + ";";
            }
        }
    }

    // ring.RunBlockingAsync(state, FlockAsyncState.Invoke, cancelHook: null, cancellationToken: cancellationToken)
    public static string Start(WorkerCallModel worker, string stateLocal) =>
        "ring.RunBlockingAsync(" + stateLocal + ", " + worker.StateType + ".Invoke, cancelHook: " + (worker.CancelHook ?? "null") + ", cancellationToken: cancellationToken)";

    // if (result.Value != 0) throw new global::AsyncSys.ErrnoException(unchecked((int)result.Value), "posix_fallocate");
    // result.ThrowIfFailed("fstat");
    public static string Check(WorkerCheck check, WorkerCallModel worker, string result)
    {
        string name = "\"" + worker.Syscall + "\"";
        return check.Kind switch
        {
            WorkerFailure.ErrorNumber => "if (" + result + ".Value != 0) throw new global::AsyncSys.ErrnoException(unchecked((int)" + result + ".Value), " + name + ");",
            WorkerFailure.NullAndErrno => "if (" + result + ".Value < 0) throw new global::AsyncSys.ErrnoException(" + ErrnoOrEio(result) + ", " + name + ");",
            WorkerFailure.NegativeErrno => "if (" + result + ".Value < 0) throw new global::AsyncSys.ErrnoException(unchecked((int)-" + result + ".Value), " + name + ");",
            WorkerFailure.NullReference => "if (" + result + ".State." + check.Field + " is null) throw new global::AsyncSys.ErrnoException(" + result + ".Errno != 0 ? " + result + ".Errno : " + Errno + ", " + name + ");",
            WorkerFailure.MinusOneAndErrno => result + ".ThrowIfFailed(" + name + ");",
            // if (result.Value < 0) { result.State.ReturnValue.SetHandleAsInvalid(); throw new global::AsyncSys.ErrnoException(...); }
            WorkerFailure.InvalidHandle => "if (" + result + ".Value < 0) { " + result + ".State." + check.Field + ".SetHandleAsInvalid(); throw new global::AsyncSys.ErrnoException(" + ErrnoOrEio(result) + ", " + name + "); }",
        };
    }

    /// <summary>errno as the worker saw it, or EIO when a failed call left it 0.</summary>
    // (result.Errno != 0 ? result.Errno : global::AsyncSys.Errno.EIO)
    public static string ErrnoOrEio(string result) => "(" + result + ".Errno != 0 ? " + result + ".Errno : " + Errno + ")";

    // fixed (byte* pathPointer = global::System.Text.Encoding.UTF8.GetBytes(state.path + "\0"))
    // {
    //     return global::Demo.Libc.Stat(pathPointer, ...);
    // }
    // Leaving a fixed block runs no code, so errno is untouched between the call and the return.
    public static List<string> InvokeBody(WorkerCallModel worker)
    {
        var lines = new List<string>();
        string indent = "";
        foreach (PinModel pin in worker.Pins)
        {
            lines.Add(indent + "fixed (" + pin.ElementType + "* " + pin.Pointer + " = " + Pinned(pin) + ")");
            lines.Add(indent + "{");
            indent += "    ";
        }

        foreach (string line in Invoke(worker))
        {
            lines.Add(indent + line);
        }

        for (int i = worker.Pins.Count - 1; i >= 0; i--)
        {
            indent = indent.Substring(4);
            lines.Add(indent + "}");
        }

        return lines;
    }

    // global::System.Text.Encoding.UTF8.GetBytes(state.path + "\0")   |   state.buf.Span   |   &state.value
    private static string Pinned(PinModel pin) => pin.Source switch
    {
        PinSource.Utf8String => "global::System.Text.Encoding.UTF8.GetBytes(state." + pin.Field + " + \"\\0\")",
        PinSource.MemorySpan => "state." + pin.Field + ".Span",
        PinSource.FieldAddress => "&state." + pin.Field,
        PinSource.Utf8StringOrNull => "state." + pin.Field + " is null ? null : global::System.Text.Encoding.UTF8.GetBytes(state." + pin.Field + " + \"\\0\")",
        PinSource.Array => "state." + pin.Field,
    };

    // return global::Demo.Libc.Flock(state.fd, state.operation);        (-1 and errno: the signed result as it is)
    // long returned = unchecked((long)global::Demo.Libc.GetCwd(...));   (NULL and errno)
    // return returned == 0 ? -1 : returned;
    private static IEnumerable<string> Invoke(WorkerCallModel worker)
    {
        string call = Call(worker);
        InvokeReturnModel returns = worker.Returns;
        switch (returns.Kind)
        {
            case InvokeReturn.Nothing:
                yield return call + ";";
                yield return "return 0;";
                break;
            case InvokeReturn.Integer when returns.Interrupted is not null:
                // long returned = global::Demo.Libc.ClockNanosleep(...);
                // if (returned == global::AsyncSys.Errno.EINTR && global::AsyncSys.IoRing.IsBlockingCallCancellationRequested) { ...SetLastPInvokeError(EINTR); return -1; }
                // return returned;
                // The call says EINTR in its result, not in errno, and the worker tells a cancelled call by -1 and errno EINTR:
                // without this, a wait its cancel hook interrupted would end as ErrnoException(EINTR), not as cancelled.
                yield return "long " + returns.Field + " = " + IntegerConversions.ToInteger(call, returns.Type!, "long") + ";";
                yield return "if (" + returns.Field + " == " + returns.Interrupted + " && global::AsyncSys.IoRing.IsBlockingCallCancellationRequested)";
                yield return "{";
                yield return "    global::System.Runtime.InteropServices.Marshal.SetLastPInvokeError(global::AsyncSys.Errno.EINTR);";
                yield return "    return -1;";
                yield return "}";
                yield return "return " + returns.Field + ";";
                break;
            case InvokeReturn.Integer:
                yield return "return " + IntegerConversions.ToInteger(call, returns.Type!, "long") + ";";
                break;
            case InvokeReturn.NullAsMinusOne:
                // The worker keeps errno only for a negative result, so NULL travels as -1.
                yield return "long " + returns.Field + " = " + IntegerConversions.ToInteger(call, returns.Type!, "long") + ";";
                yield return "return " + returns.Field + " == 0 ? -1 : " + returns.Field + ";";
                break;
            case InvokeReturn.Signed when returns.UnsignedWhenNoError:
                // uint returned = global::Demo.Libc.LSeek(...);
                // return unchecked((int)returned) < 0 && ...GetLastPInvokeError() == 0 ? returned : unchecked((int)returned);
                // The import saved errno (0 when the call did not fail): all ones with no error is the value, not -1.
                yield return returns.Type!.Qualified + " " + returns.Field + " = " + call + ";";
                yield return "return unchecked((" + returns.Signed + ")" + returns.Field + ") < 0 && global::System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == 0 ? "
                    + returns.Field + " : unchecked((" + returns.Signed + ")" + returns.Field + ");";
                break;
            case InvokeReturn.Signed:
                // A typedef struct or an enum never converts implicitly; an unsigned integer is read as the signed one of its size.
                yield return "return " + (returns.Type!.TypedefField is not null || returns.Type.IsEnum
                    ? IntegerConversions.ToInteger(call, returns.Type, returns.Signed)
                    : returns.SignedAlready ? call : "unchecked((" + returns.Signed + ")" + call + ")") + ";";
                break;
            case InvokeReturn.Unchecked:
                yield return "return unchecked((long)" + call + ");";
                break;
            case InvokeReturn.InState:
                yield return "state." + returns.Field + " = " + call + ";";
                yield return "return 0;";
                break;
            case InvokeReturn.InStateHandleMinusOne:
                // A call returning int -1 into a SafeHandle may leave the upper half zero: compare the low 32 bits.
                yield return "state." + returns.Field + " = " + call + ";";
                yield return "return unchecked((int)(long)state." + returns.Field + ".DangerousGetHandle()) == -1 ? -1 : 0;";
                break;
            case InvokeReturn.InStateHandleNull:
                yield return "state." + returns.Field + " = " + call + ";";
                yield return "return state." + returns.Field + ".DangerousGetHandle() == global::System.IntPtr.Zero ? -1 : 0;";
                break;
            case InvokeReturn.InStateNullMeansFailure:
                // null is the failure: -1 makes the worker keep errno.
                yield return "state." + returns.Field + " = " + call + ";";
                yield return "return state." + returns.Field + " is null ? -1 : 0;";
                break;
            case InvokeReturn.InStateIntegerNullMeansFailure:
                // state.ReturnValue = global::Demo.Libc.LocaleOrGlobal(state.name);
                // return (long)state.ReturnValue == 0 ? -1 : 0;
                // NULL is the failure: -1 makes the worker keep errno. The value stays in the state, so a result of -1
                // (LC_GLOBAL_LOCALE, MAP_FAILED-like sentinels a library hands back as answers) is not taken for NULL.
                yield return "state." + returns.Field + " = " + call + ";";
                yield return "return " + IntegerConversions.ToInteger("state." + returns.Field, returns.Type!, "long") + " == 0 ? -1 : 0;";
                break;
        }
    }

    // global::Demo.Libc.Flock(state.fd, state.operation)       (static)
    // state.Self.Lock(state.operation)                         (instance)
    private static string Call(WorkerCallModel worker)
    {
        var arguments = new List<string>();
        foreach (WorkerArgumentModel argument in worker.Arguments)
        {
            arguments.Add(Argument(argument));
        }

        string target = worker.SelfField is null ? worker.Wrapper : "state." + worker.SelfField + "." + worker.Wrapper;
        return target + "(" + string.Join(", ", arguments) + ")";
    }

    /// <summary>
    /// The length a <see cref="WorkerArgument.MemoryLength"/> passes: the memory's own, or, for a memory of wider elements
    /// whose length the call counts in bytes (<see cref="WorkerArgumentModel.Element"/>), its size in bytes, at most
    /// int.MaxValue (the kernel moves at most MAX_RW_COUNT bytes at once, so a larger one is a short transfer either way).
    /// </summary>
    // state.buffer.Length
    // (int)global::System.Math.Min((long)state.value.Length * global::System.Runtime.CompilerServices.Unsafe.SizeOf<ulong>(), int.MaxValue)
    private static string MemoryLength(WorkerArgumentModel argument, string memory) => argument.Element is null
        ? memory + ".Length"
        : "(int)global::System.Math.Min((long)" + memory + ".Length * global::System.Runtime.CompilerServices.Unsafe.SizeOf<" + argument.Element + ">(), int.MaxValue)";

    private static string Argument(WorkerArgumentModel argument) => argument.Kind switch
    {
        // state.fd   out state.buf   ref state.offset   in state.event
        WorkerArgument.Field => "state." + argument.Name,
        WorkerArgument.Out => "out state." + argument.Name,
        WorkerArgument.Ref => "ref state." + argument.Name,
        WorkerArgument.In => "in state." + argument.Name,
        // unchecked((nuint)(state.buffer.Length))   or, into a type narrower than int, capped (a buffer) or checked before the call (an address)
        WorkerArgument.MemoryLength => argument.Meaning == IntegerMeaning.TransferLength
            ? IntegerConversions.LengthAs(MemoryLength(argument, "state." + argument.Name), argument.Type!, argument.Meaning, argument.Name, "")
            : IntegerConversions.FromInteger(MemoryLength(argument, "state." + argument.Name), argument.Type!),
        // state.buffer.Span
        WorkerArgument.Span => "state." + argument.Name + ".Span",
        // global::System.Runtime.InteropServices.MemoryMarshal.AsMemory(state.buffer).Span     (a Span the call only reads)
        WorkerArgument.SpanOfReadOnly => "global::System.Runtime.InteropServices.MemoryMarshal.AsMemory(state." + argument.Name + ").Span",
        // bufPointer   or   (void*)bufPointer
        WorkerArgument.Pointer => argument.Cast is null ? argument.Name : "(" + argument.Cast + ")" + argument.Name,
        // state.HasOffset ? offsetPointer : null
        WorkerArgument.PointerIfPassed => "state." + argument.Other + " ? " + argument.Name + " : null",
        // state.addr.IsEmpty ? null : addrlenPointer
        WorkerArgument.PointerUnlessEmpty => "state." + argument.Other + ".IsEmpty ? null : " + argument.Name,
        // state.addr is not { Length: > 0 } ? null : addrlenPointer
        WorkerArgument.PointerUnlessEmptyArray => "state." + argument.Other + " is not { Length: > 0 } ? null : " + argument.Name,
        // global::System.Runtime.InteropServices.MemoryMarshal.Cast<nint, global::Demo.Iovec>(new global::System.Span<nint>(state.iov)).ToArray()
        WorkerArgument.VectorsAsArray => "global::System.Runtime.InteropServices.MemoryMarshal.Cast<nint, " + argument.Cast + ">(new global::System.Span<nint>(state." + argument.Name + ")).ToArray()",
        WorkerArgument.VectorsAsSpan => "global::System.Runtime.InteropServices.MemoryMarshal.Cast<nint, " + argument.Cast + ">(new global::System.Span<nint>(state." + argument.Name + "))",
        // unchecked((int)(state.iov.Length / 2))
        WorkerArgument.VectorCount => IntegerConversions.FromInteger("state." + argument.Name + ".Length / 2", argument.Type!),
        // unchecked((nuint)(1))
        WorkerArgument.Constant => IntegerConversions.FromInteger(argument.Name, argument.Type!),
    };
}
