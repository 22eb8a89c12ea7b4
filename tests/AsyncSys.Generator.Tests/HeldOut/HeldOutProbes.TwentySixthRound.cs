namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Synchronous probes of the twenty-sixth blind round (Secrets.case, CryptoLibs.case), written with the case files before the
/// generator was run on them. Same convention: the call's result, or -errno. Every descriptor is the run's own (pipes, the
/// AF_ALG and memfd_secret descriptors the calls make, closed by the run); every page is the run's own anonymous mapping,
/// unmapped by the run. Nothing touches a keyring, the process's limits or any descriptor the run did not make.
/// </summary>
internal static partial class HeldOutProbes
{
    private const string TwentySixthRoundHelpers = """
                [DllImport("libc", EntryPoint = "close", SetLastError = true)] private static extern int close_for_runs(int fd);
                [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)] private static extern int pipe2_for_runs(int* fds, int flags);
                [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)] private static extern int fcntl_for_runs(int fd, int cmd, int arg);
                [DllImport("libc", EntryPoint = "read", SetLastError = true)] private static extern nint read_for_runs(int fd, byte* buf, nuint count);
                [DllImport("libc", EntryPoint = "write", SetLastError = true)] private static extern nint write_for_runs(int fd, byte* buf, nuint count);
                [DllImport("libc", EntryPoint = "mmap", SetLastError = true)] private static extern nint mmap_for_runs(nint addr, nuint length, int prot, int flags, int fd, long offset);
                [DllImport("libc", EntryPoint = "munmap", SetLastError = true)] private static extern int munmap_for_runs(nint addr, nuint length);
                [DllImport("libc", EntryPoint = "getuid")] private static extern uint getuid_for_runs();

                private static void Clear() { Marshal.SetLastPInvokeError(0); Marshal.SetLastSystemError(0); }
                private static int Errno() { int e = Marshal.GetLastPInvokeError(); return e != 0 ? e : Marshal.GetLastSystemError(); }
                private static long Check(long r) => r < 0 ? -Errno() : r;
                private static long Packed(int* two) => (uint)two[0] | ((long)two[1] << 32);

                public static long Probe_close(int fd) { Clear(); return Check(close_for_runs(fd)); }
                public static long PipeForRuns() { int* fds = stackalloc int[2]; Clear(); return pipe2_for_runs(fds, 0x80000) < 0 ? -Errno() : Packed(fds); }
                public static long WriteBytes(int fd, byte[] data) { Clear(); fixed (byte* p = data) { return Check(write_for_runs(fd, p, (nuint)data.Length)); } }
                public static long CurrentUid() => getuid_for_runs();

                /// <summary>A private anonymous page of the run's, or -errno.</summary>
                public static long MapPage() { Clear(); nint p = mmap_for_runs(0, 4096, 3, 0x22, -1, 0); return p == -1 ? -Errno() : p; }
                public static long UnmapPage(long address) { Clear(); return Check(munmap_for_runs((nint)address, 4096)); }

                /// <summary>What can be read now without waiting: hex, or "E" and the errno.</summary>
                public static string ReadNow(int fd, int max)
                {
                    byte[] buffer = new byte[max];
                    int flags = fcntl_for_runs(fd, 3, 0);
                    fcntl_for_runs(fd, 4, flags | 0x800);
                    Clear();
                    nint n;
                    fixed (byte* p = buffer) { n = read_for_runs(fd, p, (nuint)max); }
                    int e = Errno();
                    fcntl_for_runs(fd, 4, flags);
                    return n < 0 ? "E" + e : Convert.ToHexString(buffer, 0, (int)n);
                }

                /// <summary>A value of type <typeparamref name="T"/> the variant gave back: itself, or a member of its result.</summary>
                public static T? Find<T>(object? result) where T : struct
                {
                    if (result is T value) { return value; }
                    if (result is null) { return null; }
                    foreach (System.Reflection.PropertyInfo p in result.GetType().GetProperties())
                    {
                        if (p.PropertyType == typeof(T)) { return (T)p.GetValue(result)!; }
                    }

                    foreach (System.Reflection.FieldInfo f in result.GetType().GetFields())
                    {
                        if (f.FieldType == typeof(T)) { return (T)f.GetValue(result)!; }
                    }

                    return null;
                }
        """;

