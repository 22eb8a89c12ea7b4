using System;
using AsyncSys;

namespace Round7.Results.KvDispose;

/// <summary>A small key-value store's data file: dirty data is made durable when the store is disposed.</summary>
internal sealed class DataFile(IoRing ring, int fd) : IDisposable
{
    public bool Dirty { get; set; }

    public void Dispose()
    {
        if (Dirty)
        {
            /*~ASYS1006*/ring.FdatasyncAsync(fd).GetAwaiter().GetResult();   // not a wait: the sync has only been submitted
        }

        ring.CloseAsync(fd).AsTask().GetAwaiter().GetResult();
    }
}
