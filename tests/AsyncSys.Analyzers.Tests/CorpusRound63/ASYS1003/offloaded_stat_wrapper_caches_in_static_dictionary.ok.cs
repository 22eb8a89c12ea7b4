// The same cache kept in a ConcurrentDictionary, made for concurrent callers: workers inserting sizes at once cannot corrupt it, and a lost overwrite of the same path's size is harmless.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus63.StatCacheDictionaryOk;

internal static partial class FileStatNative
{
    private static readonly ConcurrentDictionary<string, long> s_sizeByPath = new(StringComparer.Ordinal);

    [LibraryImport("libc", EntryPoint = "truncate", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int TruncateNative(string path, long length);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int EnsureSize(string path, long length)
    {
        if (s_sizeByPath.TryGetValue(path, out long known) && known == length)
        {
            return 0;
        }

        int rc = TruncateNative(path, length);
        if (rc == 0)
        {
            s_sizeByPath[path] = length;
        }

        return rc;
    }
}

internal sealed class OutputPreallocator(IoRing ring)
{
    public async Task PrepareAsync(IReadOnlyList<string> outputs, long length, CancellationToken ct)
    {
        var pending = new List<Task<int>>();
        foreach (string path in outputs)
        {
            pending.Add(FileStatNative.EnsureSizeAsync(ring, path, length, ct).AsTask());
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }
}
