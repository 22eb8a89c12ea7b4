using System;

namespace AsyncSys;

/// <summary>
/// Marks a synchronous syscall wrapper so that the AsyncSys source generator emits an asynchronous
/// variant, <c>&lt;Name&gt;Async(..., CancellationToken)</c>, beside it.
/// </summary>
/// <remarks>
/// <para>
/// The wrapper may be a <c>static partial</c> method with <c>[LibraryImport]</c>, a <c>static extern</c>
/// method with <c>[DllImport]</c>, or an ordinary static or instance method of a partial type.
/// </para>
/// <para>
/// When the kernel has a native ring opcode for the call (pread, pwrite, fsync, poll, openat, statx, send,
/// recv, accept, connect, ...), the generated method submits one entry to an <see cref="IoRing"/>.
/// Otherwise the synchronous wrapper runs on the ring's bounded pool of blocking-call workers, with errno
/// captured on the worker right after the call.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AsyncSyscallAttribute : Attribute
{
    /// <summary>Creates the attribute; the ring opcode is inferred from the wrapper's entry point.</summary>
    public AsyncSyscallAttribute()
    {
    }

    /// <summary>Creates the attribute with an explicit ring operation.</summary>
    /// <param name="op">The ring operation the wrapper maps to, or <see cref="RingOp.None"/> to always offload.</param>
    public AsyncSyscallAttribute(RingOp op)
    {
        Op = op;
    }

    /// <summary>
    /// The ring operation. <see cref="RingOp.Auto"/> (the default) looks the wrapper's entry point up in the
    /// generator's table of known libc calls; <see cref="RingOp.None"/> always runs the call on a worker.
    /// </summary>
    public RingOp Op { get; }

    /// <summary>The generated method's name. Defaults to the wrapper's name followed by <c>Async</c>.</summary>
    public string? MethodName { get; set; }

    /// <summary>How the generated method reports a failed call. Defaults to <see cref="SyscallErrorMode.Throw"/>.</summary>
    public SyscallErrorMode ErrorMode { get; set; }

    /// <summary>
    /// The name of a static method of the containing type, <c>static void Hook(BlockingCallInfo call)</c>,
    /// invoked when cancellation is requested while the call is already running on a worker (for
    /// example to close a descriptor or interrupt the worker thread). Only used by offloaded calls.
    /// </summary>
    public string? CancelHook { get; set; }
}
