namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the twenty-seventh blind round (Netlink.case, NameServices.case), written with the case files before
/// the generator was run on them. Same convention: the call's result, or -errno. Every descriptor is the run's own (netlink
/// route sockets, UDP sockets, a loopback TCP connection and pipes the probes make, closed by the run); nothing changes an
/// interface, a route, a firewall rule or any descriptor the run did not make. Netlink requests are dumps and gets (read-only).
/// </summary>
internal static partial class HeldOutProbes
{
    private const string TwentySeventhRoundHelpers = """
                [DllImport("libc", EntryPoint = "close", SetLastError = true)] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)] private static extern int pipe2_for_runs(int* fds, int flags);
                [DllImport("libc", EntryPoint = "socket", SetLastError = true)] private static extern int socket_for_runs(int domain, int type, int protocol);
                [DllImport("libc", EntryPoint = "bind", SetLastError = true)] private static extern int bind_for_runs(int fd, byte* addr, uint len);
                [DllImport("libc", EntryPoint = "listen", SetLastError = true)] private static extern int listen_for_runs(int fd, int backlog);
                [DllImport("libc", EntryPoint = "connect", SetLastError = true)] private static extern int connect_for_runs(int fd, byte* addr, uint len);
                [DllImport("libc", EntryPoint = "accept4", SetLastError = true)] private static extern int accept4_for_runs(int fd, byte* addr, uint* len, int flags);
                [DllImport("libc", EntryPoint = "getsockname", SetLastError = true)] private static extern int getsockname_for_runs(int fd, byte* addr, uint* len);

                private static void Clear() { Marshal.SetLastPInvokeError(0); Marshal.SetLastSystemError(0); }
                private static int Errno() { int e = Marshal.GetLastPInvokeError(); return e != 0 ? e : Marshal.GetLastSystemError(); }
                private static long Check(long r) => r < 0 ? -Errno() : r;
                private static long Packed(int* two) => (uint)two[0] | ((long)two[1] << 32);

                public static long Probe_close(int fd) { Clear(); return Check(close_for_runs(fd)); }
                public static long PipeForRuns() { int* fds = stackalloc int[2]; Clear(); return pipe2_for_runs(fds, 0x80000) < 0 ? -Errno() : Packed(fds); }

                /// <summary>A socket of the run's (close-on-exec), or -errno.</summary>
                public static long SocketForRuns(int domain, int type, int protocol) { Clear(); return Check(socket_for_runs(domain, type | 0x80000, protocol)); }

                /// <summary>A connected loopback TCP pair of the run's (client, accepted), packed; the listener is closed; or -errno.</summary>
                public static long TcpPairForRuns()
                {
                    byte* a = stackalloc byte[16];
                    new Span<byte>(a, 16).Clear();
                    *(ushort*)a = 2;
                    a[4] = 127; a[7] = 1;
                    uint len = 16;
                    Clear();
                    int listener = socket_for_runs(2, 1 | 0x80000, 0);
                    if (listener < 0) { return -Errno(); }
                    try
                    {
                        if (bind_for_runs(listener, a, 16) < 0 || listen_for_runs(listener, 1) < 0 || getsockname_for_runs(listener, a, &len) < 0) { return -Errno(); }
                        int client = socket_for_runs(2, 1 | 0x80000, 0);
                        if (client < 0) { return -Errno(); }
                        if (connect_for_runs(client, a, 16) < 0) { long e = -Errno(); close_for_runs(client); return e; }
                        int accepted = accept4_for_runs(listener, null, null, 0x80000);
                        if (accepted < 0) { long e = -Errno(); close_for_runs(client); return e; }
                        int* two = stackalloc int[2];
                        two[0] = client; two[1] = accepted;
                        return Packed(two);
                    }
                    finally { close_for_runs(listener); }
                }
        """;

    public const string Netlink = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.InteropServices;
        namespace HeldOut.Netlink
        {
            public static unsafe class NetlinkProbes
            {
        """ + "\n" + TwentySeventhRoundHelpers + "\n" + """

