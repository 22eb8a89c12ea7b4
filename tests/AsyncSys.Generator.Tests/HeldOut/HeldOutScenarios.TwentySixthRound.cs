using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// The end-to-end runs of the twenty-sixth blind round (Secrets.case, CryptoLibs.case), written with the case files, before
/// the generator was run on them. Only what is safe in the test host runs: getrandom, AF_ALG (skipped, and said on the row,
/// where the kernel has no AF_ALG: socket answers EAFNOSUPPORT, and the AF_ALG rows then compare that answer, a pipe's
/// ENOTSOCK and a closed descriptor's EBADF), mlock and madvise on anonymous pages the run maps and unmaps itself (mlock may
/// meet RLIMIT_MEMLOCK: ENOMEM or EPERM is an answer like 0, compared), memfd_secret (ENOSYS is fine; a descriptor made is
/// closed), crypt_r (libcrypt), getpwuid_r on the current uid and getgrnam_r on "root". No keyring, limit, mask or descriptor
/// the run did not make is touched; kernel TLS, key retention, OpenSSL, libsodium and PAM rows are checked by the generator
/// only. Closed descriptors are 999999.
/// </summary>
internal static partial class HeldOutScenarios
{
    private const string SecretsProbeType = "HeldOut.Secrets.SecretsProbes";
    private const string CryptoLibsProbeType = "HeldOut.CryptoLibs.CryptoLibsProbes";
    private const int AfAlg26 = 38, SockSeqpacket26 = 5, SockCloexec26 = 0x80000, SolAlg26 = 279, AlgSetKey26 = 1;
    private const int NotSocket26 = 88, NoAfAlg26 = 97;

    private static Dictionary<string, (string, string)> WithTwentySixthRoundProbes(Dictionary<string, (string, string)> probes)
    {
        probes["Secrets"] = (HeldOutProbes.Secrets, HeldOutProbes.SecretsLibraryImport);
        probes["CryptoLibs"] = (HeldOutProbes.CryptoLibs, HeldOutProbes.CryptoLibsLibraryImport);
        return probes;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> WithTwentySixthRoundRuns(Dictionary<string, Func<HeldOutRun, Task>> runs)
    {
        foreach ((string id, Func<HeldOutRun, Task> run) in SecretsRuns().Concat(CryptoLibsRuns()))
        {
            runs.Add(id, run);
        }

        return runs;
    }

    private static object? Call26(HeldOutRun r, string method, params object?[] arguments) =>
        r.CallStatic(r.Row.Case.Group == "Secrets" ? SecretsProbeType : CryptoLibsProbeType, method, arguments);

    private static (int Read, int Write) Pipe26(HeldOutRun r)
    {
        long pair = Convert.ToInt64(Call26(r, "PipeForRuns"));
        if (pair < 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": pipe2 failed (" + pair + "); the run is wrong");
        }

        return (Made(r, pair & 0xFFFFFFFF, "pipe2"), Made(r, pair >> 32, "pipe2"));
    }

    private static void SameText26(HeldOutRun r, string what, string sync, string variant)
    {
        r.Row.Runs.Add(what + ": sync " + Short25(sync) + ", async " + Short25(variant));
        if (sync != variant)
        {
            r.Row.Problems.Add(what + ": the variant's '" + Short25(variant) + "' where the sync wrapper's '" + Short25(sync) + "'");
        }
    }

    /// <summary>A page of the run's, unmapped when the run ends (the test host's other memory is never advised or locked).</summary>
    private static long Page26(HeldOutRun r)
    {
        long page = Convert.ToInt64(Call26(r, "MapPage"));
        if (page <= 0)
        {
            throw new InvalidOperationException(r.Row.Case.Id + ": mmap failed (" + page + "); the run is wrong");
        }

        r.Track(new Unmap26(() => Call26(r, "UnmapPage", page)));
        return page;
    }

    private sealed class Unmap26(Action unmap) : IDisposable
    {
        public void Dispose() => unmap();
    }

