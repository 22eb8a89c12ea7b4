using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AsyncSys.Bench.Measurement;

/// <summary>The file every case of a run reads or writes: created once with real data, then opened per run.</summary>
internal static partial class TestFile
{
    private const int ORdwr = 2;
    private const int OCloexec = 0x80000;

    /// <summary>O_DIRECT differs by architecture: 0x4000 on x64, 0x10000 on arm64 and arm.</summary>
    internal static int ODirect => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x10000 : 0x4000;

    /// <summary>Creates the file unless one of at least <paramref name="size"/> bytes is there; true if created.</summary>
    /// <remarks>
    /// Written with data, never fallocated or truncated: reads of unwritten extents return zeros without touching
    /// the device, which would make O_DIRECT reads look impossibly fast.
    /// </remarks>
    internal static bool EnsureExists(string path, long size, Action<string> log)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length >= size)
        {
            log($"Using {path} ({info.Length >> 20} MiB, existing)");
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        log($"Writing {size >> 20} MiB to {path} ...");
        var chunk = new byte[1 << 20];
        new Random(8).NextBytes(chunk);
        using (FileStream stream = new(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0))
        {
            for (long written = 0; written < size; written += chunk.Length)
            {
                stream.Write(chunk, 0, (int)Math.Min(chunk.Length, size - written));
            }

            stream.Flush(flushToDisk: true);
        }

        return true;
    }

    /// <summary>Opens read-write (randwrite needs it; reads don't mind), with O_DIRECT when asked.</summary>
    internal static SafeFileHandle Open(string path, bool direct)
    {
        int flags = ORdwr | OCloexec | (direct ? ODirect : 0);
        int fd = open(path, flags, 0);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            string hint = direct && errno == 22 ? " (EINVAL: the file system refuses O_DIRECT; tmpfs does)" : string.Empty;
            throw new IOException($"open({path}, {(direct ? "O_DIRECT" : "buffered")}) failed: errno {errno}{hint}");
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Reads the whole file once so the buffered cases measure the page cache, not the disk.</summary>
    internal static void PreRead(SafeFileHandle handle, long size)
    {
        var buffer = new byte[1 << 20];
        for (long offset = 0; offset < size;)
        {
            int read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, size - offset)), offset);
            if (read <= 0)
            {
                break;
            }

            offset += read;
        }
    }

    /// <summary>MemAvailable from /proc/meminfo in bytes, or null.</summary>
    internal static long? MemoryAvailable() => Results.MachineFacts.MemInfo("MemAvailable");

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);
}
