import Testing

/// The durable-run suites (resume, locks, the kill test), one after another: they start many
/// `havenflow` processes and sandboxes, and the lock test holds a process for minutes.
@Suite(.serialized) enum DurableRuns {}
