using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncSys.Analyzers;

/// <summary>
/// ASYS1001: a local set once from a switch expression or <c>?:</c> whose arms are calls and constants
/// (<c>int rc = mode switch { Data =&gt; fdatasync(fd), Full =&gt; fsync(fd), _ =&gt; 0 };</c>). The flow keeps the paths
/// through the constant arms apart; a test the constants cannot pass (<c>if (rc != 0)</c>) is never reached on them, so
/// what happened only there (an await before the switch, with no call after it) does not make the read in that branch stale.
/// </summary>
/// <remarks>
/// One such local per function (the first), set only by its declaration: any other write, <c>ref</c> or <c>out</c>
/// use leaves the function to the plain flow. Paths are told apart by the local's value only where the value is a
/// constant written in the arm; nothing else about values is followed.
/// </remarks>
internal sealed class ConstantArms
{
    private readonly ILocalSymbol _local;
    private readonly HashSet<SyntaxNode> _arms;
    private readonly HashSet<SyntaxNode> _constantArms;
    private readonly List<long> _constants;

    private ConstantArms(ILocalSymbol local, HashSet<SyntaxNode> arms, HashSet<SyntaxNode> constantArms, List<long> constants)
    {
        _local = local;
        _arms = arms;
        _constantArms = constantArms;
        _constants = constants;
    }

    /// <summary>The first such local of the body, or null (most bodies: one pass over their operations, no allocation).</summary>
    public static ConstantArms? Find(FunctionBody body)
    {
        foreach (IOperation operation in body.Operations)
        {
            if (operation is not IVariableDeclaratorOperation { Initializer.Value: { } value } declarator)
            {
                continue;
            }

            value = Unwrap(value);
            HashSet<SyntaxNode>? arms = null, constantArms = null;
            List<long>? constants = null;
            if (value is ISwitchExpressionOperation switchExpression)
            {
                foreach (ISwitchExpressionArmOperation arm in switchExpression.Arms)
                {
                    Add(arm.Value, ref arms, ref constantArms, ref constants);
                }
            }
            else if (value is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
            {
                Add(conditional.WhenTrue, ref arms, ref constantArms, ref constants);
                Add(whenFalse, ref arms, ref constantArms, ref constants);
            }

            if (constants is not null && arms!.Count > constantArms!.Count && OnlySetByDeclaration(body, declarator.Symbol))
            {
                return new ConstantArms(declarator.Symbol, arms, constantArms, constants);
            }
        }

        return null;
    }

    /// <summary>Whether the syntax is the value of one of the local's arms (what the graph captures for each).</summary>
    public bool IsArm(SyntaxNode syntax) => _arms.Contains(syntax);

    /// <summary>Whether the syntax is the value of a constant arm.</summary>
    public bool IsConstantArm(SyntaxNode syntax) => _constantArms.Contains(syntax);

    /// <summary>
    /// Whether the branch where <paramref name="condition"/> is <paramref name="value"/> is out of reach for every
    /// constant the arms give the local: <c>rc != 0</c> true after <c>_ =&gt; 0</c>.
    /// </summary>
    public bool RulesOut(IOperation condition, bool value)
    {
        condition = Unwrap(condition);
        if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            return RulesOut(not.Operand, !value);
        }

        if (condition is not IBinaryOperation binary)
        {
            return false;
        }

        BinaryOperatorKind op = binary.OperatorKind;
        IOperation left = Unwrap(binary.LeftOperand), right = Unwrap(binary.RightOperand);
        if (!IsLocal(left))
        {
            (left, right) = (right, left);
            op = op switch
            {
                BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
                BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
                BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
                _ => op,
            };
        }

        if (!IsLocal(left) || !IntegerConstant(right, out long c))
        {
            return false;
        }

        foreach (long k in _constants)
        {
            bool? holds = op switch
            {
                BinaryOperatorKind.Equals => k == c,
                BinaryOperatorKind.NotEquals => k != c,
                BinaryOperatorKind.LessThan => k < c,
                BinaryOperatorKind.LessThanOrEqual => k <= c,
                BinaryOperatorKind.GreaterThan => k > c,
                BinaryOperatorKind.GreaterThanOrEqual => k >= c,
                _ => null,
            };
            if (holds is null || holds == value)
            {
                return false;
            }
        }

        return true;
    }

    private bool IsLocal(IOperation operation) =>
        operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, _local);

    private static void Add(IOperation arm, ref HashSet<SyntaxNode>? arms, ref HashSet<SyntaxNode>? constantArms, ref List<long>? constants)
    {
        (arms ??= new HashSet<SyntaxNode>()).Add(arm.Syntax);
        constantArms ??= new HashSet<SyntaxNode>();
        if (IntegerConstant(arm, out long k))
        {
            constantArms.Add(arm.Syntax);
            (constants ??= new List<long>()).Add(k);
        }
    }

    private static bool IntegerConstant(IOperation operation, out long value)
    {
        value = 0;
        if (operation.ConstantValue is { HasValue: true, Value: sbyte or short or int or long or byte or ushort or uint } constant)
        {
            value = System.Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }

        return false;
    }

    // Set only where declared: not assigned, incremented, or passed by reference anywhere in the body.
    private static bool OnlySetByDeclaration(FunctionBody body, ILocalSymbol local)
    {
        foreach (IOperation operation in body.Operations)
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            IOperation? parent = reference.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            if (reference.IsDeclaration || (parent is IAssignmentOperation assignment && Unwrap(assignment.Target) == reference) ||
                parent is IIncrementOrDecrementOperation or IDeconstructionAssignmentOperation or IAddressOfOperation ||
                (parent is IArgumentOperation argument && argument.Parameter?.RefKind is not (null or RefKind.None or RefKind.In)))
            {
                return false;
            }
        }

        return true;
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }
}
