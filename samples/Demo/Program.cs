// The first thing to run: reads and copies a real file through the kernel ring, then does the same
// reads through .NET's RandomAccess, in the same run, and prints both.
//
//   dotnet run -c Release --project samples/Demo                 (64 MiB file, 4 KiB reads, 32 in flight;
//                                                                 default and inline continuations)
//   dotnet run -c Release --project samples/Demo -- --ring-only   (every read on the ring, no attempt on the
//                                                                 calling thread first, no RandomAccess pass: for strace)
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

int sizeMiB = ArgValue("--size-mib", 64);
int depth = ArgValue("--depth", 32);
bool ringOnly = args.Contains("--ring-only");
const int BlockSize = 4096;

string source = Path.Combine(Path.GetTempPath(), $"asyncsys-demo-{Environment.ProcessId}.bin");
string copy = source + ".copy";
try
{
    Console.WriteLine($"Preparing a {sizeMiB} MiB file: {source}");
    WriteRandomFile(source, sizeMiB);

    using IoRing ring = IoRing.Create(new IoRingOptions { Name = "demo", InlineContinuations = args.Contains("--inline"), TryNonBlockingFirst = !ringOnly });
    Console.WriteLine($"Backend: {ring.Backend} ({ring.BackendDescription})");
    Console.WriteLine();

    using SafeFileHandle file = File.OpenHandle(source, FileMode.Open, FileAccess.Read, options: FileOptions.Asynchronous);
    long blocks = RandomAccess.GetLength(file) / BlockSize;
    int opsPerPass = (int)Math.Min(blocks * 2, 200_000);

    Result ringRead = await Measure("IoRing.ReadAsync", opsPerPass, depth, blocks, (buffer, offset) => ring.ReadAsync(file, buffer, offset));
    Result? inlineRead = null;
    if (!args.Contains("--inline"))
    {
        // The same reads with continuations run on the ring thread (IoRingOptions.InlineContinuations).
        using IoRing inlineRing = IoRing.Create(new IoRingOptions { Name = "demo-inline", InlineContinuations = true, TryNonBlockingFirst = !ringOnly });
        inlineRead = await Measure("IoRing.ReadAsync, inline continuations", opsPerPass, depth, blocks, (buffer, offset) => inlineRing.ReadAsync(file, buffer, offset));
    }

    Result? baseline = ringOnly ? null : await Measure("RandomAccess.ReadAsync", opsPerPass, depth, blocks, (buffer, offset) => RandomAccess.ReadAsync(file, buffer, offset));

    Console.WriteLine($"{"4 KiB random reads, " + depth + " in flight",-40} {"ops/s",12} {"MiB/s",9} {"CPU µs/op",10}");
    Print(ringRead);
    if (inlineRead is not null)
    {
        Print(inlineRead);
    }

    if (baseline is not null)
    {
        Print(baseline);
        Console.WriteLine($"IoRing vs RandomAccess: {ringRead.OpsPerSecond / baseline.OpsPerSecond:F2}x ops/s, {baseline.CpuMicrosPerOp / ringRead.CpuMicrosPerOp:F2}x ops per CPU-second");
        if (inlineRead is not null)
        {
            Console.WriteLine($"IoRing (inline) vs RandomAccess: {inlineRead.OpsPerSecond / baseline.OpsPerSecond:F2}x ops/s, {baseline.CpuMicrosPerOp / inlineRead.CpuMicrosPerOp:F2}x ops per CPU-second");
        }
    }

    Console.WriteLine();
    var clock = Stopwatch.StartNew();
    long copied = await CopyThroughRing(ring, source, copy);
    clock.Stop();
    byte[] sourceHash = await HashThroughRing(ring, source);
    byte[] copyHash = await HashThroughRing(ring, copy);
    bool same = sourceHash.AsSpan().SequenceEqual(copyHash);
    Console.WriteLine($"Copied {copied / (1 << 20)} MiB through the ring in {clock.Elapsed.TotalMilliseconds:F0} ms ({copied / clock.Elapsed.TotalSeconds / (1 << 20):F0} MiB/s); SHA-256 matches the source: {same}");
    Console.WriteLine($"Operations still in flight: {ring.InFlightCount}");
    return same ? 0 : 1;
}
finally
{
    File.Delete(source);
    File.Delete(copy);
}

