// The run lifecycle as a library: see docs/architecture.md.
