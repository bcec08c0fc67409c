package analyzer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer/catalog"
	"github.com/kafkalint/kafkalint/analyzer/load"
)

// Source says where a Value comes from.
type Source uint8

// The value sources.
const (
	// Unset: the file does not set the key and the catalog has no default.
	Unset Source = iota
	// Default: the catalog default of the file's client version.
	Default
	// Explicit: the file sets the key (the last occurrence wins).
	Explicit
)

// Value is a configuration value, typed and parsed once by the engine the
// way Kafka's ConfigDef.parseType does (clients/src/main/java/org/apache/
// kafka/common/config/ConfigDef.java): the raw string is trimmed first.
type Value struct {
	Key    string
	Raw    string // trimmed
	Source Source
	// Entry is the winning occurrence for an Explicit value, else nil.
	Entry *load.Entry
	// Spec is the catalog entry, or nil for a key the catalog does not know.
	Spec *catalog.Key
	// The parsed value, by Spec.Type: Bool for Boolean; Int for Int, Short
	// and Long; Float for Double (and numbers); List for List, split at
	// commas and trimmed as ConfigDef splits on \s*,\s*.
	Bool  bool
	Int   int64
	Float float64
	List  []string
	// Err is non-nil when Raw does not parse as Spec.Type.
	Err error
}

// IsSet reports whether the value is explicit or defaulted.
func (v Value) IsSet() bool { return v.Source != Unset }

// Pos returns the position of the key that sets v, or the zero Pos.
func (v Value) Pos() load.Pos {
	if v.Entry == nil {
		return load.Pos{}
	}
	return v.Entry.KeyPos
}

// ValuePos returns the position of v's value, or the zero Pos.
func (v Value) ValuePos() load.Pos {
	if v.Entry == nil {
		return load.Pos{}
	}
	return v.Entry.ValuePos
}

// OK reports whether the value is set and parsed without error.
func (v Value) OK() bool { return v.IsSet() && v.Err == nil }

// errNotBool and friends are wrapped in Value.Err for values that do not
// parse as their type; the messages follow ConfigDef.parseType.
var (
	errNotBool   = errors.New("expected true or false")
	errNotNumber = errors.New("not a number")
)

// parseValue types raw as spec defines the key for client (a key may have
// another type for another client: catalog.Key.For).
func parseValue(key, raw string, spec *catalog.Key, client catalog.Client) Value {
	v := Value{Key: key, Raw: strings.TrimSpace(raw), Spec: spec}
	if spec == nil {
		return v
	}
	typ, _, _, _ := spec.For(client)
	switch typ {
	case catalog.Boolean:
		switch strings.ToLower(v.Raw) {
		case "true":
			v.Bool = true
		case "false":
		default:
			v.Err = errNotBool
		}
	case catalog.Int, catalog.Short, catalog.Long:
		bits := map[catalog.Type]int{catalog.Int: 32, catalog.Short: 16, catalog.Long: 64}[typ]
		n, err := strconv.ParseInt(v.Raw, 10, bits)
		if err != nil {
			v.Err = fmt.Errorf("%w of type %s", errNotNumber, typ)
		}
		v.Int, v.Float = n, float64(n)
	case catalog.Double:
		f, err := strconv.ParseFloat(v.Raw, 64)
		if err != nil {
			v.Err = fmt.Errorf("%w of type double", errNotNumber)
		}
		v.Float = f
	case catalog.List:
		if v.Raw != "" {
			v.List = strings.Split(v.Raw, ",")
			for i := range v.List {
				v.List[i] = strings.TrimSpace(v.List[i])
			}
		}
	}
	return v
}