    public const string Secrets = """
        using System;
        using System.Runtime.InteropServices;
        using Microsoft.Win32.SafeHandles;
        namespace HeldOut.Secrets
        {
            public static unsafe class SecretsProbes
            {
        """ + "\n" + TwentySixthRoundHelpers + "\n" + """

                public static SockaddrAlg AlgAddress(string type, string name)
                {
                    SockaddrAlg a = default;
                    a.Family = 38;
                    for (int i = 0; i < type.Length; i++) { a.Type[i] = (byte)type[i]; }
                    for (int i = 0; i < name.Length; i++) { a.Name[i] = (byte)name[i]; }
                    return a;
                }

                public static byte[] AlgAddressBytes(string type, string name)
                {
                    SockaddrAlg a = AlgAddress(type, name);
                    return new ReadOnlySpan<byte>(&a, sizeof(SockaddrAlg)).ToArray();
                }

                /// <summary>The 32 bytes of a Sha256Digest the variant gave back, as hex; "none" when it gave none.</summary>
                public static string DigestHex(object? result)
                {
                    Sha256Digest? d = Find<Sha256Digest>(result);
                    if (d is null) { return "none"; }
                    Sha256Digest v = d.Value;
                    return Convert.ToHexString(new ReadOnlySpan<byte>(v.Bytes, 32));
                }

                /// <summary>An AF_ALG transform socket bound to hash/sha256 (close-on-exec), or -errno.</summary>
                public static long AlgHashForRuns()
                {
                    Clear();
                    int s = Native.socket_raw(38, 5 | 0x80000, 0);
                    if (s < 0) { return -Errno(); }
                    SockaddrAlg a = AlgAddress("hash", "sha256");
                    if (Native.bind_raw(s, &a, (uint)sizeof(SockaddrAlg)) < 0) { long e = -Errno(); Native.close_quiet(s); return e; }
                    return s;
                }

                public static long Probe_fill(byte[] destination, uint flags) { Clear(); return Check(Entropy.Fill(destination, (GetRandomFlags)flags)); }
                public static long Probe_get_random(byte[] buffer, long buflen, uint flags) { Clear(); return Check(Entropy.GetRandom(buffer, (nuint)buflen, (GetRandomFlags)flags)); }
                public static long Probe_try_fill(byte[] key) => Entropy.TryFillKey(key) ? 1 : 0;
                public static long Probe_new_key(int length)
                {
                    try { return Entropy.NewKey(length).Length; }
                    catch (ArgumentOutOfRangeException) { return -1000; }
                }

                public static long Probe_bind_in(int fd, int length) { SockaddrAlg a = AlgAddress("hash", "sha256"); Clear(); return Check(KernelCrypto.BindAlgorithm(fd, in a, length)); }
                public static long Probe_set_key(int fd, int level, int name, byte[] key) { Clear(); fixed (byte* p = key) { return Check(KernelCrypto.SetKey(fd, level, name, p, (uint)key.Length)); } }
                public static long Probe_accept(int fd) { Clear(); return Check(KernelCrypto.AcceptOperation(fd, 0, 0)); }
                public static long Probe_send_with_iv(int fd, byte[] iv, byte[] data, int operation) { Clear(); return Check(KernelCrypto.SendWithIv(fd, iv, data, operation)); }
                public static long Probe_read_digest(int fd, long count, byte[] copy)
                {
                    Clear();
                    long r = Check(KernelCrypto.ReadDigest(fd, out Sha256Digest d, (nuint)count));
                    new ReadOnlySpan<byte>(d.Bytes, 32).CopyTo(copy);
                    return r;
                }

                public static long Probe_sha256(byte[] data, byte[] digest) { Clear(); return Check(KernelCrypto.Sha256(data, digest)); }
                public static long Probe_lock(long address, long length) { Clear(); return Check(SecretMemory.Lock(new SecretPage((nint)address), (nuint)length)); }
                public static long Probe_memfd_secret(uint flags) { Clear(); return Check(SecretMemory.OpenSecretMemory(flags)); }
                public static long Probe_exclude(long address, long length) { Clear(); return Check(new SecretRegion((nint)address, (nuint)length).ExcludeFromDumps()); }
            }
        }
        """;

