// A copy tool's progress display (a DI singleton shared by every copy) records "the file this thread is copying" under
// the current managed thread id and clears that entry when the copy ends. The copy awaits in between and ends on
// another thread, while a second copy started on the first thread meanwhile and replaced the entry: the first copy's
// Finished removes the second copy's line, and the display loses a running copy.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round21.PerThread.CopyProgressByThread;

public sealed class CopyProgress
{
    private readonly ConcurrentDictionary<int, string> _currentByThread = new();

    public void Started(int thread, string path) => _currentByThread[thread] = path;

    public void Finished(int thread) => _currentByThread.TryRemove(thread, out _);

    public IReadOnlyCollection<string> Current => (IReadOnlyCollection<string>)_currentByThread.Values;
}

public sealed class FileCopier(IoRing ring, CopyProgress progress)
{
    public async Task CopyAsync(string source, string destination, CancellationToken ct)
    {
        int thread = Environment.CurrentManagedThreadId;
        progress.Started(thread, source);
        try
        {
            using SafeFileHandle input = File.OpenHandle(source);
            using SafeFileHandle output = File.OpenHandle(destination, FileMode.Create, FileAccess.Write);
            byte[] buffer = new byte[256 * 1024];
            long offset = 0;
            int n;
            while ((n = await ring.ReadAsync(input, buffer, offset, ct).ConfigureAwait(false)) > 0)
            {
                await ring.WriteAsync(output, buffer.AsMemory(0, n), offset, ct).ConfigureAwait(false);
                offset += n;
            }
        }
        finally
        {
            progress.Finished(/*~ASYS1002*/thread);
        }
    }
}