    /// <summary>Whether this kernel has AF_ALG (socket answers EAFNOSUPPORT where it has not); said on the row either way.</summary>
    private static bool HasAfAlg26(HeldOutRun r)
    {
        long fd = Convert.ToInt64(Call26(r, "AlgHashForRuns"));
        if (fd >= 0)
        {
            Made(r, fd, "AF_ALG hash socket");
            return true;
        }

        r.Row.Notes.Add("AF_ALG runs skipped: this kernel has no AF_ALG (socket(AF_ALG) failed with " + AsyncSys.Errno.NameOf((int)-fd) + "); the row compares that answer, a pipe's and a closed descriptor's");
        return false;
    }

    /// <summary>A bound AF_ALG hash socket of the run's, or -errno.</summary>
    private static long AlgHash26(HeldOutRun r)
    {
        long fd = Convert.ToInt64(Call26(r, "AlgHashForRuns"));
        return fd >= 0 ? Made(r, fd, "AF_ALG hash socket") : fd;
    }

    /// <summary>A socket call on a pipe (ENOTSOCK) and on a closed descriptor (EBADF).</summary>
    private static async Task NotASocket26(HeldOutRun r, string probe, string fdName, Func<int, object?[]> sync, params (string Name, object? Value)[] rest)
    {
        var a = Pipe26(r);
        var b = Pipe26(r);
        long s = r.Sync(probe, sync(a.Read));
        if (s != -NotSocket26)
        {
            r.Row.Notes.Add("the sync wrapper on a pipe gave " + s + ", not ENOTSOCK");
        }

        r.ExpectSame("a pipe, not a socket", s, await r.Async(rest.Prepend((fdName, (object?)b.Read)).ToArray()));
        r.ExpectBadFd(r.Sync(probe, sync(HeldOutRun.NotAnOpenFd)), await r.Async(rest.Prepend((fdName, (object?)HeldOutRun.NotAnOpenFd)).ToArray()));
    }

    /// <summary>The bool a variant gave back: itself, or the one bool member of its result record; null when there is none.</summary>
    private static long? BoolIn26(object? result)
    {
        if (result is bool b)
        {
            return b ? 1 : 0;
        }

        const System.Reflection.BindingFlags flags = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public;
        object? member = result?.GetType().GetProperties(flags).Where(p => p.PropertyType == typeof(bool) && p.GetIndexParameters().Length == 0).Select(p => p.GetValue(result)).FirstOrDefault()
            ?? result?.GetType().GetFields(flags).Where(f => f.FieldType == typeof(bool)).Select(f => f.GetValue(result)).FirstOrDefault();
        return member is bool m ? (m ? 1 : 0) : null;
    }

