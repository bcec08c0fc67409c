package main

// Exit codes. When both apply, exitError wins over exitFindings.
const (
	// exitClean: no finding at or above the fail threshold, no error.
	exitClean = 0
	// exitFindings: at least one finding at or above --fail-on.
	exitFindings = 1
	// exitError: a usage error, an unreadable or malformed input file or
	// settings file.
	exitError = 2
)
