namespace DiffLint.Core.Analysis;

/// <summary>
/// Marks a <see cref="PatchRule"/> for DiffLint to find: the built-in rules and those of a rule pack are the marked,
/// non-abstract classes of their assembly (<see cref="RuleDiscovery"/>), each made once with its parameterless
/// constructor. Nothing else lists them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class DiffLintRuleAttribute : Attribute;
