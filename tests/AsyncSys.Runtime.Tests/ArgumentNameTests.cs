using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// Every public method group rejects a bad argument synchronously (before anything is submitted), with the
/// exception type .NET uses for it and <see cref="ArgumentException.ParamName"/> naming the caller's own
/// parameter: never a private helper's (<c>address</c> for <c>socketAddress</c>, <c>fd</c> for <c>fdOut</c>, ...).
/// </summary>
public sealed class ArgumentNameTests
{
    private static readonly byte[] Buffer = new byte[16];
    private static readonly IReadOnlyList<Memory<byte>> NoBuffers = Array.Empty<Memory<byte>>();
    private static readonly IReadOnlyList<ReadOnlyMemory<byte>> NoWriteBuffers = Array.Empty<ReadOnlyMemory<byte>>();
    private static readonly IReadOnlyList<Memory<byte>> TooManyBuffers = Enumerable.Repeat(new Memory<byte>(Buffer), 1025).ToArray();

    /// <summary>What a case gets: a ring, an open file handle and an invalid one.</summary>
    public sealed record Fixture(IoRing Ring, SafeFileHandle File, SafeFileHandle Invalid);

    /// <summary>case name → (expected exception, expected ParamName, the call).</summary>
    private static readonly Dictionary<string, (Type Exception, string ParamName, Action<Fixture> Call)> Cases = new()
    {
        // IoRing: reads
        ["IoRing.ReadAsync fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.ReadAsync(-1, Buffer, 0)),
        ["IoRing.ReadAsync fd at the position"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.ReadAsync(-1, Buffer)),
        ["IoRing.ReadAsync fileOffset -1"] = (typeof(ArgumentOutOfRangeException), "fileOffset", f => f.Ring.ReadAsync(f.File, Buffer, -1)),
        ["IoRing.ReadAsync fileOffset on fd"] = (typeof(ArgumentOutOfRangeException), "fileOffset", f => f.Ring.ReadAsync(0, Buffer, -5)),
        ["IoRing.ReadAsync null handle"] = (typeof(ArgumentNullException), "handle", f => f.Ring.ReadAsync((SafeHandle)null!, Buffer, 0)),
        ["IoRing.ReadAsync invalid handle"] = (typeof(ArgumentException), "handle", f => f.Ring.ReadAsync(f.Invalid, Buffer)),
        ["IoRing.ReadAsync vectored null"] = (typeof(ArgumentNullException), "buffers", f => f.Ring.ReadAsync(f.File, (IReadOnlyList<Memory<byte>>)null!, 0)),
        ["IoRing.ReadAsync vectored empty"] = (typeof(ArgumentException), "buffers", f => f.Ring.ReadAsync(f.File, NoBuffers)),
        ["IoRing.ReadAsync vectored 1025"] = (typeof(ArgumentException), "buffers", f => f.Ring.ReadAsync(0, TooManyBuffers, 0)),
        ["IoRing.ReadAsync vectored fileOffset"] = (typeof(ArgumentOutOfRangeException), "fileOffset", f => f.Ring.ReadAsync(0, TooManyBuffers, -1)),
        ["IoRing.ReadExactlyAsync null handle"] = (typeof(ArgumentNullException), "handle", f => f.Ring.ReadExactlyAsync(null!, Buffer, 0)),
        ["IoRing.ReadExactlyAsync fileOffset"] = (typeof(ArgumentOutOfRangeException), "fileOffset", f => f.Ring.ReadExactlyAsync(f.File, Buffer, -1)),
        ["IoRing.ReadExactlyAsync invalid handle"] = (typeof(ArgumentException), "handle", f => f.Ring.ReadExactlyAsync(f.Invalid, Buffer)),

        // IoRing: writes
        ["IoRing.WriteAsync fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.WriteAsync(-1, Buffer, 0)),
        ["IoRing.WriteAsync fileOffset -1"] = (typeof(ArgumentOutOfRangeException), "fileOffset", f => f.Ring.WriteAsync(f.File, Buffer, -1)),
        ["IoRing.WriteAsync null handle"] = (typeof(ArgumentNullException), "handle", f => f.Ring.WriteAsync((SafeHandle)null!, Buffer)),
        ["IoRing.WriteAsync invalid handle"] = (typeof(ArgumentException), "handle", f => f.Ring.WriteAsync(f.Invalid, Buffer, 0)),
        ["IoRing.WriteAsync empty buffer, null handle"] = (typeof(ArgumentNullException), "handle", f => f.Ring.WriteAsync((SafeHandle)null!, ReadOnlyMemory<byte>.Empty, 0)),
        ["IoRing.WriteAsync vectored null"] = (typeof(ArgumentNullException), "buffers", f => f.Ring.WriteAsync(f.File, (IReadOnlyList<ReadOnlyMemory<byte>>)null!, 0)),
        ["IoRing.WriteAsync vectored empty"] = (typeof(ArgumentException), "buffers", f => f.Ring.WriteAsync(0, NoWriteBuffers)),
        ["IoRing.WriteAsync vectored fileOffset"] = (typeof(ArgumentOutOfRangeException), "fileOffset", f => f.Ring.WriteAsync(f.File, NoWriteBuffers, -1)),
        ["IoRing.WriteAtMostAsync fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.WriteAtMostAsync(-1, Buffer)),
        ["IoRing.WriteAtMostAsync fileOffset"] = (typeof(ArgumentOutOfRangeException), "fileOffset", f => f.Ring.WriteAtMostAsync(f.File, Buffer, -1)),
        ["IoRing.WriteAtMostAsync null handle"] = (typeof(ArgumentNullException), "handle", f => f.Ring.WriteAtMostAsync((SafeHandle)null!, Buffer, 0)),
        ["IoRing.WriteAtMostAsync vectored empty"] = (typeof(ArgumentException), "buffers", f => f.Ring.WriteAtMostAsync(f.File, NoWriteBuffers, 0)),

        // IoRing: other file operations
        ["IoRing.FsyncAsync fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.FsyncAsync(-1)),
        ["IoRing.FsyncAsync null handle"] = (typeof(ArgumentNullException), "handle", f => f.Ring.FsyncAsync(null!)),
        ["IoRing.FdatasyncAsync fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.FdatasyncAsync(-1)),
        ["IoRing.FdatasyncAsync invalid handle"] = (typeof(ArgumentException), "handle", f => f.Ring.FdatasyncAsync(f.Invalid)),
        ["IoRing.PollAsync fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.PollAsync(-1, PollEvents.In)),
        ["IoRing.PollAsync null handle"] = (typeof(ArgumentNullException), "handle", f => f.Ring.PollAsync(null!, PollEvents.In)),
        ["IoRing.OpenAtAsync null path"] = (typeof(ArgumentNullException), "path", f => f.Ring.OpenAtAsync(IoRing.AtCurrentDirectory, null!, OpenFlags.ReadOnly)),
        ["IoRing.OpenAtAsync empty path"] = (typeof(ArgumentException), "path", f => f.Ring.OpenAtAsync(IoRing.AtCurrentDirectory, string.Empty, OpenFlags.ReadOnly)),
        ["IoRing.OpenAtAsync mode"] = (typeof(ArgumentOutOfRangeException), "mode", f => f.Ring.OpenAtAsync(IoRing.AtCurrentDirectory, "x", OpenFlags.Create, (UnixFileMode)0x1000)),
        ["IoRing.OpenAsync null path"] = (typeof(ArgumentNullException), "path", f => f.Ring.OpenAsync(null!, OpenFlags.ReadOnly)),
        ["IoRing.OpenAsync mode"] = (typeof(ArgumentOutOfRangeException), "mode", f => f.Ring.OpenAsync("x", OpenFlags.Create, (UnixFileMode)(-1))),
        ["IoRing.OpenDirectAsync path with NUL"] = (typeof(ArgumentException), "path", f => f.Ring.OpenDirectAsync("a\0b", OpenFlags.ReadOnly)),
        ["IoRing.OpenDirectAsync mode"] = (typeof(ArgumentOutOfRangeException), "mode", f => f.Ring.OpenDirectAsync("x", OpenFlags.Create, (UnixFileMode)0x10000)),
        ["IoRing.CloseAsync fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.CloseAsync(-1)),
        ["IoRing.StatxAsync null path"] = (typeof(ArgumentNullException), "path", f => f.Ring.StatxAsync(IoRing.AtCurrentDirectory, null!)),
        ["IoRing.FallocateAsync fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.FallocateAsync(-1, 0, 0, 1)),
        ["IoRing.FallocateAsync fileOffset"] = (typeof(ArgumentOutOfRangeException), "fileOffset", f => f.Ring.FallocateAsync(f.File, 0, -1, 1)),
        ["IoRing.FallocateAsync length"] = (typeof(ArgumentOutOfRangeException), "length", f => f.Ring.FallocateAsync(f.File, 0, 0, 0)),
        ["IoRing.FallocateAsync null handle"] = (typeof(ArgumentNullException), "handle", f => f.Ring.FallocateAsync(null!, 0, 0, 1)),
        ["IoRing.FtruncateAsync fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.FtruncateAsync(-1, 0)),
        ["IoRing.FtruncateAsync length"] = (typeof(ArgumentOutOfRangeException), "length", f => f.Ring.FtruncateAsync(f.File, -1)),
        ["IoRing.FtruncateAsync null handle"] = (typeof(ArgumentNullException), "handle", f => f.Ring.FtruncateAsync(null!, 0)),

        // IoRing: sockets
        ["IoRing.SendAsync fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.SendAsync(-1, Buffer)),
        ["IoRing.SendAsync null handle"] = (typeof(ArgumentNullException), "handle", f => f.Ring.SendAsync(null!, Buffer, MessageFlags.NoSignal)),
        ["IoRing.ReceiveAsync fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.ReceiveAsync(-1, Buffer)),
        ["IoRing.ReceiveAsync invalid handle"] = (typeof(ArgumentException), "handle", f => f.Ring.ReceiveAsync(f.Invalid, Buffer)),
        ["IoRing.AcceptAsync fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.AcceptAsync(-1)),
        ["IoRing.AcceptAsync null listener"] = (typeof(ArgumentNullException), "listener", f => f.Ring.AcceptAsync(null!)),
        ["IoRing.ConnectAsync fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.ConnectAsync(-1, new byte[16])),
        ["IoRing.ConnectAsync socketAddress"] = (typeof(ArgumentException), "socketAddress", f => f.Ring.ConnectAsync(0, new byte[1])),
        ["IoRing.ConnectAsync null socket"] = (typeof(ArgumentNullException), "socket", f => f.Ring.ConnectAsync(null!, new IPEndPoint(IPAddress.Loopback, 1))),
        ["IoRing.ConnectAsync null endPoint"] = (typeof(ArgumentNullException), "endPoint", f => f.Ring.ConnectAsync(new Socket(SocketType.Stream, ProtocolType.Tcp), null!)),
        ["IoRing.ShutdownAsync fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.ShutdownAsync(-1, SocketShutdown.Both)),
        ["IoRing.ShutdownAsync how"] = (typeof(ArgumentOutOfRangeException), "how", f => f.Ring.ShutdownAsync(0, (SocketShutdown)7)),

        // IoRing: control
        ["IoRing.DelayAsync delay"] = (typeof(ArgumentOutOfRangeException), "delay", f => f.Ring.DelayAsync(TimeSpan.FromSeconds(-1))),
        ["IoRing.SubmitAsync default request"] = (typeof(ArgumentException), "request", f => f.Ring.SubmitAsync(default)),
        ["IoRing.SubmitRawAsync default request"] = (typeof(ArgumentException), "request", f => f.Ring.SubmitRawAsync(default)),
        ["IoRing.RunBlockingAsync null call"] = (typeof(ArgumentNullException), "call", f => f.Ring.RunBlockingAsync(0, null!)),
        ["IoRing.QuiesceAsync timeout"] = (typeof(ArgumentOutOfRangeException), "timeout", f => f.Ring.QuiesceAsync(TimeSpan.FromSeconds(-2))),
        ["IoRing.CancelByFd fd"] = (typeof(ArgumentOutOfRangeException), "fd", f => f.Ring.CancelByFd(-1)),
        ["IoRing.CancelByTag null tag"] = (typeof(ArgumentNullException), "tag", f => f.Ring.CancelByTag(null!)),
        ["IoRing.Create options"] = (typeof(ArgumentOutOfRangeException), "options", _ => IoRing.Create(new IoRingOptions { Capacity = 0 })),
        ["IoRing.Create options MaxWorkerThreads"] = (typeof(ArgumentOutOfRangeException), "options", _ => IoRing.Create(new IoRingOptions { MaxWorkerThreads = 0 })),
        ["IoRing.Create options Rings 0"] = (typeof(ArgumentOutOfRangeException), "options", _ => IoRing.Create(new IoRingOptions { Rings = 0 })),
        ["IoRing.Create options Rings above MaxRings"] = (typeof(ArgumentOutOfRangeException), "options", _ => IoRing.Create(new IoRingOptions { Rings = IoRingOptions.MaxRings + 1 })),

        // RingRequest factories: their own parameter names, also where a helper checks several of them
        ["RingRequest.Read fileOffset"] = (typeof(ArgumentOutOfRangeException), "fileOffset", _ => RingRequest.Read(0, Buffer, -2)),
        ["RingRequest.Write null handle"] = (typeof(ArgumentNullException), "handle", _ => RingRequest.Write((SafeHandle)null!, Buffer, 0)),
        ["RingRequest.ReadV buffers"] = (typeof(ArgumentException), "buffers", _ => RingRequest.ReadV(0, TooManyBuffers, 0)),
        ["RingRequest.SyncFileRange fileOffset"] = (typeof(ArgumentOutOfRangeException), "fileOffset", _ => RingRequest.SyncFileRange(0, -1, 0, 0)),
        ["RingRequest.Fadvise length"] = (typeof(ArgumentOutOfRangeException), "length", _ => RingRequest.Fadvise(0, 0, -1, 0)),
        ["RingRequest.Splice fdIn"] = (typeof(ArgumentOutOfRangeException), "fdIn", _ => RingRequest.Splice(-1, -1, 1, -1, 10, 0)),
        ["RingRequest.Splice fdOut"] = (typeof(ArgumentOutOfRangeException), "fdOut", _ => RingRequest.Splice(0, -1, -1, -1, 10, 0)),
        ["RingRequest.Splice offsetIn"] = (typeof(ArgumentOutOfRangeException), "offsetIn", _ => RingRequest.Splice(0, -2, 1, -1, 10, 0)),
        ["RingRequest.Splice offsetOut"] = (typeof(ArgumentOutOfRangeException), "offsetOut", _ => RingRequest.Splice(0, -1, 1, -2, 10, 0)),
        ["RingRequest.Splice length"] = (typeof(ArgumentOutOfRangeException), "length", _ => RingRequest.Splice(0, -1, 1, -1, 0, 0)),
        ["RingRequest.Connect socketAddress"] = (typeof(ArgumentException), "socketAddress", _ => RingRequest.Connect(0, new byte[129])),
        ["RingRequest.SendMsg messageHeader"] = (typeof(ArgumentNullException), "messageHeader", _ => RingRequest.SendMsg(0, 0, MessageFlags.None)),
        ["RingRequest.Statx statxBuffer"] = (typeof(ArgumentException), "statxBuffer", _ => RingRequest.Statx(IoRing.AtCurrentDirectory, "x", AtFlags.None, StatxMask.BasicStats, new byte[Statx.StructSize - 1])),
        ["RingRequest.Statx null path"] = (typeof(ArgumentNullException), "path", _ => RingRequest.Statx(IoRing.AtCurrentDirectory, null!, 0, 0u, new byte[Statx.StructSize])),
        ["RingRequest.RenameAt oldPath"] = (typeof(ArgumentException), "oldPath", _ => RingRequest.RenameAt(IoRing.AtCurrentDirectory, string.Empty, IoRing.AtCurrentDirectory, "b", 0)),
        ["RingRequest.RenameAt newPath"] = (typeof(ArgumentNullException), "newPath", _ => RingRequest.RenameAt(IoRing.AtCurrentDirectory, "a", IoRing.AtCurrentDirectory, null!, 0)),
        ["RingRequest.UnlinkAt path"] = (typeof(ArgumentException), "path", _ => RingRequest.UnlinkAt(IoRing.AtCurrentDirectory, string.Empty, AtFlags.RemoveDirectory)),
        ["RingRequest.MkdirAt mode"] = (typeof(ArgumentOutOfRangeException), "mode", _ => RingRequest.MkdirAt(IoRing.AtCurrentDirectory, "d", (UnixFileMode)0x8000)),
        ["RingRequest.OpenAt path with NUL"] = (typeof(ArgumentException), "path", _ => RingRequest.OpenAt(IoRing.AtCurrentDirectory, "a\0", OpenFlags.ReadOnly, UnixFileMode.None)),
        ["RingRequest.Shutdown how"] = (typeof(ArgumentOutOfRangeException), "how", _ => RingRequest.Shutdown(0, (SocketShutdown)(-1))),
        ["RingRequest.Timer delay"] = (typeof(ArgumentOutOfRangeException), "delay", _ => RingRequest.Timer(TimeSpan.FromTicks(-1))),
        ["RingRequest.WithTimeout timeout"] = (typeof(ArgumentOutOfRangeException), "timeout", _ => RingRequest.Nop().WithTimeout(TimeSpan.Zero)),

        // Direct I/O
        ["DirectFileHandle.Open path"] = (typeof(ArgumentException), "path", _ => DirectFileHandle.Open(string.Empty, OpenFlags.ReadOnly)),
        ["DirectFileHandle.Open mode"] = (typeof(ArgumentOutOfRangeException), "mode", _ => DirectFileHandle.Open("x", OpenFlags.Create, (UnixFileMode)0x1000)),
        ["DirectIo.QueryAlignment null handle"] = (typeof(ArgumentNullException), "handle", _ => DirectIo.QueryAlignment(null!)),
        ["AlignedBufferPool alignment"] = (typeof(ArgumentOutOfRangeException), "alignment", _ => new AlignedBufferPool(alignment: 3)),
        ["AlignedBufferPool.Rent length"] = (typeof(ArgumentOutOfRangeException), "length", _ => new AlignedBufferPool().Rent(-1)),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_bad_argument_is_rejected_at_once_naming_the_callers_parameter(string name)
    {
        (Type expected, string paramName, Action<Fixture> call) = Cases[name];
        using var ring = Backends.Create(IoBackend.Workers);
        using var file = new TempFile(64);
        using SafeFileHandle handle = file.Open();
        using var invalid = new SafeFileHandle(new IntPtr(-1), ownsHandle: false);
        long admitted = ring.Table.AdmittedTotal;

        // Synchronously: the call throws before it returns a task, as RandomAccess and Socket do.
        Exception error = Assert.ThrowsAny<ArgumentException>(() => call(new Fixture(ring, handle, invalid)));

        Assert.IsType(expected, error);
        Assert.Equal(paramName, ((ArgumentException)error).ParamName);
        Assert.Equal(admitted, ring.Table.AdmittedTotal); // nothing was submitted
    }

    [Fact]
    public void A_closed_handle_is_ObjectDisposedException_before_anything_is_submitted()
    {
        using var ring = Backends.Create(IoBackend.Workers);
        using var file = new TempFile(64);
        SafeFileHandle handle = file.Open();
        handle.Dispose();

        Assert.Throws<ObjectDisposedException>(() => { _ = ring.ReadAsync(handle, Buffer, 0); });
        Assert.Throws<ObjectDisposedException>(() => { _ = ring.WriteAsync(handle, Buffer); });
        Assert.Throws<ObjectDisposedException>(() => { _ = ring.FsyncAsync(handle); });
        Assert.Equal(0, ring.Table.AdmittedTotal);
    }

    [Fact]
    public void Default_RingRequest_is_empty_and_rejected_at_every_public_entry_with_a_message_saying_what_to_do()
    {
        using var ring = Backends.Create(IoBackend.Workers);
        RingRequest empty = default;

        Assert.Equal(RingOp.Auto, empty.Operation);
        Assert.Null(empty.Timeout);
        Assert.Null(empty.Tag);

        ArgumentException submit = Assert.Throws<ArgumentException>(() => { _ = ring.SubmitAsync(empty); });
        Assert.Equal("request", submit.ParamName);
        Assert.Contains("default(RingRequest)", submit.Message, StringComparison.Ordinal);
        Assert.Contains("RingRequest factory", submit.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => { _ = ring.SubmitRawAsync(empty); });

        foreach (Func<RingRequest> with in new Func<RingRequest>[] { () => empty.WithTag("t"), () => empty.WithTimeout(TimeSpan.FromSeconds(1)), empty.WithoutImmediateAttempt })
        {
            InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => with());
            Assert.Contains("RingRequest factory", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, ring.Table.AdmittedTotal);
        Assert.Equal(0, ring.InFlightCount);
    }

    [Fact]
    public void A_timer_refuses_a_deadline_as_an_invalid_operation_not_an_argument()
    {
        Assert.Throws<InvalidOperationException>(() => RingRequest.Timer(TimeSpan.FromSeconds(1)).WithTimeout(TimeSpan.FromSeconds(1)));
    }
}
