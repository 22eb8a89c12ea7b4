// A cleanup job's offloaded (RingOp.None) unlink wrapper records each removed path in a static List<string> log that the job prints at the end. The job removes the temporary files at once, so several pool workers Add to the plain List together: entries are lost or the list's array is overrun.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus63.UnlinkStaticListLogBad;

internal static partial class CleanupNative
{
    internal static readonly List<string> s_removed = new();

    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnlinkNative(string path);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Remove(string path)
    {
        int rc = UnlinkNative(path);
        if (rc == 0)
        {
            /*~ASYS1003*/s_removed.Add(path);
        }

        return rc;
    }
}

internal sealed class TempCleanup(IoRing ring)
{
    public async Task RunAsync(string[] temporaries, CancellationToken ct)
    {
        var pending = new Task<int>[temporaries.Length];
        for (int i = 0; i < temporaries.Length; i++)
        {
            pending[i] = CleanupNative.RemoveAsync(ring, temporaries[i], ct).AsTask();
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        Console.WriteLine(string.Join(Environment.NewLine, CleanupNative.s_removed));
    }
}
