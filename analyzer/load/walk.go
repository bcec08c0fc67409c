package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Target is a file to lint.
type Target struct {
	Path string
	// Named is true when the path was given explicitly rather than found
	// by walking a directory.
	Named bool
}

// DefaultInclude is the file name pattern picked up when walking a
// directory.
var DefaultInclude = []string{"*.properties"}

// skipDirs are directory names never descended into.
var skipDirs = map[string]bool{"vendor": true, "node_modules": true, "target": true, "build": true}

// errSymlinkLoop is returned (wrapped in a *PosError) for a directory
// symlink that leads back into a directory already being walked.
var errSymlinkLoop = errors.New("directory symlink loop")

// CheckPatterns reports a malformed file name pattern (filepath.Match
// syntax).
func CheckPatterns(patterns []string) error {
	for _, pat := range patterns {
		if _, err := filepath.Match(pat, ""); err != nil {
			return fmt.Errorf("pattern %q: %w", pat, err)
		}
	}
	return nil
}

// Walk expands paths into the files to lint. A file path is taken as is
// (Named); a directory is walked, following symlinks, picking files whose
// base name matches one of include (filepath.Match patterns; "" or none
// means DefaultInclude) and skipping hidden directories, vendor,
// node_modules, target and build. Errors (a missing path, an unreadable
// directory, a symlink loop) name the path; the walk goes on.
func Walk(paths, include []string) ([]Target, []error) {
	if len(include) == 0 {
		include = DefaultInclude
	}
	var (
		out  []Target
		errs []error
		seen = map[string]bool{}
	)
	// add keeps one target per real file: a file reached through a
	// directory symlink, or named twice (./a and a), is linted once, so
	// group rules never see a file as its own twin.
	// id is the file's real path, when the caller knows it already.
	add := func(t Target, id string) {
		if id == "" {
			id = t.Path
			if real, err := filepath.EvalSymlinks(t.Path); err == nil {
				if abs, err := filepath.Abs(real); err == nil {
					id = abs
				}
			}
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, t)
		}
	}
	pathErr := func(p string, err error) error {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is in PosError already
		}
		return &PosError{Path: p, Err: err}
	}
	var walk func(dir string, stack []string)
	walk = func(dir string, stack []string) {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil {
			errs = append(errs, pathErr(dir, err))
			return
		}
		if abs, err := filepath.Abs(real); err == nil {
			real = abs
		}
		if slices.Contains(stack, real) {
			errs = append(errs, &PosError{Path: dir, Err: fmt.Errorf("%w: leads back to %s", errSymlinkLoop, real)})
			return
		}
		stack = append(stack, real)
		entries, err := os.ReadDir(dir)
		if err != nil {
			errs = append(errs, pathErr(dir, err))
			return
		}
		for _, e := range entries {
			name := e.Name()
			p := filepath.Join(dir, name)
			typ := e.Type()
			if typ&fs.ModeSymlink != 0 {
				st, err := os.Stat(p)
				if err != nil {
					errs = append(errs, pathErr(p, fmt.Errorf("broken symlink: %w", err)))
					continue
				}
				typ = st.Mode().Type()
			}
			switch {
			case typ.IsDir():
				if strings.HasPrefix(name, ".") || skipDirs[name] {
					continue
				}
				walk(p, stack)
			case typ.IsRegular() && matchAny(include, name):
				id := filepath.Join(real, name) // real is this directory's resolved path
				if e.Type()&fs.ModeSymlink != 0 {
					id = "" // a symlinked file: resolve it
				}
				add(Target{Path: p}, id)
			}
		}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, pathErr(p, err))
			continue
		}
		if st.IsDir() {
			walk(p, nil)
			continue
		}
		add(Target{Path: p, Named: true}, "")
	}
	return out, errs
}

func matchAny(patterns []string, name string) bool {
	for _, pat := range patterns {
		if ok, _ := filepath.Match(pat, name); ok {
			return true
		}
	}
	return false
}
