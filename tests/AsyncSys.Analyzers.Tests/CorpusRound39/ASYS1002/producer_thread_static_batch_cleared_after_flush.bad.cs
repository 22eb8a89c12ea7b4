// A producer accumulates records in a per-thread batch ([ThreadStatic], to avoid a lock on the hot path) and flushes it
// to the log segment when it is full. After the awaited write the method runs on another pool thread but clears the
// batch of the thread it started on: records another producer added to that thread's batch during the write are
// dropped without ever reaching the segment, and the producer that sent them was already told "accepted".
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.PerThread.ProducerThreadStaticBatch;

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
    [ThreadStatic] private static ProducerBatch? t_batch;
    private long _position;

    public async Task ProduceAsync(byte[] record, CancellationToken ct)
    {
        ProducerBatch batch = t_batch ??= new ProducerBatch();
        if (batch.Count >= 64)
        {
            byte[] payload = batch.Concatenate();
            long at = Interlocked.Add(ref _position, payload.Length) - payload.Length;
            await ring.WriteAsync(segmentFd, payload, at, ct);
            /*~ASYS1002*/batch.Clear();
        }

        batch.Add(record);
    }
}
