// A journald-style forwarder writes each entry to a spool file through an offloaded wrapper that calls a small helper to
// record a debug trace of what was written in one StringBuilder held by the forwarder. Workers of concurrent forwards
// append to the same builder at once: the trace interleaves characters of two entries, and StringBuilder's chunk list
// can be corrupted (an IndexOutOfRange later, or a lost chunk).
using System;
using System.Runtime.InteropServices;
using System.Text;
using AsyncSys;

namespace Round18.SharedState.JournalForwarderSharedTrace;

internal static class Native
{
    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static extern nint Write(int fd, byte[] buffer, nint count);
}

public sealed partial class SpoolWriter(int spoolFd)
{
    private readonly StringBuilder _debugTrace = new();

    public string DebugTrace => _debugTrace.ToString();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint AppendEntry(byte[] entry, int length)
    {
        nint n = Native.Write(spoolFd, entry, length);
        Trace(length, n);
        return n;
    }

    private void Trace(int length, nint written)
    {
        /*~ASYS1003*/_debugTrace.Append("entry ").Append(length).Append(" -> ").Append(written).Append('\n');
    }
}
