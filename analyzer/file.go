package analyzer

import (
	"path/filepath"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer/catalog"
	"github.com/kafkalint/kafkalint/analyzer/load"
)

// File is one configuration file as rules see it: the parsed entries with
// positions, the detected role, the catalog of its client version and the
// settings that apply to it.
type File struct {
	*load.File
	// Role is the set of clients the file configures.
	Role Role
	// RoleSource says how Role was found: "settings", "keys" or "file name".
	RoleSource string
	// Catalog is the key table of the file's client version.
	Catalog *catalog.Catalog
	// Settings are the resolved settings for the file.
	Settings FileSettings
	// Named is true when the file was named on the command line rather
	// than found by walking a directory.
	Named bool

	// notKafka is set on a named file that holds no Kafka key: only the
	// NotKafka meta rule reports on it.
	notKafka bool
	// unsupported says why a Kafka configuration was not linted (its
	// dialect); only the Unsupported meta rule reports on it.
	unsupported string
	// anyDialect is set with unsupported for a configuration in a dialect
	// kafkalint recognises (librdkafka, Spring Boot properties): rules
	// marked AnyDialect still run on it.
	anyDialect bool

	// vals holds one typed value per distinct key, in order of the key's
	// first occurrence, with the last occurrence's value (the one in force);
	// idx maps a key to its position in vals for files with many keys (see
	// index), and firsts[i] is the first occurrence of vals[i]'s key.
	vals       []Value
	firsts     []*load.Entry
	idx        map[string]int32
	directives []directive
}

// Effective returns the value of key: the explicit value when the file sets
// it, else the catalog default of the file's client version, else an Unset
// Value.
func (f *File) Effective(key string) Value {
	if i := f.index(key); i >= 0 {
		return f.vals[i]
	}
	spec, _ := f.Catalog.Lookup(key)
	if spec == nil {
		return Value{Key: key}
	}
	_, def, hasDefault, _ := spec.For(f.Client())
	if !hasDefault {
		return Value{Key: key, Spec: spec}
	}
	v := parseValue(key, def, spec, f.Client())
	v.Source = Default
	return v
}

// Client returns the catalog client whose definitions (types, defaults)
// apply to the file's keys: a Connect worker's session.timeout.ms defaults
// to 10000, a consumer's to 45000.
func (f *File) Client() catalog.Client {
	switch {
	case f.Role.Has(ConnectWorker):
		return catalog.Worker
	case f.Role.Has(Connector):
		return catalog.Connector
	case f.Role.Has(Streams):
		return catalog.Streams
	case f.Role.Has(Consumer):
		return catalog.Consumer
	case f.Role.Has(Producer):
		return catalog.Producer
	case f.Role.Has(Admin):
		return catalog.Admin
	}
	return catalog.Consumer | catalog.Producer | catalog.Admin
}

// Explicit returns the value the file sets for key, if it does.
func (f *File) Explicit(key string) (Value, bool) {
	i := f.index(key)
	if i < 0 {
		return Value{}, false
	}
	return f.vals[i], true
}

// linearScanMax is the number of entries up to which index scans vals
// instead of building a map. Rules look up many keys a file does not set,
// and a miss scans every key: measured on 25-key files, the map wins from
// about ten keys on.
const linearScanMax = 8

// index returns the position of key in vals, or -1.
func (f *File) index(key string) int {
	if f.idx != nil {
		if i, ok := f.idx[key]; ok {
			return int(i)
		}
		return -1
	}
	for i := range f.vals {
		if f.vals[i].Key == key {
			return i
		}
	}
	return -1
}

// Unique returns the first occurrence of each key, in file order. Rules
// that report once per key iterate it; Explicit gives the value in force.
func (f *File) Unique() []*load.Entry { return f.firsts }

// Values returns the value in force of each key the file sets, in order
// of the keys' first occurrence.
func (f *File) Values() []Value { return f.vals }

// GroupID returns the file's group.id, or "" when it has none.
func (f *File) GroupID() string {
	if v, ok := f.Explicit("group.id"); ok {
		return v.Raw
	}
	return ""
}

