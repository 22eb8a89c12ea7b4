using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the thirty-first blind round (ClientLibs.case, Media.case), written with the case files, before the
/// generator was run on them. No network and no device: libcurl handles with no URL or a file:// URL that does not exist (each
/// side its own handle, cleaned up before the memory it was given is freed), libpq connections to the run's own directory as a
/// Unix socket directory with no server (CONNECTION_BAD, then PQexec's NULL), getpwnam_r/getgrnam_r of "root" and of a name no
/// account has, and device calls (V4L2, DRM, EVIOCGNAME) on pipes (ENOTTY) and a descriptor that is not open (EBADF); reads of
/// input_event records from non-blocking pipes. libmysqlclient, hiredis and every ALSA row are checked by the generator only.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string ClientLibsProbeType = "HeldOut.ClientLibs.ClientLibsProbes";
    private const string ClientLibsLibraryImportProbeType = "HeldOut.ClientLibs.ClientLibsLibraryImportProbes";
    private const string MediaProbeType = "HeldOut.Media.MediaProbes";
    private const int CurlOptErrorBuffer31 = 10010;
    private const int CurlInfoEffectiveUrl31 = 0x100001, CurlInfoResponseCode31 = 0x200002, CurlInfoFiletime31 = 0x20000E;
    private const int CurlInfoContentLengthDownload31 = 0x30000F;
    private const uint DrmIoctlVersion31 = 0xC0406400, Fionread31 = 0x541B;

    private static Dictionary<string, (string, string)> WithThirtyFirstRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["ClientLibs"] = (HeldOutProbes.ClientLibs, HeldOutProbes.ClientLibsLibraryImport);
        probes["Media"] = (HeldOutProbes.Media, HeldOutProbes.MediaLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithThirtyFirstRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in ClientLibsRuns().Concat(MediaRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static object? Client31(HeldOutRun r, string method, params object?[] arguments) => r.CallStatic(ClientLibsProbeType, method, arguments);

    private static string Text31(HeldOutRun r, long? pointer) => (string)Client31(r, "Text", pointer ?? 0L)!;

    /// <summary>Two fresh curl easy handles (one per side), cleaned up by <paramref name="run"/>'s end, before anything they were given is freed.</summary>
    private static async Task WithCurlHandles(HeldOutRun r, Func<long, long, Task> run)
    {
        long a = Convert.ToInt64(Client31(r, "CurlInit")), b = Convert.ToInt64(Client31(r, "CurlInit"));
        if (a == 0 || b == 0)
        {
            throw new InvalidOperationException("curl_easy_init answered NULL; the run is wrong");
        }

        try
        {
            await run(a, b);
        }
        finally
        {
            Client31(r, "CurlCleanup", a);
            Client31(r, "CurlCleanup", b);
        }
    }

    private static string MissingFileUrl31(HeldOutRun r) => "file://" + Path.Combine(r.Directory, "no-such-file");

    /// <summary>A conninfo naming the run's directory as the Unix socket directory: no server listens there.</summary>
    private static string NoServer31(HeldOutRun r) => "host=" + r.Directory + " port=1 connect_timeout=2";

    private static long PqConnect31(HeldOutRun r, string conninfo) =>
        Convert.ToInt64(r.CallStatic(ClientLibsLibraryImportProbeType, "ConnectForRuns", conninfo));

    private static Dictionary<string, Func<HeldOutRun, Task>> ClientLibsRuns() => new()
    {
        ["client.curl_easy_perform_stated_neverfails"] = r => WithCurlHandles(r, async (a, b) =>
        {
            r.ExpectSame("no URL set (CURLE_URL_MALFORMAT)", r.Sync("Probe_perform", a), await r.Async(("curl", b)));
            Client31(r, "CurlSetUrl", a, MissingFileUrl31(r));
            Client31(r, "CurlSetUrl", b, MissingFileUrl31(r));
            r.ExpectSame("a file:// URL that does not exist (CURLE_FILE_COULDNT_READ_FILE)", r.Sync("Probe_perform", a), await r.Async(("curl", b)));
        }),
        ["client.curl_setopt_errorbuffer_nint_kept"] = async r =>
        {
            // The handle keeps the buffer's address and writes into it during a later perform: the buffers outlive the handles.
            long bufferA = Convert.ToInt64(Client31(r, "Alloc", 256)), bufferB = Convert.ToInt64(Client31(r, "Alloc", 256));
            try
            {
                await WithCurlHandles(r, async (a, b) =>
                {
                    r.ExpectSame("CURLOPT_ERRORBUFFER", r.Sync("Probe_set_error_buffer", a, bufferA),
                        await r.Async(("curl", b), ("option", CurlOptErrorBuffer31), ("errorBuffer", bufferB)));
                    r.Sync("Probe_perform", a);
                    r.Sync("Probe_perform", b);
                    SameText(r, "the message a later perform wrote into the kept buffer", Text31(r, bufferA), Text31(r, bufferB));
                });
            }
            finally
            {
                Client31(r, "Free", bufferA);
                Client31(r, "Free", bufferB);
            }
        },
        ["client.curl_easy_strerror_constant_text"] = async r =>
        {
            foreach (int code in new[] { 0, 3, 37, 9999 })
            {
                VariantOutcome v = await r.Async(("code", code));
                SameText(r, "curl_easy_strerror(" + code + ")", (string)Client31(r, "StrerrorText", code)!, v.Other is null && v.Errno is null ? Text31(r, v.Number) : v.ToString());
            }
        },
        ["client.curl_easy_getinfo_out_long"] = r => WithCurlHandles(r, async (a, b) =>
        {
            foreach ((string what, int info) in new[] { ("CURLINFO_FILETIME of a fresh handle (-1)", CurlInfoFiletime31), ("CURLINFO_RESPONSE_CODE of a fresh handle (0)", CurlInfoResponseCode31) })
            {
                object?[] args = { a, info, null };
                long sync = r.Sync("Probe_getinfo_long", args);
                VariantOutcome v = await r.Async(("curl", b), ("info", info));
                r.ExpectSame(what, sync, v);
                SameValue(r, what + ": the value", (long)args[2]!, v, "value");
            }
        }),
        ["client.curl_easy_getinfo_out_charptr_handle_text"] = r => WithCurlHandles(r, async (a, b) =>
        {
            Client31(r, "CurlSetUrl", a, MissingFileUrl31(r));
            Client31(r, "CurlSetUrl", b, MissingFileUrl31(r));
            r.Sync("Probe_perform", a);
            r.Sync("Probe_perform", b);
            VariantOutcome v = await r.Async(("curl", b), ("info", CurlInfoEffectiveUrl31));
            string variant = v.Other is null && v.Errno is null
                ? (HeldOutRun.Member(v.Result, "ReturnValue") ?? 0) + " " + Text31(r, HeldOutRun.Member(v.Result, "text"))
                : v.ToString();
            SameText(r, "CURLINFO_EFFECTIVE_URL after a transfer (text the handle owns)", (string)Client31(r, "GetInfoText", a, CurlInfoEffectiveUrl31)!, variant);
        }),
        ["client.curl_easy_getinfo_outputvalue_double_libraryimport"] = r => WithCurlHandles(r, async (a, b) =>
        {
            object?[] args = { a, CurlInfoContentLengthDownload31, null };
            long sync = r.Sync("Probe_getinfo_double", args);
            VariantOutcome v = await r.Async(("curl", b), ("info", CurlInfoContentLengthDownload31));
            r.ExpectSame("CURLINFO_CONTENT_LENGTH_DOWNLOAD of a fresh handle", sync, v);
            SameValue(r, "its value (-1: unknown)", (long)args[2]!, v, "value");
        }),
        ["client.curl_version_static_buffer_libraryimport"] = async r =>
        {
            VariantOutcome v = await r.Async();
            SameText(r, "curl_version()", (string)r.CallStatic(ClientLibsLibraryImportProbeType, "VersionText")!, v.Other is null ? Text31(r, v.Number) : v.ToString());
        },
        ["client.pq_connectdb_utf8_neverfails_libraryimport"] = async r =>
        {
            long a = PqConnect31(r, NoServer31(r));
            VariantOutcome v = await r.Async(("conninfo", NoServer31(r)));
            long b = v.Number ?? 0;
            try
            {
                if (a == 0 || b == 0)
                {
                    r.Row.Problems.Add("PQconnectdb: sync " + a + ", async " + v + ": a connection object was expected from both");
                    return;
                }

                ReadBack(r, "PQstatus of a connection to no server (CONNECTION_BAD)", Convert.ToInt64(Client31(r, "PqStatus", a)), Convert.ToInt64(Client31(r, "PqStatus", b)));
                SameText(r, "the connection's message", (string)Client31(r, "PqMessage", a)!, (string)Client31(r, "PqMessage", b)!);
            }
            finally
            {
                if (a != 0)
                {
                    Client31(r, "PqFinish", a);
                }

                if (b != 0)
                {
                    Client31(r, "PqFinish", b);
                }
            }
        },
        ["client.pq_exec_result_to_clear"] = async r =>
        {
            long a = PqConnect31(r, NoServer31(r)), b = PqConnect31(r, NoServer31(r));
            try
            {
                long sync = r.Sync("Probe_pq_exec", a, "SELECT 1");
                VariantOutcome v = await r.Async(("conn", b), ("query", "SELECT 1"));
                r.ExpectSame("PQexec on a connection that failed (NULL: the command cannot be sent)", sync, v);
                SameText(r, "the connection's message after it", (string)Client31(r, "PqMessage", a)!, (string)Client31(r, "PqMessage", b)!);
                foreach (long result in new[] { sync, v.Number ?? 0 }.Where(x => x != 0))
                {
                    Client31(r, "PqClear", result);
                }
            }
            finally
            {
                Client31(r, "PqFinish", a);
                Client31(r, "PqFinish", b);
            }
        },
        ["client.getpwnam_r_marked_inputpath_libraryimport"] = async r =>
        {
            foreach ((string name, string what) in new[] { ("root", "root"), ("asyncsys-no-such-user", "a name no account has") })
            {
                byte[] bufferA = new byte[1024], bufferB = new byte[1024];
                object?[] args = { name, bufferA, null, null, null };
                long sync = r.Sync("Probe_getpwnam", args);
                VariantOutcome v = await r.Async(("name", new PathArg(name)), ("buf", bufferB), ("buflen", 1024L));
                r.ExpectSame("getpwnam_r of " + what, sync, v);
                r.ExpectBytes("the strings written into the caller's buffer (" + what + ")", bufferA, bufferB);
                if ((long)args[4]! == 1)
                {
                    SameValue(r, "pw_uid of " + what, (long)args[2]!, v, "pw_uid");
                    SameValue(r, "pw_gid of " + what, (long)args[3]!, v, "pw_gid");
                }

                long? result = HeldOutRun.Member(v.Result, "result");
                r.Row.Runs.Add("*result of " + what + ": sync " + ((long)args[4]! == 1 ? "the struct passed" : (long)args[4]! == 0 ? "NULL" : "elsewhere") + ", async " + (result?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not returned"));
                if (result is null || (result != 0) != ((long)args[4]! != 0))
                {
                    r.Row.Problems.Add("*result of " + what + ": the variant's " + (result?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing") + " does not say what the sync call's says (found: " + args[4] + ")");
                }
            }
        },
        ["client.getgrnam_r_name_pointer_into_caller_buffer_ordinary"] = async r =>
        {
            // The variant's buffer is pinned for the whole run (GC.AllocateArray pinned), as the docs ask of a caller that reads
            // the pointers the call stored after the await: the name must point at the same place inside it as the sync call's.
            byte[] bufferA = new byte[1024];
            byte[] bufferB = GC.AllocateArray<byte>(1024, pinned: true);
            object?[] args = { "root", bufferA, null };
            long sync = r.Sync("Probe_group_name", args);
            VariantOutcome v = await r.Async(("group", "root"), ("buffer", bufferB));
            r.ExpectSame("getgrnam_r of root into the caller's buffer", sync, v);
            long syncOffset = (long)args[2]!;
            long? name = HeldOutRun.Member(v.Result, "name");
            long variantOffset = name is null or 0 ? -1 : name.Value - (long)Marshal.UnsafeAddrOfPinnedArrayElement(bufferB, 0);
            ReadBack(r, "the name's offset inside the caller's buffer", syncOffset, variantOffset);
            if (syncOffset >= 0 && variantOffset == syncOffset)
            {
                string a = System.Text.Encoding.UTF8.GetString(bufferA, (int)syncOffset, Array.IndexOf(bufferA, (byte)0, (int)syncOffset) - (int)syncOffset);
                SameText(r, "the name read through the pointer", a, Text31(r, name));
            }

            args = new object?[] { "asyncsys-no-such-group", new byte[1024], null };
            sync = r.Sync("Probe_group_name", args);
            v = await r.Async(("group", "asyncsys-no-such-group"), ("buffer", GC.AllocateArray<byte>(1024, pinned: true)));
            r.ExpectSame("a group no one has", sync, v);
            SameValue(r, "its name pointer (0)", (long)args[2]! < 0 ? 0 : (long)args[2]!, v, "name");
        },
    };

    private static object? Media31(HeldOutRun r, string method, params object?[] arguments) => r.CallStatic(MediaProbeType, method, arguments);

    private static (int Read, int Write) Pipe31(HeldOutRun r, bool nonBlocking)
    {
        long pair = Convert.ToInt64(Media31(r, nonBlocking ? "NonBlockingPipeForRuns" : "PipeForRuns"));
        if (pair < 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": pipe2 failed (" + pair + "); the run is wrong");
        }

        return (Made(r, pair & 0xFFFFFFFF, "pipe2"), Made(r, pair >> 32, "pipe2"));
    }

    /// <summary>A device call on a pipe (ENOTTY) and on a descriptor that is not open (EBADF), the other arguments as given.</summary>
    private static async Task NotADevice31(HeldOutRun r, string probe, Func<int, object?[]> sync, params (string Name, object? Value)[] rest)
    {
        var a = Pipe31(r, nonBlocking: false);
        var b = Pipe31(r, nonBlocking: false);
        r.ExpectSame("a pipe, not the device (ENOTTY)", r.Sync(probe, sync(a.Read)), await r.Async(rest.Prepend(("fd", (object?)b.Read)).ToArray()));
        r.ExpectBadFd(r.Sync(probe, sync(HeldOutRun.NotAnOpenFd)), await r.Async(rest.Prepend(("fd", (object?)HeldOutRun.NotAnOpenFd)).ToArray()));
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> MediaRuns() => new()
    {
        ["media.v4l2_qbuf_mmap_index_ordinary"] = r => NotADevice31(r, "Probe_queue", fd => new object?[] { fd, 0L }, ("index", 0L)),
        ["media.v4l2_dqbuf_out_struct_ordinary"] = r => NotADevice31(r, "Probe_dequeue", fd => new object?[] { fd, null }),
        ["media.v4l2_qbuf_userptr_span_kept_by_driver"] = r =>
            NotADevice31(r, "Probe_queue_user", fd => new object?[] { fd, 0L, new byte[64] }, ("index", 0L), ("frame", new byte[64])),
        ["media.drm_mode_get_resources_null_errno"] = r => NotADevice31(r, "Probe_get_resources", fd => new object?[] { fd }),
        ["media.drm_mode_free_resources_void"] = async r =>
            r.ExpectSame("drmModeFreeResources(NULL): nothing to free", r.Sync("Probe_free_resources", 0L), await r.Async(("ptr", 0L))),
        ["media.drm_ioctl_nint_arg_libraryimport"] = async r =>
        {
            await NotADevice31(r, "Probe_drm_ioctl", fd => new object?[] { fd, (long)DrmIoctlVersion31, 0L }, ("request", (long)DrmIoctlVersion31), ("arg", 0L));

            // FIONREAD on a pipe with 5 bytes queued: the kernel writes the count at the address given.
            var a = Pipe31(r, nonBlocking: false);
            var b = Pipe31(r, nonBlocking: false);
            byte[] queued = (byte[])Media31(r, "Pattern", 5, 3)!;
            Media31(r, "WriteBytes", a.Write, queued);
            Media31(r, "WriteBytes", b.Write, queued);
            long cellA = Convert.ToInt64(Media31(r, "Alloc", 8)), cellB = Convert.ToInt64(Media31(r, "Alloc", 8));
            try
            {
                r.ExpectSame("FIONREAD through drmIoctl", r.Sync("Probe_drm_ioctl", a.Read, (long)Fionread31, cellA), await r.Async(("fd", b.Read), ("request", (long)Fionread31), ("arg", cellB)));
                SameText(r, "the count written at the address", (string)Media31(r, "Hex", cellA, 8)!, (string)Media31(r, "Hex", cellB, 8)!);
            }
            finally
            {
                Media31(r, "Free", cellA);
                Media31(r, "Free", cellB);
            }
        },
        ["media.eviocgname_span_request_length_libraryimport"] = async r =>
        {
            // EVIOCGNAME(64): _IOC(_IOC_READ, 'E', 0x06, 64); the length is in the request, nothing in the signature says it.
            const long eviocgname64 = (2L << 30) | (64L << 16) | ('E' << 8) | 0x06;
            await NotADevice31(r, "Probe_get_name", fd => new object?[] { (long)fd, eviocgname64, new byte[64] }, ("request", eviocgname64), ("name", new byte[64]));

            var a = Pipe31(r, nonBlocking: false);
            var b = Pipe31(r, nonBlocking: false);
            byte[] queued = (byte[])Media31(r, "Pattern", 5, 3)!;
            Media31(r, "WriteBytes", a.Write, queued);
            Media31(r, "WriteBytes", b.Write, queued);
            byte[] na = new byte[64], nb = new byte[64];
            r.ExpectSame("FIONREAD through the same wrapper", r.Sync("Probe_get_name", (long)a.Read, (long)Fionread31, na), await r.Async(("fd", b.Read), ("request", (long)Fionread31), ("name", nb)));
            r.ExpectBytes("the count written into the span", na, nb);
        },
        ["media.read_input_event_pointer_libraryimport"] = async r =>
        {
            // Non-blocking pipes (as sound and video descriptors are opened O_NONBLOCK), two 24-byte records queued on each.
            var a = Pipe31(r, nonBlocking: true);
            var b = Pipe31(r, nonBlocking: true);
            byte[] queued = (byte[])Media31(r, "Pattern", 48, 5)!;
            Media31(r, "WriteBytes", a.Write, queued);
            Media31(r, "WriteBytes", b.Write, queued);
            bool records = r.ParameterType("events") is string type && type.Contains("InputEvent", StringComparison.Ordinal);
            Func<int, Array> buffer = count => records ? r.NewArray("HeldOut.Media.InputEvent", count) : new byte[count * 24];
            Array ea = r.NewArray("HeldOut.Media.InputEvent", 2), eb = buffer(2);
            r.ExpectSame("two records (48 bytes)", r.Sync("Probe_read_events", a.Read, ea, 48L), await r.Async(("fd", b.Read), ("events", eb), ("count", 48L)));
            SameText(r, "the records read", (string)Media31(r, "ArrayHex", ea)!, (string)Media31(r, "ArrayHex", eb)!);

            // Nothing queued: read answers EAGAIN; a ring variant waits for the descriptor (documented), a worker's read answers EAGAIN.
            long empty = r.Sync("Probe_read_events", a.Read, r.NewArray("HeldOut.Media.InputEvent", 1), 24L);
            Array late = buffer(1);
            if (r.Row.Verdict.Contains("ring"))
            {
                Task<VariantOutcome> waiting = r.Async(("fd", b.Read), ("events", late), ("count", 24L));
                await Task.WhenAny(waiting, Task.Delay(200));
                r.ExpectWaitsForReadiness("nothing queued on a non-blocking pipe", empty, waiting.IsCompleted ? await waiting : null);
                Media31(r, "WriteBytes", b.Write, ((byte[])Media31(r, "Pattern", 24, 9)!));
                r.ExpectSame("the record written while it waited", 24, await waiting);
            }
            else
            {
                r.ExpectSame("nothing queued on a non-blocking pipe (EAGAIN)", empty, await r.Async(("fd", b.Read), ("events", late), ("count", 24L)));
            }

            r.ExpectBadFd(r.Sync("Probe_read_events", HeldOutRun.NotAnOpenFd, ea, 48L), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("events", eb), ("count", 48L)));
        },
    };
}
