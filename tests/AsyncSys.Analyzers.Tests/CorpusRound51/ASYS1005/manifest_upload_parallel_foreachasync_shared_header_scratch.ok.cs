// An uploader sends each manifest entry with Parallel.ForEachAsync (four at a time); every body encodes its entry's header into an array of its own before sending it, so no body writes memory another body's send reads.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.ManifestParallelOk;

internal sealed record ManifestEntry(long Id, int Length);

internal sealed class ManifestUploader(IoRing ring, int socket)
{
    public async Task UploadAsync(IReadOnlyList<ManifestEntry> entries, CancellationToken ct)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct };
        await Parallel.ForEachAsync(entries, options, async (entry, token) =>
        {
            byte[] header = new byte[12];
            BinaryPrimitives.WriteInt64BigEndian(header, entry.Id);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), entry.Length);
            await ring.SendAsync(socket, header, MessageFlags.NoSignal | MessageFlags.More, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
