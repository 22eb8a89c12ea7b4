// The spool writer made right: the debug trace is appended under a lock, so concurrent workers take turns.
using System;
using System.Runtime.InteropServices;
using System.Text;
using AsyncSys;

namespace Round18.SharedState.JournalForwarderLockedTrace;

internal static class Native
{
    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static extern nint Write(int fd, byte[] buffer, nint count);
}

public sealed partial class SpoolWriter(int spoolFd)
{
    private readonly object _traceGate = new();
    private readonly StringBuilder _debugTrace = new();

    public string DebugTrace
    {
        get
        {
            lock (_traceGate)
            {
                return _debugTrace.ToString();
            }
        }
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint AppendEntry(byte[] entry, int length)
    {
        nint n = Native.Write(spoolFd, entry, length);
        lock (_traceGate)
        {
            _debugTrace.Append("entry ").Append(length).Append(" -> ").Append(n).Append('\n');
        }

        return n;
    }
}