static async Task<Result> Measure(string name, int operations, int depth, long blocks, Func<Memory<byte>, long, ValueTask<int>> read)
{
    // Warm up for a second: long enough for tiered JIT to compile the hot paths at full optimisation (the
    // framework's RandomAccess is precompiled; AsyncSys is not) and for a just-finished build to settle.
    var warmUp = Stopwatch.StartNew();
    while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
    {
        await RunPass(Math.Max(operations / 20, 1000), depth, blocks, read);
    }

    TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    long bytes = await RunPass(operations, depth, blocks, read);
    clock.Stop();
    TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    return new Result(name, operations / clock.Elapsed.TotalSeconds, bytes / clock.Elapsed.TotalSeconds / (1 << 20), cpu.TotalMicroseconds / operations);
}

static async Task<long> RunPass(int operations, int depth, long blocks, Func<Memory<byte>, long, ValueTask<int>> read)
{
    int next = 0;
    long total = 0;
    var workers = new Task[depth];
    for (int w = 0; w < depth; w++)
    {
        int seed = w;
        workers[w] = Task.Run(async () =>
        {
            var random = new Random(seed);
            var buffer = new byte[BlockSize];
            long bytes = 0;
            while (Interlocked.Increment(ref next) <= operations)
            {
                bytes += await read(buffer, random.NextInt64(blocks) * BlockSize);
            }

            Interlocked.Add(ref total, bytes);
        });
    }

    await Task.WhenAll(workers);
    return total;
}

static async Task<long> CopyThroughRing(IoRing ring, string from, string to)
{
    // Pipelined: up to 8 chunks in flight, each read then written at the same offset.
    const int Chunk = 1 << 20;
    using SafeFileHandle input = File.OpenHandle(from, FileMode.Open, FileAccess.Read);
    using SafeFileHandle output = File.OpenHandle(to, FileMode.Create, FileAccess.Write);
    long length = RandomAccess.GetLength(input);
    long nextOffset = 0;
    var lanes = Enumerable.Range(0, 8).Select(async _ =>
    {
        var buffer = new byte[Chunk];
        while (true)
        {
            long offset = Interlocked.Add(ref nextOffset, Chunk) - Chunk;
            if (offset >= length)
            {
                return;
            }

            int read = await ring.ReadAsync(input, buffer, offset);
            await ring.WriteAsync(output, buffer.AsMemory(0, read), offset); // writes all of it, like RandomAccess.WriteAsync
        }
    });
    await Task.WhenAll(lanes);
    await ring.FsyncAsync(output);
    return length;
}

static void WriteRandomFile(string path, int mib)
{
    var chunk = new byte[1 << 20];
    var random = new Random(42);
    using var stream = File.Create(path);
    for (int i = 0; i < mib; i++)
    {
        random.NextBytes(chunk);
        stream.Write(chunk);
    }
}

static async Task<byte[]> HashThroughRing(IoRing ring, string path)
{
    // Read through the ring too, so `strace -e pread64` of this demo shows no pread64 from the ring work.
    using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
    using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    var buffer = new byte[1 << 20];
    long offset = 0;
    int read;
    while ((read = await ring.ReadAsync(handle, buffer, offset)) > 0)
    {
        sha.AppendData(buffer, 0, read);
        offset += read;
    }

    return sha.GetHashAndReset();
}

static void Print(Result r) =>
    Console.WriteLine($"{r.Name,-40} {r.OpsPerSecond,12:N0} {r.MiBPerSecond,9:N0} {r.CpuMicrosPerOp,10:F2}");

int ArgValue(string name, int fallback)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out int value) ? value : fallback;
}

internal sealed record Result(string Name, double OpsPerSecond, double MiBPerSecond, double CpuMicrosPerOp);
