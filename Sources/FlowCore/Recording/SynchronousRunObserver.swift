/// A `RunObserver` the engine calls synchronously, inside the emitting of each event, before it goes on:
/// for the state store, whose records must be committed before the engine counts a step or an element
/// done (the queued observers — run log, console — are called later, from the emitter's queue). An
/// element that did not run changed nothing; the store may write its record later.
///
/// Calls may come from concurrent tasks (elements of a `for_each` run at once); the observer serialises
/// them itself. Events arrive already masked.
public protocol SynchronousRunObserver: RunObserver {
    func recordSynchronously(_ event: RunEvent)

    /// Records `event` and returns once it is durable. The engine calls it for `item_finished` from
    /// the element's own task, so the elements finishing together may share one commit; by default it
    /// is `recordSynchronously`.
    func recordDurably(_ event: RunEvent) async
}

extension SynchronousRunObserver {
    public func record(_ event: RunEvent) async { recordSynchronously(event) }

    public func recordDurably(_ event: RunEvent) async { recordSynchronously(event) }
}
