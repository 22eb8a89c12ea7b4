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

    /// <summary>
    /// The preprocessor symbol that leaves the pooling builder out of generated methods (the default builder is used).
    /// The package defines it when the project sets <c>AsyncSysPooledAsyncMethods=false</c>, for an assembly loaded into
    /// a collectible AssemblyLoadContext: the pooling builder keeps state machines in statics of generic types over the
    /// assembly's own types (docs/generator.md). A symbol, not a generator option: the generated text stays the same
    /// either way, so nothing in the generator's incremental pipeline depends on the build's properties.
    /// </summary>
    public const string UnpooledSymbol = "ASYNCSYS_UNPOOLED_ASYNC_METHODS";

    /// <summary>The lines that put <paramref name="builder"/> on an async method, unless <see cref="UnpooledSymbol"/> is defined.</summary>
    public static string[] BuilderAttribute(string builder) =>
        new[] { "#if !" + UnpooledSymbol, "[global::System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(" + builder + "))]", "#endif" };

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
        if (call.Ring is { } checkedRing)
        {
            // Before the wrapper may run too: a count past the buffer throws whichever way the call would go.
            body.AddRange(RingRequestEmitter.CountChecks(checkedRing));
        }

        List<string> refusals = Refusals(call);
        bool runsWrapper = refusals.Count > 0;
        if (runsWrapper)
        {
            WriteWrapperGuard(body, model, refusals);
        }

        if (ReturnsRingTask(call))
        {
            body.Add("return " + Start(call, runsWrapper) + ";");
            WriteWrapperFunction(body, model, runsWrapper);
            return body;
        }

        var cleanup = new List<string>();
        var awaited = new List<string>();
        if (call.Ring is { } ring)
        {
            body.AddRange(RingRequestEmitter.Prelude(ring, runsWrapper));
            cleanup.AddRange(RingRequestEmitter.Cleanup(ring));
            bool usesResult = false;
            foreach (ResultValueModel value in call.Values)
            {
                usesResult |= value.UsesResult;
            }

            string await = "await " + Start(call, runsWrapper) + ".ConfigureAwait(false);";
            awaited.Add(usesResult ? "int " + call.ResultLocal + " = " + await : await);
            if (Returned(call.Values, model.ResultRecord, call.ResultLocal) is { } returned)
            {
                awaited.Add("return " + returned + ";");
            }
        }
        else
        {
            WriteWorkerCall(body, call.Worker!, call.Values, model.ResultRecord, call.StateLocal, call.ResultLocal);
            return body;
        }

        if (cleanup.Count == 0)
        {
            body.AddRange(awaited);
            WriteWrapperFunction(body, model, runsWrapper);
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
        WriteWrapperFunction(body, model, runsWrapper);
        return body;
    }

    /// <summary>
    /// The values of a ring call that run the wrapper instead (<see cref="RingRequestEmitter.Refusals"/>); none when the
    /// call has no worker form with its parameters, or the ring takes every value.
    /// </summary>
    public static List<string> Refusals(CallModel call) =>
        call is { Ring: { } ring, WhenRingCannot: not null } ? RingRequestEmitter.Refusals(ring) : new List<string>();

    // if ((fd < 0) || (offset < 0))
    // {
    //     // Values the ring request cannot take: the wrapper runs, so the answer is the kernel's, in its order of checks.
    //     return RunWrapperAsync(ring, fd, buffer, offset, cancellationToken);          (return await ...ConfigureAwait(false) in an async body)
    // }
    private static void WriteWrapperGuard(List<string> body, AsyncMethodModel model, List<string> refusals)
    {
        var conditions = new List<string>();
        foreach (string refusal in refusals)
        {
            conditions.Add("(" + refusal + ")");
        }

        string run = model.Call.WhenRingCannot!.FunctionName + "(ring, ";
        foreach (ParameterModel parameter in model.Parameters)
        {
            // A path tested for null is passed on as it is: the wrapper gets the caller's null, as the synchronous call would.
            bool testedForNull = refusals.Exists(refusal => refusal.StartsWith(parameter.Name + " is null", System.StringComparison.Ordinal));
            run += parameter.Name + (testedForNull ? "!" : "") + ", ";
        }

        run += "cancellationToken)";
        body.Add("if (" + string.Join(" || ", conditions) + ")");
        body.Add("{");
        body.Add("    // Values the ring request cannot take: the wrapper runs, so the answer is the kernel's, in its order of checks.");
        if (ReturnsRingTask(model.Call))
        {
            body.Add("    return " + run + ";");
        }
        else if (model.Call.Values.Count == 0)
        {
            body.Add("    await " + run + ".ConfigureAwait(false);");
            body.Add("    return;");
        }
        else
        {
            body.Add("    return await " + run + ".ConfigureAwait(false);");
        }

        body.Add("}");
    }

    // #if !ASYNCSYS_UNPOOLED_ASYNC_METHODS
    // [global::System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    // #endif
    // static async global::System.Threading.Tasks.ValueTask<nint> RunWrapperAsync(global::AsyncSys.IoRing ring, int fd, ..., global::System.Threading.CancellationToken cancellationToken)
    // {
    //     <the worker call: state, await ring.RunBlockingAsync, failure checks, return>
    // }
    // A local function taking everything as parameters: it captures nothing (only this, for an instance wrapper), so
    // the method allocates nothing more on the ring path.
    private static void WriteWrapperFunction(List<string> body, AsyncMethodModel model, bool runsWrapper)
    {
        if (!runsWrapper)
        {
            return;
        }

        WrapperFallbackModel fallback = model.Call.WhenRingCannot!;
        var parameters = new List<string> { "global::AsyncSys.IoRing ring" };
        foreach (ParameterModel parameter in model.Parameters)
        {
            parameters.Add(parameter.Type + " " + parameter.Name);
        }

        parameters.Add("global::System.Threading.CancellationToken cancellationToken");
        body.Add("");
        body.AddRange(BuilderAttribute(model.Call.Values.Count == 0
            ? "global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder"
            : "global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>"));
        body.Add((fallback.Worker.SelfField is null ? "static " : "") + "async " + ReturnType(model) + " " + fallback.FunctionName + "(" + string.Join(", ", parameters) + ")");
        body.Add("{");
        var lines = new List<string>();
        // The ring variant checked its counts before it chose the wrapper (CountChecks): not again here.
        WriteWorkerCall(lines, fallback.Worker, fallback.Values, model.ResultRecord, model.Call.StateLocal, model.Call.ResultLocal, countsChecked: true);
        foreach (string line in lines)
        {
            body.Add("    " + line);
        }

        body.Add("}");
    }

    // <state>
    // global::AsyncSys.BlockingResult<FlockAsyncState> result = await ring.RunBlockingAsync(...).ConfigureAwait(false);
    // <failure checks>
    // return unchecked((int)(result.ThrowIfFailed("flock")));
    private static void WriteWorkerCall(List<string> body, WorkerCallModel worker, EquatableArray<ResultValueModel> values, ResultRecordModel? record, string stateLocal, string resultLocal, bool countsChecked = false)
    {
        WriteState(body, worker, stateLocal, countsChecked);
        var checks = new List<string>();
        foreach (WorkerCheck check in worker.Checks)
        {
            checks.Add(WorkerCallEmitter.Check(check, worker, resultLocal));
        }

        bool usesResult = checks.Count > 0;
        foreach (ResultValueModel value in values)
        {
            usesResult |= value.UsesResult;
        }

        string await = "await " + WorkerCallEmitter.Start(worker, stateLocal) + ".ConfigureAwait(false);";
        body.Add(usesResult ? "global::AsyncSys.BlockingResult<" + worker.StateType + "> " + resultLocal + " = " + await : await);
        body.AddRange(checks);
        if (Returned(values, record, resultLocal) is { } returned)
        {
            body.Add("return " + returned + ";");
        }
    }

    // FlockAsyncState state = new FlockAsyncState
    // {
    //     fd = fd,
    //     operation = operation,
    // };
    private static void WriteState(List<string> body, WorkerCallModel worker, string stateLocal, bool countsChecked)
    {
        body.AddRange(WorkerCallEmitter.Prelude(worker, countsChecked));
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

    // poll's events read its failures themselves (EBADF is POLLNVAL): the raw completion.
    private static string Start(CallModel call, bool runsWrapper) =>
        RingRequestEmitter.Start(call.Ring!, call.ReturnsNegativeErrno || call.Values.Count == 1 && call.Values[0].Source == ResultSource.PollEvents, runsWrapper);

    // result.State.buf                        (one value)
    // new Pipe2Result(result.State..., ...)   (two or more)
    private static string? Returned(EquatableArray<ResultValueModel> values, ResultRecordModel? record, string resultLocal)
    {
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count == 1)
        {
            return ResultValueEmitter.Expression(values[0], resultLocal);
        }

        var expressions = new List<string>();
        foreach (ResultValueModel value in values)
        {
            expressions.Add(ResultValueEmitter.Expression(value, resultLocal));
        }

        return "new " + record!.Name + "(" + string.Join(", ", expressions) + ")";
    }
}
