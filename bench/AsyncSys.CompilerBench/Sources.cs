using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncSys.CompilerBench;

/// <summary>The inputs: 1,000 annotated wrappers, and a large file of async code calling them.</summary>
internal static class Sources
{
    internal static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);

    internal static string Wrappers(int count)
    {
        var text = new StringBuilder("using System; using System.Runtime.InteropServices; using AsyncSys;\nnamespace Many;\npublic static unsafe partial class Libc\n{\n");
        for (int i = 0; i < count / 2; i++)
        {
            text.Append("    [LibraryImport(\"libc\", EntryPoint = \"pread\", SetLastError = true)] [AsyncSyscall] public static partial nint PRead")
                .Append(i).Append("(int fd, byte* buffer, nuint count, long offset);\n");
            text.Append("    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)] public static int Lock").Append(i).Append("(int fd, int operation, out int previous) { previous = 0; return 0; }\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>Async methods that await ring operations and read errno: the code the analyzers inspect.</summary>
    internal static string Callers(int methods)
    {
        var text = new StringBuilder("using System; using System.Threading; using System.Threading.Tasks; using System.Runtime.InteropServices; using AsyncSys;\nnamespace Many;\npublic static class Callers\n{\n");
        for (int i = 0; i < methods; i++)
        {
            text.Append("    public static async Task<int> Work").Append(i).Append("(IoRing ring, int fd, byte[] buffer, CancellationToken ct)\n    {\n")
                .Append("        int total = 0;\n")
                .Append("        for (int j = 0; j < 4; j++)\n        {\n")
                .Append("            total += await ring.ReadAsync(fd, buffer, j * 4096L, ct);\n")
                .Append("            if (total < 0) { return Marshal.GetLastPInvokeError(); }\n        }\n")
                .Append("        await ring.FsyncAsync(fd, ct);\n")
                .Append("        return total + Environment.CurrentManagedThreadId;\n    }\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>
    /// A realistic mix for an async I/O library with Unix interop: 1,000 methods from 20 shapes in equal parts.
    /// Most are ordinary async I/O (awaits at once, loops, try/finally, pooled buffers, linked tokens, async lambdas
    /// and iterators, Task.WhenAll of other libraries' *Async calls) and plain synchronous code; about a third are
    /// what the rules look at (P/Invoke wrappers reading errno, EINTR loops, fixed/stackalloc, ValueTasks returned
    /// or stored and awaited later, a thread id logged after an await, [ThreadStatic] caches, [AsyncSyscall] wrappers
    /// and their variants), with a hazard in 1 method in 40 (errno read after an await that follows the P/Invoke).
    /// </summary>
    internal static string[] Mixed(int methods)
    {
        var text = new StringBuilder("""
            #nullable enable
            using System;
            using System.Buffers;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Runtime.CompilerServices;
            using System.Runtime.InteropServices;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using AsyncSys;
            namespace Mixed;

            public static unsafe partial class Native
            {
                public const int EINTR = 4;
                [DllImport("libc", SetLastError = true)] public static extern int open(string path, int flags);
                [DllImport("libc", SetLastError = true)] public static extern nint read(int fd, byte* buffer, nuint count);
                [DllImport("libc", SetLastError = true)] public static extern int fsync(int fd);
                [DllImport("libc", SetLastError = true)] public static extern int close(int fd);
                [DllImport("libc", SetLastError = true)] [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)] public static extern int flock(int fd, int operation);
                [DllImport("libc", SetLastError = true)] [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)] public static extern int fdatasync(int fd);
                public static void Log(string message) => Console.Error.WriteLine(message);
            }

            public static class Counters
            {
                [ThreadStatic] private static byte[]? t_scratch;
                [ThreadStatic] private static int t_depth;
                public static byte[] Scratch => t_scratch ??= new byte[4096];
                public static int Depth { get => t_depth; set => t_depth = value; }
            }

            """);
        text.Append("public static class Library\n{\n");
        for (int i = 0; i < methods; i++)
        {
            text.Append(Shape(i)).Append('\n');
        }

        text.Append("    private static async IAsyncEnumerable<int> Chunks(IoRing ring, int fd, byte[] buffer, [EnumeratorCancellation] CancellationToken ct)\n    {\n        int n;\n        while ((n = await ring.ReadAsync(fd, buffer, 0, ct).ConfigureAwait(false)) > 0) { yield return n; }\n    }\n");
        return new[] { text.Append("}\n").ToString() };
    }

    private static string Shape(int i) => (i % 20) switch
    {
        0 => $$"""
                public static async Task<int> ReadAll{{i}}(IoRing ring, int fd, byte[] buffer, CancellationToken ct)
                {
                    int total = 0, n;
                    while ((n = await ring.ReadAsync(fd, buffer.AsMemory(total), total, ct).ConfigureAwait(false)) > 0)
                    {
                        total += n;
                        if (total == buffer.Length) { break; }
                    }

                    return total;
                }
            """,
        1 => $$"""
                public static async Task Copy{{i}}(IoRing ring, int from, int to, long length, CancellationToken ct)
                {
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(65536);
                    try
                    {
                        for (long offset = 0; offset < length;)
                        {
                            int n = await ring.ReadAsync(from, buffer, offset, ct).ConfigureAwait(false);
                            if (n == 0) { break; }
                            await ring.WriteAsync(new Microsoft.Win32.SafeHandles.SafeFileHandle(to, false), buffer.AsMemory(0, n), offset, ct).ConfigureAwait(false);
                            offset += n;
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
            """,
        2 => $$"""
                public static async Task<string> ReadText{{i}}(IoRing ring, string path, CancellationToken ct)
                {
                    using Microsoft.Win32.SafeHandles.SafeFileHandle file = await ring.OpenAsync(path, OpenFlags.ReadOnly, cancellationToken: ct).ConfigureAwait(false);
                    var buffer = new byte[8192];
                    int n = await ring.ReadAsync(file, buffer, 0, ct).ConfigureAwait(false);
                    return Encoding.UTF8.GetString(buffer, 0, n);
                }
            """,
        3 => $$"""
                public static async Task<bool> TrySync{{i}}(IoRing ring, int fd, TimeSpan timeout, CancellationToken ct)
                {
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    linked.CancelAfter(timeout);
                    try
                    {
                        await ring.FsyncAsync(fd, linked.Token).ConfigureAwait(false);
                        return true;
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        return false;
                    }
                }
            """,
        4 => $$"""
                public static int Open{{i}}(string path, int flags)
                {
                    int fd = Native.open(path, flags);
                    if (fd < 0)
                    {
                        int errno = Marshal.GetLastPInvokeError();
                        throw new IOException($"open {path} failed: errno {errno}");
                    }

                    return fd;
                }
            """,
        5 => $$"""
                public static unsafe long Read{{i}}(int fd, byte* buffer, nuint count)
                {
                    while (true)
                    {
                        long n = Native.read(fd, buffer, count);
                        if (n >= 0) { return n; }
                        int errno = Marshal.GetLastPInvokeError();
                        if (errno != Native.EINTR) { return -errno; }
                    }
                }
            """,
        6 => $$"""
                public static unsafe long ReadInto{{i}}(int fd, byte[] buffer)
                {
                    fixed (byte* p = buffer)
                    {
                        return Native.read(fd, p, (nuint)buffer.Length);
                    }
                }
            """,
        7 => $$"""
                public static string Format{{i}}(int value, ReadOnlySpan<char> unit)
                {
                    Span<char> digits = stackalloc char[32];
                    value.TryFormat(digits, out int written);
                    return string.Concat(digits.Slice(0, written), unit);
                }
            """,
        8 => $$"""
                public static ValueTask<int> ReadAt{{i}}(IoRing ring, int fd, Memory<byte> buffer, long offset, CancellationToken ct) =>
                    ring.ReadAsync(fd, buffer, offset, ct);
            """,
        9 => $$"""
                public static async Task<int> ReadWhileHashing{{i}}(IoRing ring, int fd, byte[] buffer, byte[] previous, CancellationToken ct)
                {
                    ValueTask<int> pending = ring.ReadAsync(fd, buffer, 0, ct);
                    int hash = 17;
                    foreach (byte b in previous) { hash = hash * 31 + b; }
                    int n = await pending.ConfigureAwait(false);
                    return n ^ hash;
                }
            """,
        10 => $$"""
                public static async Task Flush{{i}}(IoRing ring, int fd, CancellationToken ct)
                {
                    int owner = Environment.CurrentManagedThreadId;
                    await ring.FsyncAsync(fd, ct).ConfigureAwait(false);
                    Native.Log($"flush started on thread {owner}");
                }
            """,
        11 => $$"""
                public static int Checksum{{i}}(ReadOnlySpan<byte> data)
                {
                    byte[] scratch = Counters.Scratch;
                    Counters.Depth++;
                    int sum = 0;
                    for (int k = 0; k < data.Length; k++) { sum += data[k] ^ scratch[k & 4095]; }
                    Counters.Depth--;
                    return sum;
                }
            """,
        12 => $$"""
                public static string Describe{{i}}(Dictionary<string, int> counts, string key)
                {
                    if (!counts.TryGetValue(key, out int count)) { count = 0; }
                    var builder = new StringBuilder(key.Length + 16);
                    builder.Append(key).Append('=').Append(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return count > 1 ? builder.Append(" (repeated)").ToString() : builder.ToString();
                }
            """,
        13 => $$"""
                public static List<string> Largest{{i}}(IEnumerable<(string Name, long Size)> files, int take) =>
                    (from f in files where f.Size > 0 orderby f.Size descending select f.Name).Take(take).ToList();
            """,
        14 => $$"""
                public static async Task<string[]> LoadAll{{i}}(string[] paths, CancellationToken ct)
                {
                    Task<string>[] reads = paths.Select(p => File.ReadAllTextAsync(p, ct)).ToArray();
                    await Task.WhenAll(reads).ConfigureAwait(false);
                    await Task.Delay(1, ct).ConfigureAwait(false);
                    return reads.Select(r => r.Result).ToArray();
                }
            """,
        15 => $$"""
                public static async Task<int> SyncThenFlush{{i}}(IoRing ring, int fd, CancellationToken ct)
                {
                    int rc = Native.fsync(fd);
                    if (rc < 0)
                    {
                        return -Marshal.GetLastPInvokeError();
                    }

                    await ring.NopAsync(ct).ConfigureAwait(false);
                    return rc;
                }
            """,
        16 => i % 40 == 16 ? $$"""
                public static async Task<int> FsyncThenWait{{i}}(IoRing ring, int fd, CancellationToken ct)
                {
                    int rc = Native.fsync(fd);
                    await ring.NopAsync(ct).ConfigureAwait(false);
                    if (rc < 0) { return -Marshal.GetLastPInvokeError(); }
                    return rc;
                }
            """ : $$"""
                public static async Task<int> FsyncThenWait{{i}}(IoRing ring, int fd, CancellationToken ct)
                {
                    int rc = Native.fsync(fd);
                    int errno = rc < 0 ? Marshal.GetLastPInvokeError() : 0;
                    await ring.NopAsync(ct).ConfigureAwait(false);
                    return rc < 0 ? -errno : rc;
                }
            """,
        17 => $$"""
                public static int Lock{{i}}(int fd) => Native.flock(fd, 2) < 0 ? -Marshal.GetLastPInvokeError() : 0;
            """,
        18 => $$"""
                public static async Task Retry{{i}}(IoRing ring, int fd, int attempts, CancellationToken ct)
                {
                    Func<int, Task> flush = async attempt =>
                    {
                        await Native.fdatasyncAsync(fd, ct).ConfigureAwait(false);
                        Native.Log("flushed after " + attempt);
                    };
                    for (int attempt = 0; attempt < attempts; attempt++)
                    {
                        await flush(attempt).ConfigureAwait(false);
                    }
                }
            """,
        _ => $$"""
                public static async Task<long> Sum{{i}}(IoRing ring, int fd, byte[] buffer, CancellationToken ct)
                {
                    long sum = 0;
                    await foreach (int n in Chunks(ring, fd, buffer, ct).ConfigureAwait(false))
                    {
                        sum += n;
                    }

                    return sum;
                }
            """,
    };

    /// <summary>The workload the analyzer measurements run on: "original" (<see cref="Callers"/>) or "mixed" (<see cref="Mixed"/>).</summary>
    internal static CSharpCompilation AnalyzerWorkload(string name)
    {
        if (name != "mixed")
        {
            return Compilation(Callers(1000));
        }

        // The wrappers' variants come from the generator, run once: both sides of the measurement compile its output.
        CSharpCompilation compilation = Compilation(Mixed(1000));
        CSharpGeneratorDriver.Create(new AsyncSys.Generator.AsyncSyscallGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out _);
        return (CSharpCompilation)generated;
    }

    internal static CSharpCompilation Compilation(params string[] sources)
    {
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        ImmutableArray<MetadataReference> references = Directory.GetFiles(runtimeDirectory, "*.dll")
            .Where(f => !f.Contains("Native", System.StringComparison.Ordinal))
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .Append(MetadataReference.CreateFromFile(typeof(IoRing).Assembly.Location))
            .ToImmutableArray();
        return CSharpCompilation.Create(
            "Bench",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, Parse)),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
    }
}