    private static Dictionary<string, Func<HeldOutRun, Task>> SecretsRuns() => new()
    {
        ["sec.getrandom_fill_loop_partial_ordinary"] = async r =>
        {
            byte[] a = new byte[300], b = new byte[300];
            r.ExpectSame("300 bytes, GRND_NONBLOCK", r.Sync("Probe_fill", a, 1u), await r.Async(("destination", b), ("flags", 1u)));
            r.ExpectSame("the bytes were written (not all zero)", a.Any(x => x != 0) ? 1 : 0, new VariantOutcome(null, b.Any(x => x != 0) ? 1 : 0, null, null));
            r.ExpectSame("an unknown flag (EINVAL)", r.Sync("Probe_fill", new byte[8], 0x80u), await r.Async(("destination", new byte[8]), ("flags", 0x80u)));
            r.ExpectSame("an empty span", r.Sync("Probe_fill", Array.Empty<byte>(), 0u), await r.Async(("destination", Array.Empty<byte>()), ("flags", 0u)));
        },
        ["sec.getrandom_out_array_sizeparam_flags"] = async r =>
        {
            byte[] a = new byte[32], b = new byte[32];
            r.ExpectSame("16 of 32 bytes", r.Sync("Probe_get_random", a, 16L, 1u), await r.Async(("buffer", b), ("buflen", 16L), ("flags", 1u)));
            r.ExpectSame("the 16 bytes past the count untouched", a.Skip(16).Any(x => x != 0) ? 1 : 0, new VariantOutcome(null, b.Skip(16).Any(x => x != 0) ? 1 : 0, null, null));
            r.ExpectSame("GRND_NONBLOCK | GRND_RANDOM", r.Sync("Probe_get_random", new byte[8], 8L, 3u), await r.Async(("buffer", new byte[8]), ("buflen", 8L), ("flags", 3u)));
            r.ExpectSame("GRND_RANDOM | GRND_INSECURE (EINVAL)", r.Sync("Probe_get_random", new byte[8], 8L, 6u), await r.Async(("buffer", new byte[8]), ("buflen", 8L), ("flags", 6u)));
        },
        ["sec.getrandom_try_fill_bool_ordinary"] = async r =>
        {
            byte[] a = new byte[32], b = new byte[32];
            long sync = r.Sync("Probe_try_fill", a);
            VariantOutcome v = await r.Async(("key", b));
            r.ExpectSame("a 32-byte key", sync, v.Result is bool filled ? new VariantOutcome(filled, filled ? 1 : 0, null, null) : v);
            r.ExpectSame("the key was written", a.Any(x => x != 0) ? 1 : 0, new VariantOutcome(null, b.Any(x => x != 0) ? 1 : 0, null, null));
        },
        ["sec.getrandom_new_key_array_throws_ordinary"] = async r =>
        {
            VariantOutcome v = await r.Async(("length", 48));
            r.ExpectSame("a 48-byte key", r.Sync("Probe_new_key", 48), v.Result is byte[] key ? new VariantOutcome(key, key.Length, null, null) : v);
            VariantOutcome negative = await r.Async(("length", -1));
            r.Row.Runs.Add("length -1: sync " + r.Sync("Probe_new_key", -1) + " (-1000: ArgumentOutOfRangeException), async " + negative);
            if (negative.Other is not ArgumentOutOfRangeException)
            {
                r.Row.Problems.Add("length -1: the variant " + negative + " where the sync wrapper threw ArgumentOutOfRangeException");
            }
        },
        ["sec.alg_socket_libraryimport"] = async r =>
        {
            long sync = r.Sync("Probe_alg_socket", AfAlg26, SockSeqpacket26 | SockCloexec26, 0);
            VariantOutcome v = await r.Async(("domain", AfAlg26), ("type", SockSeqpacket26 | SockCloexec26), ("protocol", 0));
            if (sync == -NoAfAlg26)
            {
                r.Row.Notes.Add("AF_ALG is absent here: both sides' socket(AF_ALG) compared as EAFNOSUPPORT");
                r.ExpectSame("socket(AF_ALG, SOCK_SEQPACKET)", sync, v);
            }
            else
            {
                ExpectDescriptor(r, "socket(AF_ALG, SOCK_SEQPACKET)", sync, v);
            }

            r.ExpectSame("an unknown family (EAFNOSUPPORT)", r.Sync("Probe_alg_socket", 4242, SockSeqpacket26, 0), await r.Async(("domain", 4242), ("type", SockSeqpacket26), ("protocol", 0)));
        },
        ["sec.alg_bind_in_sockaddr_alg"] = async r =>
        {
            object address = Call26(r, "AlgAddress", "hash", "sha256")!;
            await NotASocket26(r, "Probe_bind_in", "sockfd", fd => new object?[] { fd, 88 }, ("addr", address), ("addrlen", 88));
            if (HasAfAlg26(r))
            {
                long a = AlgHash26(r), b = AlgHash26(r);
                r.ExpectSame("bind again on a bound transform (EINVAL)", r.Sync("Probe_bind_in", (int)a, 88), await r.Async(("sockfd", (int)b), ("addr", address), ("addrlen", 88)));
            }
        },
        ["sec.alg_bind_bytes_libraryimport"] = async r =>
        {
            byte[] address = (byte[])Call26(r, "AlgAddressBytes", "hash", "sha256")!;
            await NotASocket26(r, "Probe_bind_bytes", "sockfd", fd => new object?[] { fd, address, 88 }, ("addr", address), ("addrlen", 88));
            if (HasAfAlg26(r))
            {
                long a = AlgHash26(r), b = AlgHash26(r);
                r.ExpectSame("bind again on a bound transform (EINVAL)", r.Sync("Probe_bind_bytes", (int)a, address, 88), await r.Async(("sockfd", (int)b), ("addr", address), ("addrlen", 88)));
            }
        },
        ["sec.alg_set_key_inputbuffer"] = async r =>
        {
            byte[] key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
            await NotASocket26(r, "Probe_set_key", "sockfd", fd => new object?[] { fd, SolAlg26, AlgSetKey26, key }, ("level", SolAlg26), ("optname", AlgSetKey26), ("optval", key), ("optlen", 32L));
            if (HasAfAlg26(r))
            {
                long a = AlgHash26(r), b = AlgHash26(r);
                r.ExpectSame("ALG_SET_KEY on plain sha256 (no key: ENOKEY/EINVAL)", r.Sync("Probe_set_key", (int)a, SolAlg26, AlgSetKey26, key),
                    await r.Async(("sockfd", (int)b), ("level", SolAlg26), ("optname", AlgSetKey26), ("optval", key), ("optlen", 32L)));
            }
        },
        ["sec.alg_accept_op_socket_null_addresses"] = async r =>
        {
            await NotASocket26(r, "Probe_accept", "sockfd", fd => new object?[] { fd }, ("addr", 0L), ("addrlen", 0L));
            if (HasAfAlg26(r))
            {
                long a = AlgHash26(r), b = AlgHash26(r);
                ExpectDescriptor(r, "accept of an operation socket", r.Sync("Probe_accept", (int)a), await r.Async(("sockfd", (int)b), ("addr", 0L), ("addrlen", 0L)));
            }
        },
        ["sec.alg_sendmsg_op_iv_cmsg_ordinary"] = async r =>
        {
            byte[] iv = new byte[16], data = new byte[32];
            await NotASocket26(r, "Probe_send_with_iv", "opfd", fd => new object?[] { fd, iv, data, 1 }, ("iv", iv), ("data", data), ("operation", 1));
            r.ExpectSame("an IV longer than 64 bytes (the body's own EINVAL)", r.Sync("Probe_send_with_iv", HeldOutRun.NotAnOpenFd, new byte[65], data, 1),
                await r.Async(("opfd", HeldOutRun.NotAnOpenFd), ("iv", new byte[65]), ("data", data), ("operation", 1)));
        },
        ["sec.alg_read_digest_out_struct"] = async r =>
        {
            // A pipe stands in for the operation socket: 40 bytes queued, a 32-byte digest read, 8 left.
            byte[] queued = Enumerable.Range(0, 40).Select(i => (byte)(i * 5 + 1)).ToArray();
            var a = Pipe26(r);
            var b = Pipe26(r);
            Call26(r, "WriteBytes", a.Write, queued);
            Call26(r, "WriteBytes", b.Write, queued);
            byte[] copy = new byte[32];
            long sync = r.Sync("Probe_read_digest", a.Read, 32L, copy);
            VariantOutcome v = await r.Async(("fd", b.Read), ("count", 32L));
            r.ExpectSame("a 32-byte digest", sync, v);
            SameText26(r, "the digest", Convert.ToHexString(copy), (string)Call26(r, "DigestHex", v.Result)!);
            SameText26(r, "what is left in the pipe", (string)Call26(r, "ReadNow", a.Read, 64)!, (string)Call26(r, "ReadNow", b.Read, 64)!);
            r.ExpectBadFd(r.Sync("Probe_read_digest", HeldOutRun.NotAnOpenFd, 32L, copy), await r.Async(("fd", HeldOutRun.NotAnOpenFd), ("count", 32L)));
        },
        ["sec.alg_sha256_whole_ordinary"] = async r =>
        {
            byte[] data = System.Text.Encoding.ASCII.GetBytes("abc");
            byte[] a = new byte[32], b = new byte[32];
            long sync = r.Sync("Probe_sha256", data, a);
            if (sync == -NoAfAlg26)
            {
                r.Row.Notes.Add("AF_ALG is absent here: both sides' sha256 compared as EAFNOSUPPORT");
            }

            r.ExpectSame("sha256(\"abc\")", sync, await r.Async(("data", data), ("digest", b)));
            r.ExpectBytes("the digest", a, b);
            r.ExpectSame("a 16-byte digest buffer (the body's own EINVAL)", r.Sync("Probe_sha256", data, new byte[16]), await r.Async(("data", data), ("digest", new byte[16])));
        },
        ["sec.mlock_safehandle_address"] = async r =>
        {
            long a = Page26(r), b = Page26(r);
            object pageB = r.NewObject("HeldOut.Secrets.SecretPage", (nint)b);
            long sync = r.Sync("Probe_lock", a, 4096L);
            if (sync < 0)
            {
                r.Row.Notes.Add("mlock of one page answered " + AsyncSys.Errno.NameOf((int)-sync) + " (RLIMIT_MEMLOCK): compared as the answer");
            }

            r.ExpectSame("mlock of the run's page", sync, await r.Async(("addr", pageB), ("len", 4096L)));
            object unmapped = r.NewObject("HeldOut.Secrets.SecretPage", (nint)4096);
            r.ExpectSame("mlock of an unmapped page (ENOMEM)", r.Sync("Probe_lock", 4096L, 4096L), await r.Async(("addr", unmapped), ("len", 4096L)));
        },
        ["sec.madvise_void_pointer_enum_libraryimport"] = async r =>
        {
            long a = Page26(r), b = Page26(r);
            r.ExpectSame("MADV_DONTDUMP", r.Sync("Probe_advise", a, 4096L, 16), await r.Async(("addr", (nint)b), ("length", 4096L), ("advice", 16)));
            r.ExpectSame("MADV_WIPEONFORK", r.Sync("Probe_advise", a, 4096L, 18), await r.Async(("addr", (nint)b), ("length", 4096L), ("advice", 18)));
            r.ExpectSame("an unaligned address (EINVAL)", r.Sync("Probe_advise", a + 1, 4096L, 16), await r.Async(("addr", (nint)(b + 1)), ("length", 4096L), ("advice", 16)));
        },
        ["sec.memfd_secret_syscall_ordinary"] = async r =>
        {
            long sync = r.Sync("Probe_memfd_secret", (uint)SockCloexec26);
            VariantOutcome v = await r.Async(("flags", (uint)SockCloexec26));
            if (sync < 0)
            {
                r.Row.Notes.Add("memfd_secret answered " + AsyncSys.Errno.NameOf((int)-sync) + " here (secretmem off): compared as the answer");
                r.ExpectSame("memfd_secret(O_CLOEXEC)", sync, v);
            }
            else
            {
                ExpectDescriptor(r, "memfd_secret(O_CLOEXEC)", sync, v);
            }

            r.ExpectSame("an unknown flag (EINVAL)", r.Sync("Probe_memfd_secret", 0x4u), await r.Async(("flags", 0x4u)));
        },
        ["sec.madvise_dontdump_instance"] = async r =>
        {
            long a = Page26(r), b = Page26(r);
            object region = r.NewObject("HeldOut.Secrets.SecretRegion", (nint)b, (nuint)4096);
            r.ExpectSame("MADV_DONTDUMP over the run's page", r.Sync("Probe_exclude", a, 4096L), await r.Async(("this", region)));
            object unaligned = r.NewObject("HeldOut.Secrets.SecretRegion", (nint)(b + 1), (nuint)16);
            r.ExpectSame("an unaligned region (EINVAL)", r.Sync("Probe_exclude", a + 1, 16L), await r.Async(("this", unaligned)));
        },
    };

