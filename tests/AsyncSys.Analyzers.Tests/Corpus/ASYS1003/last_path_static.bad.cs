// An ordinary-method wrapper (offloaded) remembers the last path it truncated in a static field.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Paths
{
    internal static string? LastTruncated;

    [LibraryImport("libc", EntryPoint = "truncate", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int TruncateRaw(string path, long length);

    [AsyncSyscall]
    internal static int Truncate(string path, long length)
    {
        int result = TruncateRaw(path, length);
        /*~ASYS1003*/LastTruncated = path;
        return result;
    }
}
