// Package catalog is kafkalint's table of Kafka client configuration keys:
// for each supported Apache Kafka version, every key the Java consumer,
// producer, admin client, Kafka Streams and Kafka Connect define, with type,
// default, validator, importance and deprecation.
//
// The table (catalog_gen.go) is generated from apache/kafka's own ConfigDef
// definitions by internal/gencatalog; run `go generate ./analyzer/catalog`.
// Rules never hard-code a Kafka default: they ask the catalog for the target
// version.
package catalog

//go:generate go run ./internal/gencatalog

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Client is a bit set of the Kafka clients that define a key.
type Client uint8

// The clients whose ConfigDefs the catalog holds.
const (
	Consumer  Client = 1 << iota // ConsumerConfig
	Producer                     // ProducerConfig
	Admin                        // AdminClientConfig
	Streams                      // StreamsConfig
	Connector                    // Connect ConnectorConfig, SinkConnectorConfig, SourceConnectorConfig
	Worker                       // Connect WorkerConfig, DistributedConfig, StandaloneConfig, RestServerConfig
	// Sink and Source narrow Connector: every connector key has Connector,
	// plus Sink and/or Source for the connector kinds that accept it
	// (ConnectorConfig keys have both; SinkConnectorConfig keys such as
	// errors.deadletterqueue.topic.name only Sink).
	Sink
	Source
)

// Type is a ConfigDef.Type.
type Type uint8

// The ConfigDef types (clients/src/main/java/org/apache/kafka/common/config/ConfigDef.java).
const (
	Boolean Type = iota + 1
	String
	Int
	Short
	Long
	Double
	List
	Class
	Password
)

var typeNames = [...]string{"", "boolean", "string", "int", "short", "long", "double", "list", "class", "password"}

// String returns the type name as Kafka's documentation spells it.
func (t Type) String() string {
	if int(t) < len(typeNames) && t != 0 {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", t)
}

// Version is an Apache Kafka release line, such as 3.7.
type Version struct{ Major, Minor int }

// ParseVersion parses "3.7", "3.7.1" or "4.0" (the patch level is ignored).
func ParseVersion(s string) (Version, error) {
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) < 2 || len(parts) > 3 {
		return Version{}, fmt.Errorf("version %q: want MAJOR.MINOR", s)
	}
	maj, err1 := strconv.Atoi(parts[0])
	min, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || maj < 0 || min < 0 {
		return Version{}, fmt.Errorf("version %q: want MAJOR.MINOR", s)
	}
	return Version{maj, min}, nil
}

func (v Version) String() string { return fmt.Sprintf("%d.%d", v.Major, v.Minor) }

// Less reports whether v is older than w.
func (v Version) Less(w Version) bool {
	return v.Major < w.Major || v.Major == w.Major && v.Minor < w.Minor
}

// MarshalText implements encoding.TextMarshaler.
func (v Version) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; it accepts only a
// version the catalog holds.
func (v *Version) UnmarshalText(b []byte) error {
	if floatText.Match(b) {
		// An unquoted TOML number (client-version = 3.7) arrives as the
		// float's text, 3.700000, and 3.10 would read as 3.1.
		return fmt.Errorf("version %s: write it as a quoted string, such as \"3.7\"", strings.TrimRight(strings.TrimRight(string(b), "0"), "."))
	}
	p, err := ParseVersion(string(b))
	if err != nil {
		return err
	}
	if _, ok := tables[p]; !ok {
		return fmt.Errorf("version %s: kafkalint knows %s", p, versionList())
	}
	*v = p
	return nil
}

func versionList() string {
	vs := Versions()
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = v.String()
	}
	return strings.Join(s, ", ")
}

// Versions returns the versions the catalog holds, oldest first.
func Versions() []Version { return append([]Version(nil), versions...) }

// Newest returns the newest version the catalog holds.
func Newest() Version { return versions[len(versions)-1] }

// floatText matches a float rendered with six decimals.
var floatText = regexp.MustCompile(`^\d+\.\d{6}$`)

// Key is one configuration key as a version of Kafka defines it.
type Key struct {
	Name string
	Type Type
	// Default is the default rendered as a properties value ("45000",
	// "true", a comma-separated list of class names); HasDefault is false
	// for ConfigDef.NO_DEFAULT_VALUE and a null default.
	Default    string
	HasDefault bool
	// Valid holds the ValidString/CaseInsensitiveValidString values, if any.
	Valid []string
	// ValidPrefixes holds prefixes that also make a value valid: a value
	// is valid when it is in Valid or starts with one of these and has a
	// non-empty remainder. Kafka 4.0+ auto.offset.reset uses it for
	// "by_duration:" followed by an ISO-8601 duration (KIP-1106,
	// clients/.../consumer/internals/AutoOffsetResetStrategy.java); the
	// remainder's syntax is the rule's business.
	ValidPrefixes []string
	// CaseInsensitive is true for CaseInsensitiveValidString validators.
	CaseInsensitive bool
	// Min and Max bound a numeric key (ConfigDef.Range); nil when open.
	Min, Max *float64
	// Importance is "high", "medium" or "low".
	Importance string
	// Clients is the set of clients that define the key in this version.
	Clients Client
	// Deprecated is non-empty when the key is deprecated in this version: it
	// names the replacement or says why.
	Deprecated string
	// Sensitive is true for PASSWORD keys and for keys that embed
	// credentials (sasl.jaas.config).
	Sensitive bool
	// Doc is the first sentence of the key's documentation.
	Doc string
	// Variants lists the definitions of other clients whose type, default
	// or deprecation differ from the fields above (which come from the
	// first client in the order Consumer, Producer, Admin, Streams,
	// Connector, Worker). Example: session.timeout.ms is 45000 for the
	// consumer and 10000 for a Connect worker.
	Variants []Variant
}

