// A tree scanner stats paths with Parallel.ForEachAsync; when lstat fails a body first publishes a "skipped" event to a Channel (an await) and then records the error through a shared errno-reading property, which reads whatever the resuming thread's last P/Invoke left.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Corpus51.ScannerErrnoHelperBad;

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
                await skipped.WriteAsync(path, token).ConfigureAwait(false);
                Failures[path] = /*~ASYS1001*/Errno.Last;
            }
        });

    private static unsafe bool Stat(string path)
    {
        byte* statBuffer = stackalloc byte[144];
        return Native.Lstat(path, statBuffer) == 0;
    }
}
