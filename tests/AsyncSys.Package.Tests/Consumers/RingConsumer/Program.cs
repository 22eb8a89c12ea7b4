// A fresh consumer of the AsyncSys package: one generated ring call, one generated offloaded call.
using System.Text;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

string path = Path.Combine(Path.GetTempPath(), $"asyncsys-consumer-{Environment.ProcessId}.txt");
await File.WriteAllTextAsync(path, "bytes through the ring");
try
{
    using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
    int fd = (int)file.DangerousGetHandle();

    byte[] buffer = new byte[64];
    nint read = await Libc.PReadAsync(fd, buffer, offset: 6);
    Console.WriteLine($"pread read {read} bytes: '{Encoding.UTF8.GetString(buffer, 0, (int)read)}'");

    int locked = await Libc.FlockAsync(fd, Libc.LockExclusive);
    Console.WriteLine($"flock returned {locked}");

    try
    {
        await Libc.FlockAsync(-1, Libc.LockExclusive);
        Console.WriteLine("flock on a bad descriptor did not fail");
    }
    catch (ErrnoException e)
    {
        Console.WriteLine($"flock on a bad descriptor: {e.ErrnoName}");
    }

    Console.WriteLine($"Backend: {IoRing.Shared.Backend}; pread native: {IoRing.Shared.IsNative(RingOp.Read)}; flock native: false");
    Console.WriteLine($"Runtime: .NET {Environment.Version}");
}
finally
{
    File.Delete(path);
}
