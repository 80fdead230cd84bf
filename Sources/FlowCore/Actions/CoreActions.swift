/// FlowCore's own actions, which need nothing outside the engine: `log`, `assert`, `sleep`, `fail`.
/// (Contract; the engine work fills in the list.)
public enum CoreActions {
    public static var all: [any Action] { [] }
}
