package keys

import (
	"encoding/json"
	"testing"
)

// FuzzExtract checks the JSON Lines field extractor against encoding/json.
// Invariants: no panic on any input; when encoding/json decodes the record
// into a map, the extractor accepts it and yields, for field "k", the same
// string (decoded), null, or the same raw JSON for other kinds of value
// (compared after re-encoding); "a.b" agrees with the nested member.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		`{"k":"v"}`, `{"k":"a\"b\\c\/\n\u00e9\ud83d\ude00"}`, `{"k":null}`, `{"k":12.5e3}`,
		`{"k":{"x":[1,2,{"y":"}"}]},"a":{"b":"c"}}`, `{"k":"\ud800"}`, `{"k":"\ud800\u0041"}`,
		`{"k":"\xff"}`, `{"a":1,"k":"first","k":"second"}`, `{"k":[]}`, `{ "k" : true }`,
		`{"k":"x"} trailing`, `{"k":01}`, `{"k":"\u12"}`, `[1]`, `{"a":{"b":null}}`, `{"\u006b":"escaped name"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, rec []byte) {
		ex := newExtractor([][]string{{"k"}, {"a", "b"}})
		err := ex.extract(rec)
		var m map[string]any
		if json.Unmarshal(rec, &m) != nil || m == nil {
			return
		}
		if err != nil {
			t.Fatalf("extract(%q) = %v, encoding/json accepts it", rec, err)
		}
		check := func(got fieldValue, want any, present bool) {
			switch {
			case !present:
				if got.kind != kindMissing {
					t.Fatalf("extract(%q) = %v %q, want missing", rec, got.kind, got.bytes)
				}
			case want == nil:
				if got.kind != kindNull {
					t.Fatalf("extract(%q) = %v %q, want null", rec, got.kind, got.bytes)
				}
			default:
				if s, ok := want.(string); ok {
					if got.kind != kindString || string(got.bytes) != s {
						t.Fatalf("extract(%q) = %v %q, want string %q", rec, got.kind, got.bytes, s)
					}
					return
				}
				var v any
				if got.kind != kindRaw || json.Unmarshal(got.bytes, &v) != nil {
					t.Fatalf("extract(%q) = %v %q, want raw JSON", rec, got.kind, got.bytes)
				}
				a, _ := json.Marshal(v)
				b, _ := json.Marshal(want)
				if string(a) != string(b) {
					t.Fatalf("extract(%q) = %s, want %s", rec, a, b)
				}
			}
		}
		k, ok := m["k"]
		check(ex.out[0], k, ok)
		var ab any
		present := false
		if a, isObj := m["a"].(map[string]any); isObj {
			ab, present = a["b"]
		}
		check(ex.out[1], ab, present)
	})
}
