// An Akka-style replication actor rents one array per Replicate message, encodes into it, starts the send to the follower and pipes the send's task to itself; the array goes back to the pool only when the completion arrives as a later message, so the next message encodes into an array of its own.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.ActorScratchOk;

internal interface IActorRef
{
    void Tell(object message);
}

internal static class PipeToExtensions
{
    /// <summary>Delivers the task's outcome to the actor as a message (Akka.NET's PipeTo).</summary>
    public static Task PipeTo<T>(this Task<T> task, IActorRef recipient, Func<T, object> success, Func<Exception, object> failure) =>
        task.ContinueWith(t => recipient.Tell(t.IsCompletedSuccessfully ? success(t.Result) : failure(t.Exception!.GetBaseException())), TaskScheduler.Default);
}

internal sealed record Replicate(long Index, byte[] Entry);

internal sealed record Replicated(long Index, byte[] Frame, int Bytes);

internal sealed record ReplicationFailed(long Index, byte[] Frame, Exception Error);

internal sealed class FollowerActor(IoRing ring, int followerSocket, IActorRef self)
{
    private long _acked;

    public void Receive(object message)
    {
        switch (message)
        {
            case Replicate replicate:
                byte[] frame = ArrayPool<byte>.Shared.Rent(12 + replicate.Entry.Length);
                BinaryPrimitives.WriteInt64LittleEndian(frame, replicate.Index);
                BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(8), replicate.Entry.Length);
                replicate.Entry.CopyTo(frame.AsSpan(12));
                long index = replicate.Index;
                ring.SendAsync(followerSocket, frame.AsMemory(0, 12 + replicate.Entry.Length), MessageFlags.None, CancellationToken.None)
                    .AsTask()
                    .PipeTo(self, n => new Replicated(index, frame, n), e => new ReplicationFailed(index, frame, e));
                break;
            case Replicated done:
                ArrayPool<byte>.Shared.Return(done.Frame);
                _acked = Math.Max(_acked, done.Index);
                break;
            case ReplicationFailed failed:
                ArrayPool<byte>.Shared.Return(failed.Frame);
                break;
        }
    }
}
