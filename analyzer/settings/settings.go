// Package settings reads kafkalint's own settings file, .kafkalint.toml,
// and resolves the settings that apply to each linted configuration file.
//
// A settings file is found by walking up from each linted file's directory
// to the repository root (the first directory holding .git) or the
// filesystem root; --config names one explicitly. Globs in [[files]]
// sections are matched against paths relative to the settings file's
// directory, with "**" matching any number of directories.
package settings

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/catalog"
)

// FileName is the settings file kafkalint looks for.
const FileName = ".kafkalint.toml"

// Settings is one parsed .kafkalint.toml.
type Settings struct {
	// Path is the settings file; Dir its directory.
	Path, Dir string
	raw       raw
	globs     []*regexp.Regexp
}

// Duration is a TOML string such as "750ms" or "2m".
type Duration struct{ time.Duration }

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil || v <= 0 {
		return fmt.Errorf("duration %q: want a positive duration such as 750ms or 2m", b)
	}
	d.Duration = v
	return nil
}

type raw struct {
	ClientVersion catalog.Version              `toml:"client-version"`
	FailOn        analyzer.Severity            `toml:"fail-on"`
	Include       []string                     `toml:"include"`
	Disable       []string                     `toml:"disable"`
	Enable        []string                     `toml:"enable"`
	Severity      map[string]analyzer.Severity `toml:"severity"`
	Broker        struct {
		GroupMinSessionTimeoutMs int64 `toml:"group-min-session-timeout-ms"`
		GroupMaxSessionTimeoutMs int64 `toml:"group-max-session-timeout-ms"`
		TransactionMaxTimeoutMs  int64 `toml:"transaction-max-timeout-ms"`
	} `toml:"broker"`
	Files []fileSection `toml:"files"`
}

type fileSection struct {
	Glob                string                       `toml:"glob"`
	Role                analyzer.Role                `toml:"role"`
	ClientVersion       catalog.Version              `toml:"client-version"`
	ProcessingTime      Duration                     `toml:"processing-time"`
	BatchProcessingTime Duration                     `toml:"batch-processing-time"`
	Disable             []string                     `toml:"disable"`
	Enable              []string                     `toml:"enable"`
	Severity            map[string]analyzer.Severity `toml:"severity"`
}

// Parse parses the settings file at path holding data. known reports
// whether a rule ID or name exists; rules named in disable, enable or
// severity must. Errors name the file and, where TOML reports one, the
// line.
func Parse(path string, data []byte, known func(string) bool) (*Settings, error) {
	s := &Settings{Path: path, Dir: filepath.Dir(path)}
	if abs, err := filepath.Abs(s.Dir); err == nil {
		s.Dir = abs
	}
	md, err := toml.Decode(string(data), &s.raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", path, pe.Position.Line, pe.Message)
		}
		// Type errors come as "toml: line N (last key "k"): …".
		if m := decodeErr.FindStringSubmatch(err.Error()); m != nil {
			return nil, fmt.Errorf("%s:%s: %s: %s", path, m[1], m[2], m[3])
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		return nil, fmt.Errorf("%s:%d: unknown setting %q; see `kafkalint init` for the accepted settings", path, lineOf(data, k[len(k)-1]), k.String())
	}
	check := func(where string, names []string) error {
		for _, n := range names {
			if known != nil && !known(n) {
				return fmt.Errorf("%s:%d: %s names unknown rule %q", path, lineOf(data, n), where, n)
			}
		}
		return nil
	}
	sevNames := func(m map[string]analyzer.Severity) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		return out
	}
	if err := errors.Join(check("disable", s.raw.Disable), check("enable", s.raw.Enable), check("severity", sevNames(s.raw.Severity))); err != nil {
		return nil, err
	}
	for _, f := range s.raw.Files {
		if f.Glob == "" {
			return nil, fmt.Errorf("%s:%d: a [[files]] section needs a glob", path, lineOf(data, "[[files]]"))
		}
		if err := errors.Join(check("disable", f.Disable), check("enable", f.Enable), check("severity", sevNames(f.Severity))); err != nil {
			return nil, err
		}
		re, err := globRegexp(f.Glob)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: glob %q: %w", path, lineOf(data, f.Glob), f.Glob, err)
		}
		s.globs = append(s.globs, re)
	}
	return s, nil
}

// decodeErr matches the type errors of github.com/BurntSushi/toml.
var decodeErr = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// lineOf returns the first line of data that mentions s, or 1.
func lineOf(data []byte, s string) int {
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, s) {
			return i + 1
		}
	}
	return 1
}

