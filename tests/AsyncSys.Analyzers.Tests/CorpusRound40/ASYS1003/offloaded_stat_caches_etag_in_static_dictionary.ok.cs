// An offloaded wrapper stats a static file to build its ETag and caches the tag in a static ConcurrentDictionary keyed by path.
using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace StaticFiles;

[StructLayout(LayoutKind.Explicit, Size = 144)]
internal struct StatBuffer
{
    [FieldOffset(48)] public long Size;
    [FieldOffset(88)] public long ModifiedSeconds;
}

internal static partial class ETags
{
    private static readonly ConcurrentDictionary<string, string> s_byPath = new(StringComparer.Ordinal);

    [LibraryImport("libc", EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, out StatBuffer buffer);

    [AsyncSyscall(RingOp.None)]
    internal static string? Compute(string path)
    {
        if (Stat(path, out StatBuffer stat) < 0)
        {
            return null;
        }

        string tag = $"\"{stat.Size:x}-{stat.ModifiedSeconds:x}\"";
        s_byPath[path] = tag;
        return tag;
    }
}