    private static Dictionary<string, Func<HeldOutRun, Task>> CryptoLibsRuns() => new()
    {
        ["lib.crypt_r_outputvalue_crypt_data"] = async r =>
        {
            foreach ((string what, string setting) in new[] { ("sha512crypt", "$6$saltsalt$"), ("an unknown method (the failure token)", "$9$x") })
            {
                string sync = (string)Call26(r, "CryptText", "correct horse", setting)!;
                VariantOutcome v = await r.Async(("phrase", "correct horse"), ("setting", setting));
                string variant = v.Errno is int e ? "E" + e : v.Other is not null ? v.ToString() : (string)Call26(r, "CryptOutput", v.Result)!;
                SameText26(r, what + ": the hash in crypt_data", sync, variant);
            }

            r.Row.Notes.Add("the result pointer points into the worker's crypt_data: the run reads the hash from the crypt_data the variant returns, never through the pointer");
        },
        ["lib.crypt_r_hasher_instance_throws"] = async r =>
        {
            object hasher = r.NewObject("HeldOut.CryptoLibs.PasswordHasher");
            try
            {
                foreach ((string what, string setting) in new[] { ("sha512crypt", "$6$saltsalt$"), ("yescrypt", "$y$j9T$saltsaltsaltsalt$"), ("an unknown method", "$9$x") })
                {
                    string sync = (string)Call26(r, "HasherText", "correct horse", setting)!;
                    VariantOutcome v = await r.AsyncOn(hasher, ("phrase", "correct horse"), ("setting", setting));
                    string variant = v.Other is ArgumentException ex ? "threw " + ex.GetType().Name : v.Result as string ?? v.ToString();
                    SameText26(r, what, sync, variant);
                }
            }
            finally
            {
                ((IDisposable)hasher).Dispose();
            }
        },
        ["lib.getpwuid_r_erange_retry_out_name"] = async r =>
        {
            uint uid = (uint)Convert.ToInt64(Call26(r, "CurrentUid"));
            foreach ((string what, uint id) in new[] { ("the current uid", uid), ("a uid nobody has", 3_999_999_999u) })
            {
                string sync = (string)Call26(r, "UserNameText", id)!;
                VariantOutcome v = await r.Async(("uid", id));
                string variant = v.Errno is int e ? e + ":(null)" : v.Other is not null ? v.ToString() : "0:" + StringMember(v, "name");
                SameText26(r, what, sync, variant);
            }
        },
        ["lib.getpwuid_r_span_out_struct_libraryimport"] = async r =>
        {
            uint uid = (uint)Convert.ToInt64(Call26(r, "CurrentUid"));
            object?[] args = { uid, 1024, null, null, null };
            long sync = r.Sync("Probe_getpwuid_span", args);
            VariantOutcome v = await r.Async(("uid", uid), ("buf", new byte[1024]), ("buflen", 1024L));
            r.ExpectSame("the current uid, 1024 bytes", sync, v);
            SameValue(r, "pw_uid", (long)args[2]!, v, "Uid");
            SameValue(r, "pw_gid", (long)args[3]!, v, "Gid");
            r.ExpectSame("a 4-byte buffer (ERANGE)", r.Sync("Probe_getpwuid_span", uid, 4, null, null, null), await r.Async(("uid", uid), ("buf", new byte[4]), ("buflen", 4L)));
        },
        ["lib.getgrnam_r_try_bool_out_gid"] = async r =>
        {
            foreach (string name in new[] { "root", "asyncsys-no-such-group" })
            {
                object?[] args = { name, null };
                long sync = r.Sync("Probe_try_group", args);
                VariantOutcome v = await r.Async(("name", name));
                long? found = v.Other is null && v.Errno is null ? BoolIn26(v.Result) : null;
                r.ExpectSame("group " + name + " found", sync, found is long f ? new VariantOutcome(v.Result, f, null, null) : v);
                SameValue(r, "its gid", (long)args[1]!, v, "gid");
            }
        },
    };
}
