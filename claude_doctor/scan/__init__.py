"""`claude-doctor scan`: every Claude API error in large logs, found with a byte-level prefilter and decoded by the
same decoders as `explain`."""
