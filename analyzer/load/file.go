package load

import "fmt"

// Pos is a 1-based position in a file. Col counts Unicode code points.
// The zero Pos means "no position".
type Pos struct {
	Line int
	Col  int
}

// String renders p as "line:col".
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// IsValid reports whether p names a position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Before reports whether p comes before q.
func (p Pos) Before(q Pos) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Col < q.Col
}

// Dialect is the syntax a configuration file is written in.
type Dialect uint8

// The dialects kafkalint reads.
const (
	// Properties is java.util.Properties syntax, as read by the Java client,
	// Kafka's command-line tools and Kafka Connect.
	Properties Dialect = iota + 1
)

var dialectNames = map[Dialect]string{Properties: "properties"}

// String returns the dialect's lower-case name.
func (d Dialect) String() string {
	if s, ok := dialectNames[d]; ok {
		return s
	}
	return fmt.Sprintf("Dialect(%d)", d)
}

// Entry is one key/value occurrence. A key set twice yields two entries, in
// file order.
type Entry struct {
	Key   string // decoded: escapes resolved
	Value string // decoded, untrimmed, exactly as java.util.Properties returns it
	// KeyPos is the first character of the key; KeyEnd is just past its last
	// character. ValuePos is the first character of the value (after the
	// separator); for an empty value it is where the value would start.
	// ValueEnd is just past the value's last character.
	KeyPos, KeyEnd, ValuePos, ValueEnd Pos
}

// Comment is one comment with its position. Text excludes the comment marker
// and surrounding white space.
type Comment struct {
	Text string
	Pos  Pos // the comment marker (# or !)
	// Trailing is true when the comment follows a value on the same line
	// (YAML, TOML). java.util.Properties has no trailing comments.
	Trailing bool
}

// File is one parsed configuration file.
type File struct {
	Path     string
	Dialect  Dialect
	Entries  []Entry
	Comments []Comment
	// BOM is true when the file starts with a UTF-8 byte-order mark. The
	// loader strips it; java.util.Properties does not (see analyzer rules).
	BOM bool
	// Lines holds the file's lines without terminators, for snippets.
	Lines []string
}

// PosError is an input error at a position in a file. Line 1, column 1 is
// used for errors about the whole file.
type PosError struct {
	Path string
	Pos  Pos
	Err  error
}

func (e *PosError) Error() string {
	if !e.Pos.IsValid() {
		return fmt.Sprintf("%s: %v", e.Path, e.Err)
	}
	return fmt.Sprintf("%s:%d:%d: %v", e.Path, e.Pos.Line, e.Pos.Col, e.Err)
}

func (e *PosError) Unwrap() error { return e.Err }
