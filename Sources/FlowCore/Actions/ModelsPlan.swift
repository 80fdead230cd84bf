/// An action that takes part in the plan's model of its own changes (`havenflow plan`, docs/actions.md).
/// Under a dry run the engine calls `run` as usual, with `context.dryRun` set, instead of printing its
/// request and inventing placeholder outputs: the action must change nothing, report each change it would
/// make with `context.planned`, and answer reads of what earlier steps planned (a planned create exists,
/// a planned delete is gone) from the model it shares with the other actions of its pack.
public protocol ModelsPlan: Action {}
