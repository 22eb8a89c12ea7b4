// A relay's channel keeps its legacy surface: BeginSend/EndSend over the ring's send task, and a synchronous Send that is EndSend(BeginSend(...)). The relay's async pump awaits the APM pair through Task.Factory.FromAsync instead of calling Send, so no thread waits for a send.
using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.RelayFacadeOk;

internal static class Apm
{
    public static IAsyncResult Begin(Task<int> task, AsyncCallback? callback, object? state)
    {
        var completion = new TaskCompletionSource<int>(state);
        task.ContinueWith(t =>
        {
            if (t.IsFaulted) completion.TrySetException(t.Exception!.InnerExceptions);
            else if (t.IsCanceled) completion.TrySetCanceled();
            else completion.TrySetResult(t.Result);
            callback?.Invoke(completion.Task);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return completion.Task;
    }

    public static int End(IAsyncResult result) => ((Task<int>)result).GetAwaiter().GetResult();
}

internal sealed class LegacyChannel(IoRing ring, int socket)
{
    public IAsyncResult BeginSend(byte[] frame, int count, AsyncCallback? callback, object? state) =>
        Apm.Begin(ring.SendAsync(socket, frame.AsMemory(0, count), MessageFlags.None).AsTask(), callback, state);

    public int EndSend(IAsyncResult result) => Apm.End(result);

    public int Send(byte[] frame, int count) => EndSend(BeginSend(frame, count, null, null));
}

internal sealed class Relay(LegacyChannel channel)
{
    public async Task PumpAsync(ChannelReader<byte[]> frames, CancellationToken ct)
    {
        await foreach (byte[] frame in frames.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await Task.Factory.FromAsync(channel.BeginSend, channel.EndSend, frame, frame.Length, null).ConfigureAwait(false);
        }
    }
}
