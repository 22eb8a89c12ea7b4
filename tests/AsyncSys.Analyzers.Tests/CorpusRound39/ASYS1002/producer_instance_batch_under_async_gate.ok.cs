// The same producer with one batch per producer object, guarded by an async gate held across the awaited write: no
// per-thread state, so which thread resumes after the write does not matter.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.PerThread.ProducerInstanceBatch;

public sealed class ProducerBatch
{
    private readonly List<byte[]> _records = new();

    public int Count => _records.Count;

    public void Add(byte[] record) => _records.Add(record);

    public void Clear() => _records.Clear();

    public byte[] Concatenate()
    {
        int length = 0;
        foreach (byte[] r in _records) length += r.Length;
        byte[] payload = new byte[length];
        int at = 0;
        foreach (byte[] r in _records)
        {
            r.CopyTo(payload, at);
            at += r.Length;
        }

        return payload;
    }
}

public sealed class Producer(IoRing ring, int segmentFd)
{
    private readonly ProducerBatch _batch = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _position;

    public async Task ProduceAsync(byte[] record, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_batch.Count >= 64)
            {
                byte[] payload = _batch.Concatenate();
                await ring.WriteAsync(segmentFd, payload, _position, ct);
                _position += payload.Length;
                _batch.Clear();
            }

            _batch.Add(record);
        }
        finally
        {
            _gate.Release();
        }
    }
}
