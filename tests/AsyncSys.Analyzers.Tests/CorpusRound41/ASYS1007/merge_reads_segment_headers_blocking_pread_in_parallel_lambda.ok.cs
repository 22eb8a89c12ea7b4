// A merge reads every segment's 64-byte header in a Parallel.ForEachAsync async lambda with the pread variant, awaited, then hands the header to a channel.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Search.Merge;

public static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint PRead(int fd, Span<byte> buffer, nuint count, long offset);
}

public sealed record SegmentFile(int Id, int Fd);

public sealed class HeaderScanner
{
    private readonly Channel<(int Segment, byte[] Header)> _headers = Channel.CreateUnbounded<(int Segment, byte[] Header)>();

    public ChannelReader<(int Segment, byte[] Header)> Headers => _headers.Reader;

    public Task ScanAsync(IReadOnlyList<SegmentFile> segments, CancellationToken ct) =>
        Parallel.ForEachAsync(segments, ct, async (segment, token) =>
        {
            byte[] header = new byte[64];
            nint n = await Libc.PReadAsync(segment.Fd, header, 0, token);
            if (n == 64) await _headers.Writer.WriteAsync((segment.Id, header), token);
        });
}