// Variant is another client's definition of a key.
type Variant struct {
	Clients    Client
	Type       Type
	Default    string
	HasDefault bool
	Deprecated string
}

// For returns the definition of k that client uses: the matching variant
// when client has one, k's own fields otherwise.
func (k *Key) For(client Client) (typ Type, def string, hasDefault bool, deprecated string) {
	for _, v := range k.Variants {
		if v.Clients&client != 0 {
			return v.Type, v.Default, v.HasDefault, v.Deprecated
		}
	}
	return k.Type, k.Default, k.HasDefault, k.Deprecated
}

// f returns a pointer to v; the generated table uses it for Min and Max.
func f(v float64) *float64 { return &v }

// keyMap builds a version's key table from indexes into keyDefs.
func keyMap(idx ...int) map[string]*Key {
	m := make(map[string]*Key, len(idx))
	for _, i := range idx {
		m[keyDefs[i].Name] = &keyDefs[i]
	}
	return m
}

// Catalog is the key table of one Kafka version.
type Catalog struct {
	Version Version
	keys    map[string]*Key

	sortOnce sync.Once
	sorted   []*Key // keys by name, built on first use, read-only after
}

// byName returns the keys sorted by name.
func (c *Catalog) byName() []*Key {
	c.sortOnce.Do(func() {
		c.sorted = make([]*Key, 0, len(c.keys))
		for _, k := range c.keys {
			c.sorted = append(c.sorted, k)
		}
		slices.SortFunc(c.sorted, func(a, b *Key) int { return strings.Compare(a.Name, b.Name) })
	})
	return c.sorted
}

// For returns the catalog of version v, or of the nearest older version the
// catalog holds; ok is false when v is older than every version held.
func For(v Version) (c *Catalog, ok bool) {
	var best *Catalog
	for _, w := range versions {
		if w.Less(v) || w == v {
			best = tables[w]
		}
	}
	return best, best != nil
}

// Lookup returns the key named name.
func (c *Catalog) Lookup(name string) (*Key, bool) {
	k, ok := c.keys[name]
	return k, ok
}

// Names returns the names of the keys any of clients defines, sorted.
func (c *Catalog) Names(clients Client) []string {
	var names []string
	for _, k := range c.byName() {
		if k.Clients&clients != 0 {
			names = append(names, k.Name)
		}
	}
	return names
}

// Removal records a key that an older version defined and a newer one
// dropped.
type Removal struct {
	Name        string
	Since       Version // first version without the key
	Clients     Client  // the clients that dropped it then
	Replacement string  // what to use instead, or why it went
	// Inert is true when dropping the key changed nothing: the behaviour it
	// selected became the only one (Connect's internal converters).
	Inert bool
}

// Removed reports whether name was defined for some client by a version
// older than c's and dropped by c's version.
func (c *Catalog) Removed(name string) (Removal, bool) {
	r, ok := removal(name)
	if !ok || c.Version.Less(r.Since) {
		return Removal{}, false
	}
	if _, still := c.keys[name]; still {
		return Removal{}, false
	}
	return r, true
}

// RemovedFor is Removed for one set of clients: it also reports a key that
// other clients still define, such as the Streams-level retries, which
// Kafka 4.0 dropped from StreamsConfig while the producer keeps it.
func (c *Catalog) RemovedFor(name string, clients Client) (Removal, bool) {
	r, ok := removal(name)
	if !ok || r.Clients&clients == 0 || c.Version.Less(r.Since) {
		return Removal{}, false
	}
	if k, still := c.keys[name]; still && k.Clients&clients&r.Clients != 0 {
		return Removal{}, false
	}
	return r, true
}

