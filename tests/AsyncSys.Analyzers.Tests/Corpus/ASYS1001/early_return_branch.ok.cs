// The logging call is on the success path that returns; the errno read is on the failure path only.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Rename(string from, string to);
}

internal static class AtomicReplace
{
    public static void Commit(string temporary, string target)
    {
        int result = Sys.Rename(temporary, target);
        if (result == 0)
        {
            Console.WriteLine("replaced " + target);
            return;
        }

        throw new ErrnoException(Marshal.GetLastPInvokeError(), "rename", target);
    }
}
