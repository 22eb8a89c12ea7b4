// The last path is published with Volatile.Write: one reference store, nothing to lose.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus;

internal static partial class Paths
{
    private static string? s_lastTruncated;

    internal static string? LastTruncated => Volatile.Read(ref s_lastTruncated);

    [LibraryImport("libc", EntryPoint = "truncate", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int TruncateRaw(string path, long length);

    [AsyncSyscall]
    internal static int Truncate(string path, long length)
    {
        int result = TruncateRaw(path, length);
        Volatile.Write(ref s_lastTruncated, path);
        return result;
    }
}
