using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round4.PerThread.Ticket;

public sealed record WriteTicket(int ThreadId, string Path);

// "Which thread is inside a commit" bookkeeping, as write transactions of embedded stores keep it.
public sealed class JournalWriter
{
    private readonly ConcurrentDictionary<int, string> _writers = new();

    public async Task CommitAsync(IoRing ring, SafeFileHandle file, string path)
    {
        var ticket = new WriteTicket(Environment.CurrentManagedThreadId, path);
        _writers[ticket.ThreadId] = ticket.Path;
        await ring.FsyncAsync(file);
        _writers.TryRemove(/*~ASYS1002*/ticket.ThreadId, out _);   // the original thread may hold another commit now
    }
}
