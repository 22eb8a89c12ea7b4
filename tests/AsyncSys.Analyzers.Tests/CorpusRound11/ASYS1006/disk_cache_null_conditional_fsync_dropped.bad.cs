// A cache that persists to disk flushes its dirty entries on stop and then fsyncs through a ring it may not have created; the null-conditional call drops the fsync's ValueTask before the file is closed.
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round11.Unobserved.CacheNullConditionalFsync;

public sealed class DiskCache
{
    private readonly ConcurrentDictionary<long, byte[]> _dirtyPages = new();
    private IoRing? _ring;
    private SafeFileHandle? _file;

    public void Open(IoRing ring, SafeFileHandle file)
    {
        _ring = ring;
        _file = file;
    }

    public void MarkDirty(long page, byte[] contents) => _dirtyPages[page] = contents;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_file is null) return;
        if (_ring is not null)
        {
            foreach (KeyValuePair<long, byte[]> page in _dirtyPages)
            {
                await _ring.WriteAsync(_file, page.Value, page.Key * 4096, cancellationToken);
            }
        }

        /*~ASYS1006*/_ring?.FsyncAsync(_file, cancellationToken);
        _file.Dispose();
    }
}
