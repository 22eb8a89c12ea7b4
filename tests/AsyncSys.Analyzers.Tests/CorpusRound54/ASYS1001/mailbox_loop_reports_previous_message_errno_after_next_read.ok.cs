// An actor's mailbox loop over a Channel applies each "set socket option" message with setsockopt; on failure it saves errno with the failed message, moves on to await the next message, and reports the saved errno at the top of the next pass.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Corpus54.MailboxErrnoOk;

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
        (SetOption Message, int Errno)? failed = null;
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
                _failures.Add($"socket {previous.Message.Socket} option {previous.Message.Name}: errno {previous.Errno}");
                failed = null;
            }

            int value = message.Value;
            if (Native.SetSockOpt(message.Socket, message.Level, message.Name, ref value, sizeof(int)) < 0)
            {
                failed = (message, Marshal.GetLastPInvokeError());
            }
        }
    }
}
