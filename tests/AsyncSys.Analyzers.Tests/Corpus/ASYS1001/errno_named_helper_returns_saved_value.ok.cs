// A property named Errno that returns a value saved right after the call, not errno: reading it late is fine.
using System;
using System.Runtime.InteropServices;

namespace Corpus;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "rmdir", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int RmDir(string path);
}

internal sealed class RemoveResult
{
    private readonly int _errno;

    public RemoveResult(int result, int errno)
    {
        Result = result;
        _errno = errno;
    }

    public int Result { get; }

    public int Errno => _errno;
}

internal static class Cleanup
{
    public static int RemoveEmpty(string path)
    {
        int result = Libc.RmDir(path);
        var outcome = new RemoveResult(result, Marshal.GetLastPInvokeError());
        if (outcome.Result != 0)
        {
            Console.Error.WriteLine("rmdir failed: " + path);
            return -outcome.Errno;
        }

        return 0;
    }
}
