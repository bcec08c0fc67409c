package load

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The scanner below follows java.util.Properties.load as implemented by
// github.com/magiconair/properties (lex.go). magiconair keeps no positions,
// so kafkalint has its own position-keeping scanner, and the tests and the
// fuzz target FuzzLoadProperties hold its key→value map against
// magiconair's on every input. Where magiconair departs from the JDK (an
// empty key is an error; a backslash before a newline inside a key is kept
// as a newline), the scanner follows magiconair, so the two never disagree.
//
// Running magiconair in production as well was measured and rejected: its
// lexer starts a goroutine and sends every token over a channel, which
// doubled the parse time of BenchmarkParseOnly for no added safety once the
// differential fuzzing holds.

const propsWhitespace = " \f\t"

// errEmptyKey is returned for a line that starts with '=' or ':'.
var errEmptyKey = errors.New("empty key: the line starts with a separator")

type propScanner struct {
	src  string
	off  int // byte offset of the next rune
	line int
	col  int
	// position before the last next(), for backup
	prevOff, prevLine, prevCol int
	buf                        strings.Builder
	file                       *File
}

const eof = -1

func (s *propScanner) pos() Pos { return Pos{Line: s.line, Col: s.col} }

func (s *propScanner) next() rune {
	s.prevOff, s.prevLine, s.prevCol = s.off, s.line, s.col
	if s.off >= len(s.src) {
		return eof
	}
	r, w := utf8.DecodeRuneInString(s.src[s.off:])
	s.off += w
	if r == '\n' || r == '\r' {
		s.line++
		s.col = 1
	} else {
		s.col++
	}
	return r
}

func (s *propScanner) backup() { s.off, s.line, s.col = s.prevOff, s.prevLine, s.prevCol }

func (s *propScanner) peek() rune {
	if s.off >= len(s.src) {
		return eof
	}
	r, _ := utf8.DecodeRuneInString(s.src[s.off:])
	return r
}

func (s *propScanner) skipWhitespace() {
	for {
		r := s.peek()
		if r == eof || !strings.ContainsRune(propsWhitespace, r) {
			return
		}
		s.next()
	}
}

func isEOL(r rune) bool { return r == '\n' || r == '\r' }

func (s *propScanner) errorf(p Pos, format string, args ...any) error {
	return &PosError{Path: s.file.Path, Pos: p, Err: fmt.Errorf(format, args...)}
}

// escape decodes the escape sequence after a backslash at p.
func (s *propScanner) escape(p Pos) error {
	r := s.next()
	switch r {
	case eof:
		return s.errorf(p, "backslash at end of file")
	case 'f':
		s.buf.WriteRune('\f')
	case 'n':
		s.buf.WriteRune('\n')
	case 'r':
		s.buf.WriteRune('\r')
	case 't':
		s.buf.WriteRune('\t')
	case 'u':
		var v rune
		for range 4 {
			d := s.next()
			var n rune
			switch {
			case d >= '0' && d <= '9':
				n = d - '0'
			case d >= 'a' && d <= 'f':
				n = d - 'a' + 10
			case d >= 'A' && d <= 'F':
				n = d - 'A' + 10
			default:
				return s.errorf(p, `invalid \u escape: want four hex digits`)
			}
			v = v<<4 | n
		}
		s.buf.WriteRune(v)
	default:
		s.buf.WriteRune(r)
	}
	return nil
}

func (s *propScanner) run() error {
	for {
		r := s.next()
		switch {
		case r == eof:
			return nil
		case isEOL(r), strings.ContainsRune(propsWhitespace, r):
			continue
		case r == '#' || r == '!':
			p := Pos{Line: s.prevLine, Col: s.prevCol}
			start := s.off
			for r := s.peek(); r != eof && !isEOL(r); r = s.peek() {
				s.next()
			}
			s.file.Comments = append(s.file.Comments, Comment{
				Text: strings.TrimSpace(s.src[start:s.off]),
				Pos:  p,
			})
		default:
			s.backup()
			if err := s.entry(); err != nil {
				return err
			}
		}
	}
}

