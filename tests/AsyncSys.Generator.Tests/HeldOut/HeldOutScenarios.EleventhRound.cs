using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the eleventh blind round (Sockopts.case, Terminals.case), written with the case files, before the
/// generator was run on them. Sockets are AF_UNIX socketpairs (the sync probe on one pair, the variant on another, set up
/// alike); terminal calls run on pipes (ENOTTY, as on a server with no terminal); processes are the test's own, a pid that
/// does not exist, and /bin/true spawned and reaped.
/// </summary>
internal static partial class HeldOutScenarios
{

    private static Dictionary<string, (string, string)> WithEleventhRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Sockopts"] = (HeldOutProbes.Sockopts, HeldOutProbes.SockoptsLibraryImport);
        probes["Terminals"] = (HeldOutProbes.Terminals, "");
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithEleventhRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in SockoptRuns().Concat(TerminalRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    /// <summary>A value the call wrote, from the sync probe and from the variant's result, must be the same.</summary>
    private static void SameValue(HeldOutRun r, string what, long sync, VariantOutcome variant, string member)
    {
        long? value = variant.Errno is int e ? -e : HeldOutRun.Member(variant.Result, member);
        r.Row.Runs.Add(what + ": sync " + sync + ", async " + (value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no '" + member + "' in " + variant));
        if (value != sync)
        {
            r.Row.Problems.Add(what + ": the variant gave " + (value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no '" + member + "' (" + variant + ")") + " where the sync wrapper wrote " + sync);
        }
    }

    /// <summary>What the option set by the sync wrapper and by the variant reads back as, through the same sync probe.</summary>
    private static void ReadBack(HeldOutRun r, string what, long sync, long variant) => r.ExpectSame(what, sync, new VariantOutcome(variant, variant, null, null));

    private static int Fd(HeldOutRun r, int fd)
    {
        r.Track(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)fd, true));
        return fd;
    }

    private static (int A, int B) Pair(HeldOutRun r, int type)
    {
        int[] sv = new int[2];
        long rc = r.Sync("Probe_pair", type, sv);
        if (rc != 0)
        {
            throw new InvalidOperationException("socketpair failed: " + rc + "; the run is wrong");
        }

        return (Fd(r, sv[0]), Fd(r, sv[1]));
    }

    private static (int Read, int Write) Pipe(HeldOutRun r)
    {
        int[] fds = new int[2];
        if (r.Sync("Probe_pipe", fds) != 0)
        {
            throw new InvalidOperationException("pipe2 failed; the run is wrong");
        }

        return (Fd(r, fds[0]), Fd(r, fds[1]));
    }

    /// <summary>A call on a descriptor: not open (EBADF), then on one end of a fresh socketpair each.</summary>
    private static async Task OnPairs(HeldOutRun r, int type, string probe, Func<int, (string, object?)[]> arguments, Func<int, object?[]>? extra = null)
    {
        extra ??= _ => Array.Empty<object?>();
        r.ExpectBadFd(r.Sync(probe, new object?[] { HeldOutRun.NotAnOpenFd }.Concat(extra(HeldOutRun.NotAnOpenFd)).ToArray()), await r.Async(arguments(HeldOutRun.NotAnOpenFd)));
        (int a, _) = Pair(r, type);
        (int b, _) = Pair(r, type);
        r.ExpectSame("on a socket", r.Sync(probe, new object?[] { a }.Concat(extra(a)).ToArray()), await r.Async(arguments(b)));
    }

    /// <summary>A call on a descriptor: not open (EBADF), then on a pipe's read end each (ENOTTY for terminal calls).</summary>
    private static async Task OnPipes(HeldOutRun r, string probe, Func<int, (string, object?)[]> arguments)
    {
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd), await r.Async(arguments(HeldOutRun.NotAnOpenFd)));
        (int a, _) = Pipe(r);
        (int b, _) = Pipe(r);
        r.ExpectSame("on a pipe", r.Sync(probe, a), await r.Async(arguments(b)));
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> SockoptRuns() => new()
    {
        ["sopt.setsockopt_ref_int"] = async r =>
        {
            await OnPairs(r, SockStream, "Probe_setsockopt_int", fd => new (string, object?)[] { ("sockfd", fd), ("level", 1), ("optname", 8), ("optval", 65536), ("optlen", 4) }, _ => new object?[] { 1, 8, 65536 });
            (int a, _) = Pair(r, SockStream);
            (int b, _) = Pair(r, SockStream);
            r.ExpectSame("an unknown option (ENOPROTOOPT)", r.Sync("Probe_setsockopt_int", a, 1, 9999, 1), await r.Async(("sockfd", b), ("level", 1), ("optname", 9999), ("optval", 1), ("optlen", 4)));
            ReadBack(r, "SO_RCVBUF read back", r.Sync("Probe_get_int", a, 8), r.Sync("Probe_get_int", b, 8));
        },
        ["sopt.setsockopt_in_linger"] = async r =>
        {
            (int a, _) = Pair(r, SockStream);
            (int b, _) = Pair(r, SockStream);
            r.ExpectSame("SO_LINGER on, 7 s", r.Sync("Probe_set_linger", a, 1, 7), await r.Async(("sockfd", b), ("level", 1), ("optname", 13), ("optval", r.NewObject("HeldOut.Sockopts.Linger") is var l ? SetFields(l, ("OnOff", 1), ("Seconds", 7)) : null), ("optlen", 8u)));
            ReadBack(r, "linger read back", r.Sync("Probe_get_linger_field", a), r.Sync("Probe_get_linger_field", b));
            r.ExpectBadFd(r.Sync("Probe_set_linger", HeldOutRun.NotAnOpenFd, 1, 7), await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("level", 1), ("optname", 13), ("optval", r.NewObject("HeldOut.Sockopts.Linger")), ("optlen", 8u)));
        },
        ["sopt.setsockopt_timeval_marked"] = async r =>
        {
            (int a, _) = Pair(r, SockStream);
            (int b, _) = Pair(r, SockStream);
            byte[] tv = new byte[16];
            BitConverter.GetBytes(3L).CopyTo(tv, 0);
            r.ExpectSame("SO_RCVTIMEO 3 s", r.Sync("Probe_set_timeout", a, 20, 3L, 16u), await r.Async(("sockfd", b), ("level", 1), ("optname", 20), ("optval", tv), ("optlen", 16u)));
            ReadBack(r, "timeout read back", r.Sync("Probe_get_timeout_field", a, 20), r.Sync("Probe_get_timeout_field", b, 20));
            // [InputBuffer(nameof(optlen))]: a variant without optlen takes the length from the buffer, so a short optlen is a short buffer.
            byte[] shortValue = r.ParameterType("optlen") is null ? tv.AsSpan(0, 4).ToArray() : tv;
            r.ExpectSame("a short optlen (EINVAL)", r.Sync("Probe_set_timeout", a, 20, 3L, 4u), await r.Async(("sockfd", b), ("level", 1), ("optname", 20), ("optval", shortValue), ("optlen", 4u)));
        },
        ["sopt.setsockopt_readonly_span"] = async r =>
        {
            byte[] one = BitConverter.GetBytes(1);
            await OnPairs(r, SockStream, "Probe_set_option_span", fd => new (string, object?)[] { ("sockfd", fd), ("level", 1), ("optname", 9), ("optval", one), ("optlen", 4) }, _ => new object?[] { 1, 9, one });
        },
        ["sopt.getsockopt_out_linger_ref_len"] = async r =>
        {
            (int a, _) = Pair(r, SockStream);
            (int b, _) = Pair(r, SockStream);
            r.Sync("Probe_set_linger", a, 1, 5);
            r.Sync("Probe_set_linger", b, 1, 5);
            VariantOutcome v = await r.Async(("sockfd", b), ("level", 1), ("optname", 13), ("optlen", 8));
            r.ExpectSame("SO_LINGER", r.Sync("Probe_get_linger", a), v);
            SameValue(r, "l_linger written", r.Sync("Probe_get_linger_field", a), v, "Seconds");
            r.ExpectBadFd(r.Sync("Probe_get_linger", HeldOutRun.NotAnOpenFd), await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("level", 1), ("optname", 13), ("optlen", 8)));
        },
        ["sopt.getsockopt_ref_timeval_ref_len"] = async r =>
        {
            (int a, _) = Pair(r, SockStream);
            (int b, _) = Pair(r, SockStream);
            r.Sync("Probe_set_timeout", a, 21, 4L, 16u);
            r.Sync("Probe_set_timeout", b, 21, 4L, 16u);
            VariantOutcome v = await r.Async(("sockfd", b), ("level", 1), ("optname", 21), ("optval", r.NewObject("HeldOut.Sockopts.Timeval")), ("optlen", 16u));
            r.ExpectSame("SO_SNDTIMEO", r.Sync("Probe_get_timeout", a, 21), v);
            SameValue(r, "tv_sec written", r.Sync("Probe_get_timeout_field", a, 21), v, "Seconds");
        },
        ["sopt.getsockopt_bytes_ref_len"] = async r =>
        {
            (int a, _) = Pair(r, SockStream);
            (int b, _) = Pair(r, SockStream);
            byte[] sync = new byte[4], variant = new byte[4];
            VariantOutcome v = await r.Async(("sockfd", b), ("level", 1), ("optname", 3), ("optval", variant), ("optlen", 4));
            // The variant returns the length the call wrote (optlen), not the call's 0.
            long written = r.Sync("Probe_get_bytes_len", a, 3, sync);
            r.ExpectSame("SO_TYPE: optlen written", written, v);
            r.ExpectOutputInResult("optlen", written, v.Number);
            r.ExpectBytes("SO_TYPE bytes", sync, variant);
        },
        ["sopt.getsockopt_ordinary_int_default_level"] = async r =>
        {
            await OnPairs(r, SockStream, "Probe_get_int", fd => new (string, object?)[] { ("sockfd", fd), ("option", 3) }, _ => new object?[] { 3 });
            (int a, _) = Pair(r, SockDgram);
            (int b, _) = Pair(r, SockDgram);
            r.ExpectSame("SO_TYPE of a datagram socket, level by default", r.Sync("Probe_get_int", a, 3), await r.Async(("sockfd", b), ("option", 3)));
        },
        ["sopt.setsockopt_ordinary_bool"] = r => OnPairs(r, SockStream, "Probe_set_flag", fd => new (string, object?)[] { ("sockfd", fd), ("option", 9), ("enabled", true) }, _ => new object?[] { 9, true }),
        ["sopt.getsockname_out_storage_ref_len"] = async r =>
        {
            await OnPairs(r, SockStream, "Probe_getsockname", fd => new (string, object?)[] { ("sockfd", fd), ("addrlen", 128) });
            (int a, _) = Pair(r, SockStream);
            (int b, _) = Pair(r, SockStream);
            SameValue(r, "addrlen written", r.Sync("Probe_getsockname_len", a), await r.Async(("sockfd", b), ("addrlen", 128)), "addrlen");
        },
        ["sopt.getpeername_out_bytes_ref_uint"] = async r =>
        {
            (int a, _) = Pair(r, SockStream);
            (int b, _) = Pair(r, SockStream);
            byte[] sync = Enumerable.Repeat((byte)0xee, 16).ToArray(), variant = Enumerable.Repeat((byte)0xee, 16).ToArray();
            // The variant returns the address length the call wrote (a uint, not the call's int 0).
            r.ExpectSame("getpeername: addrlen written", r.Sync("Probe_getpeername_len", a, sync), await r.Async(("sockfd", b), ("addr", variant), ("addrlen", 16u)));
            r.ExpectBytes("peer address", sync, variant);
            r.ExpectBadFd(r.Sync("Probe_getpeername", HeldOutRun.NotAnOpenFd, new byte[16]), await r.Async(("sockfd", HeldOutRun.NotAnOpenFd), ("addr", new byte[16]), ("addrlen", 16u)));
        },
        // The variant returns the address length the call wrote (a uint, not the call's int 0).
        ["sopt.getsockname_storage_ptr_unmarked"] = r => OnPairs(r, SockStream, "Probe_getsockname_ptr_len", fd => new (string, object?)[] { ("sockfd", fd), ("addr", new byte[128]), ("addrlen", 128u) }),
        ["sopt.getpeername_span_ordinary"] = async r =>
        {
            (int a, _) = Pair(r, SockStream);
            (int b, _) = Pair(r, SockStream);
            byte[] sync = new byte[16], variant = new byte[16];
            r.ExpectSame("peer address length", r.Sync("Probe_peer_length", a, sync), await r.Async(("sockfd", b), ("address", variant)));
            r.ExpectBytes("peer address", sync, variant);
        },
        ["sopt.listen_default_backlog"] = async r =>
        {
            int a = Fd(r, (int)r.Sync("Probe_unix_socket", SockStream)), b = Fd(r, (int)r.Sync("Probe_unix_socket", SockStream));
            r.ExpectSame("listen on an unbound unix socket", r.Sync("Probe_listen", a), await r.Async(("sockfd", b)));
            (int c, _) = Pair(r, SockDgram);
            (int d, _) = Pair(r, SockDgram);
            r.ExpectSame("listen on a datagram socket (EOPNOTSUPP)", r.Sync("Probe_listen", c), await r.Async(("sockfd", d)));
        },
        ["sopt.shutdown_safesocket_default"] = async r =>
        {
            (int a, _) = Pair(r, SockStream);
            (int b, _) = Pair(r, SockStream);
            r.ExpectSame("shutdown both ways", r.Sync("Probe_shutdown", a), await r.Async(("socket", b)));
        },
        ["sopt.recvfrom_span_out_storage"] = async r =>
        {
            (int a, int a2) = Pair(r, SockDgram);
            (int b, int b2) = Pair(r, SockDgram);
            byte[] message = Encoding.ASCII.GetBytes("datagram");
            r.Sync("Probe_write", a2, message);
            r.Sync("Probe_write", b2, message);
            byte[] sync = new byte[16], variant = new byte[16];
            r.ExpectSame("recvfrom a datagram", r.Sync("Probe_recvfrom", a, sync), await r.Async(("sockfd", b), ("buf", variant), ("len", 16L), ("flags", 0x40), ("addrlen", 128)));
            r.ExpectBytes("datagram", sync, variant);
            r.ExpectSame("nothing queued (EAGAIN)", r.Sync("Probe_recvfrom", a, sync), await r.Async(("sockfd", b), ("buf", variant), ("len", 16L), ("flags", 0x40), ("addrlen", 128)));
        },
        ["sopt.send_ref_byte_default_flags"] = async r =>
        {
            (int a, _) = Pair(r, SockStream);
            (int b, _) = Pair(r, SockStream);
            byte[] data = Encoding.ASCII.GetBytes("sent bytes");
            r.ExpectSame("send 10 bytes", r.Sync("Probe_send", a, data), await r.Async(("sockfd", b), ("buf", data), ("len", 10L)));
            (int c, int c2) = Pair(r, SockStream);
            (int d, int d2) = Pair(r, SockStream);
            r.Sync("Probe_close", c2);
            r.Sync("Probe_close", d2);
            r.ExpectSame("send to a closed peer with MSG_NOSIGNAL by default (EPIPE)", r.Sync("Probe_send", c, data), await r.Async(("sockfd", d), ("buf", data), ("len", 10L)));
        },
        ["sopt.recv_ordinary_getreference"] = r => ReceiveRun(r, "Probe_receive", "sockfd"),
        ["sopt.recv_ordinary_fixed_span_safehandle"] = r => ReceiveRun(r, "Probe_receive_handle", "socket"),
        ["sopt.instance_set_receive_buffer"] = async r =>
        {
            (int a, _) = Pair(r, SockStream);
            (int b, _) = Pair(r, SockStream);
            r.ExpectSame("SO_RCVBUF", r.Sync("Probe_instance_rcvbuf", a, 32768), await r.AsyncOn(r.NewObject("HeldOut.Sockopts.NativeSocket", b), ("size", 32768)));
            r.ExpectBadFd(r.Sync("Probe_instance_rcvbuf", HeldOutRun.NotAnOpenFd, 32768), await r.AsyncOn(r.NewObject("HeldOut.Sockopts.NativeSocket", HeldOutRun.NotAnOpenFd), ("size", 32768)));
        },
        ["sopt.instance_peer_name"] = async r =>
        {
            (int a, _) = Pair(r, SockStream);
            (int b, _) = Pair(r, SockStream);
            byte[] sync = new byte[16], variant = new byte[16];
            VariantOutcome v = await r.AsyncOn(r.NewObject("HeldOut.Sockopts.NativeSocket", b), ("address", variant), ("length", 16));
            r.ExpectSame("getpeername", r.Sync("Probe_instance_peer", a, sync), v);
            r.ExpectBytes("peer address", sync, variant);
        },
    };

