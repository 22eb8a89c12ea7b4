using System.Collections.Generic;

namespace AsyncSys.Generator.Model;

/// <summary>
/// Turns a <see cref="CallPlan"/> into the generated method's return type and statements: one value is
/// returned as is, two or more as a result record, none as a plain <c>ValueTask</c>.
/// </summary>
internal static class MethodBodyBuilder
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";

    public static CallModel Build(
        CallPlan plan,
        bool negativeErrno,
        string? cancelHook,
        string resultRecordName,
        LocalNames locals,
        out string returnType,
        out string? builderType,
        out ResultRecordModel? resultRecord)
    {
        List<ResultValue> values = plan.Values;
        resultRecord = null;
        string? returnedExpression = null;
        if (values.Count == 0)
        {
            returnType = ValueTask;
        }
        else if (values.Count == 1)
        {
            returnType = ValueTask + "<" + values[0].Type + ">";
            returnedExpression = values[0].Expression;
        }
        else
        {
            var properties = new List<ParameterModel>();
            var expressions = new List<string>();
            foreach (ResultValue value in values)
            {
                properties.Add(new(value.Type, value.PropertyName));
                expressions.Add(value.Expression);
            }

            resultRecord = new ResultRecordModel(resultRecordName, EquatableArray.From(properties));
            returnType = ValueTask + "<" + resultRecordName + ">";
            returnedExpression = "new " + resultRecordName + "(" + string.Join(", ", expressions) + ")";
        }

        var body = new List<string>();
        bool returnsStartDirectly = plan.State is null && plan.Prelude.Count == 0 && plan.Checks.Count == 0 && plan.Cleanup.Count == 0
            && values.Count == 1 && values[0].Type == "int" && values[0].Expression == locals.Result;
        if (returnsStartDirectly)
        {
            // The ring's ValueTask<int> is already the answer: no state machine, no allocation.
            body.Add("return " + plan.Start + ";");
            builderType = null;
            return new CallModel(plan.RingOp, negativeErrno, false, EquatableArray.From(body), plan.State, cancelHook);
        }

        body.AddRange(plan.Prelude);
        if (plan.State is not null)
        {
            if (plan.StateInitializers.Count == 0)
            {
                body.Add(plan.State.TypeName + " " + locals.State + " = new " + plan.State.TypeName + "();");
            }
            else
            {
                body.Add(plan.State.TypeName + " " + locals.State + " = new " + plan.State.TypeName);
                body.Add("{");
                foreach (string initializer in plan.StateInitializers)
                {
                    body.Add("    " + initializer);
                }

                body.Add("};");
            }
        }

        bool usesResult = plan.Checks.Count > 0;
        foreach (ResultValue value in values)
        {
            usesResult |= value.Expression.Contains(locals.Result);
        }

        var awaited = new List<string>();
        string await = "await " + plan.Start + ".ConfigureAwait(false);";
        awaited.Add(usesResult ? plan.AwaitedType + " " + locals.Result + " = " + await : await);
        awaited.AddRange(plan.Checks);
        if (returnedExpression is not null)
        {
            awaited.Add("return " + returnedExpression + ";");
        }

        if (plan.Cleanup.Count == 0)
        {
            body.AddRange(awaited);
        }
        else
        {
            body.Add("try");
            body.Add("{");
            foreach (string line in awaited)
            {
                body.Add("    " + line);
            }

            body.Add("}");
            body.Add("finally");
            body.Add("{");
            foreach (string line in plan.Cleanup)
            {
                body.Add("    " + line);
            }

            body.Add("}");
        }

        // Pooled builders: converting the ring's result into another type costs no allocation per call.
        builderType = values.Count == 0
            ? "global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder"
            : "global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>";
        return new CallModel(plan.RingOp, negativeErrno, true, EquatableArray.From(body), plan.State, cancelHook);
    }
}
