using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary><see cref="OutStructVariants"/> against their synchronous calls on real AF_UNIX and AF_INET sockets.</summary>
public sealed partial class VariantTests
{
    private const int AfUnix = 1, AfInet = 2, SockStream = 1, SockDgram = 2, Cloexec = 0x80000;
    private const int SolSocket = 1, SoType = 3, SoLinger = 13;

    [Fact]
    public async Task Getsockname_into_an_out_struct_returns_the_address_and_the_length_of_the_synchronous_call()
    {
        // An AF_UNIX socket bound to a path (a length that is neither the struct's nor a fixed one) and an AF_INET one.
        int unix = Variants.Socket(AfUnix, SockStream | Cloexec, 0);
        Assert.Equal(0, BindUnix(unix, Path.Combine(_directory, "named.sock")));
        int inet = Variants.Socket(AfInet, SockDgram | Cloexec, 0);
        Assert.Equal(0, await Variants.BindAsync(_ring, inet, Loopback(0)));

        foreach (int fd in new[] { unix, inet })
        {
            int syncLength = 128;
            Assert.Equal(0, OutStructVariants.GetSockName(fd, out SockaddrStorage syncAddress, ref syncLength));
            OutStructVariants.GetSockNameResult got = await OutStructVariants.GetSockNameAsync(_ring, fd);

            Assert.Equal(syncLength, got.Addrlen);
            Assert.Equal(Bytes(syncAddress, syncLength), Bytes(got.Addr, got.Addrlen));
        }

        Assert.Equal(2 + Encoding.UTF8.GetByteCount(Path.Combine(_directory, "named.sock")) + 1, (await OutStructVariants.GetSockNameAsync(_ring, unix)).Addrlen);
        Assert.Equal(16, (await OutStructVariants.GetSockNameAsync(_ring, inet)).Addrlen);
        int length = 128;
        await ExpectSameErrno(() => OutStructVariants.GetSockName(BadFd, out _, ref length), async () => (await OutStructVariants.GetSockNameAsync(_ring, BadFd)).Addrlen);
        CloseAll(unix, inet);
    }

    [Fact]
    public async Task Getpeername_with_a_length_pointer_and_accept4_into_an_out_struct_return_the_peer_as_the_synchronous_calls_do()
    {
        int listener = Variants.Socket(AfInet, SockStream | Cloexec, 0);
        Assert.Equal(0, await Variants.BindAsync(_ring, listener, Loopback(0)));
        Assert.Equal(0, OutStructVariants.Listen(listener, 2));
        byte[] listening = new byte[16];
        await Variants.GetSockNameAsync(_ring, listener, listening);
        int first = Variants.Socket(AfInet, SockStream | Cloexec, 0), second = Variants.Socket(AfInet, SockStream | Cloexec, 0);
        Assert.Equal(0, ConnectTo(first, listening));
        Assert.Equal(0, ConnectTo(second, listening));

        // One connection accepted each way: each peer is the client's own address, of the same length.
        int syncLength = 128;
        int syncAccepted = OutStructVariants.Accept4(listener, out SockaddrStorage syncPeer, ref syncLength, Cloexec);
        OutStructVariants.Accept4Result accepted = await OutStructVariants.Accept4Async(_ring, listener, Cloexec);
        Assert.True(syncAccepted > 2 && accepted.ReturnValue > 2);
        Assert.Equal(16, syncLength);
        Assert.Equal(syncLength, accepted.Addrlen);
        byte[] firstAddress = new byte[16], secondAddress = new byte[16];
        await Variants.GetSockNameAsync(_ring, first, firstAddress);
        await Variants.GetSockNameAsync(_ring, second, secondAddress);
        Assert.Equal(firstAddress, Bytes(syncPeer, syncLength));
        Assert.Equal(secondAddress, Bytes(accepted.Addr, accepted.Addrlen));

        // getpeername of the client: the listener's address, as the synchronous call says.
        Assert.Equal(0, GetPeerNameSync(second, out SockaddrStorage syncListener, out uint peerLength));
        OutStructVariants.GetPeerNameResult peer = await OutStructVariants.GetPeerNameAsync(_ring, second);
        Assert.Equal(peerLength, peer.Addrlen);
        Assert.Equal(Bytes(syncListener, (int)peerLength), Bytes(peer.Addr, (int)peer.Addrlen));
        Assert.Equal(listening, Bytes(peer.Addr, (int)peer.Addrlen));

        // Not connected (ENOTCONN), not listening (EINVAL): the same errno.
        await ExpectSameErrno(() => GetPeerNameSync(listener, out _, out _), async () => (await OutStructVariants.GetPeerNameAsync(_ring, listener)).Addrlen);
        int length = 128;
        await ExpectSameErrno(() => OutStructVariants.Accept4(first, out _, ref length, 0), async () => (await OutStructVariants.Accept4Async(_ring, first, 0)).ReturnValue);
        CloseAll(syncAccepted, accepted.ReturnValue, first, second, listener);
    }

