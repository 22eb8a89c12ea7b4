// A container exec helper joins a target's namespaces one by one: setns(2) on an fd of /proc/<pid>/ns/<kind>. Each
// namespace file is opened with a `using` declaration inside the loop body; when setns fails the loop breaks and the
// error is raised after the loop. The handle's implicit Dispose runs at the break, before the read: it is close(2), a
// P/Invoke that saves its own errno. The exception then says errno 0 ("Success") instead of EPERM or EINVAL, and the
// operator cannot tell a missing CAP_SYS_ADMIN from a namespace of the wrong type.
using System;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round13.ErrnoReads.NamespaceJoinAfterBreak;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    internal static partial int Setns(SafeFileHandle namespaceFile, int namespaceType);
}

public static class NamespaceJoiner
{
    public static void Join(int pid, string[] kinds)
    {
        string? failed = null;
        foreach (string kind in kinds)
        {
            using SafeFileHandle file = File.OpenHandle($"/proc/{pid}/ns/{kind}");
            if (Native.Setns(file, 0) < 0)
            {
                failed = kind;
                break;
            }
        }

        if (failed is not null)
        {
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "setns", $"/proc/{pid}/ns/{failed}");
        }
    }
}
