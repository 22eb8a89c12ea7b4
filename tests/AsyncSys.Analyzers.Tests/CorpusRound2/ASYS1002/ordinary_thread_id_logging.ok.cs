// Ordinary code without AsyncSys: thread ids only logged around awaits, a ThreadLocal used synchronously.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Round2;

internal static class Diagnostics
{
    private static readonly ThreadLocal<Random> s_random = new(() => new Random());

    public static async Task<int> FetchAsync(HttpClient client, Uri uri)
    {
        int before = Thread.CurrentThread.ManagedThreadId;
        int jitter = s_random.Value!.Next(100);
        await Task.Delay(jitter);
        string body = await client.GetStringAsync(uri);
        Console.WriteLine($"started on {before}, finished on {Environment.CurrentManagedThreadId}");
        return body.Length;
    }
}
