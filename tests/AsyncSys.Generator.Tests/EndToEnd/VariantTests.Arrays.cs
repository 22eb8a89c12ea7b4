using System.Threading;
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>Array, span and params wrappers (<see cref="ArrayVariants"/>) against their synchronous calls.</summary>
public sealed partial class VariantTests
{
    private const int GetFlags = 3;          // F_GETFL
    private const int SetFlags = 4;          // F_SETFL
    private const int NonBlocking = 0x800;   // O_NONBLOCK

    [Fact]
    public async Task A_SafeHandle_result_wrapping_minus_one_throws_the_errno_and_a_valid_one_comes_back()
    {
        string missing = Path.Combine(_directory, "no-such-file");
        ErrnoException error = await Assert.ThrowsAsync<ErrnoException>(async () => await ArrayVariants.OpenHandleAsync(_ring, missing, 0x80000, 0));
        Assert.Equal(Errno.ENOENT, error.Errno);

        string present = Path.Combine(_directory, "present.bin");
        File.WriteAllBytes(present, Encoding.ASCII.GetBytes("handle"));
        using Microsoft.Win32.SafeHandles.SafeFileHandle handle = await ArrayVariants.OpenHandleAsync(_ring, present, 0x80000, 0);
        Assert.False(handle.IsInvalid);
        Assert.Equal(6, RandomAccess.GetLength(handle));
    }