// text accumulates decoded key or value text. Runs of plain characters
// are kept as offsets into the source and copied only when an escape or a
// line continuation forces a decoded copy; a key or value without either
// is a substring of the source, with no allocation.
type text struct {
	s        *propScanner
	from     int  // start of the pending plain run
	lastRune int  // offset just past the last plain rune
	decoded  bool // buf holds the text so far
}

func (t *text) start() {
	t.s.buf.Reset()
	t.from, t.lastRune, t.decoded = t.s.off, t.s.off, false
}

// plain extends the pending run to the rune just read.
func (t *text) plain() { t.lastRune = t.s.off }

// flush copies the pending plain run, which ends at upTo, into buf before
// decoded text is appended.
func (t *text) flush(upTo int) {
	t.s.buf.WriteString(t.s.src[t.from:upTo])
	t.decoded = true
}

func (t *text) resume() { t.from, t.lastRune = t.s.off, t.s.off }

func (t *text) String() string {
	if !t.decoded {
		return t.s.src[t.from:t.lastRune]
	}
	t.s.buf.WriteString(t.s.src[t.from:t.lastRune])
	return t.s.buf.String()
}

func (s *propScanner) entry() error {
	var e Entry
	e.KeyPos = s.pos()
	t := text{s: s}
	t.start()
	atEOF := false
key:
	for {
		p := s.pos()
		r := s.next()
		switch {
		case r == '\\':
			t.flush(s.prevOff)
			if err := s.escape(p); err != nil {
				return err
			}
			t.resume()
		case r == eof:
			atEOF = true
			break key
		case strings.ContainsRune(" \f\t\r\n:=", r):
			s.backup()
			break key
		default:
			t.plain()
		}
	}
	e.KeyEnd = s.pos()
	e.Key = t.String()
	if e.Key == "" {
		if atEOF {
			return nil
		}
		return s.errorf(e.KeyPos, "%w", errEmptyKey)
	}
	if atEOF {
		e.ValuePos, e.ValueEnd = e.KeyEnd, e.KeyEnd
		s.file.Entries = append(s.file.Entries, e)
		return nil
	}
	s.skipWhitespace()
	if r := s.peek(); r == ':' || r == '=' {
		s.next()
	}
	s.skipWhitespace()
	e.ValuePos = s.pos()
	e.ValueEnd = e.ValuePos
	t.start()
	for {
		p := s.pos()
		r := s.next()
		switch {
		case r == '\\':
			t.flush(s.prevOff)
			if isEOL(s.peek()) {
				s.next()
				s.skipWhitespace()
			} else if err := s.escape(p); err != nil {
				return err
			}
			t.resume()
			e.ValueEnd = s.pos()
		case r == eof || isEOL(r):
			e.Value = t.String()
			s.file.Entries = append(s.file.Entries, e)
			return nil
		default:
			t.plain()
			e.ValueEnd = s.pos()
		}
	}
}

// ParseProperties parses src, which must be valid UTF-8 with no byte-order
// mark and with "\r\n" already folded to "\n" (Load does both), as
// java.util.Properties syntax. It returns every entry and comment with its
// position, and an error of type *PosError for malformed input.
func ParseProperties(path, src string) (*File, error) {
	f := &File{Path: path, Dialect: Properties, Entries: make([]Entry, 0, strings.Count(src, "\n")+1)}
	s := &propScanner{src: src, line: 1, col: 1, file: f}
	if err := s.run(); err != nil {
		return nil, err
	}
	return f, nil
}

// Map returns the last value of each key, as java.util.Properties keeps it.
func (f *File) Map() map[string]string {
	m := make(map[string]string, len(f.Entries))
	for _, e := range f.Entries {
		m[e.Key] = e.Value
	}
	return m
}
