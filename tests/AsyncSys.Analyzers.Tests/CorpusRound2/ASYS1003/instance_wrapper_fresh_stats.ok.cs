// An instance offloaded wrapper builds a fresh result object with an initializer and a collection initializer.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal sealed class LockReport
{
    public int Fd { get; set; }

    public List<string> Notes { get; } = new();
}

internal sealed partial class LockTable(int fd)
{
    public LockReport? Last { get; private set; }

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockRaw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Lock(int operation)
    {
        var report = new LockReport { Fd = fd, Notes = { "operation " + operation } };
        report.Notes.Add("requested");
        report.Fd = fd;
        return FlockRaw(report.Fd, operation);
    }
}