    [Fact]
    public async Task Iovec_array_and_span_wrappers_run_on_the_ring_with_the_synchronous_results()
    {
        int viaAsync = OpenNew("v-async.bin");
        int viaSync = OpenNew("v-sync.bin");
        byte[] first = Encoding.ASCII.GetBytes("vector ");
        byte[] second = Encoding.ASCII.GetBytes("of bytes");

        nint asyncWritten = await ArrayVariants.WriteVAsync(_ring, viaAsync, new ReadOnlyMemory<byte>[] { first, second });
        nint syncWritten = WithIoVecs(new[] { first, second }, iov => ArrayVariants.WriteV(viaSync, iov, iov.Length));
        Assert.Equal(syncWritten, asyncWritten);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_directory, "v-sync.bin")), File.ReadAllBytes(Path.Combine(_directory, "v-async.bin")));

        // readv at the file position (an IntPtr descriptor) and preadv at an offset (a span of iovecs).
        Assert.Equal(0L, (long)Variants.LSeek(viaAsync, new off_t(0), 0));
        var head = new byte[3];
        var tail = new byte[20];
        nint read = await ArrayVariants.ReadVAsync(_ring, viaAsync, new Memory<byte>[] { head, tail });
        var syncHead = new byte[3];
        var syncTail = new byte[20];
        nint syncRead = WithIoVecs(new[] { syncHead, syncTail }, iov => ArrayVariants.PReadV(viaSync, iov, iov.Length, 0));
        Assert.Equal(syncRead, read);
        Assert.Equal(syncHead, head);
        Assert.Equal(syncTail, tail);
        Assert.Equal("vec", Encoding.ASCII.GetString(head));

        var atSeven = new byte[8];
        Assert.Equal(8, await ArrayVariants.PReadVAsync(_ring, viaAsync, new Memory<byte>[] { atSeven }, 7));
        Assert.Equal("of bytes", Encoding.ASCII.GetString(atSeven));

        await ExpectSameErrno(
            () => WithIoVecs(new[] { first }, iov => ArrayVariants.WriteV(BadFd, iov, iov.Length)),
            async () => await ArrayVariants.WriteVAsync(_ring, BadFd, new ReadOnlyMemory<byte>[] { first }));
        CloseAll(viaAsync, viaSync);
    }

    [Fact]
    public async Task Accept_with_an_array_address_and_a_ref_length_returns_the_length_and_connect_takes_an_IntPtr_descriptor()
    {
        int listener = await Variants.SocketAsync(_ring, 2, 1 | 0x80000, 0);   // AF_INET, SOCK_STREAM
        Assert.Equal(0, await Variants.BindAsync(_ring, listener, Loopback(0)));
        Assert.Equal(0, await ArrayVariants.ListenAsync(_ring, listener, 1));
        byte[] listening = new byte[16];
        await Variants.GetSockNameAsync(_ring, listener, listening);
        int client = await Variants.SocketAsync(_ring, 2, 1 | 0x80000, 0);

        Assert.Equal(0, await ArrayVariants.ConnectAsync(_ring, client, listening, listening.Length));
        byte[] peer = new byte[32];
        // A ref length cannot take what the kernel writes after the await: this one runs on a worker, and the length comes back.
        ArrayVariants.Accept4Result accepted = await ArrayVariants.Accept4Async(_ring, listener, peer, 0x80000);
        byte[] clientAddress = new byte[16];
        await Variants.GetSockNameAsync(_ring, client, clientAddress);

        Assert.True(accepted.ReturnValue > 2);
        Assert.Equal(16, accepted.Addrlen); // sizeof(struct sockaddr_in), not the array's 32
        Assert.Equal(clientAddress, peer[..16]);
        // accept on a socket that is not listening: EINVAL from both.
        int length = 16;
        await ExpectSameErrno(
            () => ArrayVariants.Accept4(client, new byte[16], ref length, 0),
            async () => (await ArrayVariants.Accept4Async(_ring, client, new byte[16], 0)).ReturnValue);
        CloseAll(accepted.ReturnValue, client, listener);
    }

    [Fact]
    public async Task A_worker_accept_waiting_for_a_connection_ends_when_its_token_is_cancelled()
    {
        // The ref-length form runs on a worker; with no connection coming it would hold that worker for good. The
        // generated variant interrupts the worker on cancel (no CancelHook stated), so the wait ends as a cancellation.
        int listener = await Variants.SocketAsync(_ring, 2, 1 | 0x80000, 0);   // AF_INET, SOCK_STREAM, blocking
        Assert.Equal(0, await Variants.BindAsync(_ring, listener, Loopback(0)));
        Assert.Equal(0, await ArrayVariants.ListenAsync(_ring, listener, 1));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Task<ArrayVariants.Accept4Result> accepting = ArrayVariants.Accept4Async(_ring, listener, new byte[16], 0x80000, cts.Token).AsTask();

        Task finished = await Task.WhenAny(accepting, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.Same(accepting, finished);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting);
        CloseAll(listener);
    }

    [Fact]
    public async Task Accept_with_address_and_length_pointers_runs_on_the_ring_and_the_kernel_writes_both()
    {
        int listener = await Variants.SocketAsync(_ring, 2, 1 | 0x80000, 0);   // AF_INET, SOCK_STREAM
        Assert.Equal(0, await Variants.BindAsync(_ring, listener, Loopback(0)));
        Assert.Equal(0, await ArrayVariants.ListenAsync(_ring, listener, 1));
        byte[] listening = new byte[16];
        await Variants.GetSockNameAsync(_ring, listener, listening);
        int client = await Variants.SocketAsync(_ring, 2, 1 | 0x80000, 0);
        Assert.Equal(0, await ArrayVariants.ConnectAsync(_ring, client, listening, listening.Length));
        // The caller's own memory, fixed until the task completes: the generated method passes the addresses through.
        nint address = Marshal.AllocHGlobal(128);
        nint length = Marshal.AllocHGlobal(sizeof(uint));
        try
        {
            Marshal.WriteInt32(length, 128);
            int accepted = await ArrayVariants.Accept4PointersAsync(_ring, listener, address, length, 0x80000);
            byte[] clientAddress = new byte[16];
            await Variants.GetSockNameAsync(_ring, client, clientAddress);
            byte[] peer = new byte[16];
            Marshal.Copy(address, peer, 0, 16);

            Assert.True(accepted > 2);
            Assert.Equal(16, Marshal.ReadInt32(length));
            Assert.Equal(clientAddress, peer);
            // accept on a socket that is not listening: EINVAL from both.
            await ExpectSameErrno(
                () => AcceptThroughPointers(client, address, length),
                async () => await ArrayVariants.Accept4PointersAsync(_ring, client, address, length, 0));
            CloseAll(accepted, client, listener);
        }
        finally
        {
            Marshal.FreeHGlobal(address);
            Marshal.FreeHGlobal(length);
        }
    }

    private static unsafe long AcceptThroughPointers(int fd, nint address, nint length) => ArrayVariants.Accept4Pointers(fd, (byte*)address, (uint*)length, 0);

    [Fact]
    public async Task Sendto_and_recvfrom_with_arrays_keep_the_address_and_return_its_length()
    {
        int receiver = await Variants.SocketAsync(_ring, 2, 2 | 0x80000, 0);   // AF_INET, SOCK_DGRAM
        int sender = await Variants.SocketAsync(_ring, 2, 2 | 0x80000, 0);
        Assert.Equal(0, await Variants.BindAsync(_ring, receiver, Loopback(0)));
        Assert.Equal(0, await Variants.BindAsync(_ring, sender, Loopback(0)));
        byte[] receiverAddress = new byte[16];
        await Variants.GetSockNameAsync(_ring, receiver, receiverAddress);
        byte[] senderAddress = new byte[16];
        await Variants.GetSockNameAsync(_ring, sender, senderAddress);

        Assert.Equal(2, await ArrayVariants.SendToAsync(_ring, sender, new byte[] { 7, 8, 9 }, 2, 0, receiverAddress, receiverAddress.Length));
        byte[] payload = new byte[8];
        byte[] from = new byte[32];
        ArrayVariants.RecvFromResult received = await ArrayVariants.RecvFromAsync(_ring, receiver, payload, (nuint)payload.Length, 0, from);

        Assert.Equal(2, received.ReturnValue);
        Assert.Equal(16, received.Addrlen);   // in: the array's 32 bytes; out: the size of a sockaddr_in
        Assert.Equal(senderAddress, from.AsSpan(0, 16).ToArray());
        Assert.Equal(new byte[] { 7, 8 }, payload.AsSpan(0, 2).ToArray());
        int length = 16;
        await ExpectSameErrno(
            () => ArrayVariants.RecvFrom(BadFd, payload, 1, 0, from, ref length),
            async () => (await ArrayVariants.RecvFromAsync(_ring, BadFd, payload, 1, 0, from)).ReturnValue);
        CloseAll(receiver, sender);
    }

    [Fact]
    public async Task A_params_wrapper_is_called_with_its_arguments_spelled_out()
    {
        (int readFd, int writeFd) = MakePipe();
        int flags = await ArrayVariants.FcntlAsync(readFd, GetFlags);
        Assert.Equal(0, await ArrayVariants.FcntlAsync(readFd, SetFlags, flags | NonBlocking));
        int after = await ArrayVariants.FcntlAsync(_ring, readFd, GetFlags, Array.Empty<int>());

        Assert.Equal(ArrayVariants.Fcntl(readFd, GetFlags), after);
        Assert.Equal(NonBlocking, after & NonBlocking);
        await ExpectSameErrno(() => ArrayVariants.Fcntl(BadFd, GetFlags), async () => await ArrayVariants.FcntlAsync(BadFd, GetFlags));
        CloseAll(readFd, writeFd);
    }

    [Fact]
    public async Task Preadv2_reads_at_the_file_position_for_minus_one_and_fails_with_EINVAL_below_like_the_synchronous_call()
    {
        int fd = OpenNew("preadv2.bin");
        Assert.Equal(10L, (long)await Variants.PWriteAsync(_ring, fd, Encoding.ASCII.GetBytes("0123456789"), 10, 0));
        Assert.Equal(2L, (long)Variants.LSeek(fd, new off_t(2), 0));
        byte[] syncBytes = new byte[3];
        byte[] asyncBytes = new byte[3];

        // -1: the file position, for preadv2 itself as for the ring.
        nint syncRead = WithIoVecs(new[] { syncBytes }, iov => ArrayVariants.PReadV2(fd, iov, iov.Length, -1, 0));
        nint asyncRead = await ArrayVariants.PReadV2Async(_ring, fd, new Memory<byte>[] { asyncBytes }, -1, 0);
        Assert.Equal(3, syncRead);
        Assert.Equal(syncRead, asyncRead);
        Assert.Equal("234", Encoding.ASCII.GetString(syncBytes));
        Assert.Equal("567", Encoding.ASCII.GetString(asyncBytes));   // the position moved on, as the synchronous read moved it

        foreach (long offset in new[] { -2L, long.MinValue })
        {
            await ExpectSameErrno(
                () => WithIoVecs(new[] { syncBytes }, iov => ArrayVariants.PReadV2(fd, iov, iov.Length, offset, 0)),
                async () => await ArrayVariants.PReadV2Async(_ring, fd, new Memory<byte>[] { asyncBytes }, offset, 0));
        }

        Variants.Close(fd);
    }

    /// <summary>Calls <paramref name="call"/> with iovecs over the pinned <paramref name="buffers"/>.</summary>
    private static unsafe nint WithIoVecs(IReadOnlyList<byte[]> buffers, Func<IoVec[], nint> call)
    {
        var handles = new GCHandle[buffers.Count];
        var iov = new IoVec[buffers.Count];
        try
        {
            for (int i = 0; i < buffers.Count; i++)
            {
                handles[i] = GCHandle.Alloc(buffers[i], GCHandleType.Pinned);
                iov[i] = new IoVec { Base = (void*)handles[i].AddrOfPinnedObject(), Length = (nuint)buffers[i].Length };
            }

            return call(iov);
        }
        finally
        {
            foreach (GCHandle handle in handles)
            {
                if (handle.IsAllocated)
                {
                    handle.Free();
                }
            }
        }
    }
}
