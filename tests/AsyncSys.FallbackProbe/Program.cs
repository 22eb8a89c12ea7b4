using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys;

// Prints "Backend: X", "Description: ...", "RoundTrip: ok|MISMATCH|<error>"; exit code 0 when the I/O worked.
try
{
    using IoRing ring = IoRing.Create();
    Console.WriteLine($"Backend: {ring.Backend}");
    Console.WriteLine($"Description: {ring.BackendDescription}");

    string path = Path.Combine(Path.GetTempPath(), "asyncsys-probe-" + Guid.NewGuid().ToString("N"));
    try
    {
        byte[] data = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        var back = new byte[data.Length];
        using (var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            await ring.WriteAsync(handle, data, 0);
            await ring.FsyncAsync(handle);
            await ring.ReadExactlyAsync(handle, back, 0);
        }

        bool same = data.AsSpan().SequenceEqual(back) && File.ReadAllBytes(path).AsSpan().SequenceEqual(data);
        Console.WriteLine($"RoundTrip: {(same ? "ok" : "MISMATCH")}");
        return same ? 0 : 1;
    }
    finally
    {
        File.Delete(path);
    }
}
catch (Exception ex)
{
    Console.WriteLine($"RoundTrip: {ex.GetType().Name}: {ex.Message}");
    return 2;
}
