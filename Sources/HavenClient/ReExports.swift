// `RetryPolicy` and the duration renderer live in Timing, a leaf module HavenClient shares with
// FlowCore; whoever imports HavenClient configures retries without importing Timing.
@_exported import Timing
