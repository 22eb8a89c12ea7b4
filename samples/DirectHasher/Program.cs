// Hashes a file with O_DIRECT reads through the kernel ring: page-aligned native buffers (NativeMemory.AlignedAlloc
// wrapped in a MemoryManager<byte>), several reads in flight, no page cache in the way. Then hashes it the ordinary
// way (FileStream) and compares.
//
//   dotnet run -c Release --project samples/DirectHasher -- <file>
//   dotnet run -c Release --project samples/DirectHasher                 (a temporary 64 MiB file)
//   options: --block-kib 1024 (a multiple of 4)  --depth 4  --size-mib 64 (temporary file only)
using System;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using AsyncSys;
using AsyncSys.Samples.DirectHasher;

int blockSize = Option("--block-kib", 1024) * 1024;
int depth = Option("--depth", 4);
string? file = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : null;
bool temporary = file is null;
// Not under /tmp by default: /tmp is often tmpfs, which refuses O_DIRECT before Linux 6.6.
string path = file ?? Path.Combine(Environment.CurrentDirectory, $"asyncsys-direct-{Environment.ProcessId}.bin");
try
{
    if (temporary)
    {
        int sizeMiB = Option("--size-mib", 64);
        // Not a multiple of the block size on purpose: the last O_DIRECT read comes back short.
        long size = sizeMiB * (1L << 20) + 12_345;
        Console.WriteLine($"No file given: hashing a temporary {size:N0}-byte file ({path})");
        WriteRandomFile(path, size);
    }

    using IoRing ring = IoRing.Create(new IoRingOptions { Name = "direct-hasher" });
    Console.WriteLine($"Ring on {ring.BackendDescription}; O_DIRECT reads of {blockSize / 1024} KiB into {AlignedBuffer.Alignment}-byte-aligned buffers, {depth} in flight");

    var clock = Stopwatch.StartNew();
    DirectHasher.Result direct = await DirectHasher.HashAsync(ring, path, blockSize, depth, CancellationToken.None);
    clock.Stop();
    if (direct.Fallback is not null)
    {
        Console.WriteLine(direct.Fallback);
    }

    Console.WriteLine($"Direct read {direct.Bytes:N0} bytes in {clock.Elapsed.TotalMilliseconds:F0} ms ({direct.Bytes / Math.Max(clock.Elapsed.TotalSeconds, 0.001) / (1 << 20):F0} MiB/s); the kernel reports O_DIRECT on the descriptor: {direct.Direct}");

    byte[] ordinary;
    using (FileStream stream = File.OpenRead(path))
    {
        ordinary = await SHA256.HashDataAsync(stream);
    }

    bool same = direct.Hash.AsSpan().SequenceEqual(ordinary);
    Console.WriteLine($"SHA-256 via O_DIRECT ring reads: {Convert.ToHexStringLower(direct.Hash)}");
    Console.WriteLine($"SHA-256 via FileStream:          {Convert.ToHexStringLower(ordinary)}");
    Console.WriteLine($"Hashes match: {same}");
    return same ? 0 : 1;
}
catch (ErrnoException e)
{
    Console.Error.WriteLine($"DirectHasher failed: {e.Message}");
    return 1;
}
finally
{
    if (temporary)
    {
        File.Delete(path);
    }
}

int Option(string name, int fallback)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out int value) && value > 0 ? value : fallback;
}

static void WriteRandomFile(string path, long size)
{
    using FileStream stream = File.Create(path);
    byte[] chunk = new byte[1 << 20];
    var random = new Random(7);
    for (long left = size; left > 0; left -= chunk.Length)
    {
        random.NextBytes(chunk);
        stream.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
    }
}
