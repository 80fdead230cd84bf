import JSONValue

/// A run-time failure inside an expression; `Expression.evaluate` adds the source to it.
struct ExpressionFailure: Error, Sendable {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}

extension ExpressionNode {
    func evaluate(in context: EvaluationContext) throws(ExpressionFailure) -> JSON {
        switch self {
        case .literal(let value):
            return value
        case .context(let name, _):
            return try name.value(in: context)
        case .member, .index, .wildcard:
            return try access(in: context).value
        case .not(let operand):
            return .bool(!(try operand.evaluate(in: context).truthy))
        case .negate(let operand):
            let value = try operand.evaluate(in: context)
            guard case .number(let number) = value else {
                throw ExpressionFailure("'-' needs a number, not \(value.article)")
            }
            return .number(-number)
        case .and(let left, let right):
            let value = try left.evaluate(in: context)
            return value.truthy ? try right.evaluate(in: context) : value
        case .or(let left, let right):
            let value = try left.evaluate(in: context)
            return value.truthy ? value : try right.evaluate(in: context)
        case .binary(let operation, let left, let right):
            return try operation.apply(try left.evaluate(in: context), try right.evaluate(in: context))
        case .call(let call):
            guard let function = call.function else { throw ExpressionFailure("unknown function '\(call.name)'") }
            if let problem = function.arityProblem(call.arguments.count) { throw ExpressionFailure(problem) }
            var arguments: [JSON] = []
            arguments.reserveCapacity(call.arguments.count)
            for argument in call.arguments { arguments.append(try argument.evaluate(in: context)) }
            return try function.call(arguments, anyStepFailed: context.anyStepFailed)
        }
    }

    /// Property access, indexing and `*`. `filtered` is true after a `*`: the accesses that follow apply to
    /// each element, and elements without the property are left out (GitHub's object filters).
    private func access(in context: EvaluationContext) throws(ExpressionFailure) -> (value: JSON, filtered: Bool) {
        switch self {
        case .member(.context(let root, _), let name, _):
            return (try root.member(name, in: context), false)
        case .member(let base, let name, _):
            let (value, filtered) = try base.access(in: context)
            guard filtered, case .array(let elements) = value else { return (try value.property(name), false) }
            return (.array(elements.compactMap { $0[name] }), true)
        case .index(let base, let keyNode):
            let (value, filtered) = try base.access(in: context)
            let key = try keyNode.evaluate(in: context)
            guard filtered, case .array(let elements) = value else { return (try value.element(key), false) }
            return (.array(elements.compactMap { $0.filteredElement(key) }), true)
        case .wildcard(let base):
            let (value, filtered) = try base.access(in: context)
            if filtered, case .array(let elements) = value {
                return (.array(elements.flatMap { $0.wildcardElements ?? [] }), true)
            }
            if value.isNull { return (.null, false) }
            guard let elements = value.wildcardElements else {
                throw ExpressionFailure("'*' needs a list or an object, not \(value.article)")
            }
            return (.array(elements), true)
        default:
            return (try evaluate(in: context), false)
        }
    }
}

extension JSON {
    /// `value.name`: a member of an object (`null` when missing), `null` on `null`, an error otherwise.
    func property(_ name: String) throws(ExpressionFailure) -> JSON {
        switch self {
        case .object(let members): return members[name] ?? .null
        case .null: return .null
        default: throw ExpressionFailure("cannot read the property '\(name)' of \(article)")
        }
    }

    /// `value[key]`: an element of a list by number (`null` out of range), or a property by string.
    func element(_ key: JSON) throws(ExpressionFailure) -> JSON {
        switch key {
        case .string(let name):
            return try property(name)
        case .number(let number):
            switch self {
            case .array(let elements):
                guard number.rounded() == number else {
                    throw ExpressionFailure("a list index must be a whole number, not \(JSON.format(number))")
                }
                guard number >= 0, number < Double(elements.count) else { return .null }
                return elements[Int(number)]
            case .null: return .null
            default: throw ExpressionFailure("cannot index \(article) with a number")
            }
        default:
            throw ExpressionFailure("an index must be a number or a string, not \(key.article)")
        }
    }

    /// `value[key]` for one element after a `*`: `nil` leaves the element out.
    func filteredElement(_ key: JSON) -> JSON? {
        switch key {
        case .string(let name): self[name]
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? self[Int(number)] : nil
        default: nil
        }
    }

    /// The elements `*` yields: a list's elements or an object's values in key order.
    var wildcardElements: [JSON]? {
        switch self {
        case .array(let elements): elements
        case .object(let members): members.keys.sorted().map { members[$0]! }
        default: nil
        }
    }
}

extension ExpressionContext {
    func value(in context: EvaluationContext) throws(ExpressionFailure) -> JSON {
        switch self {
        case .inputs: .object(context.inputs)
        case .vars: .object(context.vars)
        case .env: .object(context.env.mapValues(JSON.string))
        case .secrets: .object(context.secrets.mapValues(JSON.string))
        case .steps: .object(context.steps)
        case .run: .object(context.run)
        case .item: context.item ?? .null
        case .index: context.index.map { .number(Double($0)) } ?? .null
        case .named(let name):
            if name == context.itemAlias {
                context.item ?? .null
            } else {
                throw ExpressionFailure("unknown context '\(name)'")
            }
        }
    }

    /// `context.name` without building the context's object.
    func member(_ name: String, in context: EvaluationContext) throws(ExpressionFailure) -> JSON {
        switch self {
        case .inputs: context.inputs[name] ?? .null
        case .vars: context.vars[name] ?? .null
        case .env: context.env[name].map(JSON.string) ?? .null
        case .secrets: context.secrets[name].map(JSON.string) ?? .null
        case .steps: context.steps[name] ?? .null
        case .run: context.run[name] ?? .null
        case .item, .index, .named: try value(in: context).property(name)
        }
    }
}

extension BinaryOperator {
    func apply(_ left: JSON, _ right: JSON) throws(ExpressionFailure) -> JSON {
        switch self {
        case .equal: return .bool(left.looselyEquals(right))
        case .notEqual: return .bool(!left.looselyEquals(right))
        case .less: return .bool(left.compare(to: right).map { $0 < 0 } ?? false)
        case .lessOrEqual: return .bool(left.compare(to: right).map { $0 <= 0 } ?? false)
        case .greater: return .bool(left.compare(to: right).map { $0 > 0 } ?? false)
        case .greaterOrEqual: return .bool(left.compare(to: right).map { $0 >= 0 } ?? false)
        default: break
        }
        if self == .add, case .string(let a) = left, case .string(let b) = right { return .string(a + b) }
        guard case .number(let a) = left, case .number(let b) = right else {
            let both = self == .add ? "two numbers or two strings" : "numbers"
            throw ExpressionFailure("'\(symbol)' needs \(both), not \(left.article) and \(right.article)")
        }
        switch self {
        case .add: return .number(a + b)
        case .subtract: return .number(a - b)
        case .multiply: return .number(a * b)
        case .divide:
            guard b != 0 else { throw ExpressionFailure("division by zero") }
            return .number(a / b)
        default:
            guard b != 0 else { throw ExpressionFailure("division by zero in '%'") }
            return .number(a.truncatingRemainder(dividingBy: b))
        }
    }
}
