package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"
)

// ErrBinary is returned (wrapped in a *PosError) for a file that holds NUL
// bytes, which no Kafka configuration file does.
var ErrBinary = errors.New("binary file")

// ErrInvalidUTF8 is returned (wrapped in a *PosError) for a file that is not
// valid UTF-8.
var ErrInvalidUTF8 = errors.New("invalid UTF-8")

var bom = []byte{0xEF, 0xBB, 0xBF}

// ReadFile reads and parses the file at path in the given dialect.
func ReadFile(path string, d Dialect) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is in PosError already
		}
		return nil, &PosError{Path: path, Err: err}
	}
	return Parse(path, data, d)
}

// Parse parses data as a file of dialect d. It strips a UTF-8 byte-order mark
// (recording it in File.BOM), folds "\r\n" to "\n", and rejects binary and
// non-UTF-8 input with a *PosError wrapping ErrBinary or ErrInvalidUTF8.
func Parse(path string, data []byte, d Dialect) (*File, error) {
	hasBOM := bytes.HasPrefix(data, bom)
	data = bytes.TrimPrefix(data, bom)
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, &PosError{Path: path, Err: ErrBinary}
	}
	if !utf8.Valid(data) {
		repaired, ok := repairComments(data, d)
		if !ok {
			return nil, &PosError{Path: path, Pos: firstInvalid(data), Err: ErrInvalidUTF8}
		}
		data = repaired
	}
	src := string(data)
	if strings.Contains(src, "\r\n") {
		src = strings.ReplaceAll(src, "\r\n", "\n")
	}
	var f *File
	var err error
	switch d {
	case Properties:
		f, err = ParseProperties(path, src)
	default:
		return nil, &PosError{Path: path, Err: fmt.Errorf("unsupported dialect %v", d)}
	}
	if err != nil {
		return nil, err
	}
	f.BOM = hasBOM
	f.Lines = splitLines(src)
	return f, nil
}

// splitLines splits s at "\n" and at lone "\r" (both end a line for
// java.util.Properties), dropping the terminators.
func splitLines(s string) []string {
	lines := make([]string, 0, strings.Count(s, "\n")+1)
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || s[i] == '\r' {
			lines = append(lines, s[start:i])
			start = i + 1
		}
	}
	if start < len(s) {
		lines = append(lines, s[start:])
	}
	return lines
}

// repairComments replaces invalid UTF-8 with U+FFFD when it occurs only in
// comment lines of a .properties file: the Java client reads such files as
// ISO-8859-1 and skips comments, so a GBK or Latin-1 comment is harmless and
// the file is linted. Invalid UTF-8 in a key or value is an input error.
func repairComments(data []byte, d Dialect) ([]byte, bool) {
	if d != Properties {
		return data, false
	}
	out := make([]byte, 0, len(data))
	continued := false // the previous line ends in an odd run of backslashes
	for len(data) > 0 {
		// A line ends at "\n" or at "\r", as java.util.Properties reads it.
		end := bytes.IndexAny(data, "\r\n")
		if end < 0 {
			end = len(data)
		} else {
			end++
		}
		line := data[:end]
		data = data[end:]
		body := bytes.TrimRight(line, "\r\n")
		t := bytes.TrimLeft(body, " \t\f")
		comment := !continued && len(t) > 0 && (t[0] == '#' || t[0] == '!')
		if !utf8.Valid(line) {
			if !comment {
				return nil, false
			}
			line = bytes.ToValidUTF8(line, []byte("\uFFFD"))
		}
		out = append(out, line...)
		if comment {
			continued = false // comment lines are never continued
		} else {
			n := len(body) - len(bytes.TrimRight(body, "\\"))
			continued = n%2 == 1
		}
	}
	return out, true
}

func firstInvalid(data []byte) Pos {
	p := Pos{Line: 1, Col: 1}
	for len(data) > 0 {
		r, w := utf8.DecodeRune(data)
		if r == utf8.RuneError && w <= 1 {
			return p
		}
		if r == '\n' {
			p.Line++
			p.Col = 1
		} else {
			p.Col++
		}
		data = data[w:]
	}
	return p
}
