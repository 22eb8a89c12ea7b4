// The failed getcwd is reported after the buffer was freed and a warning written to the console.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static unsafe partial class Sys
{
    [LibraryImport("libc", EntryPoint = "getcwd", SetLastError = true)]
    internal static partial byte* GetCwd(byte* buffer, nuint size);
}

internal static unsafe class Cwd
{
    public static string Get()
    {
        byte* buffer = (byte*)NativeMemory.Alloc(4096);
        byte* result = Sys.GetCwd(buffer, 4096);
        string? path = result is null ? null : Marshal.PtrToStringUTF8((nint)result);
        NativeMemory.Free(buffer);
        if (path is null)
        {
            Console.Error.WriteLine("warning: working directory is gone");
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "getcwd");
        }

        return path;
    }
}
