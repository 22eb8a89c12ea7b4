// The same kTLS writer wiping the plaintext only after the send completed (in a finally, so also when it failed).
using System;
using System.Security.Cryptography;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.InFlight.TlsPlaintextWipedAfter;

public sealed class KtlsWriter(IoRing ring, int socketFd)
{
    public async Task SendAsync(Memory<byte> plaintext)
    {
        try
        {
            int sent = await ring.SendAsync(socketFd, plaintext);
            if (sent != plaintext.Length)
            {
                throw new InvalidOperationException("short kTLS send");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext.Span);
        }
    }
}
