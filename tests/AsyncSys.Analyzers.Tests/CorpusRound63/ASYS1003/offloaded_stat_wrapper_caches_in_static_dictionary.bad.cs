// A build tool's offloaded (RingOp.None) stat wrapper keeps a cache of file sizes by path in a static Dictionary, as application code often memoizes. The scanner starts one stat per file at once, so several pool workers insert into the plain Dictionary together and corrupt its buckets.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus63.StatCacheDictionaryBad;

internal static partial class FileStatNative
{
    private static readonly Dictionary<string, long> s_sizeByPath = new(StringComparer.Ordinal);

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
            /*~ASYS1003*/s_sizeByPath[path] = length;
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