    private static object SetFields(object boxed, params (string Name, object Value)[] fields)
    {
        foreach ((string name, object value) in fields)
        {
            boxed.GetType().GetField(name)!.SetValue(boxed, value);
        }

        return boxed;
    }

    /// <summary>Receive 6 queued bytes into a 16-byte buffer on each pair, then nothing queued (EAGAIN on a non-blocking peek).</summary>
    private static async Task ReceiveRun(HeldOutRun r, string probe, string descriptor)
    {
        (int a, int a2) = Pair(r, SockStream);
        (int b, int b2) = Pair(r, SockStream);
        byte[] message = Encoding.ASCII.GetBytes("stream");
        r.Sync("Probe_write", a2, message);
        r.Sync("Probe_write", b2, message);
        byte[] sync = new byte[16], variant = new byte[16];
        r.ExpectSame("receive", r.Sync(probe, a, sync), await r.Async((descriptor, b), ("buffer", variant)));
        r.ExpectBytes("received bytes", sync, variant);
        r.ExpectBadFd(r.Sync(probe, HeldOutRun.NotAnOpenFd, sync), await r.Async((descriptor, HeldOutRun.NotAnOpenFd), ("buffer", variant)));
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> TerminalRuns() => new()
    {
        ["term.tcgetattr_out"] = r => OnPipes(r, "Probe_tcgetattr", fd => new (string, object?)[] { ("fd", fd) }),
        ["term.tcsetattr_in"] = r => OnPipes(r, "Probe_tcsetattr_in", fd => new (string, object?)[] { ("fd", fd), ("optional_actions", 0), ("termios_p", r.NewObject("HeldOut.Terminals.Termios")) }),
        ["term.tcsetattr_ref"] = r => OnPipes(r, "Probe_tcsetattr_ref", fd => new (string, object?)[] { ("fd", fd), ("optional_actions", 0), ("termios_p", r.NewObject("HeldOut.Terminals.Termios")) }),
        ["term.tcdrain"] = r => OnPipes(r, "Probe_tcdrain", fd => new (string, object?)[] { ("fd", fd) }),
        ["term.tcflush_enum_default"] = r => OnPipes(r, "Probe_tcflush", fd => new (string, object?)[] { ("fd", fd) }),
        ["term.ioctl_tiocgwinsz_out"] = r => OnPipes(r, "Probe_winsize", fd => new (string, object?)[] { ("fd", fd), ("request", 0x5413UL) }),
        ["term.fionread_ordinary"] = async r =>
        {
            await OnPipes(r, "Probe_fionread", fd => new (string, object?)[] { ("fd", fd) });
            (int a, int aw) = Pipe(r);
            (int b, int bw) = Pipe(r);
            File.WriteAllBytes("/proc/self/fd/" + aw, new byte[5]);
            File.WriteAllBytes("/proc/self/fd/" + bw, new byte[5]);
            r.ExpectSame("5 bytes queued", r.Sync("Probe_fionread", a), await r.Async(("fd", b)));
        },
        ["term.ttyname_r_stringbuilder"] = r => OnPipes(r, "Probe_ttyname", fd => new (string, object?)[] { ("fd", fd), ("buf", new StringBuilder(64)), ("buflen", 64L) }),
        ["term.instance_window_size"] = async r =>
        {
            (int a, _) = Pipe(r);
            (int b, _) = Pipe(r);
            r.ExpectSame("TIOCGWINSZ on a pipe (ENOTTY)", r.Sync("Probe_instance_size", a), await r.AsyncOn(r.NewObject("HeldOut.Terminals.Terminal", b)));
            r.ExpectBadFd(r.Sync("Probe_instance_size", HeldOutRun.NotAnOpenFd), await r.AsyncOn(r.NewObject("HeldOut.Terminals.Terminal", HeldOutRun.NotAnOpenFd)));
        },
        ["term.instance_drain"] = async r =>
        {
            (int a, _) = Pipe(r);
            (int b, _) = Pipe(r);
            r.ExpectSame("tcdrain on a pipe (ENOTTY)", r.Sync("Probe_instance_drain", a), await r.AsyncOn(r.NewObject("HeldOut.Terminals.Terminal", b)));
        },
        ["path.getcwd_stringbuilder"] = async r =>
        {
            string cwd = Directory.GetCurrentDirectory();
            var sb = new StringBuilder(4096);
            VariantOutcome v = await r.Async(("buf", sb), ("size", 4096L));
            r.Row.Runs.Add("getcwd: sync " + r.Sync("Probe_getcwd", 4096) + " chars, async " + v + ", builder '" + sb + "'");
            if (v.Other is not null || v.Errno is not null)
            {
                r.Row.Problems.Add("getcwd into 4096 chars: the variant " + v);
            }
            else if (r.ParameterType("buf") == "System.Text.StringBuilder" && sb.ToString() != cwd)
            {
                r.Row.Problems.Add("getcwd: the variant's StringBuilder holds '" + sb + "' where the directory is '" + cwd + "'");
            }

            r.ExpectSame("a 1-byte buffer (ERANGE)", r.Sync("Probe_getcwd", 1), await r.Async(("buf", new StringBuilder(1)), ("size", 1L)));
        },
        ["path.getcwd_out_bytes"] = async r =>
        {
            byte[] sync = new byte[4096], variant = new byte[4096];
            VariantOutcome v = await r.Async(("buf", variant), ("size", 4096L));
            long s = r.Sync("Probe_getcwd_bytes", sync);
            r.Row.Runs.Add("getcwd: sync " + s + ", async " + v);
            if (v.Other is not null || v.Errno is not null)
            {
                r.Row.Problems.Add("getcwd into 4096 bytes: the variant " + v);
            }

            r.ExpectBytes("directory bytes", sync, variant);
            r.ExpectSame("a 1-byte buffer (ERANGE)", r.Sync("Probe_getcwd_bytes", new byte[1]), await r.Async(("buf", new byte[1]), ("size", 1L)));
        },
        ["path.readlink_stringbuilder"] = async r =>
        {
            string link = Path.Combine(r.Directory, "link-sb");
            File.CreateSymbolicLink(link, "target-of-the-link");
            r.ExpectSame("readlink", r.Sync("Probe_readlink", link, 64), await r.Async(("path", link), ("buf", new StringBuilder(64)), ("bufsiz", 64L)));
            string plain = Path.Combine(r.Directory, "plain-sb");
            File.WriteAllText(plain, "x");
            r.ExpectSame("not a link (EINVAL)", r.Sync("Probe_readlink", plain, 64), await r.Async(("path", plain), ("buf", new StringBuilder(64)), ("bufsiz", 64L)));
        },
        ["path.readlink_ordinary_span"] = async r =>
        {
            string link = Path.Combine(r.Directory, "link-span");
            File.CreateSymbolicLink(link, "target-of-the-link");
            byte[] sync = new byte[64], variant = new byte[64];
            r.ExpectSame("readlink", r.Sync("Probe_readlink_span", link, sync), await r.Async(("path", link), ("buffer", variant)));
            r.ExpectBytes("link target", sync, variant);
            string missing = Path.Combine(r.Directory, "missing-link");
            r.ExpectSame("missing (ENOENT)", r.Sync("Probe_readlink_span", missing, sync), await r.Async(("path", missing), ("buffer", variant)));
        },
        ["proc.waitpid_out_status"] = async r => r.ExpectSame("no such child (ECHILD)", r.Sync("Probe_waitpid", NoSuchPid, 1), await r.Async(("pid", NoSuchPid), ("options", 1))),
        ["proc.waitpid_ptr_default_options"] = async r => r.ExpectSame("no such child (ECHILD)", r.Sync("Probe_waitpid_ptr", NoSuchPid), await r.Async(("pid", NoSuchPid))),
        ["proc.waitid_out_siginfo"] = async r =>
        {
            r.ExpectSame("no such child (ECHILD)", r.Sync("Probe_waitid", 1, NoSuchPid, 4 | 1), await r.Async(("idtype", 1), ("id", NoSuchPid), ("options", 4 | 1)));
            r.ExpectSame("no options (EINVAL)", r.Sync("Probe_waitid", 1, NoSuchPid, 0), await r.Async(("idtype", 1), ("id", NoSuchPid), ("options", 0)));
        },
        ["proc.kill_signal_default"] = async r =>
        {
            // The variant's own default goes to the test host's pid: only if it is 0 (a signal with a default action that
            // terminates would end the test host with no message).
            if (ExpectDefaultSignalZero(r, "sig"))
            {
                r.ExpectSame("signal 0 to this process", r.Sync("Probe_kill", Environment.ProcessId, 0), await r.Async(("pid", Environment.ProcessId)));
            }

            r.ExpectSame("signal 0 to no such process (ESRCH)", r.Sync("Probe_kill", NoSuchPid, 0), await r.Async(("pid", NoSuchPid)));
            r.ExpectSame("an invalid signal (EINVAL)", r.Sync("Probe_kill", Environment.ProcessId, 999), await r.Async(("pid", Environment.ProcessId), ("sig", 999)));
        },
        ["proc.prctl_numeric_defaults"] = async r =>
        {
            r.ExpectSame("PR_GET_DUMPABLE", r.Sync("Probe_prctl", 3), await r.Async(("option", 3)));
            // An option prctl(2) does not list is counted as one that acts on the calling thread: refused at the call.
            r.ExpectCallingThreadRefused("an option the man page does not list", await r.Async(("option", 0x7fff)), "option");
            r.ExpectCallingThreadRefused("PR_GET_NAME (16)", await r.Async(("option", 16)), "option");
        },
        ["proc.posix_spawn_string_arrays"] = async r =>
        {
            string missing = Path.Combine(r.Directory, "no-such-program");
            r.ExpectSame("a missing program (ENOENT)", r.Sync("Probe_spawn", missing), await r.Async(("path", missing), ("file_actions", IntPtr.Zero), ("attrp", IntPtr.Zero), ("argv", new string?[] { missing, null }), ("envp", new string?[] { null })));
            long sync = r.Sync("Probe_spawn", "/bin/true");
            VariantOutcome v = await r.Async(("path", "/bin/true"), ("file_actions", IntPtr.Zero), ("attrp", IntPtr.Zero), ("argv", new string?[] { "/bin/true", null }), ("envp", new string?[] { null }));
            long? pid = HeldOutRun.Member(v.Result, "pid");
            r.Row.Runs.Add("spawn /bin/true: sync " + sync + ", async " + v + " (pid " + pid + ")");
            if (v.Other is not null || v.Errno is not null || pid is not > 0)
            {
                r.Row.Problems.Add("spawn /bin/true: the variant " + v + " where the sync wrapper returned " + sync + " and a child pid");
            }
            else
            {
                r.ExpectSame("the spawned child is this process's (reaped)", (long)pid, new VariantOutcome(pid, r.Sync("Probe_reap", (int)pid), null, null));
            }
        },
        ["proc.getsid"] = async r =>
        {
            r.ExpectSame("this process's session", r.Sync("Probe_getsid", Environment.ProcessId), await r.Async(("pid", Environment.ProcessId)));
            r.ExpectSame("no such process (ESRCH)", r.Sync("Probe_getsid", NoSuchPid), await r.Async(("pid", NoSuchPid)));
        },
        ["proc.getgroups_out_uint_array"] = async r =>
        {
            uint[] sync = new uint[256], variant = new uint[256];
            r.ExpectSame("getgroups(256)", r.Sync("Probe_getgroups", 256, sync), await r.Async(("size", 256), ("list", variant)));
            if (!sync.SequenceEqual(variant))
            {
                r.Row.Problems.Add("getgroups: the variant's list differs from the sync wrapper's");
            }

            r.ExpectSame("getgroups(0) counts", r.Sync("Probe_getgroups", 0, Array.Empty<uint>()), await r.Async(("size", 0), ("list", Array.Empty<uint>())));
        },
        ["proc.uname_out"] = async r => r.ExpectSame("uname", r.Sync("Probe_uname"), await r.Async()),
        ["buf.pread_ordinary_getreference"] = async r =>
        {
            r.ExpectBadFd(r.Sync("Probe_pread", HeldOutRun.NotAnOpenFd, new byte[8], 0L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("buffer", new byte[8]), ("offset", 0L)));
            int a = r.OpenFile("pread-ref-a", Content), b = r.OpenFile("pread-ref-b", Content);
            byte[] sync = new byte[8], variant = new byte[8];
            r.ExpectSame("pread 8 at 2", r.Sync("Probe_pread", a, sync, 2L), await r.Async(("fd", b), ("buffer", variant), ("offset", 2L)));
            r.ExpectBytes("bytes read", sync, variant);
        },
        ["buf.write_ordinary_fixed_readonly_span"] = async r =>
        {
            (int a, int aw) = Pipe(r);
            (int b, int bw) = Pipe(r);
            byte[] data = Encoding.ASCII.GetBytes("spanned");
            r.ExpectSame("write 7 bytes to a pipe", r.Sync("Probe_write", aw, data), await r.Async(("fd", bw), ("data", data)));
            r.ExpectSame("write to a pipe's read end (EBADF)", r.Sync("Probe_write", a, data), await r.Async(("fd", b), ("data", data)));
        },
    };
}
