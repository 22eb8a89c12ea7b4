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

    // The builder the generated worker variant was compiled with (AsyncSysPooledAsyncMethods decides).
    bool pooled = typeof(Libc).GetMethods(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
        .Where(m => m.Name == nameof(Libc.FlockAsync))
        .SelectMany(m => m.GetCustomAttributes(typeof(System.Runtime.CompilerServices.AsyncMethodBuilderAttribute), false))
        .Any(a => ((System.Runtime.CompilerServices.AsyncMethodBuilderAttribute)a).BuilderType.Name.StartsWith("PoolingAsyncValueTaskMethodBuilder", StringComparison.Ordinal));
    Console.WriteLine($"flock variant pooled: {pooled}");
}
finally
{
    File.Delete(path);
}
