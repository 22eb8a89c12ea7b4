using System.Collections.Generic;
using AsyncSys.Generator.Model;

namespace AsyncSys.Generator.Emit;

/// <summary>
/// Lays out the body of the overload taking a ring, and says what it returns: one value as is, two or more as
/// the result record, none as a plain <c>ValueTask</c>.
/// </summary>
internal static class CallBodyEmitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";

    /// <summary>The generated method's return type.</summary>
    // global::System.Threading.Tasks.ValueTask<nint>     (one value)     ValueTask<Pipe2Result> (a record)     ValueTask (none)
    public static string ReturnType(AsyncMethodModel model)
    {
        EquatableArray<ResultValueModel> values = model.Call.Values;
        return values.Count switch
        {
            0 => ValueTask,
            1 => ValueTask + "<" + values[0].Type + ">",
            _ => ValueTask + "<" + model.ResultRecord!.Name + ">",
        };
    }

    /// <summary>
    /// Whether the ring's <c>ValueTask&lt;int&gt;</c> is already the answer: the method returns it, with no state
    /// machine and no allocation.
    /// </summary>
    public static bool ReturnsRingTask(CallModel call) =>
        call.Ring is { MustBeZero.Count: 0, Rented: null } && call.Values.Count == 1 &&
        call.Values[0] is { Type: "int", Source: ResultSource.RingResult };

    /// <summary>The async method builder: pooled, so converting the ring's result costs no allocation per call.</summary>
    // global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>
    public static string? BuilderType(CallModel call) =>
        ReturnsRingTask(call) ? null
        : call.Values.Count == 0 ? "global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder"
        : "global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>";

    // return ring.SubmitAsync(global::AsyncSys.RingRequest.Fsync(fd), cancellationToken);
    //
    // or, converting the result or running on a worker:
    //
    // <checks and rented buffers before the call>
    // FlockAsyncState state = new FlockAsyncState
    // {
    //     fd = fd,
    // };
    // try                                                    (only with a rented buffer to return)
    // {
    //     global::AsyncSys.BlockingResult<FlockAsyncState> result = await ring.RunBlockingAsync(...).ConfigureAwait(false);
    //     <failure checks>
    //     return unchecked((int)(result.ThrowIfFailed("flock")));
    // }
    // finally
    // {
    //     global::System.Buffers.ArrayPool<byte>.Shared.Return(statxbufBytes);
    // }
    public static List<string> Body(AsyncMethodModel model)
    {
        CallModel call = model.Call;
        var body = new List<string>();
        if (ReturnsRingTask(call))
        {
            body.Add("return " + Start(call) + ";");
            return body;
        }

        var cleanup = new List<string>();
        var checks = new List<string>();
        string awaitedType;
        if (call.Ring is { } ring)
        {
            body.AddRange(RingRequestEmitter.Prelude(ring));
            cleanup.AddRange(RingRequestEmitter.Cleanup(ring));
            awaitedType = "int";
        }
        else
        {
            WorkerCallModel worker = call.Worker!;
            WriteState(body, worker, call.StateLocal);
            foreach (WorkerCheck check in worker.Checks)
            {
                checks.Add(WorkerCallEmitter.Check(check, worker, call.ResultLocal));
            }

            awaitedType = "global::AsyncSys.BlockingResult<" + worker.StateType + ">";
        }

        bool usesResult = checks.Count > 0;
        foreach (ResultValueModel value in call.Values)
        {
            usesResult |= value.UsesResult;
        }

        var awaited = new List<string>();
        string await = "await " + Start(call) + ".ConfigureAwait(false);";
        awaited.Add(usesResult ? awaitedType + " " + call.ResultLocal + " = " + await : await);
        awaited.AddRange(checks);
        if (Returned(model) is { } returned)
        {
            awaited.Add("return " + returned + ";");
        }

        if (cleanup.Count == 0)
        {
            body.AddRange(awaited);
            return body;
        }

        body.Add("try");
        body.Add("{");
        foreach (string line in awaited)
        {
            body.Add("    " + line);
        }

        body.Add("}");
        body.Add("finally");
        body.Add("{");
        foreach (string line in cleanup)
        {
            body.Add("    " + line);
        }

        body.Add("}");
        return body;
    }

    // FlockAsyncState state = new FlockAsyncState
    // {
    //     fd = fd,
    //     operation = operation,
    // };
    private static void WriteState(List<string> body, WorkerCallModel worker, string stateLocal)
    {
        body.AddRange(WorkerCallEmitter.Prelude(worker));
        if (worker.Initializers.Count == 0)
        {
            body.Add(worker.StateType + " " + stateLocal + " = new " + worker.StateType + "();");
            return;
        }

        body.Add(worker.StateType + " " + stateLocal + " = new " + worker.StateType);
        body.Add("{");
        foreach (StateInitializerModel initializer in worker.Initializers)
        {
            body.Add("    " + WorkerCallEmitter.Initializer(initializer, worker.Syscall));
        }

        body.Add("};");
    }

    private static string Start(CallModel call) =>
        call.Ring is { } ring ? RingRequestEmitter.Start(ring, call.ReturnsNegativeErrno) : WorkerCallEmitter.Start(call.Worker!, call.StateLocal);

    // result.State.buf                        (one value)
    // new Pipe2Result(result.State..., ...)   (two or more)
    private static string? Returned(AsyncMethodModel model)
    {
        CallModel call = model.Call;
        if (call.Values.Count == 0)
        {
            return null;
        }

        if (call.Values.Count == 1)
        {
            return ResultValueEmitter.Expression(call.Values[0], call.ResultLocal);
        }

        var expressions = new List<string>();
        foreach (ResultValueModel value in call.Values)
        {
            expressions.Add(ResultValueEmitter.Expression(value, call.ResultLocal));
        }

        return "new " + model.ResultRecord!.Name + "(" + string.Join(", ", expressions) + ")";
    }
}
