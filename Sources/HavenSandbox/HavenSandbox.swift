// HavenSandbox: see issue.
