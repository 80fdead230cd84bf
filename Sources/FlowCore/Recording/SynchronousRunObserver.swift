/// A `RunObserver` the engine calls synchronously, inside the emitting of each event, before it goes on:
/// for the state store, whose `item_finished` must be committed before the engine counts the element
/// done (the queued observers — run log, console — are called later, from the emitter's queue).
///
/// Calls may come from concurrent tasks (elements of a `for_each` run at once); the observer serialises
/// them itself. Events arrive already masked.
public protocol SynchronousRunObserver: RunObserver {
    func recordSynchronously(_ event: RunEvent)
}

extension SynchronousRunObserver {
    public func record(_ event: RunEvent) async { recordSynchronously(event) }
}
