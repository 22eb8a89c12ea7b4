using System;
using System.Reflection;
using System.Reflection.Emit;

namespace AsyncSys.Generator.Tests.HeldOut;

/// <summary>
/// Calls a wrapper reflection cannot invoke: one taking a span (a ref struct cannot be boxed into the argument array).
/// A dynamic method (visibility checks skipped, so private and nested wrappers too) takes the arguments as objects and
/// makes each span from its array; a pointer comes as a boxed <see cref="Pointer"/> or an IntPtr, a ref or out value
/// through a local. Returns the result boxed (a pointer as an IntPtr), null for void.
/// </summary>
internal static class DynamicCall
{
    public static Func<object?, object?[], object?> Of(MethodInfo method)
    {
        ParameterInfo[] parameters = method.GetParameters();
        var dynamic = new DynamicMethod("call_" + method.Name, typeof(object), new[] { typeof(object), typeof(object[]) }, method.Module, skipVisibility: true);
        ILGenerator il = dynamic.GetILGenerator();
        Type owner = method.DeclaringType!;
        if (!method.IsStatic)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(owner.IsValueType ? OpCodes.Unbox : OpCodes.Castclass, owner);
        }

        for (int i = 0; i < parameters.Length; i++)
        {
            Type type = parameters[i].ParameterType;
            bool byRef = type.IsByRef;
            Type value = byRef ? type.GetElementType()! : type;
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Ldelem_Ref);
            if (value.IsByRefLike && value.IsGenericType)
            {
                // Span<T>(T[]) or ReadOnlySpan<T>(T[]).
                Type array = value.GetGenericArguments()[0].MakeArrayType();
                il.Emit(OpCodes.Castclass, array);
                il.Emit(OpCodes.Newobj, value.GetConstructor(new[] { array })!);
            }
            else if (value.IsPointer)
            {
                il.Emit(OpCodes.Unbox_Any, typeof(IntPtr));
            }
            else
            {
                il.Emit(value.IsValueType ? OpCodes.Unbox_Any : OpCodes.Castclass, value);
            }

            if (byRef)
            {
                LocalBuilder local = il.DeclareLocal(value);
                il.Emit(OpCodes.Stloc, local);
                il.Emit(OpCodes.Ldloca, local);
            }
        }

        il.Emit(method.IsStatic || owner.IsValueType ? OpCodes.Call : OpCodes.Callvirt, method);
        Type returns = method.ReturnType;
        if (returns == typeof(void))
        {
            il.Emit(OpCodes.Ldnull);
        }
        else if (returns.IsPointer)
        {
            il.Emit(OpCodes.Box, typeof(IntPtr));
        }
        else if (returns.IsValueType)
        {
            il.Emit(OpCodes.Box, returns);
        }

        il.Emit(OpCodes.Ret);
        var call = (Func<object?, object?[], object?>)dynamic.CreateDelegate(typeof(Func<object?, object?[], object?>));
        return (target, arguments) =>
        {
            object?[] given = new object?[arguments.Length];
            for (int i = 0; i < arguments.Length; i++)
            {
                given[i] = arguments[i] is Pointer pointer ? Address(pointer) : arguments[i];
            }

            return call(target, given);
        };
    }

    private static unsafe IntPtr Address(Pointer pointer) => (IntPtr)Pointer.Unbox(pointer);
}
