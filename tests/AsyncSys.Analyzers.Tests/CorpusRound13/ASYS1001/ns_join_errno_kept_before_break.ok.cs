// The container exec helper of the .bad twin, with errno taken right after the failed setns, inside the loop body and
// before the `break` (and so before the namespace file's implicit Dispose closes it). The exception raised after the
// loop carries setns's own error.
using System;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round13.ErrnoReads.NamespaceJoinKeptBeforeBreak;

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
        int errno = 0;
        foreach (string kind in kinds)
        {
            using SafeFileHandle file = File.OpenHandle($"/proc/{pid}/ns/{kind}");
            if (Native.Setns(file, 0) < 0)
            {
                errno = Marshal.GetLastPInvokeError();
                failed = kind;
                break;
            }
        }

        if (failed is not null)
        {
            throw new ErrnoException(errno, "setns", $"/proc/{pid}/ns/{failed}");
        }
    }
}
