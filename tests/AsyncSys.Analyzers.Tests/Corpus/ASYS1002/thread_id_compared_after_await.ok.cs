// A test that checks, on purpose, whether the continuation came back on the submitting thread.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class ContinuationProbe
{
    public static async Task<bool> ResumedInlineAsync(IoRing ring)
    {
        int before = Environment.CurrentManagedThreadId;
        await ring.NopAsync();
        return before == Environment.CurrentManagedThreadId;
    }
}
