// An Akka-style datagram actor handles each Publish message synchronously: it puts the iovec and payload in a native block of the message's own but builds the msghdr on its handler's stack, submits RingRequest.SendMsg and pipes the operation's task to itself so the completion arrives as a later message; the handler returns at once, its frame (and the header the kernel still reads) is reused by the next message.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.PipeToStackHeaderBad;

internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

internal struct MsgHeader
{
    public nint Name;
    public int NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

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

internal sealed record Publish(int Length);

internal sealed record Published(nint Block, int Bytes);

internal sealed record PublishFailed(nint Block, Exception Error);

internal sealed unsafe class DatagramActor(IoRing ring, int socket, IActorRef self)
{
    private const int PayloadSize = 1400;

    private readonly byte* _address = (byte*)NativeMemory.AllocZeroed(16);

    /// <summary>Fills the datagram for a message (the actor's encoder, not shown).</summary>
    public Action<Publish, Span<byte>> Encode { get; init; } = (_, _) => { };

    public void Receive(object message)
    {
        switch (message)
        {
            case Publish publish:
                // One native block per message for the iovec and the payload, freed when the completion comes back.
                byte* block = (byte*)NativeMemory.AllocZeroed((nuint)(sizeof(IoVec) + PayloadSize));
                IoVec* iov = (IoVec*)block;
                Encode(publish, new Span<byte>(block + sizeof(IoVec), PayloadSize));
                iov->Base = (nint)(block + sizeof(IoVec));
                iov->Length = (nuint)publish.Length;
                nint owned = (nint)block;
                MsgHeader header = default;
                header.Name = (nint)_address;
                header.NameLength = 16;
                header.Iov = (nint)iov;
                header.IovLength = 1;
                ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/(nint)(&header), MessageFlags.None), CancellationToken.None)
                    .AsTask()
                    .PipeTo(self, n => new Published(owned, n), e => new PublishFailed(owned, e));
                break;
            case Published done:
                NativeMemory.Free((void*)done.Block);
                break;
            case PublishFailed failed:
                NativeMemory.Free((void*)failed.Block);
                break;
        }
    }
}
