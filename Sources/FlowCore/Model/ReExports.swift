// Durations (their grammar and renderer) and `RetryPolicy` live in Timing, a leaf module FlowCore shares
// with the client and the sandbox; whoever imports FlowCore sees them as FlowCore's own.
@_exported import Timing
