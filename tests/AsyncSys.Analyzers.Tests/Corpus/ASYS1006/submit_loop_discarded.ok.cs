// The warm-up loop awaits every no-op request.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class WarmUp
{
    public static async Task PrimeAsync(IoRing ring, int count)
    {
        for (int i = 0; i < count; i++)
        {
            await ring.SubmitAsync(RingRequest.Nop());
        }
    }
}
