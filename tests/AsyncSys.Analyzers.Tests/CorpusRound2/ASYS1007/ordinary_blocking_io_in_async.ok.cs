// Ordinary code without AsyncSys: blocking file reads, Thread.Sleep and .Wait() inside async methods are not ASYS1007's.
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Round2;

internal static class Config
{
    public static async Task<byte[]> LoadAsync(string path)
    {
        await Task.Yield();
        Thread.Sleep(10);
        byte[] bytes = File.ReadAllBytes(path);
        Task.Delay(1).Wait();
        return bytes;
    }
}
