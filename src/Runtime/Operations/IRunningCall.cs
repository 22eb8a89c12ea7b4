namespace AsyncSys.Operations;

/// <summary>
/// A blocking call that a thread runs now and that a cancel hook may interrupt (<see cref="BlockingCallInfo.InterruptWorker"/>):
/// an operation on a worker, or a short call run on its caller's thread without a slot (<see cref="RunningShortCall"/>).
/// </summary>
internal interface IRunningCall
{
    /// <summary>Held while the thread enters or leaves the call, and while a signal is sent to it.</summary>
    object RunLock { get; }

    /// <summary>Whether thread <paramref name="nativeThreadId"/> is still inside call <paramref name="id"/>; read under <see cref="RunLock"/>.</summary>
    bool IsRunning(ulong id, int nativeThreadId);
}
