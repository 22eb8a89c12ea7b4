// A tree scanner stats paths with Parallel.ForEachAsync; when lstat fails a body saves errno through the shared errno-reading property at once, then publishes a "skipped" event to a Channel and records the saved number.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Corpus51.ScannerErrnoHelperOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static unsafe partial int Lstat(string path, byte* statBuffer);
}

internal static class Errno
{
    public static int Last => Marshal.GetLastPInvokeError();
}

internal sealed class TreeScanner(ChannelWriter<string> skipped)
{
    public ConcurrentDictionary<string, int> Failures { get; } = new();

    public Task ScanAsync(IEnumerable<string> paths, CancellationToken ct) =>
        Parallel.ForEachAsync(paths, ct, async (path, token) =>
        {
            if (!Stat(path))
            {
                int errno = Errno.Last;
                await skipped.WriteAsync(path, token).ConfigureAwait(false);
                Failures[path] = errno;
            }
        });

    private static unsafe bool Stat(string path)
    {
        byte* statBuffer = stackalloc byte[144];
        return Native.Lstat(path, statBuffer) == 0;
    }
}
