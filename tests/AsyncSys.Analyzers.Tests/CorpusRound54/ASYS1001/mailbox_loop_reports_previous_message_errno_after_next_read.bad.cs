// An actor's mailbox loop over a Channel applies each "set socket option" message with setsockopt; on failure it only remembers that the message failed, moves on to await the next message, and reports the failure (reading errno) at the top of the next pass, after the await of ReadAsync, where errno is no longer setsockopt's.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Corpus54.MailboxErrnoBad;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSockOpt(int fd, int level, int name, ref int value, int length);
}

internal readonly record struct SetOption(int Socket, int Level, int Name, int Value);

internal sealed class SocketOptionActor(ChannelReader<SetOption> mailbox)
{
    private readonly List<string> _failures = new();

    public async Task RunAsync(CancellationToken ct)
    {
        SetOption? failed = null;
        while (true)
        {
            SetOption message;
            try
            {
                message = await mailbox.ReadAsync(ct).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                return;
            }

            if (failed is { } previous)
            {
                _failures.Add($"socket {previous.Socket} option {previous.Name}: errno {/*~ASYS1001*/Marshal.GetLastPInvokeError()}");
                failed = null;
            }

            int value = message.Value;
            if (Native.SetSockOpt(message.Socket, message.Level, message.Name, ref value, sizeof(int)) < 0)
            {
                failed = message;
            }
        }
    }
}
