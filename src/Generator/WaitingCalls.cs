using System;

namespace AsyncSys.Generator;

/// <summary>
/// Calls that wait for something outside the process's control (a lock another process holds, a child, a message, a
/// timer, a descriptor to become ready), and that end with EINTR, having done nothing, when a signal interrupts the wait
/// (each man page lists EINTR that way). Their worker variants get <c>InterruptWorker</c> as the default cancel hook,
/// so a cancellation ends the wait; without it, a started call ran to its end whatever the token said.
/// </summary>
/// <remarks>
/// Left out on purpose: sleep(3) (interrupted, it returns the seconds left, a result, not EINTR), pause(2) (it only ever
/// ends by a signal), the pthread_* waits (not interrupted by signals), and calls the ring runs (read, accept, ...) or the
/// table already gives the hook (accept, recv, send, connect, poll and their message forms).
/// </remarks>
internal static class WaitingCalls
{
    private static readonly string[] Names =
    {
        "flock",                                                  // flock(2): waiting for a lock
        "lockf",                                                  // lockf(3): F_LOCK waits for a lock
        "fcntl", "fcntl64",                                       // fcntl(2): F_SETLKW, F_OFD_SETLKW wait for a lock
        "wait", "waitpid", "wait3", "wait4", "waitid",            // wait(2), wait4(2): waiting for a child
        "semop", "semtimedop",                                    // semop(2): waiting for a semaphore
        "msgrcv", "msgsnd",                                       // msgop(2): waiting for a message or for room
        "mq_receive", "mq_timedreceive", "mq_send", "mq_timedsend", // mq_receive(3), mq_send(3)
        "sem_wait", "sem_timedwait", "sem_clockwait",             // sem_wait(3): a POSIX semaphore
        "nanosleep", "clock_nanosleep", "usleep",                 // nanosleep(2), clock_nanosleep(2), usleep(3)
        "select", "pselect", "pselect6",                          // select(2)
        "epoll_wait", "epoll_pwait", "epoll_pwait2",              // epoll_wait(2)
        "sigtimedwait", "sigwaitinfo",                            // refused anyway (ASYS0016); listed for completeness
    };

    /// <summary>Whether <paramref name="entryPoint"/> names one of these calls (exact name, as the C library exports it).</summary>
    public static bool Contains(string entryPoint) => Array.IndexOf(Names, entryPoint) >= 0;
}
