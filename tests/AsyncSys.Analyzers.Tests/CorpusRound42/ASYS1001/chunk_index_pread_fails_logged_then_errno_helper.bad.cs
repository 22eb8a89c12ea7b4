// A chunk index read with a plain pread fails; the failure is written to the console, then errno is read through a helper property.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace ArrayStore;

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    internal static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    internal static int Errno => Marshal.GetLastPInvokeError();
}

public readonly record struct IndexProgress(string Stage, long Bytes);

public sealed unsafe class ChunkIndexLoader(int fd, IProgress<IndexProgress> progress)
{
    public long[] LoadOffsets(long indexOffset, int entries)
    {
        var offsets = new long[entries];
        fixed (long* p = offsets)
        {
            nint n = Native.PRead(fd, (byte*)p, (nuint)(entries * sizeof(long)), indexOffset);
            if (n < 0)
            {
                Console.Error.WriteLine($"chunk index read failed at {indexOffset}");
                throw new ErrnoException(/*~ASYS1001*/Native.Errno, "pread");
            }
        }

        progress.Report(new IndexProgress("index", entries * sizeof(long)));
        return offsets;
    }
}
