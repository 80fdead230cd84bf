// Test doubles the test targets share (not shipped): see docs/testing.md.