func newFile(lf *load.File, s FileSettings, named bool) *File {
	cat, ok := catalog.For(s.Version)
	if !ok {
		cat, _ = catalog.For(catalog.Newest())
	}
	f := &File{File: lf, Catalog: cat, Settings: s, Named: named,
		vals: make([]Value, 0, len(lf.Entries)), firsts: make([]*load.Entry, 0, len(lf.Entries))}
	if len(lf.Entries) > linearScanMax {
		f.idx = make(map[string]int32, len(lf.Entries))
	}
	for i := range lf.Entries {
		e := &lf.Entries[i]
		if j := f.index(e.Key); j >= 0 {
			f.vals[j].Entry = e // a later occurrence wins
			continue
		}
		spec, _ := cat.Lookup(e.Key)
		if f.idx != nil {
			f.idx[e.Key] = int32(len(f.vals))
		}
		f.vals = append(f.vals, Value{Key: e.Key, Spec: spec, Source: Explicit, Entry: e})
		f.firsts = append(f.firsts, e)
	}
	f.Role, f.RoleSource = detectRole(f)
	// Values are typed once the role is known: the type of a key can
	// depend on the client.
	for i, v := range f.vals {
		t := parseValue(v.Key, v.Entry.Value, v.Spec, f.Client())
		t.Source, t.Entry = Explicit, v.Entry
		f.vals[i] = t
	}
	return f
}

// Definitive keys: a file that sets them is a client of that kind.
// (ConsumerConfig requires key/value.deserializer, ProducerConfig
// key/value.serializer; StreamsConfig requires application.id; Connect's
// ConnectorConfig requires connector.class; WorkerConfig's distributed mode
// requires config.storage.topic and a standalone worker offset.storage.file.filename.)
var definitive = []struct {
	key  string
	role Role
}{
	{"application.id", Streams},
	{"connector.class", Connector},
	{"config.storage.topic", ConnectWorker},
	{"offset.storage.topic", ConnectWorker},
	{"offset.storage.file.filename", ConnectWorker},
	{"plugin.path", ConnectWorker},
	{"key.deserializer", Consumer},
	{"value.deserializer", Consumer},
	{"key.serializer", Producer},
	{"value.serializer", Producer},
}

// detectRole finds the clients a file configures: from settings when they
// set a role; else from definitive keys; else from the file name
// (producer.properties); else from keys only one client defines (group.id
// and auto.offset.reset are consumer keys, acks and linger.ms producer keys).
func detectRole(f *File) (Role, string) {
	if f.Settings.Role != 0 {
		return f.Settings.Role, "settings"
	}
	var r Role
	for _, d := range definitive {
		if f.index(d.key) >= 0 {
			r |= d.role
		}
	}
	if r.Has(Streams | ConnectWorker | Connector) {
		// Streams and Connect configs carry client keys of every kind.
		return r &^ (Consumer | Producer), "keys"
	}
	if r != 0 {
		return r, "keys"
	}
	if r := roleFromName(filepath.Base(f.Path)); r != 0 {
		return r, "file name"
	}
	var cons, prod int
	for _, v := range f.vals {
		key := v.Key
		if v.Spec == nil || strings.HasPrefix(key, "ssl.") || strings.HasPrefix(key, "sasl.") {
			continue
		}
		c := v.Spec.Clients
		switch {
		case c&catalog.Consumer != 0 && c&catalog.Producer == 0:
			cons++
		case c&catalog.Producer != 0 && c&catalog.Consumer == 0:
			prod++
		}
	}
	if cons > 0 {
		r |= Consumer
	}
	if prod > 0 {
		r |= Producer
	}
	return r, "keys"
}

func roleFromName(base string) Role {
	base = strings.ToLower(base)
	var r Role
	switch {
	case strings.Contains(base, "connect-distributed"), strings.Contains(base, "connect-standalone"), strings.Contains(base, "worker"):
		r |= ConnectWorker
	case strings.Contains(base, "connector"), strings.Contains(base, "sink"), strings.Contains(base, "source"):
		r |= Connector
	case strings.Contains(base, "stream"):
		r |= Streams
	}
	if strings.Contains(base, "consumer") {
		r |= Consumer
	}
	if strings.Contains(base, "producer") {
		r |= Producer
	}
	if strings.Contains(base, "admin") {
		r |= Admin
	}
	return r
}
