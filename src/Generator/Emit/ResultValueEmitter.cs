using AsyncSys.Generator.Model;

namespace AsyncSys.Generator.Emit;

/// <summary>Writes how one returned value is computed once the awaited result (<c>result</c>) is known.</summary>
internal static class ResultValueEmitter
{
    public static string Expression(ResultValueModel value, string result) => value.Source switch
    {
        // result
        ResultSource.RingResult => result,
        // unchecked((uint)(result))            (or a typedef struct's bit cast)
        ResultSource.RingResultAs => IntegerConversions.FromInteger(result, value.As!),
        // (result == -global::AsyncSys.Errno.EBADF ? global::AsyncSys.PollEvents.Invalid : result < 0 ? throw new global::AsyncSys.ErrnoException(-result, "poll") : (global::AsyncSys.PollEvents)result)
        // poll(2) answers a descriptor that is not open with POLLNVAL in its revents, where the ring's poll fails with EBADF.
        ResultSource.PollEvents => "(" + result + " == -global::AsyncSys.Errno.EBADF ? global::AsyncSys.PollEvents.Invalid : " + result
            + " < 0 ? throw new global::AsyncSys.ErrnoException(-" + result + ", \"" + value.Other + "\") : (global::AsyncSys.PollEvents)" + result + ")",
        // (global::AsyncSys.PollEvents)(ushort)(global::System.BitConverter.IsLittleEndian ? result.State.fds >> 48 : result.State.fds)
        ResultSource.PollRevents => "(global::AsyncSys.PollEvents)unchecked((ushort)(global::System.BitConverter.IsLittleEndian ? " + result + ".State." + value.Name + " >> 48 : " + result + ".State." + value.Name + "))",
        // unchecked((int)((result == -global::AsyncSys.Errno.EBADF ? (int)global::AsyncSys.PollEvents.Invalid : result)))
        ResultSource.PollEventsOrNegativeErrno => IntegerConversions.FromInteger(
            "(" + result + " == -global::AsyncSys.Errno.EBADF ? (int)global::AsyncSys.PollEvents.Invalid : " + result + ")", value.As!),
        // unchecked((int)((result.Value == -1 ? -result.Errno : (int)unchecked((ushort)(global::System.BitConverter.IsLittleEndian ? result.State.fds >> 48 : result.State.fds)))))
        ResultSource.PollReventsOrNegativeErrno => IntegerConversions.FromInteger(
            "(" + result + ".Value == -1 ? -" + result + ".Errno : (int)unchecked((ushort)(global::System.BitConverter.IsLittleEndian ? " + result + ".State." + value.Name
            + " >> 48 : " + result + ".State." + value.Name + ")))", value.As!),
        // global::System.Runtime.InteropServices.MemoryMarshal.Read<global::AsyncSys.Statx>(statxbufBytes)
        ResultSource.RentedStruct => "global::System.Runtime.InteropServices.MemoryMarshal.Read<" + value.Type + ">(" + value.Name + ")",
        // result.State.buf
        ResultSource.StateField => result + ".State." + value.Name,
        // result.State.filedes[0]
        ResultSource.StateElement => result + ".State." + value.Name + "[" + value.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]",
        // unchecked((int)(global::System.BitConverter.IsLittleEndian ? result.State.pipefd : result.State.pipefd >> 32))
        ResultSource.FdPairHalf => FdPairHalf(result + ".State." + value.Name, value.Index),
        // (result.State.HasOffset ? result.State.offset : (long?)null)
        ResultSource.OptionalOffset => "(" + result + ".State." + value.Other + " ? " + result + ".State." + value.Name + " : (" + value.Type + ")null)",
        // unchecked((int)(result.Value))
        ResultSource.WorkerValue => IntegerConversions.FromInteger(result + ".Value", value.As!),
        // unchecked((int)(-result.Value))
        ResultSource.WorkerErrorNumberNegated => IntegerConversions.FromInteger("-" + result + ".Value", value.As!),
        // unchecked((nint)(result.Value < 0 ? -(result.Errno != 0 ? result.Errno : global::AsyncSys.Errno.EIO) : result.Value))
        ResultSource.WorkerNullAsNegativeErrno => IntegerConversions.FromInteger(result + ".Value < 0 ? -" + WorkerCallEmitter.ErrnoOrEio(result) + " : " + result + ".Value", value.As!),
        // unchecked((int)((result.Value == -1 ? -result.Errno : result.Value)))
        ResultSource.WorkerMinusOneAsNegativeErrno => IntegerConversions.FromInteger("(" + result + ".Value == -1 ? -" + result + ".Errno : " + result + ".Value)", value.As!),
        // unchecked((int)(result.ThrowIfFailed("flock")))
        ResultSource.WorkerValueOrThrow => IntegerConversions.FromInteger(result + ".ThrowIfFailed(\"" + value.Other + "\")", value.As!),
        // unchecked((long)((result.Value < 0 && result.Errno == 0 ? result.Value : result.ThrowIfFailed("sysconf"))))
        ResultSource.WorkerValueOrThrowWhenErrnoSet => IntegerConversions.FromInteger(
            "(" + result + ".Value < 0 && " + result + ".Errno == 0 ? " + result + ".Value : " + result + ".ThrowIfFailed(\"" + value.Other + "\"))", value.As!),
        // unchecked((uint)result.Value)
        ResultSource.WorkerValueUnchecked => "unchecked((" + value.Type + ")" + result + ".Value)",
    };

    // The low half of the long is fds[0] on a little-endian machine, the high half on a big-endian one.
    private static string FdPairHalf(string value, int index) =>
        index == 0
            ? "unchecked((int)(global::System.BitConverter.IsLittleEndian ? " + value + " : " + value + " >> 32))"
            : "unchecked((int)(global::System.BitConverter.IsLittleEndian ? " + value + " >> 32 : " + value + "))";
}
