// A Dapr-style actor's reminder writes a checkpoint record to its file and saves its state store entry; it keeps the ring write's ValueTask in a local so the write overlaps the state save, but only the save is ever awaited: the write's result and error are never observed.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.ReminderCheckpointBad;

internal interface IActorStateManager
{
    Task SetStateAsync<T>(string name, T value, CancellationToken ct);
}

internal sealed class CheckpointActor(IoRing ring, int checkpointFd, IActorStateManager state)
{
    private long _version;

    public async Task ReceiveReminderAsync(string reminderName, byte[] payload, TimeSpan dueTime, TimeSpan period)
    {
        _version++;
        byte[] record = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(record, _version);
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(8), DateTime.UtcNow.Ticks);
        ValueTask write = /*~ASYS1006*/ring.WriteAsync(checkpointFd, record, 0, CancellationToken.None);
        await state.SetStateAsync("checkpoint-version", _version, CancellationToken.None);
    }
}
