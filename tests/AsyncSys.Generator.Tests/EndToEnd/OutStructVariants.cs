using System;
using System.Runtime.InteropServices;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary><c>struct sockaddr_storage</c>: 128 bytes, the family first.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct SockaddrStorage
{
    public ushort Family;
    public fixed byte Data[126];
}

/// <summary><c>struct linger</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct Linger
{
    public int OnOff;
    public int Seconds;
}

/// <summary>
/// Socket addresses and option values the call writes into an <c>out</c> struct (or int), beside their value-result
/// length (Tmds.LibC and System.Native shapes): generated on a worker, returning the struct and the length written.
/// </summary>
internal static unsafe partial class OutStructVariants
{
    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)] [AsyncSyscall] internal static partial int GetSockName(int sockfd, out SockaddrStorage addr, ref int addrlen);
    [DllImport("libc", EntryPoint = "getpeername", SetLastError = true)] [AsyncSyscall] internal static extern int GetPeerName(int sockfd, out SockaddrStorage addr, uint* addrlen);
    [DllImport("libc", EntryPoint = "getsockopt", SetLastError = true)] [AsyncSyscall] internal static extern int GetLinger(int sockfd, int level, int optname, out Linger optval, ref uint optlen);
    [DllImport("libc", EntryPoint = "getsockopt", SetLastError = true)] [AsyncSyscall] internal static extern int GetIntOption(int sockfd, int level, int optname, out int optval, ref int optlen);
    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)] [AsyncSyscall] internal static partial nint RecvFrom(int sockfd, Span<byte> buf, nuint len, int flags, out SockaddrStorage srcAddr, ref int addrlen);
    [DllImport("libc", EntryPoint = "accept4", SetLastError = true)] [AsyncSyscall] internal static extern int Accept4(int sockfd, out SockaddrStorage addr, ref int addrlen, int flags);

    [DllImport("libc", EntryPoint = "socketpair", SetLastError = true)] internal static extern int SocketPair(int domain, int type, int protocol, int* sv);
    [DllImport("libc", EntryPoint = "connect", SetLastError = true)] internal static extern int Connect(int sockfd, byte* addr, uint addrlen);
    [DllImport("libc", EntryPoint = "listen", SetLastError = true)] internal static extern int Listen(int sockfd, int backlog);
}
