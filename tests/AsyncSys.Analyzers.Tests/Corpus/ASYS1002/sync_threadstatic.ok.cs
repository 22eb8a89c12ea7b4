// [ThreadStatic] scratch in synchronous code: one thread from start to end.
using System;
using System.Runtime.InteropServices;

namespace Corpus;

internal static unsafe partial class Sys
{
    [LibraryImport("libc", EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint ReadLink(string path, byte* buffer, nuint size);
}

internal static unsafe class Links
{
    [ThreadStatic]
    private static byte[]? t_target;

    public static string? Resolve(string path)
    {
        byte[] target = t_target ??= new byte[4096];
        fixed (byte* p = target)
        {
            nint n = Sys.ReadLink(path, p, (nuint)target.Length);
            return n < 0 ? null : System.Text.Encoding.UTF8.GetString(target, 0, (int)n);
        }
    }
}