    [Fact]
    public async Task Getsockopt_into_an_out_struct_or_int_returns_the_value_and_the_length_of_the_synchronous_call()
    {
        (int sv0, int sv1) = UnixPair();
        Assert.Equal(0, SetLinger(sv0, new Linger { OnOff = 1, Seconds = 7 }));

        uint syncLength = 8;
        Assert.Equal(0, OutStructVariants.GetLinger(sv0, SolSocket, SoLinger, out Linger syncLinger, ref syncLength));
        OutStructVariants.GetLingerResult linger = await OutStructVariants.GetLingerAsync(_ring, sv0, SolSocket, SoLinger);
        Assert.Equal(syncLength, linger.Optlen);
        Assert.Equal(syncLinger, linger.Optval);
        Assert.Equal(7, linger.Optval.Seconds);

        int intLength = 4;
        Assert.Equal(0, OutStructVariants.GetIntOption(sv1, SolSocket, SoType, out int syncType, ref intLength));
        OutStructVariants.GetIntOptionResult type = await OutStructVariants.GetIntOptionAsync(_ring, sv1, SolSocket, SoType);
        Assert.Equal((syncType, intLength), (type.Optval, type.Optlen));
        Assert.Equal(SockStream, type.Optval);

        // An unknown option (ENOPROTOOPT) and a descriptor that is not open (EBADF): the same errno.
        await ExpectSameErrno(() => OutStructVariants.GetLinger(sv0, SolSocket, 9999, out _, ref syncLength), async () => (await OutStructVariants.GetLingerAsync(_ring, sv0, SolSocket, 9999)).Optlen);
        await ExpectSameErrno(() => OutStructVariants.GetIntOption(BadFd, SolSocket, SoType, out _, ref intLength), async () => (await OutStructVariants.GetIntOptionAsync(_ring, BadFd, SolSocket, SoType)).Optlen);
        CloseAll(sv0, sv1);
    }

    [Fact]
    public async Task Recvfrom_into_an_out_struct_returns_the_count_the_sender_and_its_length_as_the_synchronous_call()
    {
        int receiver = Variants.Socket(AfInet, SockDgram | Cloexec, 0), sender = Variants.Socket(AfInet, SockDgram | Cloexec, 0);
        Assert.Equal(0, await Variants.BindAsync(_ring, receiver, Loopback(0)));
        Assert.Equal(0, await Variants.BindAsync(_ring, sender, Loopback(0)));
        byte[] receiverAddress = new byte[16], senderAddress = new byte[16];
        await Variants.GetSockNameAsync(_ring, receiver, receiverAddress);
        await Variants.GetSockNameAsync(_ring, sender, senderAddress);
        Assert.Equal(3, await ArrayVariants.SendToAsync(_ring, sender, new byte[] { 1, 2, 3 }, 3, 0, receiverAddress, 16));
        Assert.Equal(3, await ArrayVariants.SendToAsync(_ring, sender, new byte[] { 4, 5, 6 }, 3, 0, receiverAddress, 16));

        byte[] syncPayload = new byte[8], payload = new byte[8];
        int syncLength = 128;
        nint syncCount = OutStructVariants.RecvFrom(receiver, syncPayload, 8, 0, out SockaddrStorage syncFrom, ref syncLength);
        OutStructVariants.RecvFromResult received = await OutStructVariants.RecvFromAsync(_ring, receiver, payload, 0);

        Assert.Equal(syncCount, received.ReturnValue);
        Assert.Equal(syncLength, received.Addrlen);
        Assert.Equal(Bytes(syncFrom, syncLength), Bytes(received.SrcAddr, received.Addrlen));
        Assert.Equal(senderAddress, Bytes(received.SrcAddr, received.Addrlen));
        Assert.Equal(new byte[] { 4, 5, 6 }, payload[..3]);

        // Nothing queued, without waiting (MSG_DONTWAIT): EAGAIN from both.
        await ExpectSameErrno(() => OutStructVariants.RecvFrom(receiver, syncPayload, 8, 0x40, out _, ref syncLength), async () => (await OutStructVariants.RecvFromAsync(_ring, receiver, payload, 0x40)).ReturnValue);
        CloseAll(receiver, sender);
    }

    /// <summary>The first <paramref name="length"/> bytes of an address the kernel wrote.</summary>
    private static byte[] Bytes(SockaddrStorage address, int length) =>
        MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref address, 1))[..length].ToArray();

    private static unsafe (int, int) UnixPair()
    {
        int* pair = stackalloc int[2];
        Assert.Equal(0, OutStructVariants.SocketPair(AfUnix, SockStream | Cloexec, 0, pair));
        return (pair[0], pair[1]);
    }

    private static unsafe int SetLinger(int fd, Linger value) => Variants.SetSockOpt(fd, SolSocket, SoLinger, &value, 8);

    private static unsafe int BindUnix(int fd, string path)
    {
        byte[] address = new byte[110];
        address[0] = AfUnix;
        int written = Encoding.UTF8.GetBytes(path, 0, path.Length, address, 2);
        fixed (byte* p = address)
        {
            return Variants.Bind(fd, p, (uint)(2 + written + 1));
        }
    }

    private static unsafe int ConnectTo(int fd, byte[] address)
    {
        fixed (byte* p = address)
        {
            return OutStructVariants.Connect(fd, p, (uint)address.Length);
        }
    }

    private static unsafe int GetPeerNameSync(int fd, out SockaddrStorage address, out uint length)
    {
        length = 128;
        fixed (uint* p = &length)
        {
            return OutStructVariants.GetPeerName(fd, out address, p);
        }
    }
}
