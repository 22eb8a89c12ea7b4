// Diagnostics that compare the captured Thread with the current one on purpose.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class InlineCheck
{
    public static async Task<bool> CompletedInlineAsync(IoRing ring, int fd, CancellationToken cancellationToken)
    {
        Thread submitter = Thread.CurrentThread;
        await ring.FsyncAsync(fd, cancellationToken);
        return submitter == Thread.CurrentThread;
    }
}
