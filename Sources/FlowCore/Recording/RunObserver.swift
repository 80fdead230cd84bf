/// Something that follows a run's events as they happen: the run log, the console, the state store.
///
/// The engine awaits `record` before it goes on, so an observer sees the events of one step in order;
/// events of concurrent `for_each` elements may interleave. Events arrive already masked.
public protocol RunObserver: Sendable {
    func record(_ event: RunEvent) async
}
