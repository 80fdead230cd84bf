/// FlowCore's own actions, which need nothing outside the engine: `log`, `assert`, `sleep`, `fail`.
public enum CoreActions {
    public static var all: [any Action] { [LogAction(), AssertAction(), SleepAction(), FailAction()] }
}
