// Ordinary code without AsyncSys: Task.Result, Wait(), discarded tasks and ValueTask.AsTask twice-free use are not AsyncSys operations.
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Round2;

internal static class Legacy
{
    public static string Download(HttpClient client, string url)
    {
        Task<string> body = client.GetStringAsync(url);
        body.Wait();
        return body.Result;
    }

    public static void Touch(string path, CancellationToken cancellationToken)
    {
        _ = File.WriteAllTextAsync(path, "x", cancellationToken);
        Stream stream = Stream.Null;
        ValueTask<int> read = stream.ReadAsync(new byte[1], cancellationToken);
        int n = read.IsCompleted ? read.Result : read.AsTask().GetAwaiter().GetResult();
        _ = n;
    }
}
