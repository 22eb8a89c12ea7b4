using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the twenty-seventh blind round (Netlink.case, NameServices.case), written with the case files, before
/// the generator was run on them. Only what is safe in the test host runs: netlink route dumps and gets (read-only) on route
/// sockets the run opens, getifaddrs, getaddrinfo of "localhost" and numeric hosts (no network), getnameinfo with numeric hosts,
/// if_nametoindex/if_indextoname and SIOCGIFFLAGS/SIOCGIFINDEX of "lo", tcp_info on a loopback connection the run makes, and
/// multicast and SO_BINDTODEVICE options on UDP sockets the run opens (any errno the man page lists is an answer, compared and
/// said on the row). No interface, route or firewall rule is changed; the route request, packet and raw socket rows and the
/// resolver rows are checked by the generator only. Closed descriptors are 999999.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string NetlinkProbeType = "HeldOut.Netlink.NetlinkProbes";
    private const string NameServicesProbeType = "HeldOut.NameServices.NameServicesProbes";
    private const int AfInet27 = 2, AfInet627 = 10, AfNetlink27 = 16, SockDgram27 = 2, SockRaw27 = 3, SockCloexec27 = 0x80000;
    private const int MsgPeek27 = 2, MsgTrunc27 = 0x20, MsgDontWait27 = 0x40;
    private const ushort RtmGetLink27 = 18, RtmGetAddr27 = 22;

    private static Dictionary<string, (string, string)> WithTwentySeventhRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Netlink"] = (HeldOutProbes.Netlink, HeldOutProbes.NetlinkLibraryImport);
        probes["NameServices"] = (HeldOutProbes.NameServices, HeldOutProbes.NameServicesLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithTwentySeventhRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in NetlinkRuns().Concat(NameServicesRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static object? Call27(HeldOutRun r, string method, params object?[] arguments) =>
        r.CallStatic(r.Row.Case.Group == "Netlink" ? NetlinkProbeType : NameServicesProbeType, method, arguments);

    private static (int Read, int Write) Pipe27(HeldOutRun r)
    {
        long pair = Convert.ToInt64(Call27(r, "PipeForRuns"));
        return (Made(r, pair & 0xFFFFFFFF, "pipe2"), Made(r, pair >> 32, "pipe2"));
    }

    /// <summary>A socket of the run's (closed when the run ends); the run is wrong if it cannot be made.</summary>
    private static int Socket27(HeldOutRun r, int domain, int type, int protocol) =>
        Made(r, Convert.ToInt64(Call27(r, "SocketForRuns", domain, type, protocol)), "socket(" + domain + ", " + type + ")");

    private static int Route27(HeldOutRun r) => Socket27(r, AfNetlink27, SockRaw27, 0);

    private static int Udp27(HeldOutRun r) => Socket27(r, AfInet27, SockDgram27, 0);

    private static (int Client, int Accepted) Tcp27(HeldOutRun r)
    {
        long pair = Convert.ToInt64(Call27(r, "TcpPairForRuns"));
        if (pair < 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": the loopback connection failed (" + pair + "); the run is wrong");
        }

        return (Made(r, pair & 0xFFFFFFFF, "loopback client"), Made(r, pair >> 32, "accepted loopback connection"));
    }

    private static void SameText27(HeldOutRun r, string what, string sync, string variant)
    {
        r.Row.Runs.Add(what + ": sync " + Short25(sync) + ", async " + Short25(variant));
        if (sync != variant)
        {
            r.Row.Problems.Add(what + ": the variant's '" + Short25(variant) + "' where the sync wrapper's '" + Short25(sync) + "'");
        }
    }

    /// <summary>A socket address or option for the variant: the struct when it takes one, else its bytes (the first <paramref name="length"/>).</summary>
    private static object Shaped27(HeldOutRun r, string parameter, object value, byte[] bytes, int length) =>
        r.ParameterType(parameter) is string type && (type.Contains("Memory", StringComparison.Ordinal) || type.Contains("[]", StringComparison.Ordinal))
            ? bytes.Take(length).ToArray()
            : value;

    /// <summary>A socket call on a pipe (ENOTSOCK or ENOTTY, compared) and on a closed descriptor (EBADF).</summary>
    private static async Task NotASocket27(HeldOutRun r, string probe, string fdName, Func<int, object?[]> sync, params (string Name, object? Value)[] rest)
    {
        var a = Pipe27(r);
        var b = Pipe27(r);
        r.ExpectSame("a pipe, not a socket", r.Sync(probe, sync(a.Read)), await r.Async(rest.Prepend((fdName, (object?)b.Read)).ToArray()));
        r.ExpectBadFd(r.Sync(probe, sync(HeldOutRun.NotAnOpenFd)), await r.Async(rest.Prepend((fdName, (object?)HeldOutRun.NotAnOpenFd)).ToArray()));
    }

    private static string Text27(VariantOutcome v, Func<object, string> text) =>
        v.Other is InvalidOperationException e ? "threw " + e.Message : v.Other is null && v.Errno is null && v.Result is not null ? text(v.Result) : v.ToString();

    private static Dictionary<string, Func<HeldOutRun, Task>> NetlinkRuns() => new()
    {
        ["nl.socket_safehandle_result"] = async r =>
        {
            long sync = r.Sync("Probe_open", AfNetlink27, SockRaw27 | SockCloexec27, 0);
            VariantOutcome v = await r.Async(("domain", AfNetlink27), ("type", SockRaw27 | SockCloexec27), ("protocol", 0));
            long made = v.Other is null && v.Errno is null ? Convert.ToInt64(Call27(r, "TakeHandle", v.Result, 0)) : long.MinValue;
            ExpectDescriptor(r, "socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)", sync, made == long.MinValue ? v : new VariantOutcome(v.Result, made, null, null));
            long failed = r.Sync("Probe_open", 4242, SockRaw27, 0);
            VariantOutcome f = await r.Async(("domain", 4242), ("type", SockRaw27), ("protocol", 0));
            long invalid = f.Other is null && f.Errno is null ? Convert.ToInt64(Call27(r, "TakeHandle", f.Result, 0)) : 0;
            r.ExpectSame("an unknown family (EAFNOSUPPORT)", failed, f.Other is null && f.Errno is null ? new VariantOutcome(f.Result, invalid, null, null) : f);
            if (invalid > 2)
            {
                r.Sync("Probe_close", (int)invalid);
            }
        },
        ["nl.bind_in_sockaddr_nl"] = async r => await BindRoute27(r, "Probe_bind_in"),
        ["nl.bind_sockaddr_nl_pointer_unmarked"] = async r => await BindRoute27(r, "Probe_bind_pointer"),
        ["nl.getsockname_out_sockaddr_nl"] = async r =>
        {
            int a = Route27(r), b = Route27(r);
            object?[] args = { a, 12u, null, null };
            long sync = r.Sync("Probe_local_address", args);
            VariantOutcome v = await r.Async(("sockfd", b), ("addrlen", 12u));
            r.ExpectSame("an unbound route socket's name", sync, v);
            SameValue(r, "nl_family", (long)args[2]!, v, "Family");
            SameValue(r, "the length written", (long)args[3]!, v, "addrlen");
            r.ExpectBadFd(r.Sync("Probe_local_address", HeldOutRun.NotAnOpenFd, 12u, null, null), await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("addrlen", 12u)));
        },
        ["nl.add_membership_ref_int"] = async r =>
        {
            foreach ((string what, int group) in new[] { ("RTNLGRP_LINK", 1), ("group 0 (EINVAL)", 0) })
            {
                int a = Route27(r), b = Route27(r);
                long sync = r.Sync("Probe_add_membership", a, 270, 1, group, 4u);
                if (sync < 0)
                {
                    r.Row.Notes.Add(what + ": NETLINK_ADD_MEMBERSHIP answered " + AsyncSys.Errno.NameOf((int)-sync) + ", compared");
                }

                r.ExpectSame(what, sync, await r.Async(("sockfd", b), ("level", 270), ("optname", 1), ("optval", group), ("optlen", 4u)));
            }

            await NotASocket27(r, "Probe_add_membership", "sockfd", fd => new object?[] { fd, 270, 1, 1, 4u }, ("level", 270), ("optname", 1), ("optval", 1), ("optlen", 4u));
        },
        ["nl.sendto_dump_span_address_bytes"] = async r =>
        {
            byte[] request = (byte[])Call27(r, "DumpRequest", RtmGetLink27, 11u)!;
            byte[] kernel = (byte[])Call27(r, "NlAddressBytes", 0u, 0u)!;
            int a = Route27(r), b = Route27(r);
            r.ExpectSame("an RTM_GETLINK dump request to the kernel", r.Sync("Probe_send_to", a, request, 20L, 0, kernel, 12u),
                await r.Async(("sockfd", b), ("buf", request), ("len", 20L), ("flags", 0), ("dest_addr", kernel), ("addrlen", 12u)));
            byte[] ra = new byte[32768], rb = new byte[32768];
            long na = r.Sync("Probe_receive", a, ra, 32768L, MsgDontWait27), nb = r.Sync("Probe_receive", b, rb, 32768L, MsgDontWait27);
            SameText27(r, "the reply's records", (string)Call27(r, "Records", ra, na)!, (string)Call27(r, "Records", rb, nb)!);
            r.ExpectBadFd(r.Sync("Probe_send_to", HeldOutRun.NotAnOpenFd, request, 20L, 0, kernel, 12u),
                await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("buf", request), ("len", 20L), ("flags", 0), ("dest_addr", kernel), ("addrlen", 12u)));
        },
        ["nl.send_dump_request_ordinary"] = async r =>
        {
            int a = Route27(r), b = Route27(r);
            r.ExpectSame("an RTM_GETLINK dump request", r.Sync("Probe_send_dump", a, RtmGetLink27, 5u), await r.Async(("fd", b), ("type", RtmGetLink27), ("seq", 5u)));
            SameText27(r, "the reply's first datagram", (string)Call27(r, "FirstReply", a)!, (string)Call27(r, "FirstReply", b)!);
            await NotASocket27(r, "Probe_send_dump", "fd", fd => new object?[] { fd, RtmGetLink27, 5u }, ("type", RtmGetLink27), ("seq", 5u));
        },
        ["nl.recv_span_libraryimport"] = async r =>
        {
            int a = Route27(r), b = Route27(r);
            byte[] ra = new byte[32768], rb = new byte[32768];
            r.ExpectSame("nothing queued, MSG_DONTWAIT (EAGAIN)", r.Sync("Probe_receive", a, ra, 32768L, MsgDontWait27), await r.Async(("sockfd", b), ("buf", rb), ("len", 32768L), ("flags", MsgDontWait27)));
            r.Sync("Probe_send_dump", a, RtmGetLink27, 6u);
            r.Sync("Probe_send_dump", b, RtmGetLink27, 6u);
            r.ExpectSame("16 bytes of the first reply, MSG_PEEK | MSG_TRUNC (its real length)", r.Sync("Probe_receive", a, new byte[16], 16L, MsgPeek27 | MsgTrunc27 | MsgDontWait27),
                await r.Async(("sockfd", b), ("buf", new byte[16]), ("len", 16L), ("flags", MsgPeek27 | MsgTrunc27 | MsgDontWait27)));
            long na = r.Sync("Probe_receive", a, ra, 32768L, MsgDontWait27);
            VariantOutcome v = await r.Async(("sockfd", b), ("buf", rb), ("len", 32768L), ("flags", MsgDontWait27));
            r.ExpectSame("the first reply", na, v);
            SameText27(r, "its records", (string)Call27(r, "Records", ra, na)!, (string)Call27(r, "Records", rb, v.Number ?? 0)!);
            r.ExpectBadFd(r.Sync("Probe_receive", HeldOutRun.NotAnOpenFd, ra, 16L, 0), await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("buf", rb), ("len", 16L), ("flags", 0)));
        },
        ["nl.pending_size_peek_trunc_ordinary"] = async r =>
        {
            int a = Route27(r), b = Route27(r);
            r.ExpectSame("nothing queued (EAGAIN)", r.Sync("Probe_pending", a), await r.Async(("fd", b)));
            r.Sync("Probe_send_dump", a, RtmGetAddr27, 8u);
            r.Sync("Probe_send_dump", b, RtmGetAddr27, 8u);
            r.ExpectSame("an RTM_GETADDR reply queued: its real length", r.Sync("Probe_pending", a), await r.Async(("fd", b)));
            r.ExpectSame("peeked, so the same again", r.Sync("Probe_pending", a), await r.Async(("fd", b)));
            r.ExpectBadFd(r.Sync("Probe_pending", HeldOutRun.NotAnOpenFd), await r.Async(("fd", HeldOutRun.NotAnOpenFd)));
        },
        ["nl.query_link_nlmsg_error_out"] = async r =>
        {
            foreach ((string what, int index) in new[] { ("lo's index 1", 1), ("no such link (NLMSG_ERROR -ENODEV)", 999999) })
            {
                int a = Route27(r), b = Route27(r);
                byte[] ra = new byte[8192], rb = new byte[8192];
                object?[] args = { a, index, ra, null };
                long sync = r.Sync("Probe_query_link", args);
                VariantOutcome v = await r.Async(("fd", b), ("ifindex", index), ("reply", rb));
                r.ExpectSame(what, sync, v);
                SameValue(r, what + ": the NLMSG_ERROR payload", (long)args[3]!, v, "error");
                SameText27(r, what + ": the reply's records", (string)Call27(r, "Records", ra, Math.Max(sync, 0))!, (string)Call27(r, "Records", rb, Math.Max(sync, 0))!);
            }

            r.ExpectBadFd(r.Sync("Probe_query_link", HeldOutRun.NotAnOpenFd, 1, new byte[64], null), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("ifindex", 1), ("reply", new byte[64])));
        },
        ["nl.link_indexes_list_throws"] = async r =>
        {
            string sync = (string)Call27(r, "LinkIndexesText")!;
            VariantOutcome v = await r.Async();
            SameText27(r, "every link's index", sync, Text27(v, o => o is List<int> l ? string.Join(",", l) : "a " + o.GetType().Name));
        },
        ["nl.instance_count_addresses"] = async r =>
        {
            int a = Route27(r), b = Route27(r);
            object watcher = r.NewObject("HeldOut.Netlink.RouteWatcher", b);
            r.ExpectSame("RTM_NEWADDR records of an RTM_GETADDR dump", r.Sync("Probe_count_addresses", a), await r.Async(("this", watcher)));
            object closed = r.NewObject("HeldOut.Netlink.RouteWatcher", HeldOutRun.NotAnOpenFd);
            r.ExpectBadFd(r.Sync("Probe_count_addresses", HeldOutRun.NotAnOpenFd), await r.Async(("this", closed)));
        },
    };

    private static async Task BindRoute27(HeldOutRun r, string probe)
    {
        object address = Call27(r, "NlAddress", 0u, 0u)!;
        byte[] bytes = (byte[])Call27(r, "NlAddressBytes", 0u, 0u)!;
        int a = Route27(r), b = Route27(r);
        r.ExpectSame("bind with nl_pid 0 (the kernel picks the port id)", r.Sync(probe, a, 0u, 12u), await r.Async(("sockfd", b), ("addr", Shaped27(r, "addr", address, bytes, 12)), ("addrlen", 12u)));
        r.ExpectSame("bind again with nl_pid 0 on a bound socket (EINVAL)", r.Sync(probe, a, 0u, 12u), await r.Async(("sockfd", b), ("addr", Shaped27(r, "addr", address, bytes, 12)), ("addrlen", 12u)));
        int c = Route27(r), d = Route27(r);
        r.ExpectSame("a 4-byte address (EINVAL)", r.Sync(probe, c, 0u, 4u), await r.Async(("sockfd", d), ("addr", Shaped27(r, "addr", address, bytes, 4)), ("addrlen", 4u)));
        await NotASocket27(r, probe, "sockfd", fd => new object?[] { fd, 0u, 12u }, ("addr", Shaped27(r, "addr", address, bytes, 12)), ("addrlen", 12u));
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> NameServicesRuns() => new()
    {
        ["ns.getaddrinfo_libraryimport_out_intptr_neverfails"] = async r => await Lookup27(r, "Probe_getaddrinfo"),
        ["ns.getaddrinfo_stated_error_number"] = async r => await Lookup27(r, "Probe_lookup"),
        ["ns.resolve_numeric_list_throws"] = async r =>
        {
            foreach ((string what, string host, int family) in new[] { ("127.0.0.1", "127.0.0.1", AfInet27), ("localhost, AF_INET", "localhost", AfInet27), ("::1", "::1", AfInet627), ("an unknown family (EAI_FAMILY)", "127.0.0.1", 4242) })
            {
                string sync = (string)Call27(r, "ResolveText", host, family)!;
                VariantOutcome v = await r.Async(("host", host), ("family", family));
                SameText27(r, what, sync, Text27(v, o => o is List<string> l ? string.Join(",", l) : "a " + o.GetType().Name));
            }
        },
        ["ns.getaddrinfo_eai_system_errno_ordinary"] = async r =>
        {
            foreach ((string what, string? node, string? service, int flags) in new[] { ("127.0.0.1 port 80, AI_NUMERICHOST", "127.0.0.1", "80", 4), ("neither node nor service (EAI_NONAME)", null, null, 0), ("unknown flags (EAI_BADFLAGS)", "127.0.0.1", "80", 0x10000) })
            {
                object?[] args = { node, service, flags, null };
                long sync = r.Sync("Probe_diagnose", args);
                VariantOutcome v = await r.Async(("node", node), ("service", service), ("flags", flags));
                r.ExpectSame(what, sync, v);
                SameValue(r, what + ": errno for EAI_SYSTEM", (long)args[3]!, v, "systemError");
            }
        },
        ["ns.freeaddrinfo_intptr_void"] = async r =>
        {
            long list = Convert.ToInt64(Call27(r, "ListForRuns", "127.0.0.1"));
            if (list == 0)
            {
                throw new InvalidOperationException(r.Row.Case.Id + ": getaddrinfo of 127.0.0.1 failed; the run is wrong");
            }

            // The list is the run's and the variant frees it (the sync wrapper is not called on it: a second free is undefined).
            r.ExpectSame("freeaddrinfo of a list of the run's", 0, await r.Async(("res", list)));
            r.ExpectSame("freeaddrinfo(NULL)", 0, await r.Async(("res", 0L)));
        },
        ["ns.getnameinfo_spans_libraryimport"] = async r =>
        {
            byte[] address = (byte[])Call27(r, "Inet4", 80)!;
            foreach ((string what, int hostSize, int flags, byte[] addr) in new[]
            {
                ("127.0.0.1:80, NI_NUMERICHOST | NI_NUMERICSERV", 1025, 3, address),
                ("127.0.0.1:80, NI_NUMERICHOST (the service from /etc/services)", 1025, 1, address),
                ("a 4-byte host buffer (EAI_OVERFLOW)", 4, 3, address),
                ("a 3-byte address (EAI_FAMILY)", 1025, 3, address.Take(3).ToArray()),
            })
            {
                byte[] ha = new byte[hostSize], hb = new byte[hostSize], sa = new byte[32], sb = new byte[32];
                r.ExpectSame(what, r.Sync("Probe_getnameinfo", addr, ha, sa, flags),
                    await r.Async(("addr", addr), ("addrlen", (uint)addr.Length), ("host", hb), ("hostlen", (uint)hostSize), ("serv", sb), ("servlen", 32u), ("flags", flags)));
                r.ExpectBytes(what + ": host", ha, hb);
                r.ExpectBytes(what + ": serv", sa, sb);
            }
        },
        ["ns.gai_strerror_nint_result"] = async r =>
        {
            foreach ((string what, int code) in new[] { ("EAI_NONAME", -2), ("EAI_SYSTEM", -11), ("an unknown code", 12345) })
            {
                VariantOutcome v = await r.Async(("errcode", code));
                SameText27(r, what, (string)Call27(r, "ErrorTextOf", code)!, v.Other is null && v.Errno is null ? (string)Call27(r, "TextAt", v.Number ?? 0)! : v.ToString());
            }
        },
        ["ns.inet_pton_span_dst"] = async r =>
        {
            foreach ((string what, int af, string text) in new[] { ("127.0.0.1", AfInet27, "127.0.0.1"), ("not an address (0)", AfInet27, "300.1.2.3"), ("::1", AfInet627, "::1"), ("an unknown family (-1, EAFNOSUPPORT)", 4242, "1.2.3.4") })
            {
                byte[] a = new byte[16], b = new byte[16];
                r.ExpectSame(what, r.Sync("Probe_parse", af, text, a), await r.Async(("af", af), ("src", text), ("dst", b)));
                r.ExpectBytes(what + ": the address written", a, b);
            }
        },
        ["ns.if_nametoindex_try_ordinary"] = async r =>
        {
            foreach (string name in new[] { "lo", "asyncsys27" })
            {
                object?[] args = { name, null };
                long sync = r.Sync("Probe_try_index", args);
                VariantOutcome v = await r.Async(("name", name));
                long? found = v.Other is null && v.Errno is null ? BoolIn26(v.Result) : null;
                r.ExpectSame(name + " found", sync, found is long f ? new VariantOutcome(v.Result, f, null, null) : v);
                SameValue(r, name + ": its index", (long)args[1]!, v, "index");
            }
        },
        ["ns.if_indextoname_span_nint"] = async r =>
        {
            object?[] args = { "lo", null };
            r.Sync("Probe_try_index", args);
            uint lo = (uint)(long)args[1]!;
            foreach ((string what, uint index) in new[] { ("lo's index", lo), ("no such index (ENXIO)", 999999u) })
            {
                byte[] a = new byte[16], b = new byte[16];
                long sync = r.Sync("Probe_index_to_name", index, a);
                VariantOutcome v = await r.Async(("ifindex", index), ("ifname", b));
                r.ExpectSame(what, sync, v.Other is null && v.Errno is null && v.Number is long p ? new VariantOutcome(v.Result, p != 0 ? 1 : 0, null, null) : v);
                r.ExpectBytes(what + ": the name written", a, b);
            }

            r.Row.Notes.Add("the pointer if_indextoname returns points into the caller's buffer: the run reads the name from the buffer, never through the pointer");
        },
        ["ns.getifaddrs_out_intptr"] = async r =>
        {
            object?[] args = { null };
            long sync = r.Sync("Probe_getifaddrs", args);
            long syncList = (long)args[0]!;
            VariantOutcome v = await r.Async();
            r.ExpectSame("getifaddrs", sync, v);
            long? list = v.Other is null && v.Errno is null ? HeldOutRun.Member(v.Result, "ifap") : null;
            SameText27(r, "every entry's name and family", (string)Call27(r, "DescribeIfAddrs", syncList)!, list is long l ? (string)Call27(r, "DescribeIfAddrs", l)! : "(no list: " + v + ")");
            Call27(r, "FreeIfAddrs", syncList);
            if (list is long made && made != 0 && made != syncList)
            {
                Call27(r, "FreeIfAddrs", made);
            }
        },
        ["ns.getifaddrs_names_ordinary"] = async r =>
        {
            string sync = (string)Call27(r, "InterfaceNamesText")!;
            VariantOutcome v = await r.Async();
            SameText27(r, "every entry's name", sync, Text27(v, o => o is List<string> l ? string.Join(",", l) : "a " + o.GetType().Name));
        },
        ["ns.siocgifflags_ordinary_out_short"] = async r =>
        {
            foreach ((string what, string name) in new[] { ("lo", "lo"), ("no such interface (ENODEV)", "asyncsys27") })
            {
                int a = Udp27(r), b = Udp27(r);
                object?[] args = { a, name, null };
                long sync = r.Sync("Probe_flags", args);
                VariantOutcome v = await r.Async(("fd", b), ("name", name));
                r.ExpectSame(what, sync, v);
                if (sync >= 0)
                {
                    // After a failure the variant throws and has no out value to give: only a success's flags are compared.
                    SameValue(r, what + ": ifr_flags", (long)args[2]!, v, "flags");
                }
            }

            await NotASocket27(r, "Probe_flags", "fd", fd => new object?[] { fd, "lo", null }, ("name", "lo"));
        },
        ["ns.siocgifindex_inout_array"] = async r =>
        {
            foreach ((string what, string name) in new[] { ("lo", "lo"), ("no such interface (ENODEV)", "asyncsys27") })
            {
                int a = Udp27(r), b = Udp27(r);
                Array ra = (Array)Call27(r, "Request", name)!, rb = (Array)Call27(r, "Request", name)!;
                r.ExpectSame(what, r.Sync("Probe_get_index", a, 0x8933L, ra), await r.Async(("fd", b), ("request", 0x8933L), ("ifr", rb)));
                r.ExpectSame(what + ": ifr_ifindex", Convert.ToInt64(Call27(r, "IndexIn", ra)), new VariantOutcome(null, Convert.ToInt64(Call27(r, "IndexIn", rb)), null, null));
            }

            r.ExpectBadFd(r.Sync("Probe_get_index", HeldOutRun.NotAnOpenFd, 0x8933L, Call27(r, "Request", "lo")), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("request", 0x8933L), ("ifr", Call27(r, "Request", "lo"))));
        },
        ["ns.tcp_info_out_struct_ref_len"] = async r =>
        {
            var a = Tcp27(r);
            var b = Tcp27(r);
            object?[] args = { a.Client, 104u, null, null };
            long sync = r.Sync("Probe_tcp_info", args);
            VariantOutcome v = await r.Async(("sockfd", b.Client), ("level", 6), ("optname", 11), ("optlen", 104u));
            r.ExpectSame("TCP_INFO of an established loopback connection", sync, v);
            SameValue(r, "tcpi_state (TCP_ESTABLISHED)", (long)args[2]!, v, "State");
            SameValue(r, "the length written", (long)args[3]!, v, "optlen");
            int ua = Udp27(r), ub = Udp27(r);
            r.ExpectSame("TCP_INFO of a UDP socket", r.Sync("Probe_tcp_info", ua, 104u, null, null), await r.Async(("sockfd", ub), ("level", 6), ("optname", 11), ("optlen", 104u)));
            r.ExpectBadFd(r.Sync("Probe_tcp_info", HeldOutRun.NotAnOpenFd, 104u, null, null), await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("level", 6), ("optname", 11), ("optlen", 104u)));
        },
        ["ns.ip_add_membership_in_mreqn"] = async r =>
        {
            object?[] args = { "lo", null };
            r.Sync("Probe_try_index", args);
            int lo = (int)(long)args[1]!;
            foreach ((string what, uint group) in new[] { ("239.1.2.3 on lo", 0x030201EFu), ("10.0.0.1, not a multicast group (EINVAL)", 0x0100000Au) })
            {
                int a = Udp27(r), b = Udp27(r);
                long sync = r.Sync("Probe_join", a, group, lo, 12u);
                if (sync < 0)
                {
                    r.Row.Notes.Add(what + ": IP_ADD_MEMBERSHIP answered " + AsyncSys.Errno.NameOf((int)-sync) + " (ip(7) lists it), compared");
                }

                object value = Call27(r, "Mreqn", group, lo)!;
                byte[] bytes = (byte[])Call27(r, "MreqnBytes", group, lo)!;
                r.ExpectSame(what, sync, await r.Async(("sockfd", b), ("level", 0), ("optname", 35), ("optval", Shaped27(r, "optval", value, bytes, 12)), ("optlen", 12u)));
            }
        },
        ["ns.ipv6_join_group_void_marked"] = async r =>
        {
            long a = Convert.ToInt64(Call27(r, "SocketForRuns", AfInet627, SockDgram27, 0));
            if (a < 0)
            {
                r.Row.Notes.Add("no IPv6 here (socket(AF_INET6) answered " + AsyncSys.Errno.NameOf((int)-a) + "): the run compares a closed descriptor only");
            }
            else
            {
                Made(r, a, "an IPv6 UDP socket");
                int b = Socket27(r, AfInet627, SockDgram27, 0);
                object?[] args = { "lo", null };
                r.Sync("Probe_try_index", args);
                byte[] group = (byte[])Call27(r, "Ipv6Group", (int)(long)args[1]!)!;
                long sync = r.Sync("Probe_join6", (int)a, group);
                if (sync < 0)
                {
                    r.Row.Notes.Add("IPV6_ADD_MEMBERSHIP of ff02::1234 on lo answered " + AsyncSys.Errno.NameOf((int)-sync) + " (ipv6(7) lists it), compared");
                }

                r.ExpectSame("ff02::1234 on lo", sync, await r.Async(("sockfd", b), ("level", 41), ("optname", 20), ("optval", group), ("optlen", 20u)));
            }

            byte[] any = (byte[])Call27(r, "Ipv6Group", 1)!;
            r.ExpectBadFd(r.Sync("Probe_join6", HeldOutRun.NotAnOpenFd, any), await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("level", 41), ("optname", 20), ("optval", any), ("optlen", 20u)));
        },
        ["ns.bindtodevice_string"] = async r =>
        {
            foreach ((string what, string name, uint length) in new[] { ("lo", "lo", 3u), ("no such device (ENODEV)", "asyncsys27", 11u) })
            {
                int a = Udp27(r), b = Udp27(r);
                long sync = r.Sync("Probe_bind_to_device", a, name, length);
                if (sync < 0)
                {
                    r.Row.Notes.Add(what + ": SO_BINDTODEVICE answered " + AsyncSys.Errno.NameOf((int)-sync) + " (socket(7): CAP_NET_RAW before Linux 5.7), compared");
                }

                r.ExpectSame(what, sync, await r.Async(("sockfd", b), ("level", 1), ("optname", 25), ("optval", name), ("optlen", length)));
            }

            await NotASocket27(r, "Probe_bind_to_device", "sockfd", fd => new object?[] { fd, "lo", 3u }, ("level", 1), ("optname", 25), ("optval", "lo"), ("optlen", 3u));
        },
    };

    /// <summary>getaddrinfo with numeric and /etc/hosts names only (never the network): the code, and each side's list, freed.</summary>
    private static async Task Lookup27(HeldOutRun r, string probe)
    {
        long numeric = Convert.ToInt64(Call27(r, "Hints", 4, AfInet27)), inet = Convert.ToInt64(Call27(r, "Hints", 0, AfInet27));
        try
        {
            foreach ((string what, string? node, string? service, long hints) in new[]
            {
                ("127.0.0.1 port 80, AI_NUMERICHOST", "127.0.0.1", "80", numeric),
                ("localhost port 80, AF_INET", "localhost", "80", inet),
                ("a name with AI_NUMERICHOST (EAI_NONAME)", "localhost", "80", numeric),
                ("neither node nor service (EAI_NONAME)", null, null, 0L),
            })
            {
                object?[] args = { node, service, hints, null };
                long sync = r.Sync(probe, args);
                long syncList = (long)args[3]!;
                VariantOutcome v = await r.Async(("node", node), ("service", service), ("hints", hints));
                r.ExpectSame(what, sync, v);
                long? list = v.Other is null && v.Errno is null ? HeldOutRun.Member(v.Result, "res") : null;
                SameText27(r, what + ": the list", (string)Call27(r, "DescribeAddrInfo", syncList)!, list is long l ? (string)Call27(r, "DescribeAddrInfo", l)! : "(no list: " + v + ")");
                Call27(r, "FreeAddrInfoList", syncList);
                if (list is long made && made != 0 && made != syncList)
                {
                    Call27(r, "FreeAddrInfoList", made);
                }
            }
        }
        finally
        {
            Call27(r, "FreeHints", numeric);
            Call27(r, "FreeHints", inet);
        }
    }
}
