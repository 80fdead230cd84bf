// HavenActions: see issue.