// Nearest returns the known key that name most likely misspells, among the
// keys any of clients defines (all keys when clients is 0). It tries, in
// order: the name itself; the name with '_' or '-' read as '.' and in lower
// case; a key that only adds a last segment (max.poll.interval →
// max.poll.interval.ms, session.timeout → session.timeout.ms); then the
// key at the smallest Damerau-Levenshtein distance, accepted when the
// distance is at most 1 for names shorter than 10 bytes, 2 below 20 and 3
// otherwise. Ties go to the alphabetically first key. ok is false when
// nothing is close enough.
func (c *Catalog) Nearest(name string, clients Client) (string, bool) {
	if clients == 0 {
		clients = ^Client(0)
	}
	known := func(n string) bool {
		k, ok := c.keys[n]
		return ok && k.Clients&clients != 0
	}
	if known(name) {
		return name, true
	}
	norm := strings.ToLower(strings.NewReplacer("_", ".", "-", ".").Replace(strings.TrimSpace(name)))
	if known(norm) {
		return norm, true
	}
	var suffixed []string
	prefix := norm + "."
	for _, key := range c.byName() {
		if k := key.Name; key.Clients&clients != 0 {
			if rest, ok := strings.CutPrefix(k, prefix); ok && !strings.Contains(rest, ".") {
				suffixed = append(suffixed, k)
			}
		}
	}
	if len(suffixed) > 0 {
		for _, k := range suffixed { // prefer the unit suffixes rules care about
			if strings.HasSuffix(k, ".ms") {
				return k, true
			}
		}
		return suffixed[0], true
	}
	limit := 3
	switch {
	case len(norm) < 10:
		limit = 1
	case len(norm) < 20:
		limit = 2
	}
	best, bestD := "", limit+1
	for _, key := range c.byName() {
		if key.Clients&clients == 0 {
			continue
		}
		if d := osaDistance(norm, key.Name, bestD); d < bestD {
			best, bestD = key.Name, d
		}
	}
	return best, best != ""
}

// osaDistance is the optimal-string-alignment form of the Damerau-
// Levenshtein distance between a and b (adjacent transpositions count as
// one edit). It returns max as soon as the distance must reach it.
func osaDistance(a, b string, max int) int {
	if d := len(a) - len(b); d >= max || -d >= max {
		return max
	}
	// Three rows on the stack for key-sized strings; the rare longer one
	// allocates.
	var buf [3 * 64]int
	rows := buf[:]
	if n := len(b) + 1; 3*n > len(buf) {
		rows = make([]int, 3*n)
	}
	n := len(b) + 1
	prev2, prev, cur := rows[:n], rows[n:2*n], rows[2*n:3*n]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= max {
			return max
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], max)
}

// Redacted replaces secret values in findings and reports.
const Redacted = "<redacted>"

// sensitiveKeys holds the keys some version marks Sensitive, computed once
// from the generated tables (read-only afterwards).
var sensitiveKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range tables {
		for name, k := range c.keys {
			if k.Sensitive {
				m[name] = true
			}
		}
	}
	return m
}()

// Redact returns value, or Redacted when key holds a secret: a key that
// any catalog version marks Sensitive (ConfigDef PASSWORD, sasl.jaas.config),
// or one whose name looks like a credential (*.password, *secret*,
// *token* except URLs, durations and class names, basic.auth.user.info
// as Confluent Schema Registry serdes read it), and any value holding a
// password in a URL. Empty values and
// config-provider references such as ${file:/etc/kafka/secrets:password}
// are returned as they are: they reveal no secret.
func Redact(key, value string) string {
	if strings.TrimSpace(value) == "" || isProviderRef(value) {
		return value
	}
	if sensitive(key) || urlCredentials.MatchString(value) {
		return Redacted
	}
	return value
}

// urlCredentials matches a password in a URL: user:password@host, or a
// password, pwd or secret parameter (JDBC and HTTP URLs in connector
// configs).
var urlCredentials = regexp.MustCompile(`://[^/@\s:]+:[^/@\s]+@|(?i)[;?&](password|pwd|secret)=`)

func sensitive(key string) bool {
	if sensitiveName(key) {
		return true
	}
	// A misspelled secret key (ssl.keystore.pasword) still holds the
	// secret: judge it by the key it most likely means.
	c := tables[Newest()]
	if _, known := c.keys[key]; known {
		return false
	}
	near, ok := c.Nearest(key, 0)
	return ok && near != key && sensitiveName(near)
}

// sensitiveName reports whether key is sensitive by name alone.
func sensitiveName(key string) bool {
	if sensitiveKeys[key] {
		return true
	}
	k := strings.ToLower(key)
	switch {
	case k == "sasl.jaas.config", k == "basic.auth.user.info", strings.HasSuffix(k, ".jaas.config"),
		strings.Contains(k, "password"), strings.Contains(k, "passphrase"), strings.Contains(k, "secret"),
		strings.Contains(k, "credential"), strings.HasSuffix(k, ".pwd"), k == "pwd":
		return true
	case strings.Contains(k, "token"):
		for _, benign := range []string{".url", ".ms", ".seconds", ".class", ".name", ".file"} {
			if strings.HasSuffix(k, benign) {
				return false
			}
		}
		return true
	}
	return false
}

// isProviderRef reports whether v is exactly one ${provider:[path:]key}
// reference, resolved by a ConfigProvider at client start-up
// (clients/src/main/java/org/apache/kafka/common/config/ConfigTransformer.java).
func isProviderRef(v string) bool {
	v = strings.TrimSpace(v)
	return strings.HasPrefix(v, "${") && strings.HasSuffix(v, "}") && strings.Count(v, "${") == 1 &&
		strings.Contains(v, ":") && !strings.ContainsAny(v[2:len(v)-1], "{}")
}
