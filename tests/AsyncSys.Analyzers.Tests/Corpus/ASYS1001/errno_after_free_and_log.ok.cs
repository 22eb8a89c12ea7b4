// errno is taken right after getcwd; the buffer is freed and the warning written afterwards.
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
        try
        {
            byte* result = Sys.GetCwd(buffer, 4096);
            if (result is null)
            {
                int errno = Marshal.GetLastPInvokeError();
                Console.Error.WriteLine("warning: working directory is gone");
                throw new ErrnoException(errno, "getcwd");
            }

            return Marshal.PtrToStringUTF8((nint)result)!;
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }
}
