/// A run's events as an `AsyncStream`, for programs that embed the engine:
///
///     let (observer, events) = RunEventStream.make()
///     let engine = Engine(registry: registry, observers: [observer])
///     async let outcome = engine.run(workflow, inputs: [:])
///     for await event in events { … }   // ends after `run_finished`
///
/// The stream buffers without bound and finishes after the `runFinished` event; use one observer per run.
public struct RunEventStream: RunObserver {
    private let continuation: AsyncStream<RunEvent>.Continuation

    /// An observer to give the engine, and the stream of the events it receives.
    public static func make() -> (observer: RunEventStream, events: AsyncStream<RunEvent>) {
        let (stream, continuation) = AsyncStream.makeStream(of: RunEvent.self, bufferingPolicy: .unbounded)
        return (RunEventStream(continuation: continuation), stream)
    }

    public func record(_ event: RunEvent) async {
        continuation.yield(event)
        if case .runFinished = event.kind { continuation.finish() }
    }

    /// Ends the stream early (the engine does not call this; a program that gives up on a run may).
    public func finish() { continuation.finish() }
}