                public static SockaddrNl NlAddress(uint pid, uint groups) => new SockaddrNl { Family = 16, Pid = pid, Groups = groups };
                public static byte[] NlAddressBytes(uint pid, uint groups) { SockaddrNl a = NlAddress(pid, groups); return new ReadOnlySpan<byte>(&a, 12).ToArray(); }

                /// <summary>An nlmsghdr + rtgenmsg dump request (20 bytes).</summary>
                public static byte[] DumpRequest(ushort type, uint seq)
                {
                    byte[] request = new byte[20];
                    fixed (byte* p = request) { Native.Header(p, type, Native.NLM_F_REQUEST | Native.NLM_F_DUMP, seq, 1); }
                    return request;
                }

                /// <summary>The records in a reply as "type:index" (the ifindex of RTM_NEWLINK, the NLMSG_ERROR payload), in order.</summary>
                public static string Records(byte[] buffer, long length)
                {
                    var parts = new List<string>();
                    fixed (byte* p = buffer)
                    {
                        for (int at = 0; at + 16 <= length;)
                        {
                            uint size = *(uint*)(p + at);
                            ushort type = *(ushort*)(p + at + 4);
                            parts.Add(type + (type == Native.RTM_NEWLINK || type == Native.NLMSG_ERROR ? ":" + *(int*)(p + at + 16 + (type == Native.RTM_NEWLINK ? 4 : 0)) : ""));
                            if (size < 16) { parts.Add("short " + size); break; }
                            at += (int)((size + 3) & ~3u);
                        }
                    }

                    return string.Join(",", parts);
                }

                /// <summary>A handle the wrapper or the variant gave back: its descriptor (made invalid, for the run to close), or -errno.</summary>
                public static long TakeHandle(object? handle, int errno)
                {
                    if (handle is not SafeHandle h) { return long.MinValue; }
                    if (h.IsInvalid) { return -errno; }
                    long fd = h.DangerousGetHandle();
                    h.SetHandleAsInvalid();
                    return fd;
                }

                public static long Probe_open(int domain, int type, int protocol) { Clear(); NetlinkHandle h = RouteSocket.Open(domain, type, protocol); return TakeHandle(h, Errno()); }
                public static long Probe_bind_in(int fd, uint pid, uint length) { SockaddrNl a = NlAddress(pid, 0); Clear(); return Check(RouteSocket.Bind(fd, in a, length)); }
                public static long Probe_bind_pointer(int fd, uint pid, uint length) { SockaddrNl a = NlAddress(pid, 0); Clear(); return Check(RouteSocket.BindPointer(fd, &a, length)); }
                public static long Probe_local_address(int fd, uint capacity, out long family, out long length)
                {
                    uint len = capacity;
                    Clear();
                    long r = Check(RouteSocket.LocalAddress(fd, out SockaddrNl a, ref len));
                    family = a.Family;
                    length = len;
                    return r;
                }

                public static long Probe_add_membership(int fd, int level, int name, int value, uint length) { Clear(); return Check(RouteSocket.AddMembership(fd, level, name, ref value, length)); }
                public static long Probe_send_dump(int fd, ushort type, uint seq) { Clear(); return Check(RouteMessages.SendDump(fd, type, seq)); }
                public static long Probe_pending(int fd) { Clear(); return Check(RouteMessages.PendingSize(fd)); }
                public static long Probe_query_link(int fd, int ifindex, byte[] reply, out long error) { Clear(); long r = Check(RouteMessages.QueryLink(fd, ifindex, reply, out int e)); error = e; return r; }
                public static string LinkIndexesText()
                {
                    try { return string.Join(",", RouteDump.LinkIndexes()); }
                    catch (InvalidOperationException e) { return "threw " + e.Message; }
                }

                /// <summary>The records of the first datagram queued (MSG_DONTWAIT), or "E" and the errno.</summary>
                public static string FirstReply(int fd)
                {
                    byte[] buffer = new byte[32768];
                    nint n;
                    Clear();
                    fixed (byte* p = buffer) { n = Native.recv_raw(fd, p, (nuint)buffer.Length, 0x40); }
                    return n < 0 ? "E" + Errno() : Records(buffer, n);
                }

