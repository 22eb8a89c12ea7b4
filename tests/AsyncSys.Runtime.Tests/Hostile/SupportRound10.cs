using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>The raw syscalls round 10 adds: addresses of sockets, connect, bind, plain recvmsg.</summary>
internal static unsafe partial class Sys
{
    public const int SOCK_NONBLOCK = 0x800;
    public const int SHUT_RDWR = 2;
    public const int MSG_TRUNC = 0x20;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int bind(int fd, byte* address, int length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int connect(int fd, byte* address, int length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getsockname(int fd, byte* address, int* length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getpeername(int fd, byte* address, int* length);

    /// <summary>The descriptor number behind a socket the test made (the socket keeps owning it).</summary>
    public static int Fd(Socket socket) => (int)socket.SafeHandle.DangerousGetHandle();

    /// <summary>A UDP socket bound to 127.0.0.1 on a port the kernel picks.</summary>
    public static int Udp()
    {
        int fd = Check(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), "socket(UDP)");
        byte[] any = SockaddrIn(IPAddress.Loopback, 0);
        fixed (byte* p = any)
        {
            Check(bind(fd, p, any.Length), "bind");
        }

        return fd;
    }

    /// <summary>The 16 bytes of the sockaddr_in a socket is bound to.</summary>
    public static byte[] SockName(int fd)
    {
        var address = new byte[16];
        int length = 16;
        fixed (byte* p = address)
        {
            Check(getsockname(fd, p, &length), "getsockname");
        }

        return address;
    }

    /// <summary>The port of the peer a connected socket talks to.</summary>
    public static int PeerPort(int fd)
    {
        var address = new byte[128];
        int length = 128;
        fixed (byte* p = address)
        {
            Check(getpeername(fd, p, &length), "getpeername");
        }

        return (address[2] << 8) | address[3];
    }

    /// <summary>connect(2) of a raw socket to a sockaddr_in.</summary>
    public static void Connect(int fd, byte[] address)
    {
        fixed (byte* p = address)
        {
            Check(connect(fd, p, address.Length), "connect");
        }
    }

    /// <summary>sendto(2) of <paramref name="datagram"/> to <paramref name="address"/>.</summary>
    public static void SendTo(int fd, byte[] datagram, byte[] address)
    {
        fixed (byte* d = datagram)
        fixed (byte* a = address)
        {
            if (sendto(fd, d, (nuint)datagram.Length, 0, a, address.Length) != datagram.Length)
            {
                throw new InvalidOperationException($"sendto failed: {LastErrno}");
            }
        }
    }

    /// <summary>A loopback port nothing listens on (bound once, then released).</summary>
    public static int ClosedPort(SocketType type)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, type, type == SocketType.Dgram ? ProtocolType.Udp : ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>poll(2) with no wait: the revents of <paramref name="fd"/> for <paramref name="events"/> (errors are always reported).</summary>
    public static int Revents(int fd, short events)
    {
        long entry = (uint)fd | ((long)(ushort)events << 32);
        Check(poll(&entry, 1, 0), "poll");
        return (int)((entry >> 48) & 0xFFFF);
    }

    /// <summary>sendmsg of one byte with <paramref name="passedFd"/> attached (SCM_RIGHTS).</summary>
    public static void SendWithRights(int fd, byte data, int passedFd)
    {
        using var message = new NativeMessage(1, 0, 24);
        message.Data[0] = data;
        message.SetRights(passedFd);
        nint sent = sendmsg(fd, (void*)message.Header, 0);
        if (sent != 1)
        {
            throw new InvalidOperationException($"sendmsg with SCM_RIGHTS gave {sent}: {LastErrno}");
        }
    }

    /// <summary>How many descriptors the process has open (only meaningful in a child that owns its process).</summary>
    public static int OpenDescriptorCount() => Directory.GetFileSystemEntries("/proc/self/fd").Length;
}

/// <summary>
/// A <c>struct msghdr</c> with one iovec, a name buffer and a control buffer, in one native block that never moves
/// (the kernel reads and writes it until the operation completes, docs/declaring-wrappers.md): free it only after the
/// await. The name buffer is filled with <see cref="Sentinel"/> so a test sees exactly which bytes the kernel wrote.
/// </summary>
internal sealed unsafe class NativeMessage : IDisposable
{
    public const byte Sentinel = 0xEE;
    private const int HeaderSize = 56, IovSize = 16, NameCapacity = 128;
    private readonly byte* _block;
    private readonly int _dataLength, _controlCapacity;

    public NativeMessage(int dataLength, int nameLength, int controlCapacity)
    {
        _dataLength = dataLength;
        _controlCapacity = controlCapacity;
        _block = (byte*)NativeMemory.AllocZeroed((nuint)(HeaderSize + IovSize + NameCapacity + controlCapacity + Math.Max(dataLength, 1)));
        Name.Fill(Sentinel);
        byte* header = _block;
        byte* iov = _block + HeaderSize;
        *(nint*)iov = (nint)DataPointer;
        *(ulong*)(iov + 8) = (ulong)dataLength;
        *(nint*)(header + 16) = (nint)iov;
        *(ulong*)(header + 24) = 1;
        if (nameLength > 0)
        {
            *(nint*)header = (nint)(_block + HeaderSize + IovSize);
            *(int*)(header + 8) = nameLength;
        }

        if (controlCapacity > 0)
        {
            *(nint*)(header + 32) = (nint)ControlPointer;
            *(ulong*)(header + 40) = (ulong)controlCapacity;
        }
    }

    private byte* ControlPointer => _block + HeaderSize + IovSize + NameCapacity;

    private byte* DataPointer => ControlPointer + _controlCapacity;

    public nint Header => (nint)_block;

    public Span<byte> Data => new(DataPointer, _dataLength);

    /// <summary>The whole name buffer (128 bytes), whatever length was offered to the kernel.</summary>
    public Span<byte> Name => new(_block + HeaderSize + IovSize, NameCapacity);

    /// <summary>msg_namelen as the kernel left it.</summary>
    public int NameLength => *(int*)(_block + 8);

    /// <summary>msg_flags as the kernel left it (MSG_TRUNC, MSG_CTRUNC).</summary>
    public int Flags => *(int*)(_block + 48);

    /// <summary>Points the header at <paramref name="address"/> (a sendto's destination).</summary>
    public void SetName(byte[] address)
    {
        address.CopyTo(Name);
        *(nint*)_block = (nint)(_block + HeaderSize + IovSize);
        *(int*)(_block + 8) = address.Length;
    }

    /// <summary>Attaches <paramref name="fd"/> as SCM_RIGHTS (control capacity 24 at least).</summary>
    public void SetRights(int fd)
    {
        byte* control = ControlPointer;
        *(ulong*)control = 20; // CMSG_LEN(sizeof(int))
        *(int*)(control + 8) = Sys.SOL_SOCKET;
        *(int*)(control + 12) = Sys.SCM_RIGHTS;
        *(int*)(control + 16) = fd;
        *(ulong*)(_block + 40) = 24; // CMSG_SPACE(sizeof(int))
    }

    /// <summary>The descriptors an SCM_RIGHTS control message brought (the first control message only).</summary>
    public int[] ReceivedDescriptors()
    {
        ulong controlLength = *(ulong*)(_block + 40);
        byte* control = ControlPointer;
        if (controlLength < 16 || *(int*)(control + 8) != Sys.SOL_SOCKET || *(int*)(control + 12) != Sys.SCM_RIGHTS)
        {
            return Array.Empty<int>();
        }

        int count = (int)((*(ulong*)control - 16) / 4);
        var fds = new int[count];
        for (int i = 0; i < count; i++)
        {
            fds[i] = *(int*)(control + 16 + (4 * i));
        }

        return fds;
    }

    public void Dispose() => NativeMemory.Free(_block);
}
