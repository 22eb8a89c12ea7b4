// GetLastPInvokeErrorMessage reads errno too; here it runs after a console write.
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

        Console.Error.Write("cannot enter " + path + ": ");
        Console.Error.WriteLine(/*~ASYS1001*/Marshal.GetLastPInvokeErrorMessage());
        return false;
    }
}
