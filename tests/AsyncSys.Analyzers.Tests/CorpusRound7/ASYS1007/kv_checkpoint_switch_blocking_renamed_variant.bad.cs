using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Blocking.KvCheckpoint;

internal static partial class CheckpointNative
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall(MethodName = "SyncDataAsync")]
    public static extern int Fdatasync(int fd);
}

internal enum Durability { None, Data, Full }

/// <summary>A key-value store writes a checkpoint file and makes it as durable as the configuration asks.</summary>
internal sealed class Checkpointer(Durability durability)
{
    public async Task WriteAsync(string path, byte[] image, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
        await file.WriteAsync(image, cancellationToken);
        switch (durability)
        {
            case Durability.None:
                break;
            case Durability.Data:
                /*~ASYS1007*/CheckpointNative.Fdatasync((int)file.SafeFileHandle.DangerousGetHandle());
                break;
            default:
                file.Flush(flushToDisk: true);
                break;
        }
    }
}
