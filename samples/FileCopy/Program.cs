// Copies a file through the kernel ring: pipelined reads and writes (several blocks in flight), a progress
// bar, then both files hashed through the ring and compared.
//
//   dotnet run --project samples/FileCopy -- <source> <destination>
//   dotnet run --project samples/FileCopy                     (copies a temporary 64 MiB file, then deletes both)
//   options: --block-kib 256  --depth 8  --size-mib 64 (temporary source only)
using System;
using System.IO;
using System.Linq;
using System.Threading;
using AsyncSys;
using AsyncSys.Samples.FileCopy;
using Microsoft.Win32.SafeHandles;

string[] paths = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).ToArray();
int blockSize = Option("--block-kib", 256) * 1024;
int depth = Option("--depth", 8);
bool temporary = paths.Length == 0;
if (!temporary && paths.Length != 2)
{
    Console.Error.WriteLine("usage: FileCopy <source> <destination> [--block-kib 256] [--depth 8]");
    return 2;
}

string source = temporary ? Path.Combine(Path.GetTempPath(), $"asyncsys-filecopy-{Environment.ProcessId}.bin") : paths[0];
string destination = temporary ? source + ".copy" : paths[1];
try
{
    if (temporary)
    {
        int sizeMiB = Option("--size-mib", 64);
        Console.WriteLine($"No files given: copying a temporary {sizeMiB} MiB file of random bytes ({source})");
        WriteRandomFile(source, sizeMiB);
    }

    using IoRing ring = IoRing.Create(new IoRingOptions { Name = "filecopy" });
    using SafeFileHandle input = File.OpenHandle(source, FileMode.Open, FileAccess.Read);
    long length = RandomAccess.GetLength(input);
    using SafeFileHandle output = File.OpenHandle(destination, FileMode.Create, FileAccess.ReadWrite, preallocationSize: length);
    Console.WriteLine($"Copying {length:N0} bytes on {ring.BackendDescription}: {blockSize / 1024} KiB blocks, {depth} in flight");

    var copier = new Copier(ring, blockSize, depth);
    using var stopProgress = new CancellationTokenSource();
    var progress = ProgressBar.RunAsync(() => copier.Copied, length, stopProgress.Token);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    try
    {
        await copier.CopyAsync(input, output, length, CancellationToken.None);
    }
    finally
    {
        stopProgress.Cancel();
        await progress;
    }

    clock.Stop();
    Console.WriteLine($"Copied {length:N0} bytes in {clock.Elapsed.TotalMilliseconds:F0} ms ({length / Math.Max(clock.Elapsed.TotalSeconds, 0.001) / (1 << 20):F0} MiB/s)");

    byte[] sourceHash = await RingHasher.HashAsync(ring, input, blockSize, CancellationToken.None);
    byte[] copyHash = await RingHasher.HashAsync(ring, output, blockSize, CancellationToken.None);
    bool same = sourceHash.AsSpan().SequenceEqual(copyHash) && RandomAccess.GetLength(output) == length;
    Console.WriteLine($"SHA-256 source: {Convert.ToHexStringLower(sourceHash)}");
    Console.WriteLine($"SHA-256 copy:   {Convert.ToHexStringLower(copyHash)}");
    Console.WriteLine($"Hashes match: {same}");
    return same ? 0 : 1;
}
catch (ErrnoException e)
{
    Console.Error.WriteLine($"FileCopy failed: {e.Message}");
    return 1;
}
finally
{
    if (temporary)
    {
        File.Delete(source);
        File.Delete(destination);
    }
}

int Option(string name, int fallback)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out int value) && value > 0 ? value : fallback;
}

static void WriteRandomFile(string path, int sizeMiB)
{
    using FileStream stream = File.Create(path);
    byte[] chunk = new byte[1 << 20];
    var random = new Random(42);
    for (int i = 0; i < sizeMiB; i++)
    {
        random.NextBytes(chunk);
        stream.Write(chunk);
    }
}