                public static long Probe_count_addresses(int fd) { Clear(); return Check(new RouteWatcher(fd).CountAddresses()); }
            }
        }
        """;

    public const string NetlinkLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Netlink
        {
            public static unsafe class NetlinkLibraryImportProbes
            {
                private static void Clear() => Marshal.SetLastPInvokeError(0);
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_send_to(int fd, byte[] buf, long len, int flags, byte[] addr, uint addrlen) { Clear(); return Check(RouteMessages.SendTo(fd, buf, (nuint)len, flags, addr, addrlen)); }
                public static long Probe_receive(int fd, byte[] buf, long len, int flags) { Clear(); return Check(RouteMessages.Receive(fd, buf, (nuint)len, (NetlinkRecvFlags)flags)); }
            }
        }
        """;

    public const string NameServices = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.InteropServices;
        namespace HeldOut.NameServices
        {
            public static unsafe class NameServicesProbes
            {
        """ + "\n" + TwentySeventhRoundHelpers + "\n" + """

                /// <summary>A list's entries as "family/socktype/address" text; "(empty)" for none.</summary>
                public static string DescribeAddrInfo(long list)
                {
                    var parts = new List<string>();
                    byte* text = stackalloc byte[64];
                    for (AddrInfo* a = (AddrInfo*)list; a != null; a = (AddrInfo*)a->Next)
                    {
                        void* where = a->Family == 2 ? (byte*)a->Addr + 4 : (byte*)a->Addr + 8;
                        string address = Native.inet_ntop_raw(a->Family, where, text, 64) != 0 ? Marshal.PtrToStringUTF8((nint)text)! : "?";
                        parts.Add(a->Family + "/" + a->SockType + "/" + address + "/" + a->AddrLen);
                    }

                    return parts.Count == 0 ? "(empty)" : string.Join(",", parts);
                }

                /// <summary>A list's entries' names ("name/family"), in order.</summary>
                public static string DescribeIfAddrs(long list)
                {
                    var parts = new List<string>();
                    for (IfAddrs* a = (IfAddrs*)list; a != null; a = (IfAddrs*)a->Next)
                    {
                        parts.Add(Marshal.PtrToStringUTF8(a->Name) + "/" + (a->Addr == 0 ? -1 : *(ushort*)a->Addr));
                    }

                    return string.Join(",", parts);
                }

                public static void FreeIfAddrs(long list) { if (list != 0) { Native.freeifaddrs_raw((IfAddrs*)list); } }
                public static void FreeAddrInfoList(long list) { if (list != 0) { Native.freeaddrinfo_raw((AddrInfo*)list); } }

                /// <summary>A list getaddrinfo made for the run (numeric host), to be freed by the variant under test; 0 on failure.</summary>
                public static long ListForRuns(string host)
                {
                    AddrInfo hints = default;
                    hints.Flags = 4;
                    AddrInfo* list;
                    return Native.getaddrinfo_raw(host, "80", &hints, &list) == 0 ? (long)list : 0;
                }

                /// <summary>Hints with ai_flags and ai_family (native memory the run frees with FreeHints).</summary>
                public static long Hints(int flags, int family)
                {
                    AddrInfo* h = (AddrInfo*)NativeMemory.AllocZeroed((nuint)sizeof(AddrInfo));
                    h->Flags = flags;
                    h->Family = family;
                    h->SockType = 1;
                    return (long)h;
                }

                public static void FreeHints(long hints) => NativeMemory.Free((void*)hints);

                /// <summary>A sockaddr_in for 127.0.0.1 and the port.</summary>
                public static byte[] Inet4(int port) => new byte[] { 2, 0, (byte)(port >> 8), (byte)port, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 };

                public static long Probe_lookup(string? node, string? service, long hints, out long list) { int rc = Resolver.Lookup(node, service, (nint)hints, out nint res); list = res; return rc; }
                public static string ResolveText(string host, int family)
                {
                    try { return string.Join(",", Resolver.Resolve(host, family)); }
                    catch (InvalidOperationException e) { return "threw " + e.Message; }
                }

