package load

import (
	"bytes"
	"errors"
	"fmt"
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
		var ok bool
		if data, ok = repairComments(data, d); !ok {
			return nil, &PosError{Path: path, Pos: firstInvalid(data), Err: ErrInvalidUTF8}
		}
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
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i, line := range lines {
		if utf8.Valid(line) {
			continue
		}
		t := bytes.TrimLeft(line, " \t\f")
		if len(t) == 0 || (t[0] != '#' && t[0] != '!') || bytes.ContainsRune(line, '\r') && !bytes.HasSuffix(bytes.TrimRight(line, "\n"), []byte("\r")) {
			return data, false
		}
		if i > 0 && bytes.HasSuffix(bytes.TrimRight(lines[i-1], "\r\n"), []byte("\\")) {
			return data, false // a continuation line, part of a value
		}
		lines[i] = bytes.ToValidUTF8(line, []byte("\uFFFD"))
	}
	return bytes.Join(lines, nil), true
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