    public const string SecretsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.Secrets
        {
            public static unsafe class SecretsLibraryImportProbes
            {
                private static void Clear() => Marshal.SetLastPInvokeError(0);
                private static long Check(long r) => r < 0 ? -Marshal.GetLastPInvokeError() : r;
                public static long Probe_alg_socket(int domain, int type, int protocol) { Clear(); return Check(KernelCrypto.AlgSocket(domain, type, protocol)); }
                public static long Probe_bind_bytes(int fd, byte[] addr, int length) { Clear(); return Check(KernelCrypto.BindAlgorithmBytes(fd, addr, length)); }
                public static long Probe_advise(long address, long length, int advice) { Clear(); return Check(SecretMemory.Advise((void*)address, (nuint)length, (MemoryAdvice)advice)); }
            }
        }
        """;

    public const string CryptoLibs = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.CryptoLibs
        {
            public static unsafe class CryptoLibsProbes
            {
        """ + "\n" + TwentySixthRoundHelpers + "\n" + """

                /// <summary>crypt_r's answer: "E" and the errno for NULL, else the text its result points at.</summary>
                public static string CryptText(string phrase, string setting)
                {
                    void* data = NativeMemory.AllocZeroed(32768);
                    try
                    {
                        Clear();
                        nint r = Passwords.CryptR(phrase, setting, (CryptData*)data);
                        return r == 0 ? "E" + Errno() : Marshal.PtrToStringUTF8(r)!;
                    }
                    finally { NativeMemory.Free(data); }
                }

                /// <summary>The hash a variant's crypt_data holds (crypt_r's result points at its output), or what it gave instead.</summary>
                public static string CryptOutput(object? result)
                {
                    CryptData? d = Find<CryptData>(result);
                    if (d is null) { return "no crypt_data in " + (result?.ToString() ?? "null"); }
                    CryptData v = d.Value;
                    return Marshal.PtrToStringUTF8((nint)v.Output)!;
                }

                public static string HasherText(string phrase, string setting)
                {
                    using PasswordHasher h = new PasswordHasher();
                    try { return h.Hash(phrase, setting); }
                    catch (ArgumentException e) { return "threw " + e.GetType().Name; }
                }

                public static string UserNameText(uint uid) { int e = Accounts.UserName(uid, out string? name); return e + ":" + (name ?? "(null)"); }
                public static long Probe_try_group(string name, out long gid) { bool found = Accounts.TryGetGroupId(name, out uint g); gid = g; return found ? 1 : 0; }
            }
        }
        """;

    public const string CryptoLibsLibraryImport = """
        using System;
        using System.Runtime.InteropServices;
        namespace HeldOut.CryptoLibs
        {
            public static unsafe class CryptoLibsLibraryImportProbes
            {
                public static long Probe_getpwuid_span(uint uid, int size, out long foundUid, out long foundGid, out long found)
                {
                    byte[] buffer = new byte[size];
                    int e = Accounts.GetPwUid(uid, out Passwd pwd, buffer, (nuint)size, out nint result);
                    foundUid = e == 0 && result != 0 ? pwd.Uid : -1;
                    foundGid = e == 0 && result != 0 ? pwd.Gid : -1;
                    found = result != 0 ? 1 : 0;
                    return e == 0 ? 0 : -e;
                }
            }
        }
        """;
}
