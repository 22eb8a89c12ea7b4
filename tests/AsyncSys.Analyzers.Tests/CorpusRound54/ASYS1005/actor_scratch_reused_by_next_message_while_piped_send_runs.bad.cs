// An Akka-style replication actor encodes each Replicate message into one scratch array it owns, starts the send to the follower and pipes the send's task to itself instead of awaiting it; the handler returns, the mailbox runs the next message at once, and its encode rewrites the scratch array the previous message's send is still reading.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.ActorScratchBad;

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

internal sealed record Replicated(long Index, int Bytes);

internal sealed record ReplicationFailed(long Index, Exception Error);

internal sealed class FollowerActor(IoRing ring, int followerSocket, IActorRef self)
{
    private readonly byte[] _scratch = new byte[64 * 1024];
    private long _acked;

    public void Receive(object message)
    {
        switch (message)
        {
            case Replicate replicate:
                /*~ASYS1005*/BinaryPrimitives.WriteInt64LittleEndian(_scratch, replicate.Index);
                BinaryPrimitives.WriteInt32LittleEndian(_scratch.AsSpan(8), replicate.Entry.Length);
                replicate.Entry.CopyTo(_scratch.AsSpan(12));
                long index = replicate.Index;
                ring.SendAsync(followerSocket, _scratch.AsMemory(0, 12 + replicate.Entry.Length), MessageFlags.None, CancellationToken.None)
                    .AsTask()
                    .PipeTo(self, n => new Replicated(index, n), e => new ReplicationFailed(index, e));
                break;
            case Replicated done:
                _acked = Math.Max(_acked, done.Index);
                break;
            case ReplicationFailed:
                break;
        }
    }
}
