"""Review: what a change did between two revisions (diff, its rendering, the schemes it re-grades),
and findings written for CI. It imports only the core."""
