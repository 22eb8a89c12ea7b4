// A descriptor-passing channel migrated from a callback API bridges the ring's sendmsg to a TaskCompletionSource: the method builds the msghdr on its stack (the iovec and the SCM_RIGHTS control block are the channel's native memory), starts the SendMsg, completes the TaskCompletionSource from a continuation and returns its task. The method's frame, and the msghdr in it, are gone before the kernel reads them.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.FdPassingBridgeBad;

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
internal struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

internal sealed unsafe class FdChannel : IDisposable
{
    private const int SOL_SOCKET = 1;
    private const int SCM_RIGHTS = 1;
    private readonly IoRing _ring;
    private readonly int _socket;
    private readonly IoVec* _iov;
    private readonly byte* _control;
    private readonly byte* _marker;

    public FdChannel(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
        _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
        _control = (byte*)NativeMemory.AllocZeroed(24);
        _marker = (byte*)NativeMemory.AllocZeroed(1);
    }

    public Task<int> PassAsync(int descriptor)
    {
        *_marker = (byte)'F';
        _iov->Base = (nint)_marker;
        _iov->Length = 1;
        *(ulong*)_control = 20;
        *(int*)(_control + 8) = SOL_SOCKET;
        *(int*)(_control + 12) = SCM_RIGHTS;
        *(int*)(_control + 16) = descriptor;

        MsgHdr header = new() { Iov = (nint)_iov, IovLength = 1, Control = (nint)_control, ControlLength = 24 };
        var completion = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ring.SubmitAsync(RingRequest.SendMsg(_socket, /*~ASYS1004*/(nint)(&header), MessageFlags.None)).AsTask().ContinueWith(t =>
        {
            if (t.IsFaulted) completion.TrySetException(t.Exception!.InnerExceptions);
            else if (t.IsCanceled) completion.TrySetCanceled();
            else completion.TrySetResult(t.Result);
        }, TaskScheduler.Default);
        return completion.Task;
    }

    public void Dispose()
    {
        NativeMemory.Free(_iov);
        NativeMemory.Free(_control);
        NativeMemory.Free(_marker);
    }
}
