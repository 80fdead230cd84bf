// HavenClient: see issue.
