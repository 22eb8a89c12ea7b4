// An object-storage uploader hashes each part with a hasher of its own, created for the upload and disposed at its end, so hashing the body after the header's send, on whatever thread the method resumed on, touches no other upload's state.
using System;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.PerThreadHasherOk;

internal sealed class PartUploader(IoRing ring, int socket)
{
    public async Task<byte[]> UploadPartAsync(ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        using IncrementalHash hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hasher.AppendData(header.Span);
        await ring.SendAsync(socket, header, MessageFlags.None, ct).ConfigureAwait(false);
        hasher.AppendData(body.Span);
        await ring.SendAsync(socket, body, MessageFlags.None, ct).ConfigureAwait(false);
        return hasher.GetHashAndReset();
    }
}
