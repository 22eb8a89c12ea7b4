// A backup tool copies a batch of files concurrently with an async lambda in Task.WhenAll(jobs.Select(async ...)); each copy ends by awaiting the generated fdatasync variant.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round11.Blocking.WhenAllSelectFdatasyncOk;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

public sealed record CopyJob(string Source, string Destination);

public sealed class BatchCopier(IoRing ring)
{
    public async Task CopyAllAsync(IReadOnlyList<CopyJob> jobs, CancellationToken cancellationToken)
    {
        await Task.WhenAll(jobs.Select(async job =>
        {
            await using FileStream source = File.OpenRead(job.Source);
            using SafeFileHandle target = File.OpenHandle(job.Destination, FileMode.Create, FileAccess.Write);
            byte[] buffer = new byte[128 * 1024];
            long offset = 0;
            int n;
            while ((n = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await ring.WriteAsync(target, buffer.AsMemory(0, n), offset, cancellationToken);
                offset += n;
            }

            await Libc.FdatasyncAsync((int)target.DangerousGetHandle(), cancellationToken);
        }));
    }
}
