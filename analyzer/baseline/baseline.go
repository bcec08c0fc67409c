// Package baseline records the findings a project accepts today, so that a
// later run reports only new ones: the way to adopt kafkalint on a
// repository that already has findings.
//
// # Identity
//
// A finding is identified by its rule ID, its path (slash-separated,
// relative to the directory kafkalint runs in) and its configuration key
// (analyzer.Finding.Key), never by its line or column: inserting or
// deleting lines elsewhere in a file does not turn an old finding into a
// new one. The message is not part of the identity either, because it
// carries values and Kafka versions that change without the problem
// changing (a misspelled key is the same problem after its value is
// edited), and because rewording a message in a new kafkalint release
// must not resurrect a whole baseline. Findings without a key (about a
// whole file, or about a suppression comment) share the identity of their
// rule and file; each entry therefore carries a count, and a run matches
// at most that many findings to it. The findings past the count, in file
// order, are new.
//
// The consequence is deliberate: a second finding of an accepted rule on
// an accepted key of the same file is absorbed while the count allows,
// which for keyed rules means never (one finding per rule and key), and a
// baselined key that is renamed is new.
//
// # File format
//
// The file is JSON with a version (see [Version]); entries are sorted by
// path, rule and key so it diffs well in review:
//
//	{
//	  "version": 1,
//	  "tool": "kafkalint",
//	  "findings": [
//	    {"path": "services/orders/consumer.properties", "rule": "KL401", "name": "unknown-key",
//	     "key": "max.poll.interval", "count": 1, "message": "…"}
//	  ]
//	}
//
// "name" and "message" are for the reader; only path, rule, key and count
// are matched. Messages never hold secrets (see analyzer.Finding).
package baseline

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer"
)

// Version is the version of the file format. A file of another version is
// rejected with ErrVersion.
const Version = 1

// ErrVersion is returned by Read for a baseline of an unknown version.
var ErrVersion = errors.New("unsupported baseline version")

// Baseline is a set of accepted findings.
type Baseline struct {
	Version  int     `json:"version"`
	Tool     string  `json:"tool"`
	Findings []Entry `json:"findings"`
}

// Entry is one accepted identity and how many findings it covers.
type Entry struct {
	Path    string `json:"path"`
	Rule    string `json:"rule"`
	Name    string `json:"name"`
	Key     string `json:"key"`
	Count   int    `json:"count"`
	Message string `json:"message"`
}

type identity struct{ path, rule, key string }

func (e Entry) id() identity { return identity{e.Path, e.Rule, e.Key} }

func idOf(f analyzer.Finding, root string) identity {
	return identity{Path(f.Path, root), f.Rule.ID, f.Key}
}

// Path returns p as kafkalint identifies files in baselines and SARIF:
// slash-separated and relative to root. A relative p is taken as relative
// to root already and only cleaned; an absolute p under root is made
// relative. Other paths (absolute outside root, or root empty) stay
// absolute, slash-separated.
func Path(p, root string) string {
	p = filepath.Clean(p)
	if filepath.IsAbs(p) && root != "" {
		if rel, err := filepath.Rel(root, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			p = rel
		}
	}
	return filepath.ToSlash(p)
}

// Fingerprint returns a stable hash of f's identity (rule ID, Path(f.Path,
// root) and key), the same identity a baseline matches on. SARIF's
// partialFingerprints use it.
func Fingerprint(f analyzer.Finding, root string) string {
	id := idOf(f, root)
	h := sha256.Sum256([]byte("kafkalint/v1\x00" + id.rule + "\x00" + id.path + "\x00" + id.key))
	return hex.EncodeToString(h[:16])
}

// New records findings, with paths relative to root (see Path).
func New(findings []analyzer.Finding, root string) *Baseline {
	b := &Baseline{Version: Version, Tool: "kafkalint", Findings: []Entry{}}
	index := map[identity]int{}
	for _, f := range findings {
		id := idOf(f, root)
		if i, ok := index[id]; ok {
			b.Findings[i].Count++
			continue
		}
		index[id] = len(b.Findings)
		b.Findings = append(b.Findings, Entry{Path: id.path, Rule: id.rule, Name: f.Rule.Name, Key: id.key, Count: 1, Message: f.Message})
	}
	slices.SortFunc(b.Findings, func(x, y Entry) int {
		return cmp.Or(cmp.Compare(x.Path, y.Path), cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Key, y.Key))
	})
	return b
}

// Write writes b as indented JSON.
func (b *Baseline) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}

// Read parses a baseline. Unknown fields are rejected so that a file from
// a newer, incompatible kafkalint is not silently misread.
func Read(r io.Reader) (*Baseline, error) {
	var head struct {
		Version int `json:"version"`
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("decode baseline: %w", err)
	}
	if head.Version != Version {
		return nil, fmt.Errorf("%w %d: this kafkalint reads version %d (rewrite it with --write-baseline)", ErrVersion, head.Version, Version)
	}
	var b Baseline
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("decode baseline: %w", err)
	}
	for i, e := range b.Findings {
		if e.Path == "" || e.Rule == "" || e.Count < 1 {
			return nil, fmt.Errorf("baseline finding %d: want a path, a rule and a count of at least 1", i+1)
		}
	}
	return &b, nil
}

// Filter returns the findings b does not cover, in their order; matched
// counts the findings it covers and stale the recorded findings nothing
// matched any more (fixed since b was written). Findings are matched in
// order, so with a count of n the first n findings of an identity are
// covered and later ones are new.
func (b *Baseline) Filter(findings []analyzer.Finding, root string) (fresh []analyzer.Finding, matched, stale int) {
	left := map[identity]int{}
	for _, e := range b.Findings {
		left[e.id()] += e.Count
	}
	for _, f := range findings {
		id := idOf(f, root)
		if left[id] > 0 {
			left[id]--
			matched++
			continue
		}
		fresh = append(fresh, f)
	}
	for _, n := range left {
		stale += n
	}
	return fresh, matched, stale
}