                public static long Probe_diagnose(string? node, string? service, int flags, out long systemError) { int rc = Resolver.Diagnose(node, service, flags, out int e); systemError = e; return rc; }
                public static string ErrorTextOf(int code) => Marshal.PtrToStringUTF8(Resolver.ErrorText(code)) ?? "(null)";
                public static string TextAt(long pointer) => pointer == 0 ? "(null)" : Marshal.PtrToStringUTF8((nint)pointer) ?? "(null)";
                public static long Probe_try_index(string name, out long index) { Clear(); bool found = Interfaces.TryGetIndex(name, out uint i); index = i; return found ? 1 : 0; }
                public static long Probe_getifaddrs(out long list) { Clear(); long r = Check(Interfaces.GetIfAddrs(out nint l)); list = l; return r; }
                public static string InterfaceNamesText()
                {
                    try { return string.Join(",", Interfaces.InterfaceNames()); }
                    catch (InvalidOperationException e) { return "threw " + e.Message; }
                }

                public static long Probe_flags(int fd, string name, out long flags) { Clear(); long r = Check(Interfaces.GetFlags(fd, name, out short f)); flags = f; return r; }
                public static IfReq[] Request(string name)
                {
                    IfReq[] r = new IfReq[1];
                    fixed (IfReq* p = r) { for (int i = 0; i < name.Length && i < 15; i++) { p->Name[i] = (byte)name[i]; } }
                    return r;
                }

                public static long IndexIn(IfReq[] r) => r[0].Index;
                public static long Probe_get_index(int fd, long request, IfReq[] ifr) { Clear(); return Check(Interfaces.GetIndex(fd, (ulong)request, ifr)); }
                public static long Probe_tcp_info(int fd, uint capacity, out long state, out long length)
                {
                    uint len = capacity;
                    Clear();
                    long r = Check(Options.GetTcpInfo(fd, 6, 11, out TcpInfo info, ref len));
                    state = info.State;
                    length = len;
                    return r;
                }

                public static IpMreqn Mreqn(uint group, int ifindex) => new IpMreqn { MulticastAddress = group, IfIndex = ifindex };
                public static byte[] MreqnBytes(uint group, int ifindex) { IpMreqn m = Mreqn(group, ifindex); return new ReadOnlySpan<byte>(&m, 12).ToArray(); }
                public static long Probe_join(int fd, uint group, int ifindex, uint length) { IpMreqn m = Mreqn(group, ifindex); Clear(); return Check(Options.JoinGroup(fd, 0, 35, in m, length)); }
                public static long Probe_bind_to_device(int fd, string name, uint length) { Clear(); return Check(Options.BindToDevice(fd, 1, 25, name, length)); }
                public static byte[] Ipv6Group(int ifindex)
                {
                    byte[] m = new byte[20];
                    m[0] = 0xff; m[1] = 0x02; m[14] = 0x12; m[15] = 0x34;
                    BitConverter.TryWriteBytes(m.AsSpan(16), ifindex);
                    return m;
                }
            }
        }
        """;

    public const string NameServicesLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.NameServices
        {
            public static unsafe class NameServicesLibraryImportProbes
            {
                private static void Clear() => Marshal.SetLastPInvokeError(0);
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_getaddrinfo(string? node, string? service, long hints, out long list) { int rc = Resolver.GetAddrInfo(node, service, (nint)hints, out IntPtr res); list = res; return rc; }
                public static long Probe_getnameinfo(byte[] addr, byte[] host, byte[] serv, int flags) => Resolver.GetNameInfo(addr, (uint)addr.Length, host, (uint)host.Length, serv, (uint)serv.Length, flags);
                public static long Probe_parse(int af, string src, byte[] dst) { Clear(); return Check(Resolver.ParseAddress(af, src, dst)); }
                public static long Probe_index_to_name(uint index, byte[] name) { Clear(); nint r = Interfaces.IndexToName(index, name); return r == 0 ? -Marshal.GetLastPInvokeError() : 1; }
                public static long Probe_join6(int fd, byte[] group) { Clear(); fixed (byte* p = group) { return Check(Options.JoinGroup6(fd, 41, 20, p, (uint)group.Length)); } }
            }
        }
        """;
}