// globRegexp compiles a glob where "*" matches within one path element,
// "**/" any number of directories and "?" one character.
func globRegexp(glob string) (*regexp.Regexp, error) {
	if _, err := path.Match(strings.ReplaceAll(glob, "**", "*"), ""); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(glob); i++ {
		c := glob[i]
		switch {
		case strings.HasPrefix(glob[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(glob[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// FailOn returns the fail-on threshold the file sets, or 0.
func (s *Settings) FailOn() analyzer.Severity { return s.raw.FailOn }

// Include returns the file name patterns the file sets, or nil.
func (s *Settings) Include() []string { return s.raw.Include }

// For returns the settings for the configuration file at p. A glob
// matches p relative to the settings file's directory; later [[files]]
// sections win over earlier ones.
func (s *Settings) For(p string) analyzer.FileSettings {
	fs := analyzer.FileSettings{
		Source:   s.Path,
		Version:  s.raw.ClientVersion,
		Disabled: s.raw.Disable,
		Enabled:  s.raw.Enable,
		Severity: map[string]analyzer.Severity{},
		Broker: analyzer.Broker{
			GroupMinSessionTimeout: time.Duration(s.raw.Broker.GroupMinSessionTimeoutMs) * time.Millisecond,
			GroupMaxSessionTimeout: time.Duration(s.raw.Broker.GroupMaxSessionTimeoutMs) * time.Millisecond,
			TransactionMaxTimeout:  time.Duration(s.raw.Broker.TransactionMaxTimeoutMs) * time.Millisecond,
		}.WithDefaults(),
	}
	for k, v := range s.raw.Severity {
		fs.Severity[k] = v
	}
	rel, err := filepath.Rel(s.Dir, p)
	if err != nil {
		rel = p
	}
	rel = filepath.ToSlash(rel)
	for i, f := range s.raw.Files {
		if !s.globs[i].MatchString(rel) {
			continue
		}
		if f.Role != 0 {
			fs.Role = f.Role
		}
		if f.ClientVersion != (catalog.Version{}) {
			fs.Version = f.ClientVersion
		}
		if f.ProcessingTime.Duration != 0 {
			fs.ProcessingTime = f.ProcessingTime.Duration
		}
		if f.BatchProcessingTime.Duration != 0 {
			fs.BatchProcessingTime = f.BatchProcessingTime.Duration
		}
		fs.Disabled = append(fs.Disabled[:len(fs.Disabled):len(fs.Disabled)], f.Disable...)
		fs.Enabled = append(fs.Enabled[:len(fs.Enabled):len(fs.Enabled)], f.Enable...)
		for k, v := range f.Severity {
			fs.Severity[k] = v
		}
	}
	return fs
}

// Defaults returns the settings used where no settings file applies.
func Defaults() analyzer.FileSettings {
	return analyzer.FileSettings{Broker: analyzer.DefaultBroker()}
}

// Resolver finds and caches the settings file for each linted file. It is
// safe for concurrent use. The zero value is not usable; use NewResolver.
type Resolver struct {
	known    func(string) bool
	explicit *Settings
	mu       sync.Mutex
	byDir    map[string]result
}

type result struct {
	s   *Settings
	err error
}

// NewResolver returns a resolver. If explicit is non-empty it names the
// one settings file used for every linted file (--config); otherwise each
// file's settings are found by walking up from its directory.
func NewResolver(explicit string, known func(string) bool) (*Resolver, error) {
	r := &Resolver{known: known, byDir: map[string]result{}}
	if explicit != "" {
		s, err := ReadFile(explicit, known)
		if err != nil {
			return nil, err
		}
		r.explicit = s
	}
	return r, nil
}

// ReadFile reads and parses a settings file.
func ReadFile(p string, known func(string) bool) (*Settings, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return Parse(p, data, known)
}

// Find returns the settings file that applies to the file at p, or nil.
func (r *Resolver) Find(p string) (*Settings, error) {
	if r.explicit != nil {
		return r.explicit, nil
	}
	dir, err := filepath.Abs(filepath.Dir(p))
	if err != nil {
		return nil, err
	}
	return r.find(dir)
}

func (r *Resolver) find(dir string) (*Settings, error) {
	r.mu.Lock()
	res, ok := r.byDir[dir]
	r.mu.Unlock()
	if ok {
		return res.s, res.err
	}
	cand := filepath.Join(dir, FileName)
	switch _, err := os.Stat(cand); {
	case err == nil:
		res.s, res.err = ReadFile(cand, r.known)
	case isRepoRoot(dir) || filepath.Dir(dir) == dir:
	default:
		res.s, res.err = r.find(filepath.Dir(dir))
	}
	r.mu.Lock()
	r.byDir[dir] = res
	r.mu.Unlock()
	return res.s, res.err
}

func isRepoRoot(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, ".git"))
	return err == nil
}

// For resolves the settings of the file at p; it has the signature of
// analyzer.Options.Settings.
func (r *Resolver) For(p string) (analyzer.FileSettings, error) {
	s, err := r.Find(p)
	if err != nil {
		return analyzer.FileSettings{}, err
	}
	if s == nil {
		return Defaults(), nil
	}
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return s.For(p), nil
}
