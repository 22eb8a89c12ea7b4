// A cache warmer opens each segment with a blocking open and starts its first-page read on the ring; when an open fails it saves errno at once, then drains the reads already started with `await Task.WhenAll(...)` and reports the saved number.
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.WarmerWhenAllOk;

internal static partial class Native
{
    internal const int O_RDONLY = 0;

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Open(string path, int flags);
}

internal sealed class CacheWarmer(IoRing ring)
{
    public async Task WarmAsync(IReadOnlyList<string> segments, CancellationToken ct)
    {
        var reads = new List<Task<int>>(segments.Count);
        foreach (string segment in segments)
        {
            int fd = Native.Open(segment, Native.O_RDONLY);
            if (fd < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                await Task.WhenAll(reads).ConfigureAwait(false);
                throw new IOException($"open {segment} failed, errno {errno}");
            }

            reads.Add(ring.ReadAsync(fd, new byte[4096], 0, ct).AsTask());
        }

        await Task.WhenAll(reads).ConfigureAwait(false);
    }
}
