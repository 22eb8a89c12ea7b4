using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AsyncSys.Runtime.Tests.Hostile;

/// <summary>The raw syscalls round 2 adds: file sizes, locks, signals, socket options, a plain pread to compare with.</summary>
internal static unsafe partial class Sys
{
    public const int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;
    public const int O_APPEND = 0x400, O_TRUNC = 0x200;
    public const int SIGPIPE = 13;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ftruncate(int fd, long length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    /// <summary>
    /// Opens <paramref name="path"/> read-write with a plain open(2). For lock tests: .NET's own file opening emulates
    /// <c>FileShare</c> with a shared flock on the new handle, which an exclusive flock elsewhere then waits for.
    /// </summary>
    public static Microsoft.Win32.SafeHandles.SafeFileHandle OpenWithoutLock(string path)
    {
        const int O_RDWR = 2, O_CLOEXEC = 0x80000;
        int fd = open(path, O_RDWR | O_CLOEXEC);
        if (fd < 0)
        {
            throw new InvalidOperationException($"open failed: {Errno.NameOf(Marshal.GetLastPInvokeError())}");
        }

        return new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint pread(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint send(int fd, byte* buffer, nuint count, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int shutdown(int fd, int how);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setsockopt(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint signal(int signal, nint handler);

    /// <summary>What a plain pread(2) returns at <paramref name="offset"/> right now.</summary>
    public static byte[] PRead(int fd, int count, long offset)
    {
        var buffer = new byte[count];
        fixed (byte* p = buffer)
        {
            nint n = pread(fd, p, (nuint)count, offset);
            if (n < 0)
            {
                throw new InvalidOperationException($"pread failed: {Errno.NameOf(Marshal.GetLastPInvokeError())}");
            }

            return buffer.AsSpan(0, (int)n).ToArray();
        }
    }

    /// <summary>Closes <paramref name="socket"/> with SO_LINGER 0: the kernel sends a reset instead of a FIN.</summary>
    public static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    /// <summary>A connected TCP pair on loopback: (client, accepted server side).</summary>
    public static (Socket Client, Socket Server) TcpPair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        return (client, listener.Accept());
    }

    /// <summary>A sockaddr_in for <paramref name="address"/>:<paramref name="port"/>, as connect(2) takes it.</summary>
    public static byte[] SockaddrIn(IPAddress address, int port)
    {
        var bytes = new byte[16];
        bytes[0] = 2; // AF_INET, little-endian sa_family_t
        bytes[2] = (byte)(port >> 8);
        bytes[3] = (byte)port;
        address.GetAddressBytes().CopyTo(bytes, 4);
        return bytes;
    }

    /// <summary>The content a test writes: byte i of stream <paramref name="seed"/>.</summary>
    public static byte PatternByte(long i, int seed = 0) => (byte)((i * 31) + (i >> 9) + seed);

    public static byte[] Pattern(int length, int seed = 0)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = PatternByte(i, seed);
        }

        return bytes;
    }
}
