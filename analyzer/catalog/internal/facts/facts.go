// Package facts is the on-disk form of the catalog: one JSON file per Kafka
// version, written by gencatalog -extract from apache/kafka's sources, and
// the renderer that turns those files into catalog_gen.go.
//
// The JSON files hold facts read from Kafka (key names, types, defaults,
// validators, the first sentence of each doc string), never Kafka's code.
// Keeping rendering here, outside the generator's main package, lets the
// catalog's own test regenerate the table in memory and compare.
package facts

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// File is the facts of one Kafka version.
type File struct {
	// Version is the release line, "3.7".
	Version string `json:"version"`
	// Commit is the full apache/kafka commit the facts were read from.
	Commit string `json:"commit"`
	// Ref says how that commit was chosen (release tag or version-bump commit).
	Ref string `json:"ref"`
	// Keys is sorted by name.
	Keys []Key `json:"keys"`
}

// Key is one configuration key of one version, merged over every ConfigDef
// that defines it.
type Key struct {
	Name            string   `json:"name"`
	Type            string   `json:"type"` // ConfigDef.Type, lower case
	Default         string   `json:"default,omitempty"`
	HasDefault      bool     `json:"hasDefault,omitempty"`
	Valid           []string `json:"valid,omitempty"`
	ValidPrefixes   []string `json:"validPrefixes,omitempty"`
	CaseInsensitive bool     `json:"caseInsensitive,omitempty"`
	Min             *float64 `json:"min,omitempty"`
	Max             *float64 `json:"max,omitempty"`
	Importance      string   `json:"importance"`
	// Clients names the ConfigDefs that define the key: consumer, producer,
	// admin, streams, connector, sink, source, worker.
	Clients    []string `json:"clients"`
	Deprecated string   `json:"deprecated,omitempty"`
	Sensitive  bool     `json:"sensitive,omitempty"`
	Doc        string   `json:"doc,omitempty"`
	// Sources are the repository paths of the Java files that define the key.
	Sources []string `json:"sources"`
	// Variants are other clients' definitions of the same name whose type or
	// default differ from the one above.
	Variants []Variant `json:"variants,omitempty"`
}

// Variant is a differing definition of a key by some clients.
type Variant struct {
	Clients    []string `json:"clients"`
	Type       string   `json:"type"`
	Default    string   `json:"default,omitempty"`
	HasDefault bool     `json:"hasDefault,omitempty"`
	Deprecated string   `json:"deprecated,omitempty"`
}

// ClientNames lists the client names in bit order of catalog.Client.
var ClientNames = []string{"consumer", "producer", "admin", "streams", "connector", "worker", "sink", "source"}

// Load reads every <version>.json in dir, oldest version first.
func Load(dir string) ([]*File, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	var files []*File
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		f := new(File)
		if err := json.Unmarshal(b, f); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if filepath.Base(p) != f.Version+".json" {
			return nil, fmt.Errorf("%s: holds version %s", p, f.Version)
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no facts in %s", dir)
	}
	slices.SortFunc(files, func(a, b *File) int { return CompareVersions(a.Version, b.Version) })
	return files, nil
}

// Marshal renders f as stable, diff-friendly JSON: one key per line.
func Marshal(f *File) ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "{\n\"version\": %q,\n\"commit\": %q,\n\"ref\": %s,\n\"keys\": [\n", f.Version, f.Commit, jsonString(f.Ref))
	for i, k := range f.Keys {
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		if i < len(f.Keys)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("]\n}\n")
	return []byte(b.String()), nil
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// CompareVersions orders "MAJOR.MINOR" strings numerically.
func CompareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := range min(len(pa), len(pb)) {
		x, _ := strconv.Atoi(pa[i])
		y, _ := strconv.Atoi(pb[i])
		if x != y {
			return x - y
		}
	}
	return len(pa) - len(pb)
}
