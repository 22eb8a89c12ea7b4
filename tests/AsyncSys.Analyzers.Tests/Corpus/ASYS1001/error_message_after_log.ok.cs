// The message is taken right after the failed call.
using System;
using System.Runtime.InteropServices;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "chdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ChDir(string path);
}

internal static class WorkingDirectory
{
    public static bool TryEnter(string path)
    {
        if (Sys.ChDir(path) == 0)
        {
            return true;
        }

        string reason = Marshal.GetLastPInvokeErrorMessage();
        Console.Error.WriteLine("cannot enter " + path + ": " + reason);
        return false;
    }
}
