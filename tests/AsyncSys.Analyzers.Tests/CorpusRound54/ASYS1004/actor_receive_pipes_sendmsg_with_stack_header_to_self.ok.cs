// An Akka-style datagram actor handles each Publish message synchronously: it allocates the msghdr, iovec and payload in one native block for the message, submits RingRequest.SendMsg and pipes the operation's task to itself; the header is freed when the completion arrives as a later message, after the kernel is done with it.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.PipeToStackHeaderOk;

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

internal sealed record Published(nint Header, int Bytes);

internal sealed record PublishFailed(nint Header, Exception Error);

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
                // One native block per message for the header, the iovec and the payload, freed when the completion comes back.
                byte* block = (byte*)NativeMemory.AllocZeroed((nuint)(sizeof(MsgHeader) + sizeof(IoVec) + PayloadSize));
                MsgHeader* header = (MsgHeader*)block;
                IoVec* iov = (IoVec*)(block + sizeof(MsgHeader));
                byte* payload = block + sizeof(MsgHeader) + sizeof(IoVec);
                Encode(publish, new Span<byte>(payload, PayloadSize));
                iov->Base = (nint)payload;
                iov->Length = (nuint)publish.Length;
                header->Name = (nint)_address;
                header->NameLength = 16;
                header->Iov = (nint)iov;
                header->IovLength = 1;
                nint sent = (nint)header;
                ring.SubmitAsync(RingRequest.SendMsg(socket, sent, MessageFlags.None), CancellationToken.None)
                    .AsTask()
                    .PipeTo(self, n => new Published(sent, n), e => new PublishFailed(sent, e));
                break;
            case Published done:
                NativeMemory.Free((void*)done.Header);
                break;
            case PublishFailed failed:
                NativeMemory.Free((void*)failed.Header);
                break;
        }
    }
}
